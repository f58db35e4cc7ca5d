/**
 * Reads one Shanghai day's public facts about the platform's own projects for the national report.
 * Only what the platform has made public is read (src/trading/disclosure.ts): projects once a notice
 * of theirs is out, bidders and prices only of lots whose opening has started (GP-07, EB-03),
 * candidates and results only from their published notices, contracts once signed. Sealed bids,
 * evaluation sheets and unpublished reports are never touched.
 */
import { and, asc, eq, gte, inArray, isNotNull, lt, min, sql } from 'drizzle-orm';
import { MAIN_PLATFORM_CODE } from '../../catalogue/platform-registry';
import { entity } from '../../identity/identity.schema';
import { addCalendarDays, shanghaiInstant } from '../../platform/calendar/calendar';
import type { Db } from '../../platform/database/database';
import { award } from '../../trading/award/award.schema';
import { contract } from '../../trading/contract/contract.schema';
import { methodDefinition } from '../../trading/methods/methods';
import { bid, lot, notice, opening, project } from '../../trading/trading.schema';
import type { BidderFacts, CandidateFacts, ContractFacts, NoticeFacts, OpeningFacts, Party, ProjectFacts, ResultFacts } from './datasets';
import type { DayFacts, ProjectDay } from './export';

const DOCUMENT_NOTICES = ['tender', 'prequalification', 'correction'] as const;
/** Bids that were in the box when it opened (a superseded or withdrawn one never was). */
const OPENED_BID_STATUSES = ['submitted', 'decrypted', 'revoked'] as const;

export interface LoadOptions {
  /** The portal's address, for each notice's URL (config.publicUrl). */
  publicUrl: string;
}

function dayBounds(date: string): { from: Date; to: Date } {
  return { from: shanghaiInstant(date), to: shanghaiInstant(addCalendarDays(date, 1)) };
}

async function parties(db: Db, ids: string[]): Promise<Map<string, Party & { id: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: entity.id, name: entity.name, creditCode: entity.creditCode }).from(entity).where(inArray(entity.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

async function projectFacts(db: Db, ids: string[]): Promise<Map<string, ProjectFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(project).where(inArray(project.id, ids));
  const lots = await db.select().from(lot).where(inArray(lot.projectId, ids)).orderBy(asc(lot.projectId), asc(lot.lotNo));
  const who = await parties(db, rows.flatMap((r) => (r.agencyEntityId ? [r.purchaserEntityId, r.agencyEntityId] : [r.purchaserEntityId])));
  const party = (id: string): Party => {
    const p = who.get(id);
    return { name: p?.name ?? '', creditCode: p?.creditCode ?? '' };
  };
  return new Map(
    rows.map((r) => [
      r.id,
      {
        projectNumber: r.projectNumber,
        transactionCode: r.transactionCode,
        title: r.title,
        description: r.description,
        regionCode: r.regionCode,
        category: r.category,
        method: r.method,
        regime: methodDefinition(r.method, r.category).regime,
        createdAt: r.createdAt,
        purchaser: party(r.purchaserEntityId),
        agency: r.agencyEntityId ? party(r.agencyEntityId) : null,
        lots: lots.filter((l) => l.projectId === r.id).map((l) => ({ lotNo: l.lotNo, title: l.title, budgetFen: l.budgetFen, maxPriceFen: l.maxPriceFen })),
        tradingPlatform: r.originPlatform === MAIN_PLATFORM_CODE ? null : r.originPlatform,
      } satisfies ProjectFacts,
    ]),
  );
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);

export async function loadDayFacts(db: Db, date: string, options: LoadOptions): Promise<DayFacts> {
  const { from, to } = dayBounds(date);
  const days = new Map<string, Omit<ProjectDay, 'project'>>();
  const dayOf = (projectId: string) => {
    let d = days.get(projectId);
    if (!d) days.set(projectId, (d = { firstPublished: false, notices: [], openings: [], candidates: [], results: [], contracts: [] }));
    return d;
  };
  const url = (noticeId: string) => `${options.publicUrl}/notices/${noticeId}`;

  // Projects whose first notice went out this day.
  const firsts = await db
    .select({ projectId: notice.projectId, first: min(notice.publishedAt) })
    .from(notice)
    .where(and(isNotNull(notice.projectId), sql`${notice.noticeType} <> 'intention'`))
    .groupBy(notice.projectId)
    .having(and(gte(min(notice.publishedAt), from), lt(min(notice.publishedAt), to)));
  for (const f of firsts) dayOf(f.projectId!).firstPublished = true;

  // The day's notices of projects: documents, candidates, results.
  const notices = await db
    .select()
    .from(notice)
    .where(and(isNotNull(notice.projectId), gte(notice.publishedAt, from), lt(notice.publishedAt, to), inArray(notice.noticeType, [...DOCUMENT_NOTICES, 'candidates', 'award'])))
    .orderBy(asc(notice.publishedAt), asc(notice.id));
  const projectIds = new Set([...days.keys(), ...notices.map((n) => n.projectId!)]);

  const openings = await db.select().from(opening).where(and(gte(opening.startedAt, from), lt(opening.startedAt, to))).orderBy(asc(opening.startedAt));
  for (const o of openings) projectIds.add(o.projectId);

  const contracts = await db
    .select()
    .from(contract)
    .where(and(isNotNull(contract.projectId), isNotNull(contract.signedAt), inArray(contract.status, ['signed', 'completed']), gte(contract.signedAt, from), lt(contract.signedAt, to)))
    .orderBy(asc(contract.signedAt));
  for (const c of contracts) projectIds.add(c.projectId!);

  const facts = await projectFacts(db, [...projectIds]);
  const lotRows = projectIds.size ? await db.select({ id: lot.id, projectId: lot.projectId, lotNo: lot.lotNo }).from(lot).where(inArray(lot.projectId, [...projectIds])) : [];
  const lotNumbers = new Map(lotRows.map((l) => [l.id, l.lotNo]));
  const lotIdsOf = (projectId: string, lotNo: number | null) => lotRows.filter((l) => l.projectId === projectId && l.lotNo === lotNo).map((l) => l.id);

  // Bidders of each lot opened this day (and of lots whose candidates or results were published: for their credit codes).
  const awards = notices.some((n) => n.noticeType === 'award') ? await db.select().from(award).where(inArray(award.noticeId, notices.filter((n) => n.noticeType === 'award').map((n) => n.id))) : [];
  const candidateLots = notices.filter((n) => n.noticeType === 'candidates').map((n) => ({ projectId: n.projectId!, lotNo: num(n.fields.lotNo) }));
  const openedLotIds = new Set<string>([...openings.map((o) => o.lotId), ...awards.map((a) => a.lotId)]);
  for (const c of candidateLots) for (const id of lotIdsOf(c.projectId, c.lotNo)) openedLotIds.add(id);
  // Only lots whose opening has started: nothing about a sealed box leaves the platform.
  const startedLots = openedLotIds.size ? new Set((await db.select({ lotId: opening.lotId }).from(opening).where(inArray(opening.lotId, [...openedLotIds]))).map((r) => r.lotId)) : new Set<string>();
  const bids = startedLots.size
    ? await db
        .select({ id: bid.id, lotId: bid.lotId, projectId: bid.projectId, status: bid.status, supplierEntityId: bid.supplierEntityId, priceSchedule: bid.priceSchedule, receivedAt: bid.receivedAt })
        .from(bid)
        .where(and(inArray(bid.lotId, [...startedLots]), inArray(bid.status, [...OPENED_BID_STATUSES])))
        .orderBy(asc(bid.receivedAt))
    : [];
  const bidderParties = await parties(db, bids.map((b) => b.supplierEntityId));
  const partyOfBid = (b: (typeof bids)[number]): Party => {
    const p = bidderParties.get(b.supplierEntityId);
    return { name: p?.name ?? '', creditCode: p?.creditCode ?? '' };
  };

  for (const o of openings) {
    const bidders: BidderFacts[] = bids
      .filter((b) => b.lotId === o.lotId)
      .map((b) => ({ bidder: partyOfBid(b), priceFen: b.status === 'decrypted' ? num((b.priceSchedule as { totalPriceFen?: unknown } | null)?.totalPriceFen) : null }));
    dayOf(o.projectId).openings.push({ lotNo: lotNumbers.get(o.lotId)!, startedAt: o.startedAt, bidders } satisfies OpeningFacts);
  }

  for (const n of notices) {
    const d = dayOf(n.projectId!);
    const p = facts.get(n.projectId!);
    if (!p) continue;
    if ((DOCUMENT_NOTICES as readonly string[]).includes(n.noticeType)) {
      const row = (await db.select({ documentsFrom: project.documentsFrom, documentsUntil: project.documentsUntil, deadline: project.deadline }).from(project).where(eq(project.id, n.projectId!)))[0]!;
      d.notices.push({ noticeId: n.id, kind: n.noticeType as NoticeFacts['kind'], title: n.title, publishedAt: n.publishedAt, url: url(n.id), html: n.renderedHtml, ...row } satisfies NoticeFacts);
    } else if (n.noticeType === 'candidates') {
      const lotNo = num(n.fields.lotNo);
      if (lotNo === null) continue;
      const lotIds = new Set(lotIdsOf(n.projectId!, lotNo));
      const codes = new Map(bids.filter((b) => lotIds.has(b.lotId)).map((b) => [partyOfBid(b).name, partyOfBid(b).creditCode]));
      const listed = Array.isArray(n.fields.candidates) ? (n.fields.candidates as { rank: number; name: string; priceFen: number }[]) : [];
      d.candidates.push({ lotNo, publishedAt: n.publishedAt, candidates: listed.map((c) => ({ rank: c.rank, name: c.name, creditCode: codes.get(c.name) ?? null, priceFen: c.priceFen })) } satisfies CandidateFacts);
    } else if (n.noticeType === 'award') {
      const lots = Array.isArray(n.fields.lots) ? (n.fields.lots as { lotNo: number; winnerName: string; amountFen: number }[]) : [];
      for (const a of awards.filter((x) => x.noticeId === n.id && x.winnerBidId)) {
        const lotNo = lotNumbers.get(a.lotId)!;
        const winnerBid = bids.find((b) => b.id === a.winnerBidId);
        const listed = lots.find((l) => l.lotNo === lotNo);
        if (!winnerBid || !listed) continue;
        d.results.push({ lotNo, title: n.title, publishedAt: n.publishedAt, url: url(n.id), html: n.renderedHtml, winner: partyOfBid(winnerBid), priceFen: listed.amountFen } satisfies ResultFacts);
      }
    }
  }

  const contractParties = await parties(db, contracts.flatMap((c) => [c.purchaserEntityId, c.supplierEntityId]));
  for (const c of contracts) {
    const party = (id: string): Party => ({ name: contractParties.get(id)?.name ?? '', creditCode: contractParties.get(id)?.creditCode ?? '' });
    dayOf(c.projectId!).contracts.push({
      lotNo: c.lotId ? (lotNumbers.get(c.lotId) ?? null) : null,
      contractNumber: c.contractNumber,
      title: c.title,
      purchaser: party(c.purchaserEntityId),
      supplier: party(c.supplierEntityId),
      priceFen: c.priceFen,
      signedAt: c.signedAt!,
    } satisfies ContractFacts);
  }

  const projects: ProjectDay[] = [];
  for (const [projectId, d] of days) {
    const p = facts.get(projectId);
    if (p) projects.push({ project: p, ...d });
  }
  projects.sort((a, b) => a.project.projectNumber.localeCompare(b.project.projectNumber));
  return { date, projects };
}
