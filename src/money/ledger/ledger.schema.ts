import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, unique, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { AccountKind, JournalEntryKind } from './ledger.rules';

const ts = () => timestamp({ withTimezone: true, precision: 3 });
// JavaScript bigint, not number: a ledger sum must be exact beyond 2^53 fen.
const fen = () => bigint({ mode: 'bigint' });

/**
 * An account of the ledger: a bidder's virtual sub-account of a lot, a supplier's payable, the
 * treasury, the platform's clearing account. It holds no balance: its balance is the sum of its
 * postings. Insert-only for the application's role (privileges.ts).
 */
export const ledgerAccount = pgTable(
  'ledger_account',
  {
    id: uuid().primaryKey(),
    /** Derived from what the account is for (ledger.rules.ts accountCode): opening it twice finds the same row. */
    code: text().notNull().unique(),
    kind: text().$type<AccountKind>().notNull(),
    regionCode: text().notNull(),
    /** The market entity the money belongs to or is owed to, where there is one. */
    ownerEntityId: uuid(),
    lotId: uuid(),
    contractId: uuid(),
    openedAt: ts().notNull(),
  },
  (t) => [index().on(t.kind, t.regionCode)],
);

/**
 * One business event (a deposit received, refunded, forfeited; an overdue fee; a payment to a
 * supplier), with two or more postings that sum to zero. Never updated or deleted, for anyone
 * (migrations/0011); a correction is a new entry naming the one it corrects.
 */
export const journalEntry = pgTable(
  'journal_entry',
  {
    id: uuid().primaryKey(),
    /** Order of arrival: ledger:verify names the first broken entry by it. */
    entryNo: bigint({ mode: 'number' }).notNull().unique('journal_entry_entry_no_unique').generatedAlwaysAsIdentity(),
    kind: text().$type<JournalEntryKind>().notNull(),
    /** The caller's key for this event (a bank's reference, a refund job's id): a retry finds the entry instead of adding one. */
    idempotencyKey: text().notNull().unique('journal_entry_idempotency_key_unique'),
    /** SHA-256 of the request: the same key with a different body is refused. */
    requestHash: text().notNull(),
    corrects: uuid().references((): AnyPgColumn => journalEntry.id),
    /**
     * How many postings the entry has, fixed when it is written: the database refuses an entry whose
     * postings do not match it at commit, so postings cannot be added to an entry later, even balanced.
     */
    postingCount: integer().notNull(),
    memo: text(),
    regionCode: text().notNull(),
    postedAt: ts().notNull(),
    /** The person who posted it; null when the platform did (a job, a bank's notice). */
    postedBy: uuid(),
  },
  (t) => [check('journal_entry_posting_count', sql`${t.postingCount} >= 2`), check('journal_entry_correction', sql`(${t.kind} = 'correction') = (${t.corrects} IS NOT NULL)`)],
);

/** Positive amounts are debits, negative ones credits; an entry's postings sum to zero. */
export const ledgerPosting = pgTable(
  'ledger_posting',
  {
    postingNo: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    journalEntryId: uuid()
      .notNull()
      .references(() => journalEntry.id),
    accountId: uuid()
      .notNull()
      .references(() => ledgerAccount.id),
    amountFen: fen().notNull(),
  },
  (t) => [unique('ledger_posting_entry_account_unique').on(t.journalEntryId, t.accountId), index().on(t.accountId), check('ledger_posting_amount_nonzero', sql`${t.amountFen} <> 0`)],
);
