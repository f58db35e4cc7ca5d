import { and, asc, countDistinct, eq, gt, gte, inArray, lt, sql } from 'drizzle-orm';
import { versionInForce, itemsOf, versionView } from '../../catalogue/catalogue.store';
import { TRADING_TYPES } from '../../catalogue/catalogue.kinds';
import { ruleCitation } from '../../catalogue/rule-citations';
import { entity } from '../../identity/identity.schema';
import { financingBanks } from '../../money/financing/financing';
import { shanghaiDate, shanghaiInstant } from '../../platform/calendar/calendar';
import type { Db } from '../../platform/database/database';
import { award } from '../award/award.schema';
import { bid, lot, notice, project } from '../trading.schema';
import { portalFigures, smePolicies } from './portal.rules';

/** The calendar year (Asia/Shanghai) that `now` falls in, as UTC bounds. */
function yearBounds(now: Date) {
  const year = Number(shanghaiDate(now).slice(0, 4));
  return { year, from: shanghaiInstant(`${year}-01-01`), until: shanghaiInstant(`${year + 1}-01-01`) };
}

/**
 * The home page's figures for this year. Only what the platform has published counts: lots whose
 * award notice came out this year, with the amount that notice states and the budget the tender
 * notice stated. Nothing sealed (no bid counts, no prices of lots not yet opened) is read.
 */
export async function portalSummary(db: Db, now: Date) {
  const { year, from, until } = yearBounds(now);
  const rows = await db
    .select({ projectId: award.projectId, budgetFen: lot.budgetFen, fields: notice.fields, lotNo: lot.lotNo, smeSize: entity.smeSize })
    .from(award)
    .innerJoin(notice, eq(notice.id, award.noticeId))
    .innerJoin(lot, eq(lot.id, award.lotId))
    .innerJoin(bid, eq(bid.id, award.winnerBidId))
    .innerJoin(entity, eq(entity.id, bid.supplierEntityId))
    .where(and(eq(award.status, 'awarded'), eq(notice.noticeType, 'award'), gte(notice.publishedAt, from), lt(notice.publishedAt, until)));
  const lots = rows.map((r) => {
    const published = (r.fields.lots as { lotNo: number; amountFen: number }[] | undefined) ?? [];
    const awardFen = published.find((l) => l.lotNo === r.lotNo)?.amountFen ?? published[0]?.amountFen ?? 0;
    return { projectId: r.projectId, budgetFen: r.budgetFen, awardFen, winnerIsSme: r.smeSize !== null };
  });
  const [published] = await db
    .select({ n: countDistinct(notice.projectId) })
    .from(notice)
    .where(and(eq(notice.noticeType, 'tender'), gte(notice.publishedAt, from), lt(notice.publishedAt, until)));
  const [notices] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notice)
    .where(and(gte(notice.publishedAt, from), lt(notice.publishedAt, until)));
  const projectsPublished = published?.n ?? 0;

  // The trading catalogue in force, by trading type. Projects traded on this platform are government
  // procurement; the other types are traded on their sub-platforms, which report no counts here yet.
  const version = await versionInForce(db, 'tradingCatalogue', shanghaiDate(now));
  const items = version ? await itemsOf(db, version.id) : [];
  const byTradingType = TRADING_TYPES.map((tradingType) => {
    const entries = items.filter((i) => i.data.tradingType === tradingType).map((i) => ({ code: i.code, name: String(i.data.name ?? ''), entryLevel: String(i.data.entryLevel ?? '') }));
    return { tradingType, entries, projectsThisYear: tradingType === 'governmentProcurement' ? projectsPublished : null };
  }).filter((t) => t.entries.length > 0 || t.projectsThisYear);

  return { year, projectsPublished, noticesPublished: notices?.n ?? 0, ...portalFigures(lots), byTradingType };
}

const citationOf = (ruleId: string) => {
  const r = ruleCitation(ruleId);
  return { ruleId, citation: r?.citation ?? { 'zh-CN': ruleId, 'en-US': ruleId }, statement: r?.statement ?? { 'zh-CN': '', 'en-US': '' } };
};

/**
 * 中小企业专窗: the deductions in force today with their rules, the lots open for bids that are
 * reserved for SMEs or take a price deduction (from published tender notices), and financing offers.
 */
export async function smeWindow(db: Db, now: Date) {
  const today = shanghaiDate(now);
  const policies = smePolicies(today);
  const rows = await db
    .select({
      projectId: project.id,
      projectNumber: project.projectNumber,
      projectTitle: project.title,
      category: project.category,
      regionCode: project.regionCode,
      deadline: project.deadline,
      lotId: lot.id,
      lotNo: lot.lotNo,
      lotTitle: lot.title,
      budgetFen: lot.budgetFen,
      sme: lot.sme,
      noticeId: notice.id,
    })
    .from(lot)
    .innerJoin(project, eq(project.id, lot.projectId))
    .innerJoin(notice, and(eq(notice.projectId, project.id), eq(notice.noticeType, 'tender')))
    .where(and(eq(lot.status, 'open'), eq(project.status, 'published'), gt(project.deadline, now), inArray(sql`${lot.sme}->>'measure'`, ['reserved', 'priceDeduction'])))
    .orderBy(asc(project.deadline), asc(lot.lotNo));
  const openLots = rows.map((r) => ({
    projectId: r.projectId,
    projectNumber: r.projectNumber,
    projectTitle: r.projectTitle,
    category: r.category,
    regionCode: r.regionCode,
    deadline: r.deadline!.toISOString(),
    lotId: r.lotId,
    lotNo: r.lotNo,
    lotTitle: r.lotTitle,
    budgetFen: r.budgetFen,
    measure: r.sme.measure as 'reserved' | 'priceDeduction',
    deductionBp: r.sme.deductionBp,
    consortiumDeductionBp: r.sme.consortiumDeductionBp,
    noticeId: r.noticeId,
  }));
  const banks = await financingBanks(db);
  return {
    date: today,
    deductions: policies.deductions.map((d) => ({ ...d, ...citationOf(d.ruleId) })),
    reservationCeilings: policies.reservationCeilings.map((c) => ({ ...c, ...citationOf(c.ruleId) })),
    // SME-10: local tiers are allowed within the national range; none is configured, so every region applies it as is.
    regionalVariations: [] as { regionCode: string }[],
    reservedLots: openLots.filter((l) => l.measure === 'reserved'),
    deductionLots: openLots.filter((l) => l.measure === 'priceDeduction'),
    // 政采贷 has no product catalogue yet: the offer is each registered bank's contract financing.
    financing: { products: [] as { name: string }[], banks: banks.map((b) => ({ name: b.name, regionCode: b.regionCode })) },
  };
}

/** 收费标准: the service list in force, each service with its charge (free or how it is charged). */
export async function feeSchedule(db: Db, now: Date) {
  const version = await versionInForce(db, 'serviceList', shanghaiDate(now));
  if (!version) return { version: null, items: [] };
  const v = versionView(version);
  const items = (await itemsOf(db, version.id)).map((i) => {
    const charge = String(i.data.charge ?? '');
    return {
      code: i.code,
      name: String(i.data.name ?? ''),
      category: String(i.data.category ?? 'other'),
      provider: String(i.data.provider ?? ''),
      online: i.data.online === true,
      charge,
      free: /^(免费|不收费|无)$/.test(charge.trim()),
      timeLimit: typeof i.data.timeLimit === 'string' ? i.data.timeLimit : null,
      basis: typeof i.data.basis === 'string' ? i.data.basis : null,
    };
  });
  return { version: { title: v.title, versionNo: v.versionNo, effectiveFrom: v.effectiveFrom, publishedAt: v.publishedAt }, items };
}
