import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worksTenderReleases, type WorksTender } from '../../src/demo/subplatform/works-releases';
import { signedFetch, type SubPlatformKey } from '../../src/demo/subplatform/sync-client';
import { canonicalJson } from '../../src/platform/audit/audit-chain';
import { demoApiKey } from '../../src/identity/api-keys/api-keys';
import { dayDigest } from '../../src/exchange/sync/reconciliation';
import { queryRows } from '../../src/platform/database/database';
import { createHash } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * Issue 15: the construction sub-platform syncs a highway-maintenance tender into the main
 * platform (seed 000: 分平台将交易结果相关信息同步至总平台), all or nothing, idempotently; the synced
 * contract is paid through the payment module; the change feed and reconciliation see it.
 */
let t: TestPlatform;
let key: SubPlatformKey;
let bankKey: SubPlatformKey;
const codes: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true, now: '2026-06-01T02:00:00.000Z' });
  key = (await demoApiKey(t.platform.database.db, t.platform.sealer, 'subPlatform'))!;
  bankKey = (await demoApiKey(t.platform.database.db, t.platform.sealer, 'bank'))!;
  for (const row of await queryRows<{ name: string; credit_code: string }>(t.platform.database.db, sql`SELECT name, credit_code FROM entity`)) codes[row.name] = row.credit_code;
}, 120_000);
afterAll(() => t?.close());

const road = (o: Partial<WorksTender> = {}): WorksTender => ({
  prefix: 'ocds-shjs01',
  number: 'JSGC-2026-0311',
  title: '2026年度市管公路（漕宝路段）日常养护工程',
  buyer: { name: '上海市公路事务中心', creditCode: codes['上海市公路事务中心']! },
  bidders: [
    { name: '上海城建道路养护工程有限公司', creditCode: codes['上海城建道路养护工程有限公司']!, priceFen: 176_000_000 },
    { name: '上海示范路桥建设有限公司', creditCode: '91310000MA1FL6XQ4K', priceFen: 181_500_000 },
    { name: '上海浦江市政养护有限公司', creditCode: '91310115MA1K4CPG2Y', priceFen: 179_900_000 },
  ],
  winner: codes['上海城建道路养护工程有限公司']!,
  budgetFen: 190_000_000,
  publishedAt: '2026-04-01T02:00:00.000Z',
  ...o,
});
const push = (releases: unknown[], signer = key) => signedFetch(t.baseUrl, signer, 'POST', '/api/sync/releases', { releases }, t.clock.now());
const count = async (table: string) => (await queryRows<{ n: number }>(t.platform.database.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`))[0]!.n;
const state = async () => ({ releases: await count('ocds_release'), external: await count('external_procurement'), contracts: await count('contract'), audit: await count('audit_entry') });

describe('a sub-platform syncs a works tender', () => {
  let contractId = '';

  it('refuses an unsigned batch or one signed by a bank, and applies nothing', async () => {
    const before = await state();
    const unsigned = await fetch(`${t.baseUrl}/api/sync/releases`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ releases: worksTenderReleases(road()) }) });
    expect(unsigned.status).toBe(401);
    expect((await push(worksTenderReleases(road()), bankKey)).body.code).toBe('SIGNATURE_INVALID');
    expect(await state()).toEqual(before);
  });

  it('refuses a whole batch for one bad release, naming each error by release and field in both languages', async () => {
    const before = await state();
    const [tender, award, contract] = worksTenderReleases(road());
    const bad = structuredClone(award!) as Record<string, any>;
    delete bad.date; // schema: required
    bad.parties[0].identifier.id = '91310000MA1FL6XQ4A'; // the buyer's credit code fails its check character
    bad.awards[0].value.amount = 1760000.001; // a tenth of a fen
    const res = await push([tender, bad, contract]);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('SYNC_REJECTED');
    const errors = (res.body.details as { errors: { index: number; path: string; ruleId: string; message: Record<string, string> }[] }).errors;
    expect(errors.map((e) => [e.index, e.path, e.ruleId])).toEqual([
      [1, '/date', 'SYNC-01'],
      [1, '/parties/0/identifier/id', 'SYNC-04'],
      [1, '/awards/0/value/amount', 'SYNC-06'],
    ]);
    expect(errors[0]!.message).toEqual({ 'zh-CN': '缺少必填字段 date', 'en-US': 'date is required' });
    expect(await state()).toEqual(before);
  });

  it('accepts the tender, award and contract; registers the signed contract for payment; the same batch again changes nothing', async () => {
    const before = await state();
    const releases = worksTenderReleases(road());
    const res = await push(releases);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ accepted: 3, duplicates: 0 });
    const registered = (res.body.contracts as { contractNumber: string; registeredContractId: string }[])[0]!;
    expect(registered.contractNumber).toBe('JSGC-2026-0311-HT');
    contractId = registered.registeredContractId;
    expect(await state()).toMatchObject({ releases: before.releases + 3, external: before.external + 1, contracts: before.contracts + 1 });

    const afterFirst = await state();
    const again = await push(releases);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(await state()).toEqual(afterFirst);

    const [row] = await queryRows<{ platform_name: string; title: string; value_fen: string; awarded_fen: string; bid_count: number; buyer_credit_code: string }>(
      t.platform.database.db,
      sql`SELECT platform_name, title, value_fen, awarded_fen, bid_count, buyer_credit_code FROM external_procurement WHERE ocid = 'ocds-shjs01-JSGC-2026-0311'`,
    );
    // Filed under the sub-platform's unified name in the platform catalogue (seed 001, 四.1).
    expect(row).toMatchObject({ platform_name: '上海市公共资源交易平台（建设工程招投标分平台）', title: '2026年度市管公路（漕宝路段）日常养护工程', bid_count: 3, buyer_credit_code: codes['上海市公路事务中心'] });
    expect(Number(row!.value_fen)).toBe(190_000_000);
    expect(Number(row!.awarded_fen)).toBe(176_000_000);
  });

  it('refuses another release under a received id, one dated before the newest received, and an ocid another platform sent first', async () => {
    const [tender] = worksTenderReleases(road());
    const changed = { ...tender!, tender: { ...(tender!.tender as object), title: '改过的标题' } };
    const late = { ...tender!, id: 'JSGC-2026-0311-00' }; // dated 2026-04-01, before the contract's release
    // A procurement another sub-platform sent first.
    await t.platform.database.db.execute(
      sql`INSERT INTO external_procurement (ocid, origin, source_entity_id, platform_name, region_code, title, release_count, first_date, last_date, compiled)
          VALUES ('ocds-shzf01-ZFCG-1', 'subPlatform', gen_random_uuid(), '上海市公共资源交易平台（政府采购分平台）', '310000', '另一分平台的项目', 1, now(), now(), '{}')`,
    );
    const before = await state();
    const hijack = { ...worksTenderReleases(road({ number: 'X-1' }))[0]!, ocid: 'ocds-shzf01-ZFCG-1' };
    const res = await push([changed, late, hijack]);
    const errors = (res.body.details as { errors: { index: number; path: string; ruleId: string }[] }).errors;
    expect(errors.map((e) => [e.index, e.path, e.ruleId])).toEqual([
      [0, '/id', 'SYNC-07'],
      [1, '/date', 'SYNC-08'],
      [2, '/ocid', 'SYNC-08'],
    ]);
    expect(await state()).toEqual(before);
  });

  it('pays the synced contract through the payment module: acceptance, application, purchaser, authority, treasury', async () => {
    t.clock.set('2026-06-02T02:00:00.000Z');
    const purchaser = await t.signIn('purchaser-road');
    const contract = (await t.api('GET', `/api/contracts/${contractId}`, { cookie: purchaser })).body;
    expect(contract).toMatchObject({ sourceName: '上海市建设工程招标投标交易子平台', priceFen: 176_000_000, status: 'signed' });
    const first = contract.milestones[0];
    expect((await t.api('POST', `/api/contracts/${contractId}/acceptances`, { cookie: purchaser, body: { milestoneNo: 1, result: 'pass', findings: '上半年养护考核合格', members: ['孙磊'] } })).status).toBe(200);
    const supplier = await t.signIn('supplier-road');
    const tax = Math.round((first.amountFen * 9) / 109);
    const filed = await t.api('POST', `/api/contracts/${contractId}/payment-applications`, {
      cookie: supplier,
      body: {
        milestoneNo: 1,
        invoiceNumber: '26312000000000000311',
        invoiceDate: '2026-06-02',
        sellerCreditCode: codes['上海城建道路养护工程有限公司'],
        buyerCreditCode: codes['上海市公路事务中心'],
        amountBeforeTaxFen: first.amountFen - tax,
        taxFen: tax,
        totalFen: first.amountFen,
        invoiceFile: { fileName: '发票.pdf', contentBase64: Buffer.from('%PDF-1.7\n%%EOF\n').toString('base64') },
        payee: { accountName: '上海城建道路养护工程有限公司', bankName: '上海农村商业银行徐汇支行', accountNumber: '50131000123456789' },
      },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id;
    const decide = async (who: string, body: Record<string, unknown>) => {
      const cookie = await t.signIn(who);
      const app = (await t.api('GET', `/api/payment-applications/${id}`, { cookie })).body;
      return t.api('POST', `/api/payment-applications/${id}/decisions`, { cookie, body: { ...body, revision: app.revision } });
    };
    expect((await decide('purchaser-road', { action: 'purchaserApprove' })).body.status).not.toBe('submitted');
    expect((await decide('authority', { action: 'authorityApprove' })).status).toBe(200);
    const paid = await decide('treasury', { action: 'treasuryPay', voucherNumber: 'GK2026060200311', paidOn: '2026-06-02' });
    expect(paid.body).toMatchObject({ status: 'paid' });
  });
});

describe('the change feed and reconciliation', () => {
  it('lists every change in commit order once, each with where it came from', async () => {
    const seen: { seq: number; ocid: string; origin: string }[] = [];
    let after = 0;
    for (;;) {
      const page = await (await fetch(`${t.baseUrl}/api/feed?after=${after}&limit=7`)).json();
      if (page.changes.length === 0) {
        expect(page.next).toBe(after);
        break;
      }
      seen.push(...page.changes);
      after = page.next;
    }
    const seqs = seen.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.length).toBe(await count('ocds_release'));
    expect(seen.filter((c) => c.ocid === 'ocds-shjs01-JSGC-2026-0311').map((c) => c.origin)).toEqual(['subPlatform', 'subPlatform', 'subPlatform']);
  });

  it('gives the sub-platform per-day counts and digests it can compute over what it sent, and the lines where they differ', async () => {
    const sent = worksTenderReleases(road());
    const sha = (r: unknown) => createHash('sha256').update(canonicalJson(r)).digest('hex');
    const res = await signedFetch(t.baseUrl, key, 'GET', '/api/sync/reconciliation?from=2026-04-01&to=2026-05-01', undefined, t.clock.now());
    expect(res.status).toBe(200);
    const days = res.body.days as { date: string; count: number; sha256: string }[];
    expect(days).toHaveLength(31);
    const ofDay = (d: string) => days.find((x) => x.date === d)!;
    expect(ofDay('2026-04-01')).toMatchObject({ count: 1, sha256: dayDigest([{ ocid: String(sent[0]!.ocid), id: String(sent[0]!.id), sha256: sha(sent[0]) }]) });
    expect(ofDay('2026-05-01').count).toBe(1);
    expect(ofDay('2026-04-02')).toMatchObject({ count: 0, sha256: dayDigest([]) });
    const lines = await signedFetch(t.baseUrl, key, 'GET', '/api/sync/reconciliation?from=2026-05-11&to=2026-05-11&lines=true', undefined, t.clock.now());
    expect((lines.body.days as { lines: unknown[] }[])[0]!.lines).toEqual([{ ocid: 'ocds-shjs01-JSGC-2026-0311', id: 'JSGC-2026-0311-03', sha256: sha(sent[2]) }]);
    const tooLong = await signedFetch(t.baseUrl, key, 'GET', '/api/sync/reconciliation?from=2026-01-01&to=2026-03-01', undefined, t.clock.now());
    expect(tooLong.status).toBe(400);
  });
});
