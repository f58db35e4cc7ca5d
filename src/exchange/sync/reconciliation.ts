import { createHash } from 'node:crypto';
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { addCalendarDays, shanghaiDate, shanghaiInstant } from '../../platform/calendar/calendar';
import type { Db } from '../../platform/database/database';
import { ocdsRelease } from '../ocds/ocds.schema';

/** One release as both sides list it for reconciliation. */
export interface ReleaseLine {
  ocid: string;
  id: string;
  sha256: string;
}

/**
 * A day's digest: SHA-256 over the day's releases sorted by ocid and id, one line each,
 * `ocid TAB id TAB sha256 LF`, where sha256 is that of the release's canonical JSON (keys sorted,
 * no spaces: docs/SYNC.md). A sub-platform computes the same over what it sent; where the digests
 * differ, the day's lines show which releases.
 */
export function dayDigest(lines: readonly ReleaseLine[]): string {
  const sorted = [...lines].sort((a, b) => (a.ocid === b.ocid ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.ocid < b.ocid ? -1 : 1));
  const hash = createHash('sha256');
  for (const l of sorted) hash.update(`${l.ocid}\t${l.id}\t${l.sha256}\n`);
  return hash.digest('hex');
}

/** What one side has and the other lacks, or has otherwise, for one day. */
export function differences(ours: readonly ReleaseLine[], theirs: readonly ReleaseLine[]) {
  const key = (l: ReleaseLine) => `${l.ocid}\u0000${l.id}`;
  const mine = new Map(ours.map((l) => [key(l), l]));
  const other = new Map(theirs.map((l) => [key(l), l]));
  return {
    missingHere: theirs.filter((l) => !mine.has(key(l))),
    notSentThere: ours.filter((l) => !other.has(key(l))),
    different: theirs.filter((l) => mine.has(key(l)) && mine.get(key(l))!.sha256 !== l.sha256),
  };
}

/** The releases a sub-platform synced, by the Shanghai day of their own date, between two days inclusive. */
export async function syncedLines(db: Db, sourceEntityId: string, from: string, to: string): Promise<Map<string, ReleaseLine[]>> {
  const rows = await db
    .select({ ocid: ocdsRelease.ocid, id: ocdsRelease.releaseId, sha256: ocdsRelease.contentHash, date: ocdsRelease.date })
    .from(ocdsRelease)
    .where(and(eq(ocdsRelease.sourceEntityId, sourceEntityId), gte(ocdsRelease.date, shanghaiInstant(from)), lt(ocdsRelease.date, shanghaiInstant(addCalendarDays(to, 1)))))
    .orderBy(asc(ocdsRelease.seq));
  const byDay = new Map<string, ReleaseLine[]>();
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) byDay.set(d, []);
  for (const r of rows) byDay.get(shanghaiDate(r.date))?.push({ ocid: r.ocid, id: r.id, sha256: r.sha256 ?? '' });
  return byDay;
}
