import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-accounts';
import { seedDemoData } from '../../src/demo/seed-demo';
import { createEntityWithAccounts, completeCreditCode } from '../../src/identity';
import { systemContext } from '../../src/platform/context';
import { queryRows } from '../../src/platform/database/database';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * 政采贷 (procurement-contract financing) on a real database: the demo's accepted lighting contract,
 * its supplier applying to the demo bank with consent, the bank's credit officer seeing the
 * contract only then, declining and approving, and the payee a financed contract's payment
 * applications must name.
 */
let t: TestPlatform;
let contract: { id: string; priceFen: number; supplierEntityId: string; purchaserEntityId: string };
let supplierName = '';
let supplierCode = '';
let purchaserCode = '';
let demoBankId = '';
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-23T02:00:00.000Z' });
  await seedDemoData(t.platform, { payments: false });
  const first17 = '91310000MA1BANK02';
  await createEntityWithAccounts(systemContext(t.platform), { name: '上海另一银行股份有限公司', entityType: 'bank', creditCode: completeCreditCode(first17), regionCode: '310000', contactName: '测试', contactPhone: '021-00000000', address: '上海市' }, [
    { username: 'financier-other', displayName: '另一银行信贷经办', roles: ['financier'], password: DEMO_PASSWORD, isEntityAdmin: true },
  ]);
  cookies.purchaser = await t.signIn('purchaser');
  const [c] = (await t.api('GET', '/api/contracts', { cookie: cookies.purchaser })).body;
  contract = (await t.api('GET', `/api/contracts/${c.id}`, { cookie: cookies.purchaser })).body;
  for (const name of ['supplier1', 'supplier2', 'supplier3']) {
    const cookie = await t.signIn(name);
    if ((await t.api('GET', `/api/contracts/${contract.id}`, { cookie })).status === 200) cookies.winner = cookie;
  }
  for (const name of ['supplier4', 'financier', 'financier-other']) cookies[name] = await t.signIn(name);
  const [codes] = await queryRows<{ name: string; supplier: string; purchaser: string }>(
    t.platform.database.db,
    sql`SELECT (SELECT name FROM entity WHERE id = ${contract.supplierEntityId}) AS name, (SELECT credit_code FROM entity WHERE id = ${contract.supplierEntityId}) AS supplier, (SELECT credit_code FROM entity WHERE id = ${contract.purchaserEntityId}) AS purchaser`,
  );
  supplierName = codes!.name;
  supplierCode = codes!.supplier;
  purchaserCode = codes!.purchaser;
  const entities = (await t.api('GET', `/api/financing/banks`, { cookie: cookies.winner })).body as { id: string; name: string }[];
  demoBankId = entities.find((b) => b.name === '上海演示银行股份有限公司')!.id;
}, 180_000);
afterAll(() => t?.close());

function expectBilingual(res: { status: number; body: { code: string; messages: Record<string, string> } }, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.code).toBe(code);
  expect(res.body.messages['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  expect(res.body.messages['en-US']).toMatch(/[a-z]/);
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
let invoiceSeq = 0;
function application(totalFen: number, payee: { accountName: string; bankName: string; accountNumber: string }) {
  const tax = Math.round((totalFen * 13) / 113);
  invoiceSeq++;
  return {
    milestoneNo: 1,
    invoiceNumber: `263120000099${String(invoiceSeq).padStart(8, '0')}`,
    invoiceDate: '2026-11-20',
    sellerCreditCode: supplierCode,
    buyerCreditCode: purchaserCode,
    amountBeforeTaxFen: totalFen - tax,
    taxFen: tax,
    totalFen,
    invoiceFile: { fileName: '发票.pdf', contentBase64: PDF.toString('base64') },
    payee,
  };
}

const AGREED = { bankName: '上海演示银行股份有限公司徐汇支行', accountNumber: '31001588800050000158' };

describe('contract financing (政采贷)', () => {
  let firstId = '';
  let secondId = '';
  let financedId = '';

  it('lists the banks offering financing and what is unpaid to the contract’s supplier only', async () => {
    const mine = await t.api('GET', `/api/contracts/${contract.id}/financing`, { cookie: cookies.winner });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body).toMatchObject({ inForce: true, unpaidFen: contract.priceFen, financings: [] });
    expect(mine.body.banks.map((b: { name: string }) => b.name)).toEqual(expect.arrayContaining(['上海演示银行股份有限公司', '上海另一银行股份有限公司']));
    expect((await t.api('GET', `/api/contracts/${contract.id}/financing`, { cookie: cookies.supplier4 })).status).toBe(404);
    expect((await t.api('POST', `/api/contracts/${contract.id}/financing`, { cookie: cookies.supplier4, body: { bankEntityId: demoBankId, amountFen: 100, consent: true } })).status).toBe(404);
    expect((await t.api('GET', `/api/contracts/${contract.id}/financing`, { cookie: cookies.financier })).status).toBe(403);
  });

  it('refuses more than the unpaid amount, no consent, or an institution that is not a financing bank', async () => {
    expectBilingual(await t.api('POST', `/api/contracts/${contract.id}/financing`, { cookie: cookies.winner, body: { bankEntityId: demoBankId, amountFen: contract.priceFen + 1, consent: true } }), 422, 'FINANCING_APPLICATION');
    expect((await t.api('POST', `/api/contracts/${contract.id}/financing`, { cookie: cookies.winner, body: { bankEntityId: demoBankId, amountFen: 100, consent: false } })).status).toBe(400);
    expectBilingual(await t.api('POST', `/api/contracts/${contract.id}/financing`, { cookie: cookies.winner, body: { bankEntityId: contract.purchaserEntityId, amountFen: 100, consent: true } }), 422, 'BANK_NOT_OFFERING_FINANCING');
  });

  it('before any application the bank sees nothing of the contract', async () => {
    expect((await t.api('GET', '/api/financing', { cookie: cookies.financier })).body).toEqual([]);
    expect([403, 404]).toContain((await t.api('GET', `/api/contracts/${contract.id}`, { cookie: cookies.financier })).status);
  });

  it('applies with consent; one live financing per contract; the bank then sees the contract and its payment status', async () => {
    const applied = await t.api('POST', `/api/contracts/${contract.id}/financing`, { cookie: cookies.winner, body: { bankEntityId: demoBankId, amountFen: Math.round(contract.priceFen * 0.3), consent: true } });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body).toMatchObject({ status: 'applied', bankName: '上海演示银行股份有限公司', actions: ['withdraw'] });
    firstId = applied.body.id;
    expectBilingual(await t.api('POST', `/api/contracts/${contract.id}/financing`, { cookie: cookies.winner, body: { bankEntityId: demoBankId, amountFen: 100, consent: true } }), 409, 'FINANCING_ALREADY_LIVE');
    const queue = await t.api('GET', '/api/financing', { cookie: cookies.financier });
    expect(queue.body).toHaveLength(1);
    expect(queue.body[0]).toMatchObject({ id: firstId, actions: ['approve', 'decline'], contract: { priceFen: contract.priceFen, unpaidFen: contract.priceFen, payments: [] } });
    expect((await t.api('GET', `/api/financing/${firstId}`, { cookie: cookies.financier })).status).toBe(200);
    // The bank has it in its inbox.
    const inbox = (await t.api('GET', '/api/inbox', { cookie: cookies.financier })).body;
    expect(JSON.stringify(inbox)).toContain('政府采购合同融资');
  });

  it('another bank and another supplier cannot see or decide it (404); the purchaser is not a party (403)', async () => {
    expect((await t.api('GET', `/api/financing/${firstId}`, { cookie: cookies['financier-other'] })).status).toBe(404);
    expect((await t.api('GET', '/api/financing', { cookie: cookies['financier-other'] })).body).toEqual([]);
    expect((await t.api('POST', `/api/financing/${firstId}/approval`, { cookie: cookies['financier-other'], body: { revision: 1, repaymentAccount: { accountName: supplierName, ...AGREED } } })).status).toBe(404);
    expect((await t.api('POST', `/api/financing/${firstId}/decline`, { cookie: cookies['financier-other'], body: { revision: 1, reason: '不予受理' } })).status).toBe(404);
    expect((await t.api('GET', `/api/financing/${firstId}`, { cookie: cookies.supplier4 })).status).toBe(404);
    expect((await t.api('POST', `/api/financing/${firstId}/withdrawal`, { cookie: cookies.supplier4, body: { revision: 1 } })).status).toBe(404);
    expect((await t.api('GET', `/api/financing/${firstId}`, { cookie: cookies.purchaser })).status).toBe(403);
    // The supplier cannot decide for the bank.
    expect((await t.api('POST', `/api/financing/${firstId}/approval`, { cookie: cookies.winner, body: { revision: 1, repaymentAccount: { accountName: supplierName, ...AGREED } } })).status).toBe(403);
  });

  it('the bank declines with a reason; the supplier may apply again, and withdrawing takes the consent back', async () => {
    expect((await t.api('POST', `/api/financing/${firstId}/decline`, { cookie: cookies.financier, body: { revision: 1, reason: ' ' } })).status).toBe(400);
    const declined = await t.api('POST', `/api/financing/${firstId}/decline`, { cookie: cookies.financier, body: { revision: 1, reason: '授信额度不足' } });
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: '授信额度不足', actions: [] });
    expectBilingual(await t.api('POST', `/api/financing/${firstId}/approval`, { cookie: cookies.financier, body: { revision: 2, repaymentAccount: { accountName: supplierName, ...AGREED } } }), 409, 'FINANCING_NOT_PENDING');
    const again = await t.api('POST', `/api/contracts/${contract.id}/financing`, { cookie: cookies.winner, body: { bankEntityId: demoBankId, amountFen: 50_000, consent: true } });
    expect(again.status).toBe(201);
    secondId = again.body.id;
    const withdrawn = await t.api('POST', `/api/financing/${secondId}/withdrawal`, { cookie: cookies.winner, body: { revision: 1 } });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await t.api('GET', `/api/financing/${secondId}`, { cookie: cookies.financier })).status).toBe(404);
    expect((await t.api('GET', `/api/financing/${secondId}`, { cookie: cookies.winner })).status).toBe(200);
    const mine = (await t.api('GET', `/api/contracts/${contract.id}/financing`, { cookie: cookies.winner })).body;
    expect(mine.financings.map((f: { status: string }) => f.status).sort()).toEqual(['declined', 'withdrawn']);
  });

  it('the bank approves with the agreed repayment account in the supplier’s name', async () => {
    const applied = await t.api('POST', `/api/contracts/${contract.id}/financing`, { cookie: cookies.winner, body: { bankEntityId: demoBankId, amountFen: 200_000, consent: true } });
    financedId = applied.body.id;
    expectBilingual(await t.api('POST', `/api/financing/${financedId}/approval`, { cookie: cookies.financier, body: { revision: 1, repaymentAccount: { accountName: '上海演示银行股份有限公司', ...AGREED } } }), 422, 'FINANCING_APPLICATION');
    expect((await t.api('POST', `/api/financing/${financedId}/approval`, { cookie: cookies.financier, body: { revision: 9, repaymentAccount: { accountName: supplierName, ...AGREED } } })).status).toBe(409);
    const approved = await t.api('POST', `/api/financing/${financedId}/approval`, { cookie: cookies.financier, body: { revision: 1, repaymentAccount: { accountName: supplierName, ...AGREED } } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', repaymentAccount: { accountName: supplierName, ...AGREED } });
    expectBilingual(await t.api('POST', `/api/contracts/${contract.id}/financing`, { cookie: cookies.winner, body: { bankEntityId: demoBankId, amountFen: 100, consent: true } }), 409, 'FINANCING_ALREADY_LIVE');
  });

  it('a payment application on the financed contract must name the agreed account: another payee is refused (422), the agreed one accepted', async () => {
    const other = await t.api('POST', `/api/contracts/${contract.id}/payment-applications`, { cookie: cookies.winner, body: application(100_000, { accountName: supplierName, bankName: '中国工商银行上海市分行', accountNumber: '1001234567890123456' }) });
    expectBilingual(other, 422, 'PAYMENT_APPLICATION');
    expect(other.body.messages['zh-CN']).toContain(AGREED.accountNumber);
    const agreed = await t.api('POST', `/api/contracts/${contract.id}/payment-applications`, { cookie: cookies.winner, body: application(100_000, { accountName: supplierName, ...AGREED }) });
    expect(agreed.status, JSON.stringify(agreed.body)).toBe(201);
    expect(agreed.body.payee).toEqual({ accountName: supplierName, ...AGREED });
    // The bank follows the payment status of the financed contract.
    const seen = (await t.api('GET', `/api/financing/${financedId}`, { cookie: cookies.financier })).body;
    expect(seen.contract.payments).toEqual([expect.objectContaining({ totalFen: 100_000, status: 'submitted', payeeAccountNumber: AGREED.accountNumber })]);
  });
});
