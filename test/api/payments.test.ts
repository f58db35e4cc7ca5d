import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { accountBalance, verifyLedger } from '../../src/money';
import { queryRows } from '../../src/platform/database/database';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * The unified payment module (seed 000) on a real database: the demo's accepted contract, its
 * supplier filing with an e-invoice, the purchaser, the industry authority and the treasury
 * deciding (a rejection, a return), the payment on the ledger, the history and the queues.
 */
let t: TestPlatform;
let contract: { id: string; contractNumber: string; priceFen: number; supplierEntityId: string; purchaserEntityId: string; payable: { milestoneNo: number; payableFen: number }[] };
let supplierCode = '';
let purchaserCode = '';
let winner = '';
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-23T02:00:00.000Z' });
  await seedDemoData(t.platform, { payments: false });
  const purchaser = await t.signIn('purchaser');
  const [c] = (await t.api('GET', '/api/contracts', { cookie: purchaser })).body;
  contract = (await t.api('GET', `/api/contracts/${c.id}`, { cookie: purchaser })).body;
  const [codes] = await queryRows<{ supplier: string; purchaser: string }>(
    t.platform.database.db,
    sql`SELECT (SELECT credit_code FROM entity WHERE id = ${contract.supplierEntityId}) AS supplier, (SELECT credit_code FROM entity WHERE id = ${contract.purchaserEntityId}) AS purchaser`,
  );
  supplierCode = codes!.supplier;
  purchaserCode = codes!.purchaser;
  for (const name of ['supplier1', 'supplier2', 'supplier3']) {
    const cookie = await t.signIn(name);
    if ((await t.api('GET', `/api/contracts/${contract.id}`, { cookie })).status === 200) winner = name;
  }
  await signInAll();
}, 180_000);
afterAll(() => t?.close());

async function signInAll() {
  for (const name of [winner, 'purchaser', 'authority', 'treasury', 'supervisor', 'supplier4']) cookies[name] = await t.signIn(name);
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
let invoiceSeq = 0;
function application(totalFen: number, o: Record<string, unknown> = {}) {
  const tax = Math.round((totalFen * 13) / 113);
  invoiceSeq++;
  return {
    milestoneNo: 1,
    invoiceNumber: `263120000000${String(invoiceSeq).padStart(8, '0')}`,
    invoiceDate: '2026-11-20',
    sellerCreditCode: supplierCode,
    buyerCreditCode: purchaserCode,
    amountBeforeTaxFen: totalFen - tax,
    taxFen: tax,
    totalFen,
    invoiceFile: { fileName: '发票.pdf', contentBase64: PDF.toString('base64') },
    payee: { accountName: '', bankName: '中国工商银行上海市分行', accountNumber: '1001234567890123456' },
    ...o,
  };
}
async function supplierName() {
  const [row] = await queryRows<{ name: string }>(t.platform.database.db, sql`SELECT name FROM entity WHERE id = ${contract.supplierEntityId}`);
  return row!.name;
}
const file = async (body: ReturnType<typeof application>) => {
  body.payee.accountName ||= await supplierName();
  return t.api('POST', `/api/contracts/${contract.id}/payment-applications`, { cookie: cookies[winner], body });
};
const decide = (who: string, id: string, body: Record<string, unknown>) => t.api('POST', `/api/payment-applications/${id}/decisions`, { cookie: cookies[who], body });
const read = (who: string, id: string) => t.api('GET', `/api/payment-applications/${id}`, { cookie: cookies[who] });

async function counts() {
  const [c] = await queryRows<{ applications: number; steps: number; entries: number; audit: number }>(
    t.platform.database.db,
    sql`SELECT (SELECT count(*)::int FROM payment_application) AS applications, (SELECT count(*)::int FROM payment_step) AS steps, (SELECT count(*)::int FROM journal_entry) AS entries, (SELECT count(*)::int FROM audit_entry) AS audit`,
  );
  return c!;
}

describe('the seven steps of seed 000, with a rejection and a return', () => {
  let id = '';
  const first = () => contract.payable[0]!.payableFen;

  it('lets the supplier of the accepted contract file for its first milestone, and tells the purchaser', async () => {
    const res = await file(application(first()));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', step: 1, waitingAt: 'purchaser', sme: true, actions: ['withdraw'], invoice: { totalFen: first() } });
    // PAY-01/PAY-02: the contract's 10 days from the acceptance, 11 days before the demo's today: a day overdue.
    expect(res.body.dueOn).toBe('2026-11-22');
    expect(res.body.daysLeft).toBe(-1);
    id = res.body.id;
    const inbox = (await t.api('GET', '/api/inbox', { cookie: cookies.purchaser })).body.items;
    expect(inbox[0].title).toBe(`${res.body.applicationNumber} 待审核支付申请`);
    expect(inbox[0].link).toBe(`/workspace/payments/${id}`);
  });

  it('lets the purchaser reject it with a reason, back to the supplier, who is told why', async () => {
    const app = (await read('purchaser', id)).body;
    expect(app.actions).toEqual(['purchaserApprove', 'purchaserReject']);
    expect((await decide('purchaser', id, { action: 'purchaserReject', revision: app.revision })).status).toBe(422); // no reason
    const res = await decide('purchaser', id, { action: 'purchaserReject', revision: app.revision, reason: '发票开票日期与到货验收单不符，请核对' });
    expect(res.body).toMatchObject({ status: 'rejected', waitingAt: 'supplier' });
    const inbox = (await t.api('GET', '/api/inbox', { cookie: cookies[winner] })).body.items;
    expect(inbox[0]).toMatchObject({ title: `${app.applicationNumber} 采购人退回支付申请`, body: '理由：发票开票日期与到货验收单不符，请核对' });
  });

  it('takes the corrected application back to the purchaser, with a new invoice in place of the old', async () => {
    const app = (await read(winner, id)).body;
    expect(app.actions).toEqual(['resubmit', 'withdraw']);
    const corrected = application(first(), { invoiceDate: '2026-11-21' });
    corrected.payee.accountName = await supplierName();
    const { milestoneNo: _, ...body } = corrected;
    const res = await t.api('POST', `/api/payment-applications/${id}/resubmission`, { cookie: cookies[winner], body: { ...body, revision: app.revision } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'submitted', invoice: { invoiceDate: '2026-11-21', invoiceNumber: corrected.invoiceNumber } });
  });

  it('goes to the authority once the purchaser approves; the authority returns it to the purchaser, telling both parties', async () => {
    let app = (await read('purchaser', id)).body;
    app = (await decide('purchaser', id, { action: 'purchaserApprove', revision: app.revision })).body;
    expect(app).toMatchObject({ status: 'purchaserApproved', waitingAt: 'authority', step: 2 });
    const queue = (await t.api('GET', '/api/payment-applications?queue=true', { cookie: cookies.authority })).body;
    expect(queue.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(queue[0]).toMatchObject({ daysWaiting: 0, contractNumber: contract.contractNumber, actions: ['authorityApprove', 'authorityReturn'] });
    const returned = await decide('authority', id, { action: 'authorityReturn', revision: app.revision, reason: '请补充到货验收报告扫描件' });
    expect(returned.body).toMatchObject({ status: 'returnedByAuthority', waitingAt: 'purchaser' });
    for (const who of ['purchaser', winner]) {
      const items = (await t.api('GET', '/api/inbox', { cookie: cookies[who] })).body.items as { title: string; body: string }[];
      expect(items.find((m) => m.title.includes('主管部门')  && m.title.includes('退回'))?.body).toBe('理由：请补充到货验收报告扫描件');
    }
  });

  it('reaches the treasury after the purchaser and the authority approve; the treasury pays it, posted to the ledger', async () => {
    let app = (await read('purchaser', id)).body;
    app = (await decide('purchaser', id, { action: 'purchaserApprove', revision: app.revision })).body;
    app = (await decide('authority', id, { action: 'authorityApprove', revision: app.revision })).body;
    expect(app).toMatchObject({ status: 'authorityApproved', waitingAt: 'treasury', step: 3 });
    const inbox = (await t.api('GET', '/api/inbox', { cookie: cookies.treasury })).body.items;
    expect(inbox[0].title).toBe(`${app.applicationNumber} 待国库支付`);
    expect((await decide('treasury', id, { action: 'treasuryPay', revision: app.revision })).status).toBe(422); // no voucher
    const paid = await decide('treasury', id, { action: 'treasuryPay', revision: app.revision, voucherNumber: 'GK2026112300018', paidOn: '2026-11-23' });
    expect(paid.status).toBe(200);
    // Paid a day after its due date: PAY-04 interest of 0.05 % for one day.
    expect(paid.body).toMatchObject({ status: 'paid', step: 4, statusName: { 'zh-CN': '已支付' }, voucherNumber: 'GK2026112300018', daysLeft: null, daysLate: 1, lateInterestFen: Math.round((first() * 5) / 10_000), actions: [] });
    const db = t.platform.database.db;
    expect(await accountBalance(db, `supplierPayable:${contract.id}`)).toBe(BigInt(first()));
    expect(await accountBalance(db, 'treasury:310104')).toBe(-BigInt(first()));
    expect((await verifyLedger(db)).ok).toBe(true);
    // The budget loop: the line the contract's plan drew on shows what the contract commits and what was paid.
    const lines = (await t.api('GET', '/api/budget-lines', { cookie: cookies.purchaser })).body as { contractedFen: number; paidFen: number }[];
    const line = lines.find((l) => l.contractedFen > 0)!;
    expect(line).toMatchObject({ contractedFen: contract.priceFen, paidFen: first() });
  });

  it('shows the supplier 已支付 and the whole history: who, at which organisation, when and why', async () => {
    const app = (await read(winner, id)).body;
    expect(app.statusName['zh-CN']).toBe('已支付');
    expect(app.history.map((s: { action: string }) => s.action)).toEqual(['file', 'purchaserReject', 'resubmit', 'purchaserApprove', 'authorityReturn', 'purchaserApprove', 'authorityApprove', 'treasuryPay']);
    expect(app.history[1]).toMatchObject({ personName: '赵丽', entityName: '上海市徐汇区教育局', reason: '发票开票日期与到货验收单不符，请核对' });
    expect(app.history[4]).toMatchObject({ personName: '刘洋', entityName: '上海市住房和城乡建设管理委员会' });
    expect(app.history[7]).toMatchObject({ personName: '周磊', detail: { voucherNumber: 'GK2026112300018' } });
    const invoice = await t.api('GET', `/api/payment-applications/${id}/invoice`, { cookie: cookies.treasury });
    expect(invoice.status).toBe(200);
    expect(Buffer.compare(invoice.body as Buffer, PDF)).toBe(0);
  });
});

describe('what a payment application refuses, changing nothing', () => {
  it('refuses an invoice that does not add up, names another seller, exceeds what is payable, or is not a PDF/OFD', async () => {
    const before = await counts();
    const second = contract.payable[1]!.payableFen;
    const cases: [ReturnType<typeof application>, number, string][] = [
      [application(second, { totalFen: second + 1 }), 422, 'totalFen'],
      [application(second, { sellerCreditCode: purchaserCode }), 422, 'sellerCreditCode'],
      [application(second + 100, { milestoneNo: 2 }), 422, 'totalFen'],
      [application(100_00, { milestoneNo: 2, invoiceFile: { fileName: 'x.html', contentBase64: Buffer.from('<html>').toString('base64') } }), 422, 'invoiceFile'],
      [application(100_00, { milestoneNo: 2, payee: { accountName: '别人的公司', bankName: '某银行', accountNumber: '6222000011112222' } }), 422, 'payee.accountName'],
    ];
    for (const [body, status, field] of cases) {
      body.milestoneNo = 2;
      const res = await file(body);
      expect(res.status, field).toBe(status);
      expect(res.body.details.field, JSON.stringify(res.body)).toBe(field);
      expect(res.body.messages['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body.messages['en-US']).toMatch(/[a-z]/);
    }
    expect(await counts()).toEqual(before);
  });

  it('uses an invoice number once, and a paid milestone has nothing left to apply for', async () => {
    const ok = await file(application(100_00, { milestoneNo: 2 }));
    expect(ok.status).toBe(201);
    const again = await file(application(100_00, { milestoneNo: 2, invoiceNumber: ok.body.invoice.invoiceNumber }));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVOICE_ALREADY_USED');
    const more = await file(application(100_00, { milestoneNo: 1 }));
    expect(more.status).toBe(422);
    expect(more.body.details.field).toBe('totalFen');
  });

  it('hides an application from suppliers who are not its party; supervisors follow it but do not decide', async () => {
    const [app] = (await t.api('GET', '/api/payment-applications', { cookie: cookies[winner] })).body;
    expect((await read('supplier4', app.id)).status).toBe(404);
    expect((await t.api('GET', '/api/payment-applications', { cookie: cookies.supplier4 })).body).toEqual([]);
    expect((await read('supervisor', app.id)).status).toBe(200);
    expect((await decide('supervisor', app.id, { action: 'purchaserApprove', revision: app.revision })).status).toBe(403);
    // The treasury cannot act at the purchaser's desk.
    expect((await decide('treasury', app.id, { action: 'purchaserApprove', revision: app.revision })).status).toBe(403);
  });
});

describe('concurrency and deadlines', () => {
  it('makes one transition of two concurrent approvals; the other is told it moved on', async () => {
    const app = (await file(application(200_00, { milestoneNo: 2 }))).body;
    const before = await counts();
    const [a, b] = await Promise.all([decide('purchaser', app.id, { action: 'purchaserApprove', revision: app.revision }), decide('purchaser', app.id, { action: 'purchaserApprove', revision: app.revision })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await counts()).steps).toBe(before.steps + 1);
  });

  it('flags SME payments past their due date to supervisors, paid late or still open, with PAY-04 interest accruing', async () => {
    type Late = { applicationNumber: string; milestoneNo: number; status: string; dueOn: string; daysLate: number; lateInterestFen: number; invoice: { totalFen: number }; daysLeft: number | null };
    const overdue = async () => (await t.api('GET', '/api/payment-applications/overdue', { cookie: cookies.supervisor })).body as Late[];
    const paidLate = await overdue();
    expect(paidLate.map((a) => [a.milestoneNo, a.status, a.daysLate])).toEqual([[1, 'paid', 1]]);
    t.clock.set('2026-12-03T02:00:00.000Z'); // milestone 2 was accepted on 2026-11-20: due 2026-11-30, three days late
    await signInAll();
    const later = (await overdue()).filter((a) => a.milestoneNo === 2);
    expect(later.length).toBe(2);
    for (const a of later) {
      expect(a).toMatchObject({ dueOn: '2026-11-30', daysLate: 3, daysLeft: -3 });
      expect(a.lateInterestFen).toBe(Math.round((a.invoice.totalFen * 5 * 3) / 10_000));
    }
    expect((await t.api('GET', '/api/payment-applications/overdue', { cookie: cookies[winner] })).status).toBe(403);
  });
});
