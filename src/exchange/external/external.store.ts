import { asc, eq, inArray, max } from 'drizzle-orm';
import type { Db } from '../../platform/database/database';
import { lockFeed } from '../feed/feed';
import { compileRelease, type JsonObject } from '../ocds/merge';
import { externalProcurement, ocdsRelease, type ReleaseOrigin } from '../ocds/ocds.schema';
import { mergeRules } from '../ocds/publish';
import { externalFacts } from './external.facts';

/** Who a batch of outside releases comes from. */
export interface ReleaseSource {
  origin: Exclude<ReleaseOrigin, 'platform'>;
  sourceEntityId: string | null;
  importId: string | null;
  /** The sub-platform's unified name or the publisher's name, as the portal shows it. */
  platformName: string;
  /** Where a release without its own region code belongs. */
  regionCode: string;
}

export interface NewRelease {
  release: JsonObject;
  hash: string;
}

/**
 * Appends outside releases (validated, and new: the caller has sorted out duplicates) in the given
 * order, and brings each procurement they touch up to date from all its releases. The caller's
 * transaction must already hold the feed's lock (`lockFeed`), taken before it looked for duplicates.
 */
export async function appendExternalReleases(tx: Db, source: ReleaseSource, releases: readonly NewRelease[], now: Date): Promise<number[]> {
  if (releases.length === 0) return [];
  await lockFeed(tx); // re-entrant: a no-op when the caller holds it
  const seqs: number[] = [];
  // In slices: one statement's parameters are limited (65 535 on PostgreSQL).
  for (let i = 0; i < releases.length; i += 500) {
    const rows = await tx
      .insert(ocdsRelease)
      .values(
        releases.slice(i, i + 500).map(({ release, hash }) => ({
          releaseId: String(release.id),
          ocid: String(release.ocid),
          projectId: null,
          origin: source.origin,
          sourceEntityId: source.sourceEntityId,
          importId: source.importId,
          contentHash: hash,
          date: new Date(String(release.date)),
          tag: Array.isArray(release.tag) ? String(release.tag[0]) : 'tender',
          release,
          receivedAt: now,
        })),
      )
      .returning({ seq: ocdsRelease.seq });
    seqs.push(...rows.map((r) => r.seq));
  }
  await refreshProcurements(tx, source, [...new Set(releases.map((r) => String(r.release.ocid)))]);
  return seqs;
}

/** Recompiles each ocid from all its releases (OCDS merge rules) and stores the facts the portal and supervision read. */
async function refreshProcurements(tx: Db, source: ReleaseSource, ocids: string[]) {
  for (let i = 0; i < ocids.length; i += 500) {
    const slice = ocids.slice(i, i + 500);
    const rows = await tx.select({ ocid: ocdsRelease.ocid, release: ocdsRelease.release, date: ocdsRelease.date }).from(ocdsRelease).where(inArray(ocdsRelease.ocid, slice)).orderBy(asc(ocdsRelease.seq));
    const byOcid = new Map<string, typeof rows>();
    for (const r of rows) byOcid.set(r.ocid, [...(byOcid.get(r.ocid) ?? []), r]);
    for (const [ocid, list] of byOcid) {
      const compiled = compileRelease(list.map((r) => r.release) as JsonObject[], mergeRules()) as JsonObject;
      const facts = externalFacts(compiled);
      const dates = list.map((r) => r.date.getTime());
      const values = {
        origin: source.origin,
        sourceEntityId: source.sourceEntityId,
        importId: source.importId,
        platformName: source.platformName,
        regionCode: facts.regionCode ?? source.regionCode,
        title: facts.title,
        buyerName: facts.buyerName,
        buyerCreditCode: facts.buyerCreditCode,
        procurementMethod: facts.procurementMethod,
        procurementMethodDetails: facts.procurementMethodDetails,
        mainProcurementCategory: facts.mainProcurementCategory,
        tenderStatus: facts.tenderStatus,
        valueFen: facts.valueFen,
        awardedFen: facts.awardedFen,
        bidCount: facts.bidCount,
        releaseCount: list.length,
        firstDate: new Date(Math.min(...dates)),
        lastDate: new Date(Math.max(...dates)),
        compiled,
      };
      await tx.insert(externalProcurement).values({ ocid, ...values }).onConflictDoUpdate({ target: externalProcurement.ocid, set: values });
    }
  }
}

/** The procurements already held for these ocids, with their owner and newest release date (for SYNC-08). */
export async function owners(tx: Db, ocids: string[]) {
  const out = new Map<string, { sourceEntityId: string | null; lastDate: Date; origin: ReleaseOrigin }>();
  for (let i = 0; i < ocids.length; i += 500) {
    const slice = ocids.slice(i, i + 500);
    for (const r of await tx.select({ ocid: externalProcurement.ocid, sourceEntityId: externalProcurement.sourceEntityId, lastDate: externalProcurement.lastDate, origin: externalProcurement.origin }).from(externalProcurement).where(inArray(externalProcurement.ocid, slice)))
      out.set(r.ocid, r);
    // An ocid of the platform's own projects belongs to the platform.
    const unknown = slice.filter((o) => !out.has(o));
    if (unknown.length === 0) continue;
    const own = await tx.select({ ocid: ocdsRelease.ocid, lastDate: max(ocdsRelease.date) }).from(ocdsRelease).where(inArray(ocdsRelease.ocid, unknown)).groupBy(ocdsRelease.ocid);
    for (const r of own) out.set(r.ocid, { sourceEntityId: null, lastDate: new Date(r.lastDate!), origin: 'platform' });
  }
  return out;
}

/** The stored hash of each (ocid, release id) among these, keyed `ocid\u0000id`. */
export async function storedHashes(tx: Db, ocids: string[]) {
  const out = new Map<string, string>();
  for (let i = 0; i < ocids.length; i += 500)
    for (const r of await tx.select({ ocid: ocdsRelease.ocid, releaseId: ocdsRelease.releaseId, contentHash: ocdsRelease.contentHash }).from(ocdsRelease).where(inArray(ocdsRelease.ocid, ocids.slice(i, i + 500))))
      out.set(`${r.ocid}\u0000${r.releaseId}`, r.contentHash ?? '');
  return out;
}

export const externalOf = (db: Db, ocid: string) => db.select().from(externalProcurement).where(eq(externalProcurement.ocid, ocid));
