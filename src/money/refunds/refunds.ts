import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { entitySummaries } from '../../identity';
import { inRegion } from '../../identity/region-sql';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { loadCalendar } from '../../platform/calendar/calendar.store';
import { systemContext, type Context, type Platform } from '../../platform/context';
import { queryRows, type Db } from '../../platform/database/database';
import { bilingual, DomainError, notFound } from '../../platform/errors';
import { enqueueJob, type JobHandler } from '../../platform/jobs/jobs';
import { notify } from '../../platform/notifications/notifications';
import { readSetting } from '../../platform/settings/settings';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import { contract } from '../../trading/contract/contract.schema';
import { bid, lot, project } from '../../trading/trading.schema';
import { accountCode } from '../ledger/ledger.rules';
import { accountBalance } from '../ledger/ledger.store';
import { ensureAccount } from '../ledger/open-account';
import { insertJournalEntry } from '../ledger/post-journal-entry';
import { depositReceipt, virtualAccount } from '../deposits/deposits.schema';
import {
  DEFAULT_OVERDUE_FEE_RATE,
  FORFEIT_GROUND_RULES,
  FORFEIT_GROUNDS,
  forfeitProblem,
  overdueDays,
  overdueFeeFen,
  overdueStanding,
  REFUND_TRIGGER_RULES,
  refundDueDate,
  refundPayees,
  releaseProblem,
  type OverdueFeeRate,
  type RefundProblem,
  type RefundTrigger,
} from './refund.rules';
import { depositForfeit, depositRefund } from './refunds.schema';

/**
 * Bid deposit refunds and forfeits (GP-22 to GP-25, EB-06, GP-78). The event that makes a refund
 * due (the award notice, the signed contract, a withdrawal) schedules it in its own transaction,
 * with a durable job that pays it: the deposit's row moves from 'scheduled' to 'refunded' in the
 * same transaction as the journal entry, so a rerun, a crash halfway or two jobs at once pay once.
 * Every audit entry is sealed with the project ('bidder'): a refund before the opening tells who bid.
 */

export const DEPOSIT_REFUND_JOB = 'deposit.refund';
/** GP-25's rate, per region (falls back to the platform-wide value, then to the default). */
export const OVERDUE_FEE_RATE_KEY = 'money.overdueFeeRate';
export const overdueFeeRateSchema = z.object({ annualRateBp: z.int().min(0).max(10_000), dayCountBasis: z.union([z.literal(360), z.literal(365)]) });

export type DepositRefundRow = typeof depositRefund.$inferSelect;
export type DepositForfeitRow = typeof depositForfeit.$inferSelect;

const SEALED = 'bidder' as const;

export const overdueFeeRate = async (db: Db, regionCode: string): Promise<OverdueFeeRate> => (await readSetting(db, OVERDUE_FEE_RATE_KEY, overdueFeeRateSchema, DEFAULT_OVERDUE_FEE_RATE, regionCode)).value;

/** Money that arrived in each of these sub-accounts (only those with some are refunded). */
async function paidIn(tx: Db, virtualAccountIds: string[]): Promise<Map<string, bigint>> {
  if (virtualAccountIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: depositReceipt.virtualAccountId, total: sql<string>`sum(${depositReceipt.amountFen})::text` })
    .from(depositReceipt)
    .where(inArray(depositReceipt.virtualAccountId, virtualAccountIds))
    .groupBy(depositReceipt.virtualAccountId);
  return new Map(rows.map((r) => [r.id, BigInt(r.total)]));
}

export interface RefundEvent {
  lotId: string;
  trigger: Exclude<RefundTrigger, 'release'>;
  at: Date;
  /** award: every bidder but these; contract, withdrawal: only these. */
  supplierEntityIds: string[];
  /** award: bids whose winner refused to sign (GP-78): their deposits are held for the purchaser's decision. */
  refusedBidIds?: string[];
}

/**
 * Schedules the refunds an event makes due, inside the event's transaction: a row per deposit
 * with its due date and a job to pay it now. A deposit already scheduled keeps its earlier date;
 * one refunded or forfeited is left alone; one cancelled (its bidder bid again) is due again.
 * At the award, a bid not decrypted through its bidder's fault (EB-06) and a refusing winner's
 * (GP-78) are held instead: the purchaser decides to forfeit or release them.
 */
export async function scheduleDepositRefunds(tx: Db, audit: AuditRecorder, ctx: Context, event: RefundEvent): Promise<void> {
  const subs = await tx.select().from(virtualAccount).where(eq(virtualAccount.lotId, event.lotId));
  const concerned = subs.filter((s) => (event.trigger === 'award' ? !event.supplierEntityIds.includes(s.supplierEntityId) : event.supplierEntityIds.includes(s.supplierEntityId)));
  if (concerned.length === 0) return;
  const paid = await paidIn(tx, concerned.map((s) => s.id));
  const withMoney = concerned.filter((s) => (paid.get(s.id) ?? 0n) > 0n);
  if (withMoney.length === 0) return;
  const existing = new Map((await tx.select().from(depositRefund).where(inArray(depositRefund.virtualAccountId, withMoney.map((s) => s.id)))).map((r) => [r.virtualAccountId, r]));
  const bids = await tx.select({ id: bid.id, supplierEntityId: bid.supplierEntityId, status: bid.status }).from(bid).where(eq(bid.lotId, event.lotId));
  const dueDate = refundDueDate(await loadCalendar(tx), event.at);
  const ruleId = REFUND_TRIGGER_RULES[event.trigger];
  for (const sub of withMoney) {
    const before = existing.get(sub.id);
    if (before && before.status !== 'cancelled') continue;
    const own = bids.filter((b) => b.supplierEntityId === sub.supplierEntityId);
    const held =
      event.trigger !== 'award'
        ? null
        : own.some((b) => b.status === 'revoked')
          ? '投标人自身原因未解密，视为撤销投标（EB-06），保证金待采购人决定 / Not decrypted through the bidder’s own fault, deemed revoked (EB-06): awaiting the purchaser’s decision'
          : own.some((b) => event.refusedBidIds?.includes(b.id))
            ? '中标人拒绝签订合同（GP-78），保证金待采购人决定 / The winner refused to sign (GP-78): awaiting the purchaser’s decision'
            : null;
    const values = {
      lotId: sub.lotId,
      projectId: sub.projectId,
      supplierEntityId: sub.supplierEntityId,
      regionCode: sub.regionCode,
      status: held ? ('held' as const) : ('scheduled' as const),
      trigger: event.trigger,
      ruleId,
      triggeredAt: event.at,
      dueDate,
      note: held,
      jobId: null as string | null,
    };
    if (!held) values.jobId = await enqueueJob(tx, event.at, { kind: DEPOSIT_REFUND_JOB, payload: { virtualAccountId: sub.id }, runAt: event.at, dedupeKey: `deposit-refund:${sub.id}:${event.trigger}:${event.at.getTime()}`, maxAttempts: 10 });
    if (before) await tx.update(depositRefund).set({ ...values, revision: before.revision + 1 }).where(eq(depositRefund.virtualAccountId, sub.id));
    else await tx.insert(depositRefund).values({ virtualAccountId: sub.id, ...values });
    audit.record({
      action: held ? 'deposit.refund_hold' : 'deposit.refund_schedule',
      subjectType: 'virtualAccount',
      subjectId: sub.id,
      regionCode: sub.regionCode,
      projectId: sub.projectId,
      sealed: SEALED,
      before: before ? { status: before.status } : null,
      after: { status: values.status, trigger: event.trigger, ruleId, dueDate, heldFen: paid.get(sub.id)!.toString(), note: held },
    });
  }
}

/** For tests: a crash after the postings, before the commit. */
export interface RefundHooks {
  afterPosting?: () => Promise<void>;
}

/**
 * The refund job's work for one deposit: the whole sub-account's balance back to the accounts it
 * came from (their payer accounts, on the receipts), with GP-25's overdue fee when paid after the
 * due date, charged to the purchaser. Idempotent: only a row still 'scheduled' is paid, under a
 * row lock, and the ledger's idempotency key would refuse a second entry anyway.
 */
export async function refundDeposit(platform: Platform, virtualAccountId: string, hooks: RefundHooks = {}) {
  const ctx = systemContext(platform);
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx.select().from(depositRefund).where(eq(depositRefund.virtualAccountId, virtualAccountId)).for('update');
    if (!row || row.status !== 'scheduled') {
      // Nothing to pay: say so in the trail (a transaction records its outcome), without touching money.
      audit.record({ action: 'deposit.refund_skip', subjectType: 'virtualAccount', subjectId: virtualAccountId, regionCode: row?.regionCode ?? null, projectId: row?.projectId ?? null, sealed: SEALED, detail: { status: row?.status ?? null } });
      return { outcome: row?.status ?? 'none', paid: false };
    }
    const now = ctx.platform.clock.now();
    const [sub] = await tx.select().from(virtualAccount).where(eq(virtualAccount.id, virtualAccountId));
    // GP-24: a bidder that withdrew and bid again keeps its deposit with its new bid.
    const [live] = await tx.select({ id: bid.id }).from(bid).where(and(eq(bid.lotId, row.lotId), eq(bid.supplierEntityId, row.supplierEntityId), eq(bid.status, 'submitted')));
    const heldFen = -(await accountBalance(tx, sub!.ledgerAccountCode));
    if ((row.trigger === 'withdrawal' && live) || heldFen <= 0n) {
      const note = live ? '投标人撤回后重新投标，保证金继续用于新投标 / The bidder bid again after withdrawing: the deposit stays with its new bid' : '子账户无余额 / Nothing is held in the sub-account';
      await tx.update(depositRefund).set({ status: 'cancelled', note, revision: row.revision + 1 }).where(and(eq(depositRefund.virtualAccountId, virtualAccountId), eq(depositRefund.status, 'scheduled')));
      audit.record({ action: 'deposit.refund_cancel', subjectType: 'virtualAccount', subjectId: virtualAccountId, regionCode: row.regionCode, projectId: row.projectId, sealed: SEALED, before: { status: 'scheduled' }, after: { status: 'cancelled', note } });
      return { outcome: 'cancelled', paid: false };
    }
    const receipts = await tx.select().from(depositReceipt).where(eq(depositReceipt.virtualAccountId, virtualAccountId)).orderBy(asc(depositReceipt.valueTime));
    const payees = refundPayees(receipts);
    // Everything held came in by these receipts (a forfeit would have emptied the account): otherwise a person must look.
    if (payees.reduce((s, p) => s + p.amountFen, 0n) !== heldFen) throw new Error(`deposit ${virtualAccountId}: the balance ${heldFen} differs from its receipts; refund stopped for review`);
    const clearing = accountCode({ kind: 'platformClearing', regionCode: row.regionCode });
    const scope = { regionCode: row.regionCode, projectId: row.projectId, sealed: SEALED };
    const entry = await insertJournalEntry(tx, audit, ctx, {
      kind: 'depositRefunded',
      idempotencyKey: `deposit-refund:${virtualAccountId}`,
      memo: `投标保证金退还（${row.ruleId}）/ Bid deposit refunded (${row.ruleId})`,
      postings: [
        { accountCode: sub!.ledgerAccountCode, amountFen: heldFen },
        { accountCode: clearing, amountFen: -heldFen },
      ],
      ...scope,
    });
    // GP-25: late by the calendar days after the due date; the purchaser owes the fee (the bidder did not cause the delay: a hold is not a bidder's delay).
    const days = overdueDays(row.dueDate!, now);
    const feeFen = overdueFeeFen(heldFen, days, await overdueFeeRate(tx, row.regionCode));
    let feeEntryId: string | null = null;
    if (feeFen > 0n) {
      const [p] = await tx.select({ purchaserEntityId: project.purchaserEntityId }).from(project).where(eq(project.id, row.projectId));
      const feeAccount = await ensureAccount(tx, audit, ctx, { kind: 'fee', regionCode: row.regionCode, entityId: p!.purchaserEntityId }, { projectId: row.projectId, sealed: SEALED });
      const fee = await insertJournalEntry(tx, audit, ctx, {
        kind: 'overdueFee',
        idempotencyKey: `deposit-refund-fee:${virtualAccountId}`,
        memo: `逾期退还保证金的资金占用费，逾期${days}日（GP-25）/ Overdue fee on a late deposit refund, ${days} days late (GP-25)`,
        postings: [
          { accountCode: feeAccount, amountFen: feeFen },
          { accountCode: clearing, amountFen: -feeFen },
        ],
        ...scope,
      });
      feeEntryId = fee.id;
    }
    await hooks.afterPosting?.();
    const payeeRows = payees.map((p) => ({ accountName: p.accountName, accountNumber: p.accountNumber, amountFen: p.amountFen.toString() }));
    const updated = await tx
      .update(depositRefund)
      .set({ status: 'refunded', refundedAt: now, amountFen: heldFen, payees: payeeRows, journalEntryId: entry.id, overdueDays: days, overdueFeeFen: feeFen, feeJournalEntryId: feeEntryId, revision: row.revision + 1 })
      .where(and(eq(depositRefund.virtualAccountId, virtualAccountId), eq(depositRefund.status, 'scheduled')))
      .returning({ id: depositRefund.virtualAccountId });
    if (updated.length !== 1) throw new Error(`deposit ${virtualAccountId} changed while it was being refunded`);
    audit.record({
      action: 'deposit.refund',
      subjectType: 'virtualAccount',
      subjectId: virtualAccountId,
      ...scope,
      before: { status: 'scheduled' },
      after: { status: 'refunded', amountFen: heldFen.toString(), dueDate: row.dueDate, ruleId: row.ruleId, overdueDays: days, overdueFeeFen: feeFen.toString(), journalEntryId: entry.id, feeJournalEntryId: feeEntryId },
      detail: { payees: payeeRows },
    });
    await notify(tx, now, [
      {
        to: { entityId: row.supplierEntityId, role: 'supplier' },
        title: bilingual('投标保证金已退还', 'Your bid deposit has been refunded'),
        body: bilingual(
          `退还至原付款账户 ${payees.map((p) => p.accountNumber).join('、')}${feeFen > 0n ? `，另付逾期资金占用费（逾期${days}日，GP-25）` : ''}。`,
          `Refunded to the account(s) it came from: ${payees.map((p) => p.accountNumber).join(', ')}${feeFen > 0n ? `, with the overdue fee (${days} days late, GP-25)` : ''}.`,
        ),
        link: `/workspace/projects/${row.projectId}`,
        subject: { type: 'lot', id: row.lotId },
      },
    ]);
    return { outcome: 'refunded', paid: true, amountFen: heldFen.toString(), overdueDays: days, overdueFeeFen: feeFen.toString() };
  });
}

export function refundJobHandler(platform: Platform): JobHandler {
  return async (payload) => refundDeposit(platform, String(payload.virtualAccountId));
}

// ---- The purchaser's decision: forfeit or release --------------------------------------------------

export const depositDecisionInput = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('forfeit'),
    bidId: z.uuid(),
    ground: z.enum(FORFEIT_GROUNDS),
    reason: z.string().trim().min(5).max(2000),
    legalBasis: z.string().trim().min(4).max(500).describe('The clause of the procurement documents that provides for keeping the deposit, e.g. 招标文件第二章第15条'),
  }),
  z.object({ decision: z.literal('release'), bidId: z.uuid(), reason: z.string().trim().min(5).max(2000) }),
]);

const refuse = (p: RefundProblem) => new DomainError(p.code, p.messages, p.status, p.field ? { field: p.field } : {}, p.ruleId);

/**
 * The purchaser or its agency decides on a deposit it may keep: forfeit it on a ground the rules
 * give (GP-78, EB-06), naming the clause of the documents, which moves it to the region's treasury
 * and stops any refund; or release it, which schedules the refund (due when it was due, if it was).
 */
export async function decideDeposit(ctx: Context, lotId: string, input: z.infer<typeof depositDecisionInput>) {
  const actor = ctx.actor!;
  return inTransaction(ctx, async (tx, audit) => {
    const [b] = await tx.select().from(bid).where(and(eq(bid.id, input.bidId), eq(bid.lotId, lotId)));
    if (!b) throw notFound(bilingual('该标项的投标', 'A bid on this lot'));
    const [sub] = await tx.select().from(virtualAccount).where(and(eq(virtualAccount.lotId, lotId), eq(virtualAccount.supplierEntityId, b.supplierEntityId)));
    if (!sub) throw new DomainError('DEPOSIT_NOT_PAID', bilingual('该投标人未通过保证金子账户缴纳保证金', 'This bidder paid no deposit into a sub-account'), 409);
    const [row] = await tx.select().from(depositRefund).where(eq(depositRefund.virtualAccountId, sub.id)).for('update');
    const heldFen = -(await accountBalance(tx, sub.ledgerAccountCode));
    const now = ctx.platform.clock.now();
    const scope = { regionCode: sub.regionCode, projectId: sub.projectId, sealed: SEALED };
    if (input.decision === 'release') {
      const problem = releaseProblem({ refundStatus: row?.status ?? null, heldFen });
      if (problem) throw refuse(problem);
      const due = row?.dueDate ?? refundDueDate(await loadCalendar(tx), now);
      const jobId = await enqueueJob(tx, now, { kind: DEPOSIT_REFUND_JOB, payload: { virtualAccountId: sub.id }, runAt: now, dedupeKey: `deposit-refund:${sub.id}:release:${now.getTime()}`, maxAttempts: 10 });
      const values = { status: 'scheduled' as const, trigger: row?.trigger ?? ('release' as const), ruleId: row?.ruleId ?? REFUND_TRIGGER_RULES.release, triggeredAt: row?.triggeredAt ?? now, dueDate: due, jobId, note: `采购人决定退还：${input.reason} / Released by the purchaser: ${input.reason}` };
      if (row) await tx.update(depositRefund).set({ ...values, revision: row.revision + 1 }).where(eq(depositRefund.virtualAccountId, sub.id));
      else await tx.insert(depositRefund).values({ virtualAccountId: sub.id, lotId, projectId: sub.projectId, supplierEntityId: sub.supplierEntityId, regionCode: sub.regionCode, ...values });
      audit.record({ action: 'deposit.release', subjectType: 'virtualAccount', subjectId: sub.id, ...scope, before: { status: row?.status ?? null }, after: { status: 'scheduled', dueDate: due, ruleId: values.ruleId, reason: input.reason, bidId: b.id } });
      return depositStanding(tx, sub.id, now);
    }
    const [refused] = await tx.select({ id: contract.id }).from(contract).where(and(eq(contract.lotId, lotId), eq(contract.bidId, b.id), eq(contract.status, 'refused')));
    const problem = forfeitProblem(input.ground, { bidStatus: b.status, refusedContract: Boolean(refused), refundStatus: row?.status ?? null, heldFen });
    if (problem) throw refuse(problem);
    const ruleId = FORFEIT_GROUND_RULES[input.ground];
    const treasury = await ensureAccount(tx, audit, ctx, { kind: 'treasury', regionCode: sub.regionCode }, { projectId: sub.projectId, sealed: SEALED });
    const entry = await insertJournalEntry(tx, audit, ctx, {
      kind: 'depositForfeited',
      idempotencyKey: `deposit-forfeit:${sub.id}`,
      memo: `没收投标保证金（${ruleId}）/ Bid deposit forfeited (${ruleId})`,
      postings: [
        { accountCode: sub.ledgerAccountCode, amountFen: heldFen },
        { accountCode: treasury, amountFen: -heldFen },
      ],
      ...scope,
    });
    await tx.insert(depositForfeit).values({ virtualAccountId: sub.id, bidId: b.id, ground: input.ground, ruleId, reason: input.reason, legalBasis: input.legalBasis, amountFen: heldFen, journalEntryId: entry.id, decidedAt: now, decidedBy: actor.personId, decidedByEntityId: actor.entityId });
    const note = `${input.reason}（${input.legalBasis}）`;
    if (row) await tx.update(depositRefund).set({ status: 'forfeited', note, jobId: null, revision: row.revision + 1 }).where(eq(depositRefund.virtualAccountId, sub.id));
    else await tx.insert(depositRefund).values({ virtualAccountId: sub.id, lotId, projectId: sub.projectId, supplierEntityId: sub.supplierEntityId, regionCode: sub.regionCode, status: 'forfeited', note });
    audit.record({
      action: 'deposit.forfeit',
      subjectType: 'virtualAccount',
      subjectId: sub.id,
      ...scope,
      before: { status: row?.status ?? null },
      after: { status: 'forfeited', bidId: b.id, ground: input.ground, ruleId, reason: input.reason, legalBasis: input.legalBasis, amountFen: heldFen.toString(), journalEntryId: entry.id },
    });
    await notify(tx, now, [
      {
        to: { entityId: sub.supplierEntityId, role: 'supplier' },
        title: bilingual('投标保证金不予退还', 'Your bid deposit is forfeited'),
        body: bilingual(`理由：${input.reason}；依据：${input.legalBasis}（${ruleId}）。`, `Reason: ${input.reason}; basis: ${input.legalBasis} (${ruleId}).`),
        link: `/workspace/projects/${sub.projectId}`,
        subject: { type: 'lot', id: lotId },
      },
    ]);
    return depositStanding(tx, sub.id, now);
  });
}

// ---- What the bidder and the supervisors see ---------------------------------------------------------

/** One deposit's refund status, for its bidder's panel and the decision's answer. */
export async function depositStanding(db: Db, virtualAccountId: string, now: Date) {
  const [row] = await db.select().from(depositRefund).where(eq(depositRefund.virtualAccountId, virtualAccountId));
  if (!row) return null;
  const [forfeit] = await db.select().from(depositForfeit).where(eq(depositForfeit.virtualAccountId, virtualAccountId));
  const pendingFen = row.status === 'scheduled' || row.status === 'held' ? -(await accountBalance(db, (await db.select().from(virtualAccount).where(eq(virtualAccount.id, virtualAccountId)))[0]!.ledgerAccountCode)) : null;
  const standing = row.dueDate && (row.status === 'refunded' || pendingFen !== null) ? overdueStanding({ dueDate: row.dueDate, refundedAt: row.refundedAt, principalFen: row.amountFen ?? pendingFen ?? 0n }, now, await overdueFeeRate(db, row.regionCode)) : null;
  return {
    status: row.status,
    trigger: row.trigger,
    ruleId: row.ruleId,
    dueDate: row.dueDate,
    note: row.note,
    refundedAt: row.refundedAt?.toISOString() ?? null,
    amountFen: row.amountFen === null ? null : Number(row.amountFen),
    payees: (row.payees ?? []).map((p) => ({ accountName: p.accountName, accountNumber: p.accountNumber, amountFen: Number(p.amountFen) })),
    overdueDays: row.status === 'refunded' ? (row.overdueDays ?? 0) : (standing?.overdueDays ?? 0),
    overdueFeeFen: row.status === 'refunded' ? Number(row.overdueFeeFen ?? 0n) : Number(standing?.overdueFeeFen ?? 0n),
    forfeit: forfeit ? { ground: forfeit.ground, ruleId: forfeit.ruleId, reason: forfeit.reason, legalBasis: forfeit.legalBasis, amountFen: Number(forfeit.amountFen), decidedAt: forfeit.decidedAt.toISOString() } : null,
  };
}

/**
 * GP-25 for supervisors: refunds paid after their due date, and refunds past due and not yet paid
 * (held ones included), with the days and the fee so far, within the supervisor's region.
 */
export async function overdueRefunds(ctx: Context) {
  const db = ctx.platform.database.db;
  const now = ctx.platform.clock.now();
  const today = shanghaiDate(now);
  const rows = await db
    .select({ r: depositRefund, projectNumber: project.projectNumber, projectTitle: project.title, lotNo: lot.lotNo })
    .from(depositRefund)
    .innerJoin(project, eq(project.id, depositRefund.projectId))
    .innerJoin(lot, eq(lot.id, depositRefund.lotId))
    .where(
      and(
        inRegion(depositRefund.regionCode, ctx.actor!.regionCode),
        sql`((${depositRefund.status} = 'refunded' AND ${depositRefund.overdueDays} > 0) OR (${depositRefund.status} IN ('scheduled', 'held') AND ${depositRefund.dueDate} < ${today}))`,
      ),
    )
    .orderBy(asc(depositRefund.dueDate));
  const names = await entitySummaries(db, [...new Set(rows.map((r) => r.r.supplierEntityId))]);
  const balances = await pendingBalances(db, rows.filter((r) => r.r.status !== 'refunded').map((r) => r.r.virtualAccountId));
  const rates = new Map<string, OverdueFeeRate>();
  const items = [];
  for (const { r, projectNumber, projectTitle, lotNo } of rows) {
    if (!rates.has(r.regionCode)) rates.set(r.regionCode, await overdueFeeRate(db, r.regionCode));
    const principalFen = r.amountFen ?? balances.get(r.virtualAccountId) ?? 0n;
    const standing = overdueStanding({ dueDate: r.dueDate!, refundedAt: r.refundedAt, principalFen }, now, rates.get(r.regionCode)!);
    items.push({
      virtualAccountId: r.virtualAccountId,
      projectId: r.projectId,
      projectNumber,
      projectTitle,
      lotNo,
      supplierName: names.get(r.supplierEntityId)?.name ?? '',
      regionCode: r.regionCode,
      status: r.status,
      trigger: r.trigger,
      ruleId: r.ruleId,
      dueDate: r.dueDate!,
      refundedAt: r.refundedAt?.toISOString() ?? null,
      principalFen: Number(principalFen),
      overdueDays: r.status === 'refunded' ? (r.overdueDays ?? 0) : standing.overdueDays,
      overdueFeeFen: r.status === 'refunded' ? Number(r.overdueFeeFen ?? 0n) : Number(standing.overdueFeeFen),
    });
  }
  return { asOf: now.toISOString(), items };
}

async function pendingBalances(db: Db, virtualAccountIds: string[]): Promise<Map<string, bigint>> {
  if (virtualAccountIds.length === 0) return new Map();
  const rows = await queryRows<{ id: string; held: string }>(
    db,
    sql`SELECT v.id, (-coalesce(sum(p.amount_fen), 0))::text AS held
        FROM virtual_account v JOIN ledger_account a ON a.code = v.ledger_account_code LEFT JOIN ledger_posting p ON p.account_id = a.id
        WHERE v.id IN (${sql.join(virtualAccountIds.map((id) => sql`${id}`), sql`, `)}) GROUP BY v.id`,
  );
  return new Map(rows.map((r) => [r.id, BigInt(r.held)]));
}
