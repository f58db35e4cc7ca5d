import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { systemContext } from '../../src/platform/context';
import { queryRows } from '../../src/platform/database/database';
import { writeSetting } from '../../src/platform/settings/settings';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * Issue 13 on the demo data. The demo's planted collusion: supplier2 and supplier3 seal their bids on one computer on
 * two projects. The engine finds exactly that, on those two projects, and leaves the honest
 * competition of the lighting project alone; a full run adds nothing on top of what the openings found.
 */
let t: TestPlatform;
const as = async (username: string) => ({ cookie: await t.signIn(username) });
type Alert = { code: string; project: { title: string } | null; entities: { name: string }[] };

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-23T02:00:00.000Z' });
  await seedDemoData(t.platform);
}, 300_000);
afterAll(async () => t?.close());

describe('red flags in the demo', () => {
  it('finds the shared computer on both projects and nothing on the honest one', async () => {
    const alerts = (await t.api('GET', '/api/supervision/alerts', await as('supervisor-xh'))).body.items as Alert[];
    const device = alerts.filter((a) => a.code === 'CL-01');
    expect(device.map((a) => a.project!.title).sort()).toEqual(['区属幼儿园交互式教学一体机采购', '徐汇区中小学智慧黑板采购']);
    for (const a of device) expect(a.entities.map((e) => e.name).sort()).toEqual(['上海华东智能设备股份有限公司', '上海浦江数据服务有限公司']);
    expect(alerts.filter((a) => a.project?.title === '徐汇区中小学教室照明改造灯具采购')).toEqual([]);
    // Nothing else is presumed: each demo organisation bids from its own address and its own documents.
    expect(alerts.filter((a) => a.code.startsWith('CL-') && a.code !== 'CL-01')).toEqual([]);
  });

  it('a full run keeps those alerts and raises no statistical noise on three-bid lots', async () => {
    const cookie = (await as('supervisor')).cookie;
    const before = (await t.api('GET', '/api/supervision/alerts', { cookie })).body.items as Alert[];
    const run = await t.api('POST', '/api/supervision/redflag-runs', { cookie });
    await t.jobs.runDue();
    const outcome = (await t.api('GET', `/api/supervision/redflag-runs/${run.body.jobId}`, { cookie })).body;
    expect(outcome.status).toBe('succeeded');
    const after = (await t.api('GET', '/api/supervision/alerts', { cookie })).body.items as Alert[];
    expect(after.filter((a) => a.code.startsWith('CL-'))).toHaveLength(before.filter((a) => a.code.startsWith('CL-')).length);
    expect(after.filter((a) => a.code === 'S-BID')).toEqual([]);
    const codes = await queryRows<{ code: string }>(t.platform.database.db, sql`SELECT DISTINCT code FROM red_flag_alert WHERE gone_at IS NULL ORDER BY 1`);
    console.log(`demo alerts after a full run: ${codes.map((c) => c.code).join(', ')}`);
  });
});

describe('market average prices (seed 004)', () => {
  it('show a purchaser what the signed contracts paid for the item, once enough contracts stand behind it', async () => {
    const cookie = (await as('purchaser')).cookie;
    const none = await t.api('GET', `/api/market-prices?item=${encodeURIComponent('LED 教室灯')}`, { cookie });
    expect(none.body).toMatchObject({ minContracts: 3, prices: [] }); // the demo has one lighting contract
    await writeSetting(systemContext(t.platform), 'supervision.marketPriceMinContracts', 1, 0);
    const [lamp] = await queryRows<{ items: { name: string; model: string; unitPriceFen: number; quantity: number }[] }>(t.platform.database.db, sql`SELECT items FROM contract WHERE title LIKE '%照明%' AND status IN ('signed', 'completed')`);
    const paid = lamp!.items[0]!;
    const res = await t.api('GET', `/api/market-prices?item=${encodeURIComponent(paid.name.slice(0, 4))}`, { cookie });
    expect(res.body.prices).toEqual([expect.objectContaining({ item: paid.name, model: paid.model, contracts: 1, quantity: paid.quantity, averageFen: paid.unitPriceFen, spread: 0 })]);
    // Shandong's purchaser sees Shandong's prices, not Shanghai's.
    expect((await t.api('GET', `/api/market-prices?item=${encodeURIComponent(paid.name.slice(0, 4))}`, await as('purchaser-sd'))).body.prices).toEqual([]);
  });
});

describe('the supervisor’s dashboard', () => {
  it('sums the region’s trades and shows what is open and what runs now', async () => {
    const board = (await t.api('GET', '/api/supervision/dashboard', await as('supervisor-xh'))).body;
    expect(board.methods).toEqual(expect.arrayContaining([expect.objectContaining({ method: 'openTender' })]));
    expect(board.byMonth.reduce((n: number, m: { projects: number }) => n + m.projects, 0)).toBe(board.methods.reduce((n: number, m: { projects: number }) => n + m.projects, 0));
    // The lighting contract is signed below its budget.
    expect(board.savings.contracts).toBeGreaterThanOrEqual(1);
    expect(board.savings.rate).toBeGreaterThan(0);
    expect(board.openAlerts).toEqual(expect.arrayContaining([{ code: 'CL-01', open: 2 }]));
    expect(board.running).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'evaluation', title: '区属幼儿园交互式教学一体机采购' })]));
    expect(typeof board.overdueRefunds).toBe('number');
    // The trading centre does not follow refunds or payments: it gets no figure for them.
    const operator = (await t.api('GET', '/api/supervision/dashboard', await as('operator'))).body;
    expect(operator).toMatchObject({ overdueRefunds: null, overduePayments: null });
    // Works only: the demo's lighting contract is goods, so no contract is counted.
    expect((await t.api('GET', '/api/supervision/dashboard?category=works', await as('supervisor-xh'))).body.savings.contracts).toBe(0);
  });
});

describe('a credit file', () => {
  it('holds good conduct too: the purchaser’s rating of the lighting contract', async () => {
    const [winner] = await queryRows<{ id: string }>(t.platform.database.db, sql`SELECT supplier_entity_id AS id FROM contract WHERE title LIKE '%照明%'`);
    const file = (await t.api('GET', `/api/supervision/entities/${winner!.id}/credit`, await as('supervisor'))).body;
    expect(file.performance).toEqual([expect.objectContaining({ ratings: { quality: 5, delivery: 4, service: 5 }, average: 4.7, comment: '按期交付，安装规范' })]);
  });
});
