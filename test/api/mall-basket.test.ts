import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { systemContext } from '../../src/platform/context';
import { writeSetting } from '../../src/platform/settings/settings';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * The e-mall's 网上竞价 (MALL-05..07) and its admission of suppliers (MALL-08): suppliers apply and the
 * operator of their province decides; a purchaser puts a basket out for quotes; admitted suppliers
 * quote once, sealed — before the close nobody, the purchaser and the operator included, sees a quote
 * or how many there are; at the close the lowest quote meeting the basket wins (ties: the earliest),
 * too few quotes fail the bidding or (per setting) wait for the purchaser; the award is a contract
 * accepted as a direct order's is; the basket counts towards the split-purchase warning (GP-94).
 */
let t: TestPlatform;
beforeAll(async () => {
  // Monday 1 June 2026, 10:00 in Shanghai.
  t = await startTestPlatform({ demo: true, now: '2026-06-01T02:00:00.000Z' });
}, 120_000);
afterAll(() => t?.close());

const CLOSE = shanghaiInstant('2026-06-04', '10:00');
const DESKTOPS = { categoryCode: 'A02010104', name: '台式计算机', specification: 'Intel i5 / 16GB / 512GB SSD / 23.8英寸显示器', quantity: 10, budgetUnitPriceFen: 600_000 };
const cookies: Record<string, string> = {};
const names: Record<string, string> = {};
const products: Record<string, string> = {};
const as = async (username: string) => (cookies[username] = await t.signIn(username));
const basketBody = (title: string, closesAt: Date, line: Partial<typeof DESKTOPS> = {}) => ({ title, lines: [{ ...DESKTOPS, ...line }], deliveryAddress: '上海市徐汇区漕溪北路1号', closesAt: closesAt.toISOString() });
const quote = (username: string, basketId: string, unitPriceFen: number, productId = products[username]!) =>
  t.api('POST', `/api/mall/baskets/${basketId}/quotes`, { cookie: cookies[username], body: { lines: [{ lineNo: 1, productId, unitPriceFen }] } });
const read = (username: string, basketId: string) => t.api('GET', `/api/mall/baskets/${basketId}`, { cookie: cookies[username] });

describe('admission to the e-mall (MALL-08)', () => {
  it('shows the operator the applications of its province with name, credit code and 品目; it admits or refuses with a reason, the supplier sees where it stands', async () => {
    for (const u of ['supplier1', 'supplier2', 'supplier3', 'supplier4', 'supplier-sd', 'operator', 'operator-sd', 'purchaser']) await as(u);
    for (const u of ['supplier1', 'supplier2', 'supplier3', 'supplier4']) names[u] = (await t.api('GET', '/api/session', { cookie: cookies[u] })).body.entity.name;
    // The demo's supplier3 has applied and waits.
    expect((await t.api('GET', '/api/mall/my-admission', { cookie: cookies.supplier3 })).body).toMatchObject({ admitted: false, mayApply: false, applications: [{ status: 'pending' }] });
    const applied = await t.api('POST', '/api/mall/applications', { cookie: cookies.supplier4, body: { categories: ['A02010104'], statement: '台式计算机经销，上海市内送货' } });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect((await t.api('POST', '/api/mall/applications', { cookie: cookies.supplier4, body: { categories: ['A02010104'], statement: '再次申请' } })).body.code).toBe('ALREADY_APPLIED');

    const list = await t.api('GET', '/api/mall/applications?status=pending', { cookie: cookies.operator });
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { entityName: string }) => a.entityName).sort()).toEqual([names.supplier3, names.supplier4].sort());
    const of3 = list.body.items.find((a: { entityName: string }) => a.entityName === names.supplier3);
    expect(of3).toMatchObject({ creditCode: expect.stringMatching(/^[0-9A-Z]{18}$/), categories: ['A02010104', 'A02021001'], status: 'pending' });
    // Shandong's operator neither lists nor decides Shanghai's applications.
    expect((await t.api('GET', '/api/mall/applications', { cookie: cookies['operator-sd'] })).body.items).toEqual([]);
    expect((await t.api('POST', `/api/mall/applications/${of3.id}/decision`, { cookie: cookies['operator-sd'], body: { decision: 'admit', reason: '同意' } })).status).toBe(404);

    const refused = await t.api('POST', `/api/mall/applications/${applied.body.id}/decision`, { cookie: cookies.operator, body: { decision: 'refuse', reason: '未提供品牌授权证明' } });
    expect(refused.body).toMatchObject({ status: 'refused', reason: '未提供品牌授权证明' });
    expect((await t.api('GET', '/api/mall/my-admission', { cookie: cookies.supplier4 })).body).toMatchObject({ admitted: false, mayApply: true, applications: [{ status: 'refused', reason: '未提供品牌授权证明' }] });
    expect((await t.api('POST', `/api/mall/applications/${applied.body.id}/decision`, { cookie: cookies.operator, body: { decision: 'admit', reason: '改判' } })).body.code).toBe('ALREADY_DECIDED');

    expect((await t.api('POST', `/api/mall/applications/${of3.id}/decision`, { cookie: cookies.operator, body: { decision: 'admit', reason: '资料齐全，同意准入' } })).body.status).toBe('admitted');
    expect((await t.api('GET', '/api/mall/my-admission', { cookie: cookies.supplier3 })).body).toMatchObject({ admitted: true, mayApply: false });
    // Or the operator admits a supplier directly.
    const supplier1 = (await t.api('GET', '/api/session', { cookie: cookies.supplier1 })).body.entity.id;
    expect((await t.api('POST', '/api/mall/suppliers', { cookie: cookies.operator, body: { entityId: supplier1 } })).status).toBe(201);
    const admitted = (await t.api('GET', '/api/mall/suppliers', { cookie: cookies.operator })).body.items.map((s: { name: string }) => s.name);
    expect(admitted).toEqual(expect.arrayContaining([names.supplier1, names.supplier2, names.supplier3]));
    expect(admitted).not.toContain(names.supplier4);

    const audit = await t.api('GET', '/api/audit/entries?action=mall.application_refuse', { cookie: cookies.operator });
    expect(audit.body.items[0]).toMatchObject({ action: 'mall.application_refuse', after: { reason: '未提供品牌授权证明' } });

    // Each admitted supplier lists a desktop computer (supplier2's comes with the demo).
    for (const u of ['supplier1', 'supplier3']) {
      const p = await t.api('POST', '/api/mall/products', { cookie: cookies[u], body: { categoryCode: 'A02010104', name: `台式计算机 ${u}`, specification: 'i5/16GB/512GB', unitPriceFen: 560_000, stock: 100, deliveryRegions: ['310000'] } });
      expect(p.status).toBe(201);
      products[u] = p.body.id;
    }
    products.supplier2 = (await t.api('GET', '/api/mall/products?categoryCode=A02010104', { cookie: cookies.purchaser })).body.items.find((p: { supplierName: string }) => p.supplierName === names.supplier2).id;
  });
});

describe('网上竞价 (MALL-05..07)', () => {
  const baskets: Record<string, string> = {};

  it('publishes a basket no sooner than the minimum period and within the mall threshold', async () => {
    const early = await t.api('POST', '/api/mall/baskets', { cookie: cookies.purchaser, body: basketBody('早截止', shanghaiInstant('2026-06-03', '23:59')) });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'BIDDING_PERIOD_TOO_SHORT', ruleId: 'MALL-05' });
    expect(early.body.messages['zh-CN']).toContain('2026-06-04');
    const big = await t.api('POST', '/api/mall/baskets', { cookie: cookies.purchaser, body: basketBody('超限额', CLOSE, { quantity: 100, budgetUnitPriceFen: 1_000_001 }) });
    expect(big.body).toMatchObject({ code: 'ABOVE_MALL_THRESHOLD', ruleId: 'MALL-02' });
    for (const key of ['lowest', 'tie', 'few']) {
      const b = await t.api('POST', '/api/mall/baskets', { cookie: cookies.purchaser, body: basketBody(`教室计算机 ${key}`, CLOSE) });
      expect(b.status, JSON.stringify(b.body)).toBe(201);
      expect(b.body).toMatchObject({ status: 'bidding', sealed: true, budgetFen: 6_000_000, minimumQuotes: 3, tooFewQuotes: 'fail', quotes: null, result: null, revision: 1 });
      baskets[key] = b.body.id;
    }
  });

  it('takes one sealed quote from each admitted supplier; nobody else, the purchaser and the operator included, sees a quote or how many there are', async () => {
    for (const [u, price] of [['supplier1', 520_000], ['supplier2', 500_000], ['supplier3', 510_000]] as const) {
      const q = await quote(u, baskets.lowest!, price);
      expect(q.status, JSON.stringify(q.body)).toBe(201);
      expect(q.body).toMatchObject({ totalFen: price * 10 });
    }
    expect((await quote('supplier1', baskets.lowest!, 400_000)).body.code).toBe('ALREADY_QUOTED');
    expect((await quote('supplier4', baskets.lowest!, 400_000, products.supplier1)).body.code).toBe('NOT_ADMITTED');
    expect((await quote('supplier-sd', baskets.lowest!, 400_000, products.supplier1)).status).toBe(404);
    expect((await quote('supplier3', baskets.tie!, 600_001)).body.code).toBe('ABOVE_BUDGET');
    expect((await quote('supplier3', baskets.tie!, 500_000, products.supplier1)).body.code).toBe('PRODUCT_UNAVAILABLE');

    // The supplier sees its own quote; another supplier, the purchaser, the operator and the supervisor see none, nor a count.
    expect((await read('supplier1', baskets.lowest!)).body.myQuote).toMatchObject({ totalFen: 5_200_000, lines: [{ lineNo: 1, unitPriceFen: 520_000 }] });
    const fresh = (await read('purchaser', baskets.few!)).body;
    await as('supervisor');
    for (const u of ['supplier4', 'purchaser', 'operator', 'supervisor']) {
      const seen = await read(u, baskets.lowest!);
      expect(seen.status, u).toBe(200);
      expect(seen.body, u).toMatchObject({ sealed: true, quotes: null, myQuote: null, result: null, revision: 1 });
      // Byte for byte what a basket nobody quoted for shows the purchaser, but for its own number, title and id.
      const strip = (b: Record<string, unknown>) => JSON.stringify({ ...b, id: '', basketNumber: '', title: '', publishedAt: '' });
      expect(strip(seen.body), u).toBe(strip(fresh));
      const text = JSON.stringify((await t.api('GET', '/api/mall/baskets', { cookie: cookies[u] })).body);
      for (const who of ['supplier1', 'supplier2', 'supplier3']) expect(text, `${u} sees ${who}`).not.toContain(names[who]!);
      expect(text, u).not.toMatch(/5200000|5000000|5100000|520000|510000/);
    }
    // Nor does the audit log show the quotes before the close.
    const before = await t.api('GET', `/api/audit/entries?subjectType=mall_basket&subjectId=${baskets.lowest}`, { cookie: cookies.operator });
    expect(before.body.items.map((e: { action: string }) => e.action).filter((a: string) => a.startsWith('mall.'))).toEqual(['mall.basket_publish']);
  });

  it('gives a tie to the earliest quote received, and fails a basket with fewer than three quotes', async () => {
    expect((await quote('supplier3', baskets.tie!, 490_000)).status).toBe(201);
    t.clock.advance(60_000);
    expect((await quote('supplier1', baskets.tie!, 490_000)).status).toBe(201);
    expect((await quote('supplier2', baskets.tie!, 495_000)).status).toBe(201);
    expect((await quote('supplier1', baskets.few!, 450_000)).status).toBe(201);
    expect((await quote('supplier2', baskets.few!, 460_000)).status).toBe(201);
  });

  it('refuses a quote at the close, then opens the quotes: the lowest wins, the result is published and its contract is accepted like a direct order’s', async () => {
    t.clock.set(CLOSE);
    for (const u of ['supplier3', 'purchaser', 'operator']) await as(u);
    t.clock.set(CLOSE);
    const late = await quote('supplier3', baskets.few!, 400_000);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'BIDDING_CLOSED', ruleId: 'MALL-06' });
    await t.jobs.runDue();

    const lowest = (await read('purchaser', baskets.lowest!)).body;
    expect(lowest).toMatchObject({ status: 'awarded', sealed: false, result: { supplierName: names.supplier2, priceFen: 5_000_000 }, contract: { status: 'signed' } });
    expect(lowest.quotes.map((q: { supplierName: string; totalFen: number; rank: number }) => [q.supplierName, q.totalFen, q.rank])).toEqual([
      [names.supplier1, 5_200_000, 3],
      [names.supplier2, 5_000_000, 1],
      [names.supplier3, 5_100_000, 2],
    ]);
    // A losing supplier sees the published result and its own quote, not the others'.
    const loser = (await read('supplier3', baskets.lowest!)).body;
    expect(loser).toMatchObject({ result: { supplierName: names.supplier2, priceFen: 5_000_000 }, quotes: null, contract: null, myQuote: { totalFen: 5_100_000 } });
    const published = (await t.api('GET', '/api/public/mall/results')).body.items;
    expect(published).toContainEqual(expect.objectContaining({ basketNumber: lowest.basketNumber, status: 'awarded', supplierName: names.supplier2, priceFen: 5_000_000, purchaserName: '上海市徐汇区教育局' }));
    // The audit log now shows who quoted, and when.
    const after = await t.api('GET', `/api/audit/entries?subjectType=mall_basket&subjectId=${baskets.lowest}`, { cookie: cookies.operator });
    expect(after.body.items.filter((e: { action: string }) => e.action === 'mall.quote')).toHaveLength(3);

    // The tie: both at 4,900,000; supplier3's arrived first.
    expect((await read('purchaser', baskets.tie!)).body).toMatchObject({ status: 'awarded', result: { supplierName: names.supplier3, priceFen: 4_900_000 } });
    // Two quotes, three wanted: the bidding fails.
    const few = (await read('purchaser', baskets.few!)).body;
    expect(few).toMatchObject({ status: 'failed', contract: null, result: { supplierName: null, priceFen: null } });
    expect(few.result.reason['zh-CN']).toContain('不足3家');

    // The award is an order of the winner's, with its contract: accepted as any contract is.
    await as('supplier2');
    const orders = (await t.api('GET', '/api/mall/orders', { cookie: cookies.supplier2 })).body.items;
    expect(orders[0]).toMatchObject({ totalFen: 5_000_000, contract: { id: lowest.contract.id } });
    const c = (await t.api('GET', `/api/contracts/${lowest.contract.id}`, { cookie: cookies.purchaser })).body;
    expect(c).toMatchObject({ status: 'signed', priceFen: 5_000_000 });
    expect(c.title).toContain('电子卖场竞价');
    const accepted = await t.api('POST', `/api/contracts/${lowest.contract.id}/acceptances`, { cookie: cookies.purchaser, body: { milestoneNo: 1, result: 'pass', findings: '十台台式机到货，配置与报价一致', members: ['王芳'] } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    // The winner's stock went down by the basket's quantity.
    expect((await t.api('GET', '/api/mall/products?categoryCode=A02010104', { cookie: cookies.purchaser })).body.items.find((p: { id: string }) => p.id === products.supplier2).stock).toBe(190);
  });

  it('with too few quotes waits, where the region lets it, for the purchaser to confirm the lowest', async () => {
    await writeSetting(systemContext(t.platform), 'trading.mall.biddingTooFewQuotes', 'purchaserConfirms', 0);
    const closes = shanghaiInstant('2026-06-08', '10:00');
    const b = await t.api('POST', '/api/mall/baskets', { cookie: cookies.purchaser, body: basketBody('教研室计算机', closes, { quantity: 2 }) });
    expect(b.body).toMatchObject({ tooFewQuotes: 'purchaserConfirms' });
    await as('supplier1');
    await as('supplier2');
    expect((await quote('supplier1', b.body.id, 530_000)).status).toBe(201);
    expect((await quote('supplier2', b.body.id, 540_000)).status).toBe(201);
    t.clock.set(closes);
    await t.jobs.runDue();
    for (const u of ['purchaser', 'purchaser-pd', 'supplier1']) await as(u);
    const waiting = (await read('purchaser', b.body.id)).body;
    expect(waiting).toMatchObject({ status: 'awaitingConfirmation', mayDecide: true, contract: null, result: { supplierName: null } });
    expect((await t.api('POST', `/api/mall/baskets/${b.body.id}/decision`, { cookie: cookies.supplier1, body: { decision: 'confirm', reason: '同意', revision: waiting.revision } })).status).toBe(403);
    expect((await t.api('POST', `/api/mall/baskets/${b.body.id}/decision`, { cookie: cookies['purchaser-pd'], body: { decision: 'confirm', reason: '同意', revision: waiting.revision } })).status).toBe(404);
    expect((await t.api('POST', `/api/mall/baskets/${b.body.id}/decision`, { cookie: cookies.purchaser, body: { decision: 'confirm', reason: '同意', revision: 1 } })).status).toBe(409);
    const confirmed = await t.api('POST', `/api/mall/baskets/${b.body.id}/decision`, { cookie: cookies.purchaser, body: { decision: 'confirm', reason: '急需，两家报价均低于预算，同意以最低价成交', revision: waiting.revision } });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'awarded', result: { supplierName: names.supplier1, priceFen: 1_060_000 }, contract: { status: 'signed' } });
    await writeSetting(systemContext(t.platform), 'trading.mall.biddingTooFewQuotes', 'fail', 1);
  });

  it('counts the basket’s budget towards the split-purchase warning, and flags it to supervision (MALL-03, GP-94)', async () => {
    const closes = shanghaiInstant('2026-06-12', '10:00');
    // A jurisdiction that warns from its mall threshold rather than the open-tender threshold (MALL-03's setting).
    await writeSetting(systemContext(t.platform), 'trading.mall.splitThresholdFen', 100_000_000, 0);
    // Awarded this year: 5,000,000 + 4,900,000 + 1,060,000 fen of desktops; 95万 more passes the 100万 threshold.
    const body = basketBody('计算机教室整体更新', closes, { quantity: 100, budgetUnitPriceFen: 950_000 });
    const warned = await t.api('POST', '/api/mall/baskets', { cookie: cookies.purchaser, body });
    expect(warned.status).toBe(409);
    expect(warned.body).toMatchObject({ code: 'SPLIT_PURCHASE_WARNING', details: { checks: [{ categoryCode: 'A02010104', earlierOrders: 3, earlierFen: 10_960_000, cumulativeFen: 105_960_000 }] } });
    expect((await t.api('POST', '/api/mall/baskets', { cookie: cookies.purchaser, body: { ...body, acknowledgeSplit: true } })).body.code).toBe('SPLIT_REASON_REQUIRED');
    const flagged = await t.api('POST', '/api/mall/baskets', { cookie: cookies.purchaser, body: { ...body, acknowledgeSplit: true, splitReason: '新建计算机教室，与前几次的更新属不同需求' } });
    expect(flagged.status).toBe(201);
    expect(flagged.body.splitFlag).toMatchObject({ reason: '新建计算机教室，与前几次的更新属不同需求' });
    await as('supervisor');
    const list = await t.api('GET', '/api/mall/split-purchases', { cookie: cookies.supervisor });
    expect(list.body.baskets.map((b: { id: string }) => b.id)).toEqual([flagged.body.id]);
    await as('supervisor-sd');
    expect((await t.api('GET', '/api/mall/split-purchases', { cookie: cookies['supervisor-sd'] })).body.baskets).toEqual([]);
    // And an open basket's budget counts towards a direct order's running total too.
    const direct = await t.api('POST', '/api/mall/orders', { cookie: cookies.purchaser, body: { lines: [{ productId: products.supplier2, quantity: 1 }], deliveryAddress: '上海市徐汇区漕溪北路1号' } });
    expect(direct.status).toBe(409);
    expect(direct.body.code).toBe('SPLIT_PURCHASE_WARNING');
  });
});
