import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EXPERTS } from '../../src/demo/demo-accounts';
import { actorFor } from '../../src/identity';
import { accountBalance, verifyLedger } from '../../src/money';
import { overdueFeeFen } from '../../src/money/refunds/refund.rules';
import { refundDeposit } from '../../src/money/refunds/refunds';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import type { Context } from '../../src/platform/context';
import { queryRows } from '../../src/platform/database/database';
import { myAssignments, requestCommittee, respondToDraw } from '../../src/services/experts/sampling';
import { confirmWinner, sendReport } from '../../src/trading/award/award';
import { evaluationSheet, saveSheet, signReport, submitSheet } from '../../src/trading/evaluation/evaluation';
import { unwrapContentKey } from '../../src/trading/bids/sealing';
import { bid, prepareBidder, publishProject, type Bidder, type PublishedProject } from '../support/tendering';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * Automatic deposit refunds and recorded forfeits on a real database: a withdrawal's refund
 * (GP-24), the losers' after the award notice (GP-22) paid once whatever crashes or races, a late
 * one with its overdue fee on the supervisors' list (GP-25), a revoked bid's deposit held and
 * forfeited by the purchaser's decision (EB-06), and the winner's after signing (GP-23).
 */
let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
}, 120_000);
afterAll(() => t?.close());

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.platform.database.db, query);
const REQUIRED = 6_000_000; // 2 % of the 3,000,000-yuan budget
const DEADLINE = shanghaiInstant('2026-03-23', '10:00');
const AWARD_AT = shanghaiInstant('2026-03-24', '10:00'); // Tuesday: due Tuesday 31 March
const PAYERS: Record<string, string[]> = { supplier1: ['6222 0210 0100 1111', '6222 0210 0100 1112'], supplier2: ['6222 0210 0100 2222'], supplier3: ['6222 0210 0100 3333'], supplier4: ['6222 0210 0100 4444'], 'supplier-sd': ['6228 4800 0000 5555'] };

let p: PublishedProject;
const bidders: Record<string, Bidder> = {};
const bidIds: Record<string, string> = {};
const subs: Record<string, { id: string; code: string }> = {};
const found: Record<string, unknown> = {};

async function pay(name: string, amountFen: number, payer: string) {
  const res = await t.api('POST', '/api/demo-bank/transfers', { cookie: bidders[name]!.cookie, body: { virtualAccount: found[`va:${name}`] as string, amountFen, payerAccountName: `${name} 付款户`, payerAccountNumber: payer } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function moneyState() {
  const [c] = await rows<{ entries: number; postings: number; refunds: string; forfeits: number }>(
    sql`SELECT (SELECT count(*)::int FROM journal_entry) AS entries, (SELECT count(*)::int FROM ledger_posting) AS postings,
               (SELECT string_agg(virtual_account_id || ':' || status || ':' || revision, ',' ORDER BY virtual_account_id) FROM deposit_refund) AS refunds, (SELECT count(*)::int FROM deposit_forfeit) AS forfeits`,
  );
  return c!;
}

const refundOf = async (name: string) => (await rows<{ status: string; trigger: string | null; rule_id: string | null; due_date: string | null; amount_fen: string | null; overdue_days: number | null; overdue_fee_fen: string | null; payees: unknown }>(sql`SELECT status, trigger, rule_id, due_date::text, amount_fen::text, overdue_days, overdue_fee_fen::text, payees FROM deposit_refund WHERE virtual_account_id = ${subs[name]!.id}`))[0];
const entriesKeyed = async (key: string) => (await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM journal_entry WHERE idempotency_key = ${key}`))[0]!.n;
const balance = (name: string) => accountBalance(t.platform.database.db, subs[name]!.code);
const as = async (username: string): Promise<Context> => ({ platform: t.platform, actor: await actorFor(t.platform.database.db, username), ip: '127.0.0.1', userAgent: 'test' });

describe('deposit refunds and forfeits', () => {
  beforeAll(async () => {
    p = await publishProject(t, { documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: DEADLINE.toISOString() });
    for (const name of ['supplier1', 'supplier2', 'supplier3', 'supplier4', 'supplier-sd']) {
      bidders[name] = await prepareBidder(t, name, p.projectId);
      bidIds[name] = (await bid(t, bidders[name]!, p.lotId, { supplier1: 2_900_000, supplier2: 2_950_000, supplier3: 2_980_000, supplier4: 2_700_000, 'supplier-sd': 2_990_000 }[name]!)).receipt.bidId;
      const opened = await t.api('POST', `/api/lots/${p.lotId}/virtual-account`, { cookie: bidders[name]!.cookie });
      found[`va:${name}`] = opened.body.virtualAccount.accountNumber;
      const [row] = await rows<{ id: string; code: string }>(sql`SELECT id, ledger_account_code AS code FROM virtual_account WHERE account_number = ${opened.body.virtualAccount.accountNumber}`);
      subs[name] = row!;
    }
    // supplier1 pays from two accounts; the others from one each.
    await pay('supplier1', REQUIRED - 1_000_000, PAYERS.supplier1![0]!);
    await pay('supplier1', 1_000_000, PAYERS.supplier1![1]!);
    for (const name of ['supplier2', 'supplier3', 'supplier4', 'supplier-sd']) await pay(name, REQUIRED, PAYERS[name]![0]!);

    // GP-24: the Shandong supplier withdraws before the deadline; the job refunds it at once.
    found.withdrawal = await t.api('DELETE', `/api/lots/${p.lotId}/bids/current`, { cookie: bidders['supplier-sd']!.cookie });
    found.withdrawalJobs = await t.jobs.runDue();

    // The committee, drawn before the deadline to sit two hours after it.
    const agency = await as('agency');
    await requestCommittee(agency, p.projectId, { size: 5, experts: 5, purchaserRepresentativeIds: [], specialities: ['A02'], complex: false, evaluationStartsAt: new Date(DEADLINE.getTime() + 2 * 3_600_000).toISOString(), evaluationEndsAt: new Date(DEADLINE.getTime() + 10 * 3_600_000).toISOString() });
    const experts = await Promise.all(DEMO_EXPERTS.map((e) => as(e.username)));
    for (let round = 0; round < 2; round++)
      for (const ctx of experts) if ((await myAssignments(ctx)).some((a) => a.projectId === p.projectId && a.memberStatus === 'drawn')) await respondToDraw(ctx, p.projectId, { accept: true });
    const members = (await Promise.all(experts.map(async (ctx) => ((await myAssignments(ctx)).some((a) => a.projectId === p.projectId && a.memberStatus === 'confirmed') ? ctx : null)))).filter((x): x is Context => x !== null);

    // The opening: suppliers 1–3 decrypt; supplier4 does not, and is revoked at the window's end (EB-06).
    t.clock.set(DEADLINE);
    await t.jobs.runDue();
    for (const name of ['supplier1', 'supplier2', 'supplier3']) {
      const cookie = await t.signIn(name);
      const mine = (await t.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie })).body.find((x: { id: string }) => x.id === bidIds[name]);
      const res = await t.api('POST', `/api/lots/${p.lotId}/bids/${mine.id}/decryption`, { cookie, body: { contentKey: await unwrapContentKey(bidders[name]!.keyPair.privateKey, mine.wrappedKey) } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    t.clock.set(new Date(DEADLINE.getTime() + 31 * 60_000));
    await t.jobs.runDue();
    t.clock.set(new Date(DEADLINE.getTime() + 2 * 3_600_000));
    await t.jobs.runDue(); // the evaluation starts
    for (const [m, ctx] of members.entries()) {
      const sheet = (await evaluationSheet(ctx, p.projectId)).lots[0]!;
      await saveSheet(ctx, p.projectId, p.lotId, {
        reviews: sheet.bids.flatMap((b) => (['qualification', 'compliance'] as const).map((criterion) => ({ bidId: b.bidId, criterion, passed: true }))),
        scores: sheet.bids.flatMap((b, i) => [
          { bidId: b.bidId, criterion: '技术', points: 40 + ((i * 3 + m) % 7) },
          { bidId: b.bidId, criterion: '商务', points: 15 + ((i + m) % 4) },
        ]),
      });
      await submitSheet(ctx, p.projectId, p.lotId);
    }
    for (const ctx of members) await signReport(ctx, p.projectId, p.lotId, { agreed: true });
    await sendReport(agency, p.projectId, p.lotId);
    t.clock.set(AWARD_AT);
    const [report] = await rows<{ result: { candidates: string[] } }>(sql`SELECT result FROM evaluation_report WHERE lot_id = ${p.lotId}`);
    const winnerBid = report!.result.candidates[0]!;
    found.winner = Object.entries(bidIds).find(([, id]) => id === winnerBid)![0];
    await confirmWinner(await as('purchaser'), p.projectId, p.lotId, { bidId: winnerBid });
  }, 600_000);

  const losers = () => ['supplier1', 'supplier2', 'supplier3'].filter((n) => n !== found.winner);

  it('refunds a bid withdrawn before the deadline at once, to the account it came from, sealed until the opening (GP-24)', async () => {
    expect((found.withdrawal as { status: number }).status).toBe(200);
    expect(found.withdrawalJobs).toBeGreaterThanOrEqual(1);
    expect(await refundOf('supplier-sd')).toMatchObject({ status: 'refunded', trigger: 'withdrawal', rule_id: 'GP-24', due_date: '2026-03-09', amount_fen: String(REQUIRED), overdue_days: 0, overdue_fee_fen: '0', payees: [{ accountNumber: PAYERS['supplier-sd']![0], amountFen: String(REQUIRED) }] });
    expect(await balance('supplier-sd')).toBe(0n);
    const audit = await rows<{ action: string; sealed: string | null }>(sql`SELECT action, sealed FROM audit_entry WHERE subject_id = ${subs['supplier-sd']!.id} AND action LIKE 'deposit.refund%'`);
    expect(audit.map((a) => a.action).sort()).toEqual(['deposit.refund', 'deposit.refund_schedule']);
    for (const a of audit) expect(a.sealed).toBe('bidder');
    const panel = await t.api('GET', `/api/lots/${p.lotId}/virtual-account`, { cookie: await t.signIn('supplier-sd') });
    expect(panel.body.refund).toMatchObject({ status: 'refunded', ruleId: 'GP-24', payees: [{ accountNumber: PAYERS['supplier-sd']![0], amountFen: REQUIRED }] });
  });

  it('schedules the losers’ refunds with the award notice, due 5 working days later (GP-22), and holds the revoked bid’s (EB-06)', async () => {
    for (const name of losers()) expect(await refundOf(name)).toMatchObject({ status: 'scheduled', trigger: 'award', rule_id: 'GP-22', due_date: '2026-03-31' });
    expect(await refundOf('supplier4')).toMatchObject({ status: 'held', trigger: 'award', due_date: '2026-03-31' });
    expect(await refundOf(found.winner as string)).toBeUndefined();
    const [jobs] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM job WHERE kind = 'deposit.refund' AND status = 'queued'`);
    expect(jobs!.n).toBe(2);
  });

  it('pays once when the refund crashes halfway and reruns, and when five run at once', async () => {
    const [first] = losers();
    const key = `deposit-refund:${subs[first!]!.id}`;
    const before = await moneyState();
    await expect(refundDeposit(t.platform, subs[first!]!.id, { afterPosting: async () => { throw new Error('the process died'); } })).rejects.toThrow('the process died');
    expect(await moneyState()).toEqual(before);
    expect(await entriesKeyed(key)).toBe(0);
    const results = await Promise.all(Array.from({ length: 5 }, () => refundDeposit(t.platform, subs[first!]!.id)));
    expect(results.filter((r) => r.paid)).toHaveLength(1);
    expect(await entriesKeyed(key)).toBe(1);
    expect(await balance(first!)).toBe(0n);
    // The queued job finds it paid and pays nothing.
    const again = await refundDeposit(t.platform, subs[first!]!.id);
    expect(again).toMatchObject({ paid: false, outcome: 'refunded' });
    expect(await entriesKeyed(key)).toBe(1);
    if (first === 'supplier1') expect((await refundOf('supplier1'))!.payees).toEqual([
      { accountName: 'supplier1 付款户', accountNumber: PAYERS.supplier1![0], amountFen: String(REQUIRED - 1_000_000) },
      { accountName: 'supplier1 付款户', accountNumber: PAYERS.supplier1![1], amountFen: '1000000' },
    ]);
  });

  it('lists a refund past due for supervisors of the region, with days and the fee so far, then pays it with the overdue fee (GP-25)', async () => {
    const [, second] = losers();
    const url = '/api/supervision/overdue-refunds';
    expect((await t.api('GET', url, { cookie: await t.signIn('supervisor') })).body.items).toEqual([]);
    t.clock.set(shanghaiInstant('2026-04-02', '10:00')); // two days after Tuesday 31 March
    const supervisor = await t.signIn('supervisor');
    const listed = (await t.api('GET', url, { cookie: supervisor })).body.items as { supplierName: string; status: string; overdueDays: number; overdueFeeFen: number; dueDate: string; principalFen: number }[];
    const fee2 = Number(overdueFeeFen(BigInt(REQUIRED), 2, { annualRateBp: 435, dayCountBasis: 360 }));
    expect(listed.map((i) => [i.status, i.dueDate, i.overdueDays, i.overdueFeeFen, i.principalFen]).sort()).toEqual([
      ['held', '2026-03-31', 2, fee2, REQUIRED],
      ['scheduled', '2026-03-31', 2, fee2, REQUIRED],
    ]);
    // The district's supervisor sees it; Shandong's does not, nor may a purchaser ask.
    expect((await t.api('GET', url, { cookie: await t.signIn('supervisor-xh') })).body.items).toHaveLength(2);
    expect((await t.api('GET', url, { cookie: await t.signIn('supervisor-sd') })).body.items).toEqual([]);
    expect((await t.api('GET', url, { cookie: await t.signIn('purchaser') })).status).toBe(403);

    await t.jobs.runDue();
    expect(await refundOf(second!)).toMatchObject({ status: 'refunded', overdue_days: 2, overdue_fee_fen: String(fee2) });
    expect(fee2).toBe(1_740);
    const [fee] = await rows<{ kind: string; n: number }>(sql`SELECT kind, count(*)::int AS n FROM journal_entry WHERE idempotency_key = ${`deposit-refund-fee:${subs[second!]!.id}`} GROUP BY kind`);
    expect(fee).toEqual({ kind: 'overdueFee', n: 1 });
    const after = (await t.api('GET', url, { cookie: await t.signIn('supervisor') })).body.items as { status: string; refundedAt: string | null; overdueFeeFen: number }[];
    expect(after.find((i) => i.status === 'refunded')).toMatchObject({ overdueFeeFen: fee2 });
    const panel = await t.api('GET', `/api/lots/${p.lotId}/virtual-account`, { cookie: await t.signIn(second!) });
    expect(panel.body.refund).toMatchObject({ status: 'refunded', ruleId: 'GP-22', dueDate: '2026-03-31', overdueDays: 2, overdueFeeFen: fee2 });
  });

  it('refuses a forfeit without its basis or on a ground that does not hold, bilingually, and changes nothing', async () => {
    const url = `/api/lots/${p.lotId}/deposit-decisions`;
    const purchaser = await t.signIn('purchaser');
    const state = await moneyState();
    const refusals: [unknown, number, string][] = [
      [{ decision: 'forfeit', bidId: bidIds.supplier4, ground: 'decryptionFailedOwnFault', reason: '未在解密时限内解密' }, 400, 'VALIDATION'],
      [{ decision: 'forfeit', bidId: bidIds.supplier4, ground: 'lateArrival', reason: '未在解密时限内解密', legalBasis: '招标文件第二章第15条' }, 400, 'VALIDATION'],
      [{ decision: 'forfeit', bidId: bidIds.supplier4, ground: 'winnerRefusedToSign', reason: '未在解密时限内解密', legalBasis: '招标文件第二章第15条' }, 422, 'FORFEIT_GROUND_NOT_MET'],
      [{ decision: 'forfeit', bidId: bidIds[losers()[0]!], ground: 'decryptionFailedOwnFault', reason: '未在解密时限内解密', legalBasis: '招标文件第二章第15条' }, 409, 'DEPOSIT_ALREADY_SETTLED'],
      [{ decision: 'release', bidId: bidIds[losers()[0]!], reason: '同意退还保证金' }, 409, 'DEPOSIT_NOT_HELD'],
    ];
    for (const [body, status, code] of refusals) {
      const res = await t.api('POST', url, { cookie: purchaser, body });
      expect(res.status, code).toBe(status);
      expect(res.body.code).toBe(code);
      expect(res.body.messages['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body.messages['en-US']).toMatch(/[a-z]/);
    }
    // A supplier may not decide; nor the purchaser of another district.
    expect((await t.api('POST', url, { cookie: await t.signIn('supplier4'), body: refusals[0]![0] })).status).toBe(403);
    expect([403, 404]).toContain((await t.api('POST', url, { cookie: await t.signIn('purchaser-pd'), body: refusals[0]![0] })).status);
    expect(await moneyState()).toEqual(state);
  });

  it('forfeits the revoked bid’s deposit to the treasury on the purchaser’s recorded decision, which stops its refund (EB-06)', async () => {
    const res = await t.api('POST', `/api/lots/${p.lotId}/deposit-decisions`, {
      cookie: await t.signIn('purchaser'),
      body: { decision: 'forfeit', bidId: bidIds.supplier4, ground: 'decryptionFailedOwnFault', reason: '投标人未在解密时限内解密投标文件', legalBasis: '招标文件第二章第15条' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'forfeited', forfeit: { ground: 'decryptionFailedOwnFault', ruleId: 'EB-06', legalBasis: '招标文件第二章第15条', amountFen: REQUIRED } });
    expect(await balance('supplier4')).toBe(0n);
    const [{ region }] = (await rows<{ region: string }>(sql`SELECT region_code AS region FROM virtual_account WHERE id = ${subs.supplier4!.id}`)) as [{ region: string }];
    expect(await accountBalance(t.platform.database.db, `treasury:${region}`)).toBe(-BigInt(REQUIRED));
    // Once decided, neither a second forfeit nor a release nor a job moves it.
    const again = await t.api('POST', `/api/lots/${p.lotId}/deposit-decisions`, { cookie: await t.signIn('agency'), body: { decision: 'release', bidId: bidIds.supplier4, reason: '同意退还保证金' } });
    expect(again.status).toBe(409);
    expect(await refundDeposit(t.platform, subs.supplier4!.id)).toMatchObject({ paid: false, outcome: 'forfeited' });
    expect(await entriesKeyed(`deposit-refund:${subs.supplier4!.id}`)).toBe(0);
    const panel = await t.api('GET', `/api/lots/${p.lotId}/virtual-account`, { cookie: await t.signIn('supplier4') });
    expect(panel.body.refund).toMatchObject({ status: 'forfeited', forfeit: { reason: '投标人未在解密时限内解密投标文件', ruleId: 'EB-06' } });
    const [audit] = await rows<{ sealed: string | null; after: { legalBasis: string } }>(sql`SELECT sealed, after FROM audit_entry WHERE action = 'deposit.forfeit'`);
    expect(audit).toMatchObject({ sealed: 'bidder', after: { legalBasis: '招标文件第二章第15条' } });
  });

  it('refunds the winner within 5 working days of signing the contract (GP-23), and leaves the ledger balanced', async () => {
    const winner = found.winner as string;
    const agency = await t.signIn('agency');
    const [report] = await rows<{ result: { bids: { bidId: string; priceFen: number }[] } }>(sql`SELECT result FROM evaluation_report WHERE lot_id = ${p.lotId}`);
    const price = report!.result.bids.find((b) => b.bidId === bidIds[winner])!.priceFen;
    const drafted = await t.api('POST', `/api/projects/${p.projectId}/lots/${p.lotId}/contract`, {
      cookie: agency,
      body: { milestones: [{ name: '到货验收', amountFen: price, acceptanceCriteria: '全部设备到货并安装调试合格', dueDate: '2026-05-29' }], performancePeriod: '合同签订后45日', performancePlace: '徐汇区各中小学', terms: '按招标文件所附合同条款执行。' },
    });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    const one = await t.api('POST', `/api/contracts/${drafted.body.id}/signatures`, { cookie: await t.signIn(winner), body: { revision: drafted.body.revision } });
    t.clock.set(shanghaiInstant('2026-04-03', '16:00')); // Friday before Qingming (4–6 April): due Monday 13 April
    const both = await t.api('POST', `/api/contracts/${drafted.body.id}/signatures`, { cookie: await t.signIn('purchaser'), body: { revision: one.body.revision } });
    expect(both.body.status).toBe('signed');
    expect(await refundOf(winner)).toMatchObject({ status: 'scheduled', trigger: 'contract', rule_id: 'GP-23', due_date: '2026-04-13' });
    await t.jobs.runDue();
    expect(await refundOf(winner)).toMatchObject({ status: 'refunded', overdue_days: 0, overdue_fee_fen: '0' });
    expect(await balance(winner)).toBe(0n);
    const verification = await verifyLedger(t.platform.database.db);
    expect(verification).toMatchObject({ ok: true, totalFen: 0n });
    const [kinds] = await rows<{ refunded: number; forfeited: number }>(sql`SELECT count(*) FILTER (WHERE kind = 'depositRefunded')::int AS refunded, count(*) FILTER (WHERE kind = 'depositForfeited')::int AS forfeited FROM journal_entry`);
    expect(kinds).toEqual({ refunded: 4, forfeited: 1 });
  });
});
