/**
 * Procurements traded on a 交易子平台 and synced here as OCDS releases (external_procurement,
 * src/exchange/ocds/ocds.schema.ts): their facts for the national report, from the compiled release
 * (the project) and each day's releases (what happened that day). Only what the sub-platform
 * published is read, and it published bids only with the award (OCDS bids extension). Works by
 * open tender (the construction sub-platform's) go to GCJS_*, the rest to ZFCG_*.
 */
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import { addCalendarDays, shanghaiInstant } from '../../platform/calendar/calendar';
import type { Db } from '../../platform/database/database';
import type { Category, Method } from '../../trading/methods/methods';
import { externalProcurement, ocdsRelease } from '../ocds/ocds.schema';
import type { BidderFacts, ContractFacts, Party, ProjectFacts, ResultFacts } from './datasets';
import type { ProjectDay } from './export';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** An OCDS amount in yuan as integer fen (the platform's money); null when absent. */
export function fenOf(value: unknown): number | null {
  const amount = obj(value).amount;
  return typeof amount === 'number' && Number.isFinite(amount) ? Math.round(amount * 100) : null;
}

const CATEGORIES: Record<string, Category> = { goods: 'goods', works: 'works', services: 'services' };

/** The platform's method from OCDS procurementMethod and its Chinese details (extension README's mapping, reversed). */
export function methodOf(procurementMethod: string, details: string): Method {
  if (procurementMethod === 'direct') return 'singleSource';
  if (procurementMethod === 'selective') return details.includes('磋商') ? 'consultation' : details.includes('询价') ? 'rfq' : 'negotiation';
  if (procurementMethod === 'framework' || details.includes('框架协议')) return 'framework';
  return 'openTender';
}

/** The party of an OCDS party reference, with its 统一社会信用代码 from the parties list (id `CN-USCC-<code>`). */
function partyOf(compiled: Json, ref: Json): Party {
  const id = str(ref.id);
  const listed = arr(compiled.parties).find((p) => str(p.id) === id);
  const code = str(obj(listed?.identifier).id) || (id.startsWith('CN-USCC-') ? id.slice('CN-USCC-'.length) : '');
  return { name: str(ref.name) || str(listed?.name), creditCode: code };
}

export interface ExternalRow {
  ocid: string;
  regionCode: string;
  title: string;
  buyerName: string | null;
  buyerCreditCode: string | null;
  valueFen: number | null;
  firstDate: Date;
  compiled: Json;
}

/** The project facts of a synced procurement, as one lot when the release names none. */
export function externalProjectFacts(row: ExternalRow): ProjectFacts {
  const c = row.compiled;
  const tender = obj(c.tender);
  const category = CATEGORIES[str(tender.mainProcurementCategory)] ?? 'goods';
  const method = methodOf(str(tender.procurementMethod), str(tender.procurementMethodDetails));
  const buyer: Party = { name: row.buyerName ?? str(obj(c.buyer).name), creditCode: row.buyerCreditCode ?? partyOf(c, obj(c.buyer)).creditCode };
  const agencyParty = arr(c.parties).find((p) => (p.roles as unknown[] | undefined)?.includes('procuringEntity') && !(p.roles as unknown[]).includes('buyer'));
  const lots = arr(tender.lots);
  return {
    projectNumber: str(c.projectNumber) || str(tender.id) || row.ocid,
    transactionCode: str(c.transactionCode),
    title: str(tender.title) || row.title,
    description: str(tender.description),
    regionCode: row.regionCode,
    category,
    method,
    regime: category === 'works' && method === 'openTender' ? 'tendering' : 'procurement',
    createdAt: row.firstDate,
    purchaser: buyer,
    agency: agencyParty ? partyOf(c, agencyParty) : null,
    lots: lots.length
      ? lots.map((l, i) => ({ lotNo: i + 1, title: str(l.title) || `${str(tender.title)}（${i + 1}）`, budgetFen: fenOf(l.value) ?? 0, maxPriceFen: null }))
      : [{ lotNo: 1, title: str(tender.title) || row.title, budgetFen: row.valueFen ?? fenOf(tender.value) ?? 0, maxPriceFen: null }],
    tradingPlatform: str(c.tradingPlatform) || null,
  };
}

/**
 * What one release tells of its day: the award (with the bids it discloses, opened at the end of the
 * tender period) and the contracts signed that day. Single-lot releases only: a release with lots
 * is reported for lot 1 only when it names no lot.
 */
export function externalReleaseFacts(project: ProjectFacts, release: Json, releaseDate: Date, day: { from: Date; to: Date }): Pick<ProjectDay, 'openings' | 'results' | 'contracts'> {
  const out: Pick<ProjectDay, 'openings' | 'results' | 'contracts'> = { openings: [], results: [], contracts: [] };
  const tender = obj(release.tender);
  const details = arr(obj(release.bids).details);
  if (details.length) {
    const bidders: BidderFacts[] = details.flatMap((b) => arr(b.tenderers).slice(0, 1).map((t) => ({ bidder: partyOf(release, t), priceFen: fenOf(b.value) })));
    const endDate = str(obj(tender.tenderPeriod).endDate);
    out.openings.push({ lotNo: 1, startedAt: endDate ? new Date(endDate) : releaseDate, bidders });
  }
  for (const a of arr(release.awards)) {
    if (str(a.status) !== 'active') continue;
    const supplier = arr(a.suppliers)[0];
    const priceFen = fenOf(a.value);
    if (!supplier || priceFen === null) continue;
    const r: ResultFacts = { lotNo: 1, title: `${project.title}中标（成交）结果`, publishedAt: a.date ? new Date(str(a.date)) : releaseDate, url: '', html: '', winner: partyOf(release, supplier), priceFen };
    out.results.push(r);
  }
  for (const k of arr(release.contracts)) {
    const signed = str(k.dateSigned);
    const priceFen = fenOf(k.value);
    if (!signed || priceFen === null) continue;
    const signedAt = new Date(signed);
    if (signedAt < day.from || signedAt >= day.to) continue;
    const award = arr(release.awards).find((a) => str(a.id) === str(k.awardID));
    const supplierRef = arr(award?.suppliers)[0] ?? arr(release.parties).find((p) => (p.roles as unknown[] | undefined)?.includes('supplier'));
    if (!supplierRef) continue;
    const c: ContractFacts = { lotNo: 1, contractNumber: str(k.id), title: str(k.title) || project.title, purchaser: project.purchaser, supplier: partyOf(release, supplierRef), priceFen, signedAt };
    out.contracts.push(c);
  }
  return out;
}

/** The day's facts of procurements synced from sub-platforms. */
export async function loadExternalDay(db: Db, date: string): Promise<ProjectDay[]> {
  const day = { from: shanghaiInstant(date), to: shanghaiInstant(addCalendarDays(date, 1)) };
  const releases = await db
    .select({ ocid: ocdsRelease.ocid, date: ocdsRelease.date, release: ocdsRelease.release })
    .from(ocdsRelease)
    .where(and(eq(ocdsRelease.origin, 'subPlatform'), gte(ocdsRelease.date, day.from), lt(ocdsRelease.date, day.to)))
    .orderBy(asc(ocdsRelease.seq));
  if (releases.length === 0) return [];
  const rows = await db.select().from(externalProcurement).where(inArray(externalProcurement.ocid, [...new Set(releases.map((r) => r.ocid))]));
  const out: ProjectDay[] = [];
  for (const row of rows.sort((a, b) => a.ocid.localeCompare(b.ocid))) {
    const project = externalProjectFacts(row);
    const d: ProjectDay = { project, firstPublished: row.firstDate >= day.from && row.firstDate < day.to, notices: [], openings: [], candidates: [], results: [], contracts: [] };
    for (const r of releases.filter((x) => x.ocid === row.ocid)) {
      const facts = externalReleaseFacts(project, r.release, r.date, day);
      d.openings.push(...facts.openings);
      d.results.push(...facts.results);
      d.contracts.push(...facts.contracts);
    }
    out.push(d);
  }
  return out;
}
