import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { importDecision } from '../../src/trading/budget/budget-exchange';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * The budget loop with the budget system (seeds 003, 004): lines imported idempotently on the
 * system's line id (a changed line refused, the file all or nothing), and what plans, contracts and
 * payments did with each line exported back.
 */
let t: TestPlatform;
const cookies: Record<string, string> = {};
const year = 2026;
const line = (lineId: string, code: string, amountFen: number) => ({ lineId, fiscalYear: year, code, name: `专项${code}`, category: 'goods' as const, amountFen });

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-23T02:00:00.000Z' });
  await seedDemoData(t.platform);
  for (const name of ['purchaser', 'purchaser-pd', 'supplier1']) cookies[name] = await t.signIn(name);
}, 180_000);
afterAll(() => t?.close());

const importLines = (who: string, lines: unknown[]) => t.api('POST', '/api/budget-lines/import', { cookie: cookies[who], body: { format: 'budget-exchange/1', lines } });
const myLines = async (who: string) => (await t.api('GET', '/api/budget-lines', { cookie: cookies[who] })).body as { code: string; amountFen: number }[];

describe('what an imported line does', () => {
  const existing = { id: 'x', sourceLineId: 'B-1', fiscalYear: year, code: 'C1', name: '专项C1', category: 'goods', amountFen: 100 };
  it('creates, changes nothing, links a line entered by hand, or refuses a changed one', () => {
    expect(importDecision(line('B-1', 'C1', 100), undefined, undefined)).toEqual({ kind: 'create' });
    expect(importDecision(line('B-1', 'C1', 100), existing, existing)).toEqual({ kind: 'unchanged', id: 'x' });
    expect(importDecision(line('B-1', 'C1', 120), existing, existing)).toMatchObject({ kind: 'refuse', code: 'BUDGET_LINE_CHANGED' });
    expect(importDecision(line('B-2', 'C1', 100), undefined, { ...existing, sourceLineId: null })).toEqual({ kind: 'link', id: 'x' });
    expect(importDecision(line('B-2', 'C1', 100), undefined, existing)).toMatchObject({ kind: 'refuse', code: 'BUDGET_LINE_EXISTS' });
  });
});

describe('the import', () => {
  it('creates lines once, whatever how often the file comes', async () => {
    const file = [line('YS-2026-0001', 'XH-JY-2026-101', 3_000_000_00), line('YS-2026-0002', 'XH-JY-2026-102', 800_000_00)];
    expect((await importLines('purchaser', file)).body).toEqual({ created: 2, linked: 0, unchanged: 0 });
    expect((await importLines('purchaser', file)).body).toEqual({ created: 0, linked: 0, unchanged: 2 });
    expect((await myLines('purchaser')).filter((l) => l.code.startsWith('XH-JY-2026-10'))).toHaveLength(2);
  });

  it('refuses a line whose amount changed, and applies nothing of that file', async () => {
    const res = await importLines('purchaser', [line('YS-2026-0003', 'XH-JY-2026-103', 100_00), line('YS-2026-0001', 'XH-JY-2026-101', 3_500_000_00)]);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('BUDGET_LINE_CHANGED');
    expect(res.body.messages['zh-CN']).toContain('YS-2026-0001');
    expect(res.body.messages['en-US']).toContain('3,000,000.00');
    const lines = await myLines('purchaser');
    expect(lines.find((l) => l.code === 'XH-JY-2026-101')!.amountFen).toBe(3_000_000_00);
    expect(lines.some((l) => l.code === 'XH-JY-2026-103')).toBe(false);
  });

  it('links the line entered by hand that agrees, and keeps each purchaser to its own', async () => {
    const demo = (await t.api('GET', '/api/budget-lines', { cookie: cookies.purchaser })).body.find((l: { code: string }) => l.code === 'XH-JY-2026-018');
    const same = { lineId: 'YS-2026-0018', fiscalYear: demo.fiscalYear, code: demo.code, name: demo.name, category: demo.category, amountFen: demo.amountFen };
    expect((await importLines('purchaser', [same])).body).toEqual({ created: 0, linked: 1, unchanged: 0 });
    expect((await importLines('purchaser', [same])).body).toEqual({ created: 0, linked: 0, unchanged: 1 });
    // Another unit's file with the same ids is its own.
    expect((await importLines('purchaser-pd', [line('YS-2026-0001', 'XH-JY-2026-101', 1_00)])).body).toEqual({ created: 1, linked: 0, unchanged: 0 });
    expect((await importLines('supplier1', [same])).status).toBe(403);
    expect((await importLines('purchaser', [same, same])).status).toBe(422);
  });
});

describe('the export', () => {
  it('gives back, per line, the plans drawn, the contracts committed and the payments made', async () => {
    const res = await t.api('GET', '/api/budget-lines/export', { cookie: cookies.purchaser });
    expect(res.status).toBe(200);
    expect(res.body.format).toBe('budget-exchange/1');
    const lines = (await t.api('GET', '/api/budget-lines', { cookie: cookies.purchaser })).body as { id: string; amountFen: number; remainingFen: number; contractedFen: number; paidFen: number }[];
    const demo = res.body.lines.find((l: { code: string }) => l.code === 'XH-JY-2026-018');
    const figures = lines.find((l) => l.id === demo.budgetLineId)!;
    expect(demo.lineId).toBe('YS-2026-0018');
    expect(demo.plannedFen).toBe(figures.amountFen - figures.remainingFen);
    expect(demo.plans.filter((p: { status: string }) => p.status !== 'cancelled').reduce((s: number, p: { amountFen: number }) => s + p.amountFen, 0)).toBe(demo.plannedFen);
    expect(demo.contractedFen).toBe(figures.contractedFen);
    expect(demo.contracts.reduce((s: number, c: { priceFen: number }) => s + c.priceFen, 0)).toBe(demo.contractedFen);
    expect(demo.contracts[0].title).toContain('照明改造');
    expect(demo.paidFen).toBe(figures.paidFen);
    expect(demo.payments.reduce((s: number, p: { totalFen: number }) => s + p.totalFen, 0)).toBe(demo.paidFen);
    expect(res.body.lines.find((l: { lineId: string | null }) => l.lineId === 'YS-2026-0002')).toMatchObject({ plannedFen: 0, contractedFen: 0, paidFen: 0, plans: [], contracts: [], payments: [] });
    // Another purchaser's export holds only its own.
    const other = (await t.api('GET', '/api/budget-lines/export', { cookie: cookies['purchaser-pd'] })).body;
    expect(other.lines.map((l: { lineId: string | null }) => l.lineId)).toEqual(['YS-2026-0001']);
  });
});
