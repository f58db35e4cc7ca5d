import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { queryRows } from '../../src/platform/database/database';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * Custom reports (issue 13) on the demo: a supervisor groups the region's lots, saves and shares the
 * report, and exports it with the list behind it to Excel, following the export's progress.
 */
let t: TestPlatform;
const as = async (username: string) => ({ cookie: await t.signIn(username) });
const lotsByStatus = { subject: 'lots', rows: 'status', measures: ['count', 'budgetFen'], filters: {} };

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-23T02:00:00.000Z' });
  await seedDemoData(t.platform);
}, 300_000);
afterAll(async () => t?.close());

describe('custom reports', () => {
  it('group the region’s lots as asked, with names for codes and totals that add up', async () => {
    const res = await t.api('POST', '/api/supervision/reports/run', { ...(await as('supervisor-xh')), body: { ...lotsByStatus, columns: 'method' } });
    expect(res.status).toBe(200);
    const [expected] = await queryRows<{ n: number; fen: string }>(t.platform.database.db, sql`SELECT count(*)::int AS n, sum(l.budget_fen)::text AS fen FROM lot l JOIN project p ON p.id = l.project_id WHERE p.region_code LIKE '310104%'`);
    expect(res.body.totals).toEqual({ count: expected!.n, budgetFen: Number(expected!.fen) });
    expect(res.body.columns.map((c: { label: { 'zh-CN': string } }) => c.label['zh-CN'])).toContain('公开招标');
    const cellSum = Object.values(res.body.cells as Record<string, Record<string, { count: number }>>).flatMap((byColumn) => Object.values(byColumn)).reduce((n, c) => n + c.count, 0);
    expect(cellSum).toBe(expected!.n);
    // Shandong's supervisor counts Shandong's lots only.
    const sd = await t.api('POST', '/api/supervision/reports/run', { ...(await as('supervisor-sd')), body: lotsByStatus });
    expect(sd.body.totals.count).toBeLessThan(expected!.n);
  });

  it('refuse what a subject does not have, saying so', async () => {
    const res = await t.api('POST', '/api/supervision/reports/run', { ...(await as('supervisor')), body: { subject: 'contracts', rows: 'status', measures: ['averageBidders'], filters: {} } });
    expect(res.status).toBe(422);
    expect(res.body.messages['zh-CN']).toContain('平均投标人数');
  });

  it('are saved, shared within the department only, and deleted by their author', async () => {
    const mine = await t.api('POST', '/api/supervision/reports', { ...(await as('supervisor')), body: { name: '按状态统计标项', shared: true, definition: lotsByStatus } });
    expect(mine.status).toBe(201);
    expect((await t.api('GET', '/api/supervision/reports', await as('supervisor'))).body.map((r: { name: string }) => r.name)).toEqual(['按状态统计标项']);
    expect((await t.api('GET', '/api/supervision/reports', await as('supervisor-xh'))).body).toEqual([]); // another department
    expect((await t.api('DELETE', `/api/supervision/reports/${mine.body.id}?revision=1`, await as('supervisor-xh'))).status).toBe(404);
    expect((await t.api('DELETE', `/api/supervision/reports/${mine.body.id}?revision=1`, await as('supervisor'))).status).toBe(204);
  });

  it('export to Excel as a job: the summary, the list behind it, the progress; only the one who asked reads it', async () => {
    const cookie = (await as('supervisor')).cookie;
    const started = await t.api('POST', '/api/supervision/report-exports', { cookie, body: { subject: 'bids', rows: 'supplier', measures: ['count', 'averagePriceFen'], filters: {} } });
    expect(started.status).toBe(202);
    expect((await t.api('GET', `/api/supervision/report-exports/${started.body.jobId}/file`, { cookie })).status).toBe(409);
    await t.jobs.runDue();
    const status = (await t.api('GET', `/api/supervision/report-exports/${started.body.jobId}`, { cookie })).body;
    const [opened] = await queryRows<{ n: number }>(t.platform.database.db, sql`SELECT count(*)::int AS n FROM bid WHERE status = 'decrypted'`);
    expect(status).toMatchObject({ status: 'succeeded', rows: opened!.n, progress: { done: opened!.n, total: opened!.n } });
    const file = await t.api('GET', `/api/supervision/report-exports/${started.body.jobId}/file`, { cookie });
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['汇总', '明细']);
    expect(workbook.getWorksheet('明细')!.rowCount).toBe(opened!.n + 1);
    expect(workbook.getWorksheet('汇总')!.getRow(2).values).toEqual([undefined, '供应商', '数量', '平均报价']);
    // Sealed bids are not in it: the demo's project opening soon has three.
    const names = workbook.getWorksheet('明细')!.getColumn(2).values.filter((v) => v === '中小学创客实验室设备采购');
    expect(names).toEqual([]);
    expect((await t.api('GET', `/api/supervision/report-exports/${started.body.jobId}`, await as('supervisor-xh'))).status).toBe(404);
  });
});
