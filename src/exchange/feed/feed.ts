import { and, asc, gt, inArray } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/database';
import { ocdsRelease, type ReleaseOrigin } from '../ocds/ocds.schema';

// Any constant works; it only has to be the same for every process writing releases.
const FEED_LOCK = 7_311_011;

/**
 * Takes the feed's lock for the rest of the transaction. Every writer of `ocds_release` calls this
 * before it draws a sequence number: numbers are then drawn in the order the transactions will
 * commit, and the lock is released only after the commit is visible (PostgreSQL releases
 * transaction locks after the commit record), so no reader can see n+1 before n. Ordering by start
 * time or by an unlocked sequence is what lost Prozorro's feed objects under concurrent writers.
 */
export async function lockFeed(tx: Db) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${FEED_LOCK})`);
}

/** The origins the public change feed carries: the one network's own trades (an import of someone else's data is not ours to republish). */
export const FEED_ORIGINS: readonly ReleaseOrigin[] = ['platform', 'subPlatform'];

/** The changes committed after the cursor, in commit order. */
export async function changesAfter(db: Db, after: number, limit: number) {
  return db
    .select()
    .from(ocdsRelease)
    .where(and(gt(ocdsRelease.seq, after), inArray(ocdsRelease.origin, [...FEED_ORIGINS])))
    .orderBy(asc(ocdsRelease.seq))
    .limit(limit);
}
