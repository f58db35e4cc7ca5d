import { asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/database/database';
import { journalEntry, ledgerAccount, ledgerPosting } from './ledger.schema';

export type AccountRow = typeof ledgerAccount.$inferSelect;
export type JournalEntryRow = typeof journalEntry.$inferSelect;

export async function findAccount(db: Db, code: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(ledgerAccount).where(eq(ledgerAccount.code, code));
  return row;
}

export async function findAccounts(db: Db, codes: string[]): Promise<AccountRow[]> {
  if (codes.length === 0) return [];
  return db.select().from(ledgerAccount).where(inArray(ledgerAccount.code, codes));
}

export interface StoredJournalEntry extends JournalEntryRow {
  postings: { postingNo: number; accountCode: string; amountFen: bigint }[];
}

async function withPostings(db: Db, entry: JournalEntryRow | undefined): Promise<StoredJournalEntry | undefined> {
  if (!entry) return undefined;
  const postings = await db
    .select({ postingNo: ledgerPosting.postingNo, accountCode: ledgerAccount.code, amountFen: ledgerPosting.amountFen })
    .from(ledgerPosting)
    .innerJoin(ledgerAccount, eq(ledgerAccount.id, ledgerPosting.accountId))
    .where(eq(ledgerPosting.journalEntryId, entry.id))
    .orderBy(asc(ledgerPosting.postingNo));
  return { ...entry, postings };
}

export async function findJournalEntryByKey(db: Db, idempotencyKey: string): Promise<StoredJournalEntry | undefined> {
  const [entry] = await db.select().from(journalEntry).where(eq(journalEntry.idempotencyKey, idempotencyKey));
  return withPostings(db, entry);
}

export async function findJournalEntry(db: Db, id: string): Promise<StoredJournalEntry | undefined> {
  const [entry] = await db.select().from(journalEntry).where(eq(journalEntry.id, id));
  return withPostings(db, entry);
}

/** An account's balance, derived from its postings (debits positive); 0 for an account without any. */
export async function accountBalance(db: Db, code: string): Promise<bigint> {
  // As text: node-postgres and PGlite return a numeric sum differently; BigInt reads either exactly.
  const [row] = await queryRows<{ balance: string }>(
    db,
    sql`SELECT coalesce(sum(${ledgerPosting.amountFen}), 0)::text AS balance
        FROM ${ledgerPosting} JOIN ${ledgerAccount} ON ${ledgerAccount.id} = ${ledgerPosting.accountId}
        WHERE ${ledgerAccount.code} = ${code}`,
  );
  return BigInt(row!.balance);
}
