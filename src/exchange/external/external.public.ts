import { and, asc, count, desc, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/database';
import { externalProcurement, ocdsRelease } from '../ocds/ocds.schema';
import { fenOf } from './external.facts';

/** What the public portal shows of procurements traded elsewhere (synced from sub-platforms or imported). */

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null);
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj).filter((x): x is Json => x !== null) : []);
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** An OCDS value as published (any currency), with its fen when it is in yuan. */
export function moneyOf(value: unknown): { amount: number; currency: string; fen: number | null } | null {
  const v = obj(value);
  if (!v || typeof v.amount !== 'number' || !Number.isFinite(v.amount)) return null;
  return { amount: v.amount, currency: str(v.currency) ?? '', fen: fenOf(v) };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Procurements traded elsewhere, newest first, by title and by platform (the sub-platform's or publisher's name). */
export async function listExternal(db: Db, q: { q?: string; platform?: string; page: number; pageSize: number }) {
  const where: SQL[] = [];
  if (q.q?.trim()) where.push(ilike(externalProcurement.title, `%${escapeLike(q.q.trim())}%`));
  if (q.platform) where.push(eq(externalProcurement.platformName, q.platform));
  const cond = where.length ? and(...where) : undefined;
  const [rows, [total], platforms] = await Promise.all([
    db
      .select()
      .from(externalProcurement)
      .where(cond)
      .orderBy(desc(externalProcurement.lastDate), asc(externalProcurement.ocid))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(externalProcurement).where(cond),
    db.select({ name: externalProcurement.platformName, origin: externalProcurement.origin, n: count() }).from(externalProcurement).groupBy(externalProcurement.platformName, externalProcurement.origin).orderBy(asc(externalProcurement.platformName)),
  ]);
  return {
    total: total?.n ?? 0,
    platforms: platforms.map((p) => ({ name: p.name, origin: p.origin as 'subPlatform' | 'import', count: p.n })),
    items: rows.map((r) => ({ ...summary(r), value: moneyOf(obj(r.compiled.tender)?.value) })),
  };
}

function summary(r: typeof externalProcurement.$inferSelect) {
  return {
    ocid: r.ocid,
    origin: r.origin as 'subPlatform' | 'import',
    platformName: r.platformName,
    regionCode: r.regionCode,
    title: r.title,
    buyerName: r.buyerName,
    procurementMethod: r.procurementMethod,
    procurementMethodDetails: r.procurementMethodDetails,
    mainProcurementCategory: r.mainProcurementCategory,
    tenderStatus: r.tenderStatus,
    valueFen: r.valueFen,
    awardedFen: r.awardedFen,
    bidCount: r.bidCount,
    releaseCount: r.releaseCount,
    firstDate: r.firstDate.toISOString(),
    lastDate: r.lastDate.toISOString(),
  };
}

/** Where the full OCDS data of a procurement can be read: the record package of a synced one, the compiled release of an imported one. */
export const recordUrlOf = (origin: string, ocid: string) => (origin === 'import' ? `/api/public/external/${encodeURIComponent(ocid)}/compiled` : `/api/ocds/records/${encodeURIComponent(ocid)}`);

/** One procurement traded elsewhere: its facts, bids, awards, contracts and its releases in date order. */
export async function readExternal(db: Db, ocid: string) {
  const [row] = await db.select().from(externalProcurement).where(eq(externalProcurement.ocid, ocid));
  if (!row) return null;
  const releases = await db.select({ id: ocdsRelease.releaseId, date: ocdsRelease.date, tag: ocdsRelease.release }).from(ocdsRelease).where(eq(ocdsRelease.ocid, ocid)).orderBy(asc(ocdsRelease.date), asc(ocdsRelease.seq));
  const c = row.compiled;
  const tender = obj(c.tender) ?? {};
  const parties = new Map(arr(c.parties).map((p) => [String(p.id), p]));
  const nameOf = (ref: Json) => str(ref.name) ?? str(parties.get(String(ref.id))?.name) ?? String(ref.id ?? '');
  const period = (p: unknown) => {
    const o = obj(p);
    return o ? { startDate: str(o.startDate), endDate: str(o.endDate) } : null;
  };
  return {
    ...summary(row),
    value: moneyOf(tender.value),
    tenderPeriod: period(tender.tenderPeriod),
    numberOfTenderers: typeof tender.numberOfTenderers === 'number' ? tender.numberOfTenderers : null,
    bids: arr(obj(c.bids)?.details).map((b) => ({ id: String(b.id ?? ''), date: str(b.date), status: str(b.status), tenderers: arr(b.tenderers).map(nameOf), value: moneyOf(b.value) })),
    awards: arr(c.awards).map((a) => ({ id: String(a.id ?? ''), title: str(a.title), status: str(a.status), date: str(a.date), value: moneyOf(a.value), suppliers: arr(a.suppliers).map(nameOf) })),
    contracts: arr(c.contracts).map((k) => ({ id: String(k.id ?? ''), title: str(k.title), status: str(k.status), dateSigned: str(k.dateSigned), value: moneyOf(k.value), period: period(k.period) })),
    releases: releases.map((r) => ({ id: r.id, date: r.date.toISOString(), tags: Array.isArray(r.tag.tag) ? r.tag.tag.map(String) : [] })),
    recordUrl: recordUrlOf(row.origin, row.ocid),
  };
}

/** The compiled release, as the portal offers it for download. */
export async function compiledOf(db: Db, ocid: string) {
  const [row] = await db.select({ compiled: externalProcurement.compiled }).from(externalProcurement).where(eq(externalProcurement.ocid, ocid));
  return row?.compiled ?? null;
}

/** Title and platform of these procurements, for pages that mention them by ocid (supervision's alerts). */
export async function externalNames(db: Db, ocids: string[]) {
  const out = new Map<string, { ocid: string; title: string; platformName: string }>();
  if (ocids.length === 0) return out;
  for (const r of await db.select({ ocid: externalProcurement.ocid, title: externalProcurement.title, platformName: externalProcurement.platformName }).from(externalProcurement).where(inArray(externalProcurement.ocid, ocids))) out.set(r.ocid, r);
  return out;
}
