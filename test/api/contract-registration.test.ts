import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApiKey } from '../../src/identity/api-keys/api-keys';
import { signApiRequest } from '../../src/identity/api-keys/signed-request.rules';
import { queryRows } from '../../src/platform/database/database';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * Seed 000, step 2: a sub-platform registers a works contract it traded (municipal highway
 * maintenance) through the signed contract-registration API, and the contract reaches acceptance
 * and a payment application here like one drafted on this platform.
 */
let t: TestPlatform;
let key: { keyId: string; secret: string };
let bankKey: { keyId: string; secret: string };
const URL = '/api/sub-platform/contracts';
const codes: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, now: '2026-06-01T02:00:00.000Z' });
  key = (await demoApiKey(t.platform.database.db, t.platform.sealer, 'subPlatform'))!;
  bankKey = (await demoApiKey(t.platform.database.db, t.platform.sealer, 'bank'))!;
  for (const row of await queryRows<{ name: string; credit_code: string }>(t.platform.database.db, sql`SELECT name, credit_code FROM entity`)) codes[row.name] = row.credit_code;
}, 120_000);
afterAll(() => t?.close());

const QUARTER = 90_000_000;
const contract = (o: Record<string, unknown> = {}) => ({
  reference: 'JSGC-2026-0158',
  contractNumber: 'SHJS2026-GLYH-0158',
  title: '2026年度市管公路（沪闵路段）日常养护工程施工合同',
  purchaserCreditCode: codes['上海市公路事务中心'],
  supplierCreditCode: codes['上海城建道路养护工程有限公司'],
  priceFen: 2 * QUARTER,
  milestones: [
    { name: '第一季度养护', amountFen: QUARTER, acceptanceCriteria: '季度考核合格', dueDate: '2026-06-30' },
    { name: '第二季度养护', amountFen: QUARTER, acceptanceCriteria: '季度考核合格', dueDate: '2026-09-30' },
  ],
  performancePeriod: '合同签订之日起6个月',
  performancePlace: '沪闵路',
  paymentTermDays: 30,
  terms: '按建设工程施工合同示范文本执行。',
  signedOn: '2026-05-20',
  ...o,
});

async function register(body: unknown, signer: { keyId: string; secret: string } = key, tamper?: (s: string) => string) {
  const payload = JSON.stringify(body);
  const timestamp = t.clock.now().toISOString();
  const res = await t.app.inject({
    method: 'POST',
    url: URL,
    headers: { 'content-type': 'application/json', 'x-api-key': signer.keyId, 'x-api-timestamp': timestamp, 'x-api-signature': signApiRequest(signer.secret, 'POST', URL, timestamp, payload) },
    payload: tamper ? tamper(payload) : payload,
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
const contractCount = async () => (await queryRows<{ n: number }>(t.platform.database.db, sql`SELECT count(*)::int AS n FROM contract`))[0]!.n;

describe('registering a sub-platform’s contract', () => {
  let id = '';

  it('refuses what is unsigned, signed by a bank, malformed or about unknown parties, and registers nothing', async () => {
    const before = await contractCount();
    expect((await register(contract(), key, (s) => s.replace('"priceFen":180000000', '"priceFen":180000001'))).status).toBe(401);
    expect((await register(contract(), bankKey)).body.code).toBe('SIGNATURE_INVALID'); // a bank is not a sub-platform
    const unknown = await register(contract({ purchaserCreditCode: '11310000000000000X' }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.details.field).toBe('purchaserCreditCode');
    const short = await register(contract({ priceFen: 2 * QUARTER + 1 }));
    expect(short.status).toBe(422);
    expect(short.body.messages['zh-CN']).toContain('应等于合同金额');
    // The contractor is a small enterprise: at most 60 days to pay (PAY-01).
    const term = await register(contract({ paymentTermDays: 61 }));
    expect(term.body).toMatchObject({ ruleId: 'PAY-01', details: { field: 'paymentTermDays' } });
    expect(await contractCount()).toBe(before);
  });

  it('registers a signed contract once: the same registration again answers the same contract, another under its reference is refused', async () => {
    const first = await register(contract());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'signed', projectId: null, replayed: false, paymentTermDays: 30 });
    id = first.body.id;
    const again = await register(contract());
    expect(again.body).toMatchObject({ id, replayed: true });
    const changed = await register(contract({ priceFen: 2 * QUARTER + 100, milestones: contract().milestones.map((m, i) => ({ ...m, amountFen: QUARTER + (i ? 100 : 0) })) }));
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('REFERENCE_REUSED');
  });

  it('shows the contract to its parties and the region’s overseers, naming the sub-platform, and to nobody else', async () => {
    const road = await t.signIn('supplier-road');
    const seen = await t.api('GET', `/api/contracts/${id}`, { cookie: road });
    expect(seen.status).toBe(200);
    expect(seen.body.sourceName).toBe('上海市建设工程招标投标交易子平台');
    expect((await t.api('GET', `/api/contracts/${id}`, { cookie: await t.signIn('supervisor') })).status).toBe(200);
    expect((await t.api('GET', `/api/contracts/${id}`, { cookie: await t.signIn('purchaser') })).status).toBe(404);
    expect((await t.api('GET', `/api/contracts/${id}`, { cookie: await t.signIn('supplier1') })).status).toBe(404);
    const inbox = (await t.api('GET', '/api/inbox', { cookie: road })).body.items;
    expect(inbox[0].title).toBe('SHJS2026-GLYH-0158 合同已由上海市建设工程招标投标交易子平台登记');
    // It was signed on the sub-platform: nobody signs or refuses it here.
    expect((await t.api('POST', `/api/contracts/${id}/signatures`, { cookie: road, body: { revision: seen.body.revision } })).status).toBe(403);
  });

  it('reaches acceptance and a payment application here like a contract drafted on this platform', async () => {
    t.clock.set('2026-07-02T02:00:00.000Z');
    const purchaser = await t.signIn('purchaser-road');
    const accepted = await t.api('POST', `/api/contracts/${id}/acceptances`, { cookie: purchaser, body: { milestoneNo: 1, result: 'pass', findings: '季度考核合格', members: ['孙磊'] } });
    expect(accepted.status).toBe(200);
    const road = await t.signIn('supplier-road');
    const tax = Math.round((QUARTER * 9) / 109);
    const filed = await t.api('POST', `/api/contracts/${id}/payment-applications`, {
      cookie: road,
      body: {
        milestoneNo: 1,
        invoiceNumber: '26312000000000000158',
        invoiceDate: '2026-07-02',
        sellerCreditCode: codes['上海城建道路养护工程有限公司'],
        buyerCreditCode: codes['上海市公路事务中心'],
        amountBeforeTaxFen: QUARTER - tax,
        taxFen: tax,
        totalFen: QUARTER,
        invoiceFile: { fileName: '发票.pdf', contentBase64: Buffer.from('%PDF-1.7\n%%EOF\n').toString('base64') },
        payee: { accountName: '上海城建道路养护工程有限公司', bankName: '上海农村商业银行徐汇支行', accountNumber: '50131000123456789' },
      },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ status: 'submitted', dueOn: '2026-08-01', contractNumber: 'SHJS2026-GLYH-0158' });
    const queue = (await t.api('GET', '/api/payment-applications?queue=true', { cookie: purchaser })).body;
    expect(queue.map((a: { id: string }) => a.id)).toEqual([filed.body.id]);
  });
});
