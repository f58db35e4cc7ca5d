import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { canonicalJson } from '../../platform/audit/audit-chain';
import type { AuditSeal } from '../../platform/audit/audit-chain';
import type { Context } from '../../platform/context';
import { againIfViolated, type Db } from '../../platform/database/database';
import { bilingual, conflict, DomainError } from '../../platform/errors';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import { assertJournalEntry, type JournalEntryDraft } from './ledger.rules';
import { journalEntry, ledgerPosting } from './ledger.schema';
import { findAccounts, findJournalEntryByKey, type StoredJournalEntry } from './ledger.store';

export interface PostJournalEntryInput extends JournalEntryDraft {
  /** The region whose money this is (GB/T 2260): who may read the entry. */
  regionCode: string;
  /**
   * For the audit entry: the project the money belongs to, and what it would disclose while the
   * project is sealed (a deposit tells who bids: 'bidder' until the opening).
   */
  projectId?: string | null;
  sealed?: AuditSeal | null;
}

export interface PostedJournalEntry extends StoredJournalEntry {
  /** True when the idempotency key found an entry already posted, and nothing was written. */
  replayed: boolean;
}

const IDEMPOTENCY_CONSTRAINT = 'journal_entry_idempotency_key_unique';

/** What makes two posts the same request: everything but the key, postings in account order. */
export function requestHashOf(input: PostJournalEntryInput): string {
  const postings = [...input.postings].sort((a, b) => (a.accountCode < b.accountCode ? -1 : a.accountCode > b.accountCode ? 1 : 0));
  const fields = { kind: input.kind, corrects: input.corrects ?? null, memo: input.memo ?? null, regionCode: input.regionCode, postings };
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

function replayOf(found: StoredJournalEntry, requestHash: string): PostedJournalEntry {
  if (found.requestHash !== requestHash)
    throw conflict('IDEMPOTENCY_KEY_REUSED', bilingual('该业务唯一标识（幂等键）已用于另一笔不同的记账', 'This idempotency key was already used for a different journal entry'), { journalEntryId: found.id });
  return { ...found, replayed: true };
}

/**
 * Writes a journal entry inside the caller's transaction, with its audit entry: for a use case that
 * posts together with its own change (a refund with its deposit's new state). The key must be new:
 * a duplicate fails on the unique constraint (`journal_entry_idempotency_key_unique`; retry with
 * againIfViolated and look it up, as postJournalEntry does). The database checks the balance
 * again at commit (migrations/0011).
 */
export async function insertJournalEntry(tx: Db, audit: AuditRecorder, ctx: Context, input: PostJournalEntryInput): Promise<StoredJournalEntry> {
  assertJournalEntry(input);
  const codes = input.postings.map((p) => p.accountCode);
  const accounts = new Map((await findAccounts(tx, codes)).map((a) => [a.code, a]));
  const unknown = input.postings.findIndex((p) => !accounts.has(p.accountCode));
  if (unknown >= 0)
    throw new DomainError('LEDGER_ACCOUNT_UNKNOWN', bilingual(`账户 ${codes[unknown]} 尚未开立`, `Account ${codes[unknown]} has not been opened`), 422, { field: `postings.${unknown}.accountCode` });
  if (input.corrects) {
    const [corrected] = await tx.select({ id: journalEntry.id }).from(journalEntry).where(eq(journalEntry.id, input.corrects));
    if (!corrected) throw new DomainError('LEDGER_CORRECTED_ENTRY_UNKNOWN', bilingual('所更正的分录不存在', 'The journal entry to correct does not exist'), 422, { field: 'corrects' });
  }
  const id = randomUUID();
  const now = ctx.platform.clock.now();
  const [entry] = await tx
    .insert(journalEntry)
    .values({
      id,
      kind: input.kind,
      idempotencyKey: input.idempotencyKey,
      requestHash: requestHashOf(input),
      corrects: input.corrects ?? null,
      postingCount: input.postings.length,
      memo: input.memo ?? null,
      regionCode: input.regionCode,
      postedAt: now,
      postedBy: ctx.actor?.personId ?? null,
    })
    .returning();
  const postings = await tx
    .insert(ledgerPosting)
    .values(input.postings.map((p) => ({ journalEntryId: id, accountId: accounts.get(p.accountCode)!.id, amountFen: p.amountFen })))
    .returning({ postingNo: ledgerPosting.postingNo, accountId: ledgerPosting.accountId, amountFen: ledgerPosting.amountFen });
  const codeOf = new Map([...accounts.values()].map((a) => [a.id, a.code]));
  const stored: StoredJournalEntry = { ...entry!, postings: postings.map((p) => ({ postingNo: p.postingNo, accountCode: codeOf.get(p.accountId)!, amountFen: p.amountFen })) };
  audit.record({
    action: 'ledger.post',
    subjectType: 'journalEntry',
    subjectId: id,
    regionCode: input.regionCode,
    projectId: input.projectId ?? null,
    ...(input.sealed !== undefined ? { sealed: input.sealed } : {}),
    after: {
      entryNo: stored.entryNo,
      kind: stored.kind,
      idempotencyKey: stored.idempotencyKey,
      corrects: stored.corrects,
      memo: stored.memo,
      postings: stored.postings.map((p) => ({ postingNo: p.postingNo, accountCode: p.accountCode, amountFen: p.amountFen.toString() })),
    },
  });
  return stored;
}

/**
 * Posts one journal entry in its own transaction, durable and audited, idempotent on its key: the
 * same post again (a bank's notice resent, a job rerun, 50 at once) returns the entry already
 * posted and writes nothing; the same key with a different entry is refused (409).
 */
export async function postJournalEntry(ctx: Context, input: PostJournalEntryInput): Promise<PostedJournalEntry> {
  assertJournalEntry(input);
  const db = ctx.platform.database.db;
  const requestHash = requestHashOf(input);
  // A racing post that commits first makes our insert fail on the key; the next attempt finds its entry.
  return againIfViolated(IDEMPOTENCY_CONSTRAINT, async () => {
    const found = await findJournalEntryByKey(db, input.idempotencyKey);
    if (found) return replayOf(found, requestHash);
    const stored = await inTransaction(ctx, (tx, audit) => insertJournalEntry(tx, audit, ctx, input));
    return { ...stored, replayed: false };
  });
}
