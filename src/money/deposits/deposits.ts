import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Context } from '../../platform/context';
import { violates, type Db } from '../../platform/database/database';
import { bilingual, conflict, DomainError, notFound } from '../../platform/errors';
import { inTransaction } from '../../platform/unit-of-work';
import { hasDownloaded } from '../../trading/project/documents';
import { lot, project } from '../../trading/trading.schema';
import { ensureAccount, insertAccount } from '../ledger/open-account';
import { insertJournalEntry } from '../ledger/post-journal-entry';
import { bankNoticeHash, depositStatus, newVirtualAccountNumber, normalizedAccountNumber, type BankNotice, type DepositStatus } from './deposit.rules';
import { depositReceipt, virtualAccount } from './deposits.schema';
import { depositStanding } from '../refunds/refunds';

/**
 * Deposits by transfer (GP-21 to GP-27): each bidder's own virtual sub-account per lot, the
 * registered bank's notice of money arriving in it, and the status each bid shows at the opening.
 * Who opened a sub-account and who paid tells who bids: every audit entry here is sealed
 * ('bidder', with its project) until the opening, and only the supplier reads its own sub-account.
 */

export type VirtualAccountRow = typeof virtualAccount.$inferSelect;
export type DepositReceiptRow = typeof depositReceipt.$inferSelect;

/** The account the platform collects deposits in; sub-accounts are numbered under it. */
export const depositCollectionAccountName = (operatorName: string) => `${operatorName}投标保证金专户`;

async function loadLot(db: Db, lotId: string) {
  const [row] = await db
    .select({ lotId: lot.id, lotNo: lot.lotNo, lotTitle: lot.title, depositFen: lot.depositFen, projectId: project.id, projectNumber: project.projectNumber, regionCode: project.regionCode, status: project.status, deadline: project.deadline })
    .from(lot)
    .innerJoin(project, eq(project.id, lot.projectId))
    .where(eq(lot.id, lotId));
  if (!row) throw notFound(bilingual('标项', 'Lot'));
  return row;
}

async function findVirtualAccount(db: Db, lotId: string, supplierEntityId: string): Promise<VirtualAccountRow | undefined> {
  const [row] = await db.select().from(virtualAccount).where(and(eq(virtualAccount.lotId, lotId), eq(virtualAccount.supplierEntityId, supplierEntityId)));
  return row;
}

async function receiptsOf(db: Db, virtualAccountIds: string[]): Promise<DepositReceiptRow[]> {
  if (virtualAccountIds.length === 0) return [];
  return db.select().from(depositReceipt).where(inArray(depositReceipt.virtualAccountId, virtualAccountIds)).orderBy(asc(depositReceipt.valueTime));
}

/** What the supplier sees of its own sub-account: the number to pay into, the requirement, what arrived and from whom. */
async function virtualAccountView(ctx: Context, l: Awaited<ReturnType<typeof loadLot>>, sub: VirtualAccountRow | undefined) {
  const receipts = sub ? await receiptsOf(ctx.platform.database.db, [sub.id]) : [];
  const status = l.deadline ? depositStatus(BigInt(l.depositFen), l.deadline, receipts.map((r) => ({ amountFen: r.amountFen, receivedAt: r.valueTime }))) : null;
  return {
    lotId: l.lotId,
    lotNo: l.lotNo,
    requiredFen: l.depositFen,
    deadline: l.deadline?.toISOString() ?? null,
    virtualAccount: sub
      ? { accountNumber: sub.accountNumber, accountName: depositCollectionAccountName(ctx.platform.config.operator.name), openedAt: sub.openedAt.toISOString() }
      : null,
    receipts: receipts.map((r) => ({
      reference: r.bankReference,
      amountFen: Number(r.amountFen),
      valueTime: r.valueTime.toISOString(),
      payerAccountName: r.payerAccountName,
      payerAccountNumber: r.payerAccountNumber,
    })),
    status: status ? statusView(status) : null,
    /** What became of the deposit after the opening: due, refunded (when, to which account) or forfeited (why). */
    refund: sub ? await depositStanding(ctx.platform.database.db, sub.id, ctx.platform.clock.now()) : null,
  };
}

export const statusView = (s: DepositStatus) => ({
  status: s.status,
  ruleId: s.ruleId,
  requiredFen: Number(s.requiredFen),
  receivedInTimeFen: Number(s.receivedInTimeFen),
  receivedLateFen: Number(s.receivedLateFen),
});

/** The supplier's own sub-account for a lot (null until it opens one). */
export async function myVirtualAccount(ctx: Context, lotId: string) {
  const db = ctx.platform.database.db;
  const l = await loadLot(db, lotId);
  return virtualAccountView(ctx, l, await findVirtualAccount(db, lotId, ctx.actor!.entityId));
}

const VIRTUAL_ACCOUNT_CONSTRAINTS = ['virtual_account_number_unique', 'virtual_account_lot_supplier_unique', 'ledger_account_code_unique'];

/**
 * A supplier that obtained the documents opens its sub-account for a lot that requires a
 * deposit, before the deadline. Opening it again returns the same one (also when two requests
 * race: the loser's transaction fails on a unique constraint and finds the winner's).
 */
export async function openVirtualAccount(ctx: Context, lotId: string) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const l = await loadLot(db, lotId);
  for (let attempt = 1; ; attempt++) {
    const existing = await findVirtualAccount(db, lotId, actor.entityId);
    if (existing) return { created: false, ...(await virtualAccountView(ctx, l, existing)) };
    if (l.depositFen <= 0) throw new DomainError('DEPOSIT_NOT_REQUIRED', bilingual('本标项不收取投标保证金', 'This lot requires no bid deposit'), 409);
    if (l.status !== 'published' || !l.deadline || ctx.platform.clock.now() >= l.deadline)
      throw new DomainError('VIRTUAL_ACCOUNT_CLOSED', bilingual('投标截止时间已过或项目未在招标中，不能再开立保证金子账户', 'The deadline has passed or the project is not open for bids: no sub-account can be opened'), 409);
    if (!(await hasDownloaded(db, l.projectId, actor.entityId)))
      throw new DomainError('DOCUMENTS_NOT_OBTAINED', bilingual('请先获取采购文件，再开立投标保证金子账户', 'Obtain the procurement documents before opening a deposit sub-account'), 409);
    try {
      const sub = await inTransaction(ctx, async (tx, audit) => {
        const scope = { projectId: l.projectId, sealed: 'bidder' as const };
        const account = await insertAccount(tx, audit, ctx, { kind: 'bidDeposit', regionCode: l.regionCode, lotId, supplierEntityId: actor.entityId }, scope);
        const [row] = await tx
          .insert(virtualAccount)
          .values({ id: randomUUID(), accountNumber: newVirtualAccountNumber(), lotId, projectId: l.projectId, supplierEntityId: actor.entityId, regionCode: l.regionCode, ledgerAccountCode: account.code, openedAt: ctx.platform.clock.now(), openedBy: actor.personId })
          .returning();
        audit.record({ action: 'deposit.open_virtual_account', subjectType: 'virtualAccount', subjectId: row!.id, regionCode: l.regionCode, ...scope, after: { lotId, accountNumber: row!.accountNumber, ledgerAccountCode: account.code } });
        return row!;
      });
      return { created: true, ...(await virtualAccountView(ctx, l, sub)) };
    } catch (error) {
      if (attempt < 3 && VIRTUAL_ACCOUNT_CONSTRAINTS.some((c) => violates(error, c))) continue;
      throw error;
    }
  }
}

// ---- The bank's notice ---------------------------------------------------------------------------

/** What the bank is answered when its notice credited a deposit. */
export type NoticeAnswer = ReturnType<typeof receiptAnswer>;
/**
 * A module whose deposits are paid into sub-accounts of its own (listings): given a notice for an
 * account number that is not a lot's, it credits the deposit and answers, or answers null when the
 * number is not one of its accounts.
 */
export type DepositAccountReceiver = (ctx: Context, bankEntityId: string, notice: BankNotice) => Promise<NoticeAnswer | null>;
const otherDepositAccounts: DepositAccountReceiver[] = [];
/** Called once by a module at start-up (src/trading/index.ts for listings). */
export function acceptDepositsInto(receiver: DepositAccountReceiver) {
  if (!otherDepositAccounts.includes(receiver)) otherDepositAccounts.push(receiver);
}

const NOTICE_CONSTRAINTS = ['deposit_receipt_bank_reference_unique', 'journal_entry_idempotency_key_unique', 'ledger_account_code_unique'];

function receiptAnswer(r: DepositReceiptRow, accountNumber: string, replayed: boolean) {
  return {
    depositId: r.id,
    status: 'credited' as const,
    replayed,
    virtualAccount: accountNumber,
    amountFen: Number(r.amountFen),
    reference: r.bankReference,
    valueTime: r.valueTime.toISOString(),
    journalEntryId: r.journalEntryId,
    notifiedAt: r.notifiedAt.toISOString(),
  };
}

/**
 * A registered bank says a transfer arrived in a sub-account. Posts `depositReceived` (the
 * platform's clearing account debited, the bidder's deposit account credited) with the receipt,
 * in one transaction. Idempotent on the bank's reference: the same notice again (50 at once)
 * answers with the deposit already credited and writes nothing; the same reference with other
 * content is a 409. An unknown sub-account, or money dated in the future, changes nothing.
 */
export async function receiveBankNotice(ctx: Context, bankEntityId: string, notice: BankNotice) {
  const db = ctx.platform.database.db;
  const hash = bankNoticeHash(notice);
  for (let attempt = 1; ; attempt++) {
    const [existing] = await db
      .select({ receipt: depositReceipt, accountNumber: virtualAccount.accountNumber })
      .from(depositReceipt)
      .innerJoin(virtualAccount, eq(virtualAccount.id, depositReceipt.virtualAccountId))
      .where(and(eq(depositReceipt.bankEntityId, bankEntityId), eq(depositReceipt.bankReference, notice.reference)));
    if (existing) {
      if (existing.receipt.noticeHash !== hash)
        throw conflict('BANK_REFERENCE_REUSED', bilingual(`银行流水号 ${notice.reference} 已用于内容不同的到账通知`, `Bank reference ${notice.reference} was already used for a different notice`), { depositId: existing.receipt.id });
      return receiptAnswer(existing.receipt, existing.accountNumber, true);
    }
    const [sub] = await db.select().from(virtualAccount).where(eq(virtualAccount.accountNumber, notice.virtualAccount));
    if (!sub) {
      // Not a lot's sub-account: perhaps another kind of deposit's (a listing bidder's, registered by its module).
      for (const receive of otherDepositAccounts) {
        const answer = await receive(ctx, bankEntityId, notice);
        if (answer) return answer;
      }
    }
    if (!sub)
      throw new DomainError('VIRTUAL_ACCOUNT_UNKNOWN', bilingual(`虚拟子账号 ${notice.virtualAccount} 不存在，未入账；请核对后重新通知或退回付款人`, `Virtual sub-account ${notice.virtualAccount} does not exist; nothing was credited. Check it and notify again, or return the money to the payer`), 422, { field: 'virtualAccount' });
    const now = ctx.platform.clock.now();
    const valueTime = new Date(notice.valueTime);
    if (valueTime.getTime() > now.getTime() + 5 * 60_000)
      throw new DomainError('DEPOSIT_VALUE_TIME_IN_FUTURE', bilingual('到账时间晚于当前时间，未入账', 'The value time is in the future; nothing was credited'), 422, { field: 'valueTime' });
    const amount = BigInt(notice.amountFen);
    try {
      const receipt = await inTransaction(ctx, async (tx, audit) => {
        const scope = { projectId: sub.projectId, sealed: 'bidder' as const };
        // The region's clearing account opens with its first deposit, sealed with it: its time would tell that someone paid.
        const clearing = await ensureAccount(tx, audit, ctx, { kind: 'platformClearing', regionCode: sub.regionCode }, scope);
        const entry = await insertJournalEntry(tx, audit, ctx, {
          kind: 'depositReceived',
          idempotencyKey: `bank:${bankEntityId}:${notice.reference}`,
          regionCode: sub.regionCode,
          memo: '投标保证金到账 / Bid deposit received',
          postings: [
            { accountCode: clearing, amountFen: amount },
            { accountCode: sub.ledgerAccountCode, amountFen: -amount },
          ],
          ...scope,
        });
        const [row] = await tx
          .insert(depositReceipt)
          .values({
            id: randomUUID(),
            bankEntityId,
            bankReference: notice.reference,
            noticeHash: hash,
            virtualAccountId: sub.id,
            amountFen: amount,
            valueTime,
            notifiedAt: now,
            payerAccountName: notice.payerAccountName.trim(),
            payerAccountNumber: notice.payerAccountNumber.trim(),
            payerAccountKey: normalizedAccountNumber(notice.payerAccountNumber),
            journalEntryId: entry.id,
          })
          .returning();
        audit.record({
          action: 'deposit.receive',
          subjectType: 'depositReceipt',
          subjectId: row!.id,
          regionCode: sub.regionCode,
          ...scope,
          after: { bankEntityId, reference: notice.reference, virtualAccount: sub.accountNumber, amountFen: amount.toString(), valueTime: valueTime.toISOString(), journalEntryId: entry.id },
          // Kept for supervision (CL-05); sealed with the entry until the opening.
          detail: { payerAccountName: row!.payerAccountName, payerAccountNumber: row!.payerAccountNumber },
        });
        return row!;
      });
      return receiptAnswer(receipt, sub.accountNumber, false);
    } catch (error) {
      // A racing notice with the same reference committed first: the next round finds it.
      if (attempt < 4 && NOTICE_CONSTRAINTS.some((c) => violates(error, c))) continue;
      throw error;
    }
  }
}

// ---- At the opening ------------------------------------------------------------------------------

/**
 * Each supplier's deposit status on a lot (GP-21), from the transfers into its sub-account,
 * compared with the deadline. No payer, no account number: only the status and the amounts.
 */
export async function depositStatusesOfLot(db: Db, lotRow: { id: string; depositFen: number }, deadline: Date, supplierEntityIds: string[]): Promise<Map<string, DepositStatus>> {
  const subs = supplierEntityIds.length
    ? await db.select().from(virtualAccount).where(and(eq(virtualAccount.lotId, lotRow.id), inArray(virtualAccount.supplierEntityId, [...new Set(supplierEntityIds)])))
    : [];
  const receipts = await receiptsOf(db, subs.map((s) => s.id));
  const statuses = new Map<string, DepositStatus>();
  for (const supplier of supplierEntityIds) {
    const sub = subs.find((s) => s.supplierEntityId === supplier);
    const facts = sub ? receipts.filter((r) => r.virtualAccountId === sub.id).map((r) => ({ amountFen: r.amountFen, receivedAt: r.valueTime })) : [];
    statuses.set(supplier, depositStatus(BigInt(lotRow.depositFen), deadline, facts));
  }
  return statuses;
}
