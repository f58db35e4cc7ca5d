import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-accounts';
import { createEntityWithAccounts, completeCreditCode } from '../../src/identity';
import { demoApiKey, issueApiKey } from '../../src/identity/api-keys/api-keys';
import { signApiRequest } from '../../src/identity/api-keys/signed-request.rules';
import { accountBalance, verifyLedger } from '../../src/money';
import { isVirtualAccountNumber, luhnCheckDigit, type BankNotice } from '../../src/money/deposits/deposit.rules';
import { systemContext } from '../../src/platform/context';
import { queryRows } from '../../src/platform/database/database';
import { openedProject, type PublishedProject } from '../support/tendering';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * Deposits by transfer on a real database (PGlite, or PostgreSQL with DATABASE_URL): each bidder's
 * own sub-account, the registered bank's signed notice (idempotent, refused bilingually when it is
 * not to be trusted), secrecy until the opening, and each bid's status at the opening (GP-21).
 */
let t: TestPlatform;
let bank: { keyId: string; secret: string; bankEntityId: string };
const NOTICE_URL = '/api/bank/deposit-notices';

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  const ctx = systemContext(t.platform);
  const first17 = '91310000MA1BANK02';
  const bankId = await createEntityWithAccounts(ctx, { name: '上海测试银行股份有限公司', entityType: 'bank', creditCode: completeCreditCode(first17), regionCode: '310000', contactName: '测试', contactPhone: '021-00000000', address: '上海市' }, []);
  bank = { ...(await issueApiKey(ctx, bankId)), bankEntityId: bankId };
  const supplier17 = '91310115MA1NODOC1';
  await createEntityWithAccounts(ctx, { name: '上海未获取文件科技有限公司', entityType: 'supplier', creditCode: completeCreditCode(supplier17), regionCode: '310115', contactName: '测试', contactPhone: '021-00000000', address: '上海市', smeSize: 'small' }, [
    { username: 'supplier-nodocs', displayName: '经办人', roles: ['supplier'], password: DEMO_PASSWORD, isEntityAdmin: true },
  ]);
}, 120_000);
afterAll(() => t?.close());

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.platform.database.db, query);

/** What a refused notice must leave as it was. */
async function moneyState() {
  const [c] = await rows<{ receipts: number; subs: number; entries: number; postings: number; accounts: number; audit: number }>(
    sql`SELECT (SELECT count(*)::int FROM deposit_receipt) AS receipts, (SELECT count(*)::int FROM virtual_account) AS subs, (SELECT count(*)::int FROM journal_entry) AS entries,
               (SELECT count(*)::int FROM ledger_posting) AS postings, (SELECT count(*)::int FROM ledger_account) AS accounts, (SELECT count(*)::int FROM audit_entry) AS audit`,
  );
  return c!;
}

type MoneyState = Awaited<ReturnType<typeof moneyState>>;

/** A bank's request, signed as a bank's adapter signs it (or broken in one way). */
async function notify(notice: BankNotice, options: { timestamp?: string; secret?: string; keyId?: string; tamper?: (body: string) => string; omit?: string } = {}) {
  const body = JSON.stringify(notice);
  const timestamp = options.timestamp ?? t.clock.now().toISOString();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-bank-key': options.keyId ?? bank.keyId,
    'x-bank-timestamp': timestamp,
    'x-bank-signature': signApiRequest(options.secret ?? bank.secret, 'POST', NOTICE_URL, timestamp, body),
  };
  if (options.omit) delete headers[options.omit];
  const res = await t.app.inject({ method: 'POST', url: NOTICE_URL, headers, payload: options.tamper ? options.tamper(body) : body });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

function expectBilingual(body: { code: string; messages: Record<string, string> }, code: string) {
  expect(body.code).toBe(code);
  expect(body.messages['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  expect(body.messages['en-US']).toMatch(/[a-z]/);
}

const REQUIRED = 6_000_000; // 2 % of the 3,000,000-yuan budget
const virtualAccounts: Record<string, string> = {};
let project: PublishedProject & { bidIds: Record<string, string> };
const bidders = { supplier1: 2_900_000, supplier2: 2_950_000, supplier3: 2_980_000, supplier4: 2_990_000, 'supplier-sd': 2_995_000 };
const PAYERS = { supplier1: '6222 0210 0100 1111', supplier2: '6222 0210 0100 2222', supplier3: '6222 0210 0100 3333', supplier4: '6222 0210 0100 4444' };
/** Findings made before the deadline, asserted in their own tests. */
const before: Record<string, unknown> = {};

describe('deposits by transfer into each bidder’s sub-account', () => {
  beforeAll(async () => {
    project = await openedProject(t, bidders, {
      async beforeDeadline(p, b) {
        const deadline = new Date(p.deadline);
        // Every bidder but the Shandong one opens its sub-account; again gives the same one.
        for (const name of ['supplier1', 'supplier2', 'supplier3', 'supplier4'] as const) {
          const opened = await t.api('POST', `/api/lots/${p.lotId}/virtual-account`, { cookie: b[name]!.cookie });
          expect(opened.status, JSON.stringify(opened.body)).toBe(200);
          expect(opened.body).toMatchObject({ created: true, requiredFen: REQUIRED, receipts: [], status: { status: 'missing', ruleId: 'GP-21' } });
          virtualAccounts[name] = opened.body.virtualAccount.accountNumber;
          const again = await t.api('POST', `/api/lots/${p.lotId}/virtual-account`, { cookie: b[name]!.cookie });
          expect(again.body).toMatchObject({ created: false, virtualAccount: { accountNumber: virtualAccounts[name] } });
        }
        // A supplier that did not obtain the documents gets none.
        before.notObtained = await t.api('POST', `/api/lots/${p.lotId}/virtual-account`, { cookie: await t.signIn('supplier-nodocs') });

        // supplier1 pays in full at the demo bank (the server-side adapter signs and calls the bank API).
        before.demo = await t.api('POST', '/api/demo-bank/transfers', {
          cookie: b.supplier1!.cookie,
          body: { virtualAccount: virtualAccounts.supplier1, amountFen: REQUIRED, payerAccountName: '上海申联信息科技有限公司', payerAccountNumber: PAYERS.supplier1 },
        });
        // supplier2 one fen short, announced by its bank 50 times at once.
        const short: BankNotice = { virtualAccount: virtualAccounts.supplier2!, amountFen: REQUIRED - 1, reference: 'ICBC20260302000002', valueTime: t.clock.now().toISOString(), payerAccountName: '上海浦江数据服务有限公司', payerAccountNumber: PAYERS.supplier2 };
        const counts = await moneyState();
        before.fifty = { answers: await Promise.all(Array.from({ length: 50 }, () => notify(short))), before: counts, after: await moneyState(), notice: short };
        before.reused = { answer: await notify({ ...short, amountFen: REQUIRED }), state: await moneyState() };

        // What those not bidding see before the opening: no owner, no count, no sign of a payment.
        before.views = await secrecyViews(p);

        // supplier4 pays 1 ms before the deadline; supplier3 at the deadline itself.
        t.clock.set(new Date(deadline.getTime() - 1));
        before.s4 = await notify({ virtualAccount: virtualAccounts.supplier4!, amountFen: REQUIRED, reference: 'BOC-0004', valueTime: t.clock.now().toISOString(), payerAccountName: '中远系统集成（上海）有限公司', payerAccountNumber: PAYERS.supplier4 });
        t.clock.set(deadline);
        before.s3 = await notify({ virtualAccount: virtualAccounts.supplier3!, amountFen: REQUIRED, reference: 'BOC-0003', valueTime: t.clock.now().toISOString(), payerAccountName: '上海华东智能设备股份有限公司', payerAccountNumber: PAYERS.supplier3 });
      },
    });
  }, 300_000);

  it('gives each bidder its own random sub-account, shown to it alone', async () => {
    const numbers = Object.values(virtualAccounts);
    expect(new Set(numbers).size).toBe(4);
    for (const n of numbers) expect(isVirtualAccountNumber(n)).toBe(true);
    // Nothing in a number comes from the supplier or the lot.
    const [stored] = await rows<{ n: string }>(sql`SELECT count(*)::text AS n FROM virtual_account WHERE account_number LIKE ${'%' + project.lotId.replace(/-/g, '').slice(0, 6) + '%'}`);
    expect(stored!.n).toBe('0');
    const notObtained = before.notObtained as { status: number; body: { code: string; messages: Record<string, string> } };
    expect(notObtained.status).toBe(409);
    expectBilingual(notObtained.body, 'DOCUMENTS_NOT_OBTAINED');
  });

  it('credits a transfer made at the demo bank through the same signed API, with its payer kept', async () => {
    const demo = before.demo as { status: number; body: Record<string, unknown> };
    expect(demo.status, JSON.stringify(demo.body)).toBe(200);
    expect(demo.body).toMatchObject({ status: 'credited', replayed: false, virtualAccount: virtualAccounts.supplier1, amountFen: REQUIRED });
    const demoBank = await demoApiKey(t.platform.database.db, t.platform.sealer, 'bank');
    const [receipt] = await rows<{ bank_entity_id: string; payer_account_number: string; payer_account_key: string }>(sql`SELECT * FROM deposit_receipt WHERE id = ${demo.body.depositId as string}`);
    expect(receipt).toMatchObject({ bank_entity_id: demoBank!.entityId, payer_account_number: PAYERS.supplier1, payer_account_key: PAYERS.supplier1.replace(/ /g, '') });
    const [s1] = await rows<{ code: string }>(sql`SELECT ledger_account_code AS code FROM virtual_account WHERE account_number = ${virtualAccounts.supplier1!}`);
    expect(await accountBalance(t.platform.database.db, s1!.code)).toBe(-BigInt(REQUIRED));
  });

  it('makes one deposit of 50 identical notices at once, and refuses the reference reused with other content (409)', async () => {
    const { answers, before: counts, after, notice } = before.fifty as { answers: { status: number; body: { depositId: string; replayed: boolean } }[]; before: MoneyState; after: MoneyState; notice: BankNotice };
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(new Set(answers.map((a) => a.body.depositId)).size).toBe(1);
    expect(answers.filter((a) => !a.body.replayed)).toHaveLength(1);
    expect(after.receipts - counts.receipts).toBe(1);
    expect(after.entries - counts.entries).toBe(1);
    expect(after.postings - counts.postings).toBe(2);
    const [s2] = await rows<{ code: string }>(sql`SELECT ledger_account_code AS code FROM virtual_account WHERE account_number = ${notice.virtualAccount}`);
    expect(await accountBalance(t.platform.database.db, s2!.code)).toBe(-BigInt(REQUIRED - 1));

    const reused = before.reused as { answer: { status: number; body: { code: string; messages: Record<string, string> } }; state: MoneyState };
    expect(reused.answer.status).toBe(409);
    expectBilingual(reused.answer.body, 'BANK_REFERENCE_REUSED');
    expect(reused.state).toEqual(after);
  });

  it('refuses a bad signature, a stale timestamp, an unknown key or sub-account, bilingually, and changes nothing', async () => {
    const notice: BankNotice = { virtualAccount: virtualAccounts.supplier4!, amountFen: 100, reference: 'REFUSED-1', valueTime: t.clock.now().toISOString(), payerAccountName: '某公司', payerAccountNumber: '6222 0000 0000 0000' };
    const state = await moneyState();
    const stale = new Date(t.clock.now().getTime() - 5 * 60_000 - 1).toISOString();
    const future = new Date(t.clock.now().getTime() + 5 * 60_000 + 1).toISOString();
    const unknown = `8816${'0'.repeat(14)}1`;
    const refusals: [Awaited<ReturnType<typeof notify>>, number, string][] = [
      [await notify(notice, { secret: 'not-the-bank-secret' }), 401, 'SIGNATURE_INVALID'],
      [await notify(notice, { tamper: (b) => b.replace('"amountFen":100', '"amountFen":100000') }), 401, 'SIGNATURE_INVALID'],
      [await notify(notice, { keyId: 'bk_unknown' }), 401, 'SIGNATURE_INVALID'],
      [await notify(notice, { timestamp: stale }), 401, 'SIGNATURE_TIMESTAMP_STALE'],
      [await notify(notice, { timestamp: future }), 401, 'SIGNATURE_TIMESTAMP_STALE'],
      [await notify(notice, { timestamp: '2026-03-23 10:00' }), 401, 'SIGNATURE_TIMESTAMP_INVALID'],
      [await notify(notice, { omit: 'x-bank-signature' }), 401, 'SIGNATURE_MISSING'],
      [await notify(notice, { omit: 'x-bank-key' }), 401, 'SIGNATURE_MISSING'],
      [await notify({ ...notice, virtualAccount: unknown + luhnCheckDigit(unknown) }), 422, 'VIRTUAL_ACCOUNT_UNKNOWN'],
      [await notify({ ...notice, valueTime: new Date(t.clock.now().getTime() + 3_600_000).toISOString() }), 422, 'DEPOSIT_VALUE_TIME_IN_FUTURE'],
      [await notify({ ...notice, amountFen: 0 }), 400, 'VALIDATION'],
      [await notify(notice, { tamper: (b) => b.slice(0, -1) }), 400, 'BAD_REQUEST'],
    ];
    for (const [res, status, code] of refusals) {
      expect(res.status, code).toBe(status);
      expectBilingual(res.body, code);
    }
    expect(await moneyState()).toEqual(state);
    // A suspended bank's key signs nothing.
    await t.platform.database.execAsOwner(`UPDATE entity SET status = 'suspended' WHERE id = '${bank.bankEntityId}'`);
    const suspended = await notify(notice);
    await t.platform.database.execAsOwner(`UPDATE entity SET status = 'active' WHERE id = '${bank.bankEntityId}'`);
    expect(suspended.status).toBe(401);
    expect(await moneyState()).toEqual(state);
  });

  it('tells nobody but the bidder anything about who paid before the opening', () => {
    const views = before.views as Record<string, { status: number; body: unknown }>;
    for (const [what, res] of Object.entries(views)) {
      const text = JSON.stringify(res.body);
      for (const n of Object.values(virtualAccounts)) expect(text, what).not.toContain(n);
      for (const p of Object.values(PAYERS)) expect(text, what).not.toContain(p.replace(/ /g, '').slice(-8));
      expect(text, what).not.toMatch(/deposit\.(receive|open_virtual_account)|depositReceived|ledger\.|bidDeposit/);
    }
    for (const who of ['purchaser', 'agency', 'operator', 'supervisor', 'auditadmin', 'sysadmin', 'treasury']) expect([403, 404], who).toContain(views[`${who} sub-account`]!.status);
    for (const who of ['purchaser', 'agency', 'operator', 'supervisor']) expect((views[`${who} opening`]!.body as { entries: unknown[] }).entries, who).toEqual([]);
  });

  it('shows each bid’s deposit status at the opening, with its rule, and never the payer', async () => {
    expect((before.s4 as { status: number }).status).toBe(200);
    expect((before.s3 as { status: number }).status).toBe(200);
    const agency = await t.signIn('agency');
    const record = await t.api('GET', `/api/lots/${project.lotId}/opening`, { cookie: agency });
    expect(record.status).toBe(200);
    expect(record.body.opening.status).toBe('closed');
    const bySupplier = Object.fromEntries(
      (record.body.entries as { bidId: string; depositStatus: { status: string; ruleId: string | null; receivedInTimeFen: number } }[]).map((e) => [
        Object.entries(project.bidIds).find(([, id]) => id === e.bidId)![0],
        e.depositStatus,
      ]),
    );
    expect(bySupplier).toEqual({
      supplier1: { status: 'paidInTime', ruleId: null, requiredFen: REQUIRED, receivedInTimeFen: REQUIRED, receivedLateFen: 0 },
      supplier2: { status: 'short', ruleId: 'GP-21', requiredFen: REQUIRED, receivedInTimeFen: REQUIRED - 1, receivedLateFen: 0 },
      supplier3: { status: 'late', ruleId: 'GP-21', requiredFen: REQUIRED, receivedInTimeFen: 0, receivedLateFen: REQUIRED },
      supplier4: { status: 'paidInTime', ruleId: null, requiredFen: REQUIRED, receivedInTimeFen: REQUIRED, receivedLateFen: 0 },
      'supplier-sd': { status: 'missing', ruleId: 'GP-21', requiredFen: REQUIRED, receivedInTimeFen: 0, receivedLateFen: 0 },
    });
    const text = JSON.stringify(record.body);
    for (const p of Object.values(PAYERS)) expect(text).not.toContain(p);
    for (const n of Object.values(virtualAccounts)) expect(text).not.toContain(n);
    // The public record (anyone, once the opening has started) says the same, without payers either.
    const pub = await t.api('GET', `/api/public/lots/${project.lotId}/opening`);
    expect(pub.body.entries.map((e: { depositStatus: { status: string } }) => e.depositStatus.status).sort()).toEqual(['late', 'missing', 'paidInTime', 'paidInTime', 'short']);
    for (const p of Object.values(PAYERS)) expect(JSON.stringify(pub.body)).not.toContain(p);
    // The bidder sees its own sub-account, payer and status.
    const mine = await t.api('GET', `/api/lots/${project.lotId}/virtual-account`, { cookie: await t.signIn('supplier2') });
    expect(mine.body).toMatchObject({ virtualAccount: { accountNumber: virtualAccounts.supplier2 }, receipts: [{ amountFen: REQUIRED - 1, payerAccountNumber: PAYERS.supplier2 }], status: { status: 'short' } });
  });

  it('leaves the ledger balanced, each deposit posted once against the clearing account (ledger:verify)', async () => {
    const verification = await verifyLedger(t.platform.database.db);
    expect(verification).toMatchObject({ ok: true, totalFen: 0n, entryBreak: null, postingBreak: null });
    const [entries] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM journal_entry WHERE kind = 'depositReceived'`);
    expect(entries!.n).toBe(4);
    expect(await accountBalance(t.platform.database.db, 'platformClearing:310104')).toBe(BigInt(REQUIRED * 4 - 1));
    // Each is sealed in the audit trail with its project, until the opening; now the auditors see it.
    const audit = await rows<{ action: string; sealed: string | null; project_id: string | null }>(sql`SELECT action, sealed, project_id FROM audit_entry WHERE action IN ('deposit.receive', 'deposit.open_virtual_account', 'ledger.post') AND project_id = ${project.projectId}`);
    expect(audit.length).toBeGreaterThanOrEqual(12);
    for (const a of audit) expect(a.sealed).toBe('bidder');
    const supervisor = await t.signIn('supervisor');
    const seen = await t.api('GET', `/api/audit/entries?action=deposit.receive&limit=50`, { cookie: supervisor });
    expect(seen.body.items.length).toBe(4);
  });
});

/** Everything those running, overseeing or administering the platform can ask, before the deadline. */
async function secrecyViews(p: PublishedProject) {
  const views: Record<string, { status: number; body: unknown }> = {};
  for (const who of ['purchaser', 'agency', 'operator', 'supervisor', 'auditadmin', 'sysadmin', 'treasury']) {
    const cookie = await t.signIn(who);
    views[`${who} sub-account`] = await t.api('GET', `/api/lots/${p.lotId}/virtual-account`, { cookie });
    views[`${who} opening`] = await t.api('GET', `/api/lots/${p.lotId}/opening`, { cookie });
    views[`${who} projects`] = await t.api('GET', '/api/projects?scope=region', { cookie });
    if (['operator', 'supervisor', 'auditadmin'].includes(who)) {
      views[`${who} audit`] = await t.api('GET', '/api/audit/entries?limit=500', { cookie });
      views[`${who} audit deposits`] = await t.api('GET', '/api/audit/entries?action=deposit.receive', { cookie });
      views[`${who} audit ledger`] = await t.api('GET', '/api/audit/entries?action=ledger.post', { cookie });
    }
    views[`${who} inbox`] = await t.api('GET', '/api/inbox', { cookie });
  }
  views['anonymous public project'] = await t.api('GET', `/api/public/projects/${p.projectId}`);
  return views;
}

