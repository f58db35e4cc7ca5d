import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/database/database';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * Issue 16, the e-mall: an admitted supplier's products, a purchaser's direct order that becomes a
 * contract and is accepted and paid like any other, the threshold (MALL-02) and the split-purchase
 * warning at its boundary (MALL-03, GP-94), with supervision's list, and the market prices it feeds.
 */
let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ demo: true, now: '2026-06-01T02:00:00.000Z' });
}, 120_000);
afterAll(() => t?.close());

const creditCode = async (entityId: string) => (await queryRows<{ credit_code: string; name: string }>(t.platform.database.db, sql`SELECT credit_code, name FROM entity WHERE id = ${entityId}`))[0]!;
const order = (cookie: string, lines: { productId: string; quantity: number }[], extra: Record<string, unknown> = {}) =>
  t.api('POST', '/api/mall/orders', { cookie, body: { lines, deliveryAddress: '上海市徐汇区漕溪北路1号', ...extra } });

describe('the e-mall', () => {
  let desktop: { id: string; unitPriceFen: number; supplierName: string; specification: string };
  let contractId = '';

  it('lists the admitted supplier’s products to a purchaser, with the mall threshold; a supplier not admitted cannot list', async () => {
    const purchaser = await t.signIn('purchaser');
    const listed = await t.api('GET', '/api/mall/products', { cookie: purchaser });
    expect(listed.status).toBe(200);
    expect(listed.body.thresholdFen).toBe(100_000_000);
    // MALL-03 measures a running total against the open-tender threshold (条例 第二十八条), not the mall's.
    expect(listed.body.splitThresholdFen).toBe(200_000_000);
    expect(listed.body.items.length).toBeGreaterThanOrEqual(4);
    desktop = listed.body.items.find((p: { categoryCode: string }) => p.categoryCode === 'A02010104');
    expect(desktop).toMatchObject({ categoryName: { 'zh-CN': '台式计算机' } });
    const computers = await t.api('GET', '/api/mall/products?categoryCode=A020101', { cookie: purchaser });
    expect(computers.body.items.map((p: { categoryCode: string }) => p.categoryCode).sort()).toEqual(['A02010104', 'A02010105']);
    const outsider = await t.api('POST', '/api/mall/products', { cookie: await t.signIn('supplier1'), body: { categoryCode: 'A05010000', name: '办公桌', specification: '1.4米', unitPriceFen: 100_000, stock: 5, deliveryRegions: ['310000'] } });
    expect(outsider.status).toBe(403);
    expect(outsider.body.code).toBe('NOT_ADMITTED');
  });

  it('turns a direct order into a signed contract that is accepted, invoiced and paid through the payment module', async () => {
    const purchaser = await t.signIn('purchaser');
    const placed = await order(purchaser, [{ productId: desktop.id, quantity: 10 }]);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body).toMatchObject({ totalFen: desktop.unitPriceFen * 10, splitFlagged: false });
    contractId = placed.body.contractId;
    const c = (await t.api('GET', `/api/contracts/${contractId}`, { cookie: purchaser })).body;
    expect(c).toMatchObject({ status: 'signed', priceFen: desktop.unitPriceFen * 10, contractNumber: placed.body.contractNumber });
    expect((await t.api('GET', '/api/mall/orders', { cookie: purchaser })).body.items[0]).toMatchObject({ orderNumber: placed.body.orderNumber, supplierName: desktop.supplierName, contract: { id: contractId, status: 'signed' } });
    // The stock went down by what was ordered.
    const after = (await t.api('GET', '/api/mall/products?categoryCode=A02010104', { cookie: purchaser })).body.items[0];
    expect(after.stock).toBe(200 - 10);

    expect((await t.api('POST', `/api/contracts/${contractId}/acceptances`, { cookie: purchaser, body: { milestoneNo: 1, result: 'pass', findings: '十台台式机到货，配置与订单一致', members: ['王芳'] } })).status).toBe(200);
    const [row] = await queryRows<{ purchaser_entity_id: string; supplier_entity_id: string }>(t.platform.database.db, sql`SELECT purchaser_entity_id, supplier_entity_id FROM contract WHERE id = ${contractId}`);
    const [buyer, seller] = [await creditCode(row!.purchaser_entity_id), await creditCode(row!.supplier_entity_id)];
    const supplier = await t.signIn('supplier2');
    const amount = c.milestones[0].amountFen;
    const tax = Math.round((amount * 13) / 113);
    const filed = await t.api('POST', `/api/contracts/${contractId}/payment-applications`, {
      cookie: supplier,
      body: {
        milestoneNo: 1,
        invoiceNumber: '26312000000000000901',
        invoiceDate: '2026-06-01',
        sellerCreditCode: seller.credit_code,
        buyerCreditCode: buyer.credit_code,
        amountBeforeTaxFen: amount - tax,
        taxFen: tax,
        totalFen: amount,
        invoiceFile: { fileName: '发票.pdf', contentBase64: Buffer.from('%PDF-1.7\n%%EOF\n').toString('base64') },
        payee: { accountName: seller.name, bankName: '上海银行徐汇支行', accountNumber: '31658800000000901' },
      },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const decide = async (who: string, body: Record<string, unknown>) => {
      const cookie = await t.signIn(who);
      const app = (await t.api('GET', `/api/payment-applications/${filed.body.id}`, { cookie })).body;
      return t.api('POST', `/api/payment-applications/${filed.body.id}/decisions`, { cookie, body: { ...body, revision: app.revision } });
    };
    expect((await decide('purchaser', { action: 'purchaserApprove' })).status).toBe(200);
    expect((await decide('authority', { action: 'authorityApprove' })).status).toBe(200);
    expect((await decide('treasury', { action: 'treasuryPay', voucherNumber: 'GK2026060100901', paidOn: '2026-06-01' })).body).toMatchObject({ status: 'paid' });
  });

  it('feeds its prices into supervision’s market average prices', async () => {
    const purchaser = await t.signIn('purchaser');
    for (const quantity of [2, 3]) expect((await order(purchaser, [{ productId: desktop.id, quantity }])).status).toBe(201);
    const prices = await t.api('GET', `/api/market-prices?item=${encodeURIComponent('台式计算机')}`, { cookie: purchaser });
    expect(prices.status).toBe(200);
    expect(prices.body.prices).toContainEqual(expect.objectContaining({ contracts: 3, quantity: 15, averageFen: desktop.unitPriceFen, spread: 0 }));
  });

  it('refuses one order above the mall threshold (MALL-02)', async () => {
    const supplier = await t.signIn('supplier2');
    const desk = await t.api('POST', '/api/mall/products', { cookie: supplier, body: { categoryCode: 'A05010000', name: '会议桌 定制', specification: '实木 4.8米', unitPriceFen: 10_000_000, stock: 100, deliveryRegions: ['310000'] } });
    expect(desk.status).toBe(201);
    const refused = await order(await t.signIn('purchaser'), [{ productId: desk.body.id, quantity: 11 }]);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'ABOVE_MALL_THRESHOLD' });
  });

  it('warns a purchaser whose orders of one 品目 this year pass the threshold (not exactly at it), orders only on acknowledgement with a reason, and flags it to supervision (GP-94)', async () => {
    const supplier = await t.signIn('supplier2');
    const purchaser = await t.signIn('purchaser');
    const items = (await t.api('GET', '/api/mall/products?categoryCode=A05010000', { cookie: purchaser })).body.items;
    const desk = items.find((p: { name: string }) => p.name === '会议桌 定制');
    const pin = await t.api('POST', '/api/mall/products', { cookie: supplier, body: { categoryCode: 'A05010000', name: '桌面理线器', specification: '塑料', unitPriceFen: 1, stock: 100, deliveryRegions: ['310000'] } });
    expect((await order(purchaser, [{ productId: desk.id, quantity: 6 }])).status).toBe(201);
    expect((await order(purchaser, [{ productId: desk.id, quantity: 4 }])).status).toBe(201);
    // 60万 + 40万 + 100万 = exactly 200万, the open-tender threshold: still not a split.
    const atThreshold = await order(purchaser, [{ productId: desk.id, quantity: 10 }]);
    expect(atThreshold.status, JSON.stringify(atThreshold.body)).toBe(201);
    expect(atThreshold.body.splitFlagged).toBe(false);
    // One fen more: warned, nothing ordered.
    const warned = await order(purchaser, [{ productId: pin.body.id, quantity: 1 }]);
    expect(warned.status).toBe(409);
    expect(warned.body).toMatchObject({ code: 'SPLIT_PURCHASE_WARNING', details: { checks: [{ categoryCode: 'A05010000', earlierOrders: 3, earlierFen: 200_000_000, cumulativeFen: 200_000_001, thresholdFen: 200_000_000, split: true }] } });
    expect(warned.body.messages['zh-CN']).toMatch(/化整为零/);
    expect((await order(purchaser, [{ productId: pin.body.id, quantity: 1 }], { acknowledgeSplit: true })).body.code).toBe('SPLIT_REASON_REQUIRED');
    const flagged = await order(purchaser, [{ productId: pin.body.id, quantity: 1 }], { acknowledgeSplit: true, splitReason: '新建会议室配套，与前两单属不同需求' });
    expect(flagged.status).toBe(201);
    expect(flagged.body.splitFlagged).toBe(true);

    const list = await t.api('GET', '/api/mall/split-purchases', { cookie: await t.signIn('supervisor') });
    expect(list.status).toBe(200);
    expect(list.body.items.map((o: { orderNumber: string }) => o.orderNumber)).toEqual([flagged.body.orderNumber]);
    expect(list.body.items[0]).toMatchObject({ purchaserName: '上海市徐汇区教育局', splitFlag: { reason: '新建会议室配套，与前两单属不同需求' } });
    // Another province's supervisor does not see Shanghai's orders.
    expect((await t.api('GET', '/api/mall/split-purchases', { cookie: await t.signIn('supervisor-sd') })).body.items).toEqual([]);
  });
});
