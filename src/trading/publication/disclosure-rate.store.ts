import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { versionInForce, itemsOf } from '../../catalogue/catalogue.store';
import { ruleReference } from '../../catalogue/rule-citations';
import { regionPrefix } from '../../identity/region-scope';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { loadCalendar } from '../../platform/calendar/calendar.store';
import type { Db } from '../../platform/database/database';
import { award } from '../award/award.schema';
import { acceptance, contract } from '../contract/contract.schema';
import { evaluationReport } from '../evaluation/evaluation.schema';
import { lot, notice, opening, project } from '../trading.schema';
import { disclosureRate, rateEntryOf, type DueFact, type RateEntry } from './disclosure-rate.rules';

/** The disclosure catalogue's entries in force on a day, as rate entries (none if no version is published). */
export async function disclosureEntries(db: Db, date: string): Promise<RateEntry[]> {
  const version = await versionInForce(db, 'disclosureCatalogue', date);
  return version ? (await itemsOf(db, version.id)).map(rateEntryOf) : [];
}

/** Whether the catalogue in force lists a notice type: the catalogue decides what the chain publishes. */
export async function catalogueLists(db: Db, noticeType: string, at: Date): Promise<boolean> {
  return (await disclosureEntries(db, shanghaiDate(at))).some((e) => e.noticeTypes.includes(noticeType));
}

const label = (p: { title: string; projectNumber: string }) => `${p.title}（${p.projectNumber}）`;

/**
 * Every fact of the trading chain after which a notice is due, with the notice that published it.
 * Notices of lots are matched by project and lot number (they predate any link column); awards,
 * contracts and acceptances carry their notice's id.
 */
export async function gatherDueFacts(db: Db): Promise<DueFact[]> {
  const facts: DueFact[] = [];
  const projects = new Map((await db.select({ id: project.id, title: project.title, projectNumber: project.projectNumber, regionCode: project.regionCode }).from(project)).map((p) => [p.id, p]));
  const lotNotices = await db
    .select({ id: notice.id, type: notice.noticeType, projectId: notice.projectId, fields: notice.fields, publishedAt: notice.publishedAt })
    .from(notice)
    .where(inArray(notice.noticeType, ['openingRecord', 'failure', 'termination']));
  const lotNoOf = (n: (typeof lotNotices)[number]) => Number(n.type === 'openingRecord' ? (n.fields.lot as { lotNo?: number } | undefined)?.lotNo : n.fields.lotNo);
  const firstNotice = (types: string[], projectId: string, lotNo: number | null) =>
    lotNotices.filter((n) => types.includes(n.type) && n.projectId === projectId && (lotNo === null || n.type === 'termination' || lotNoOf(n) === lotNo)).sort((a, b) => +a.publishedAt - +b.publishedAt)[0];
  /** `what` names the fact within its project (a contract's milestone), or alone for a contract registered without one. */
  const push = (trigger: string, key: string, projectId: string | null, what: { label: string; regionCode: string } | null, happenedAt: Date, n: { id: string; publishedAt: Date } | undefined | null) => {
    const p = projectId ? projects.get(projectId) : undefined;
    const projectLabel = [p ? label(p) : null, what?.label].filter(Boolean).join(' · ');
    facts.push({ trigger, key, projectId, projectLabel, regionCode: p?.regionCode ?? what?.regionCode ?? '', happenedAt, publishedAt: n?.publishedAt ?? null, noticeId: n?.id ?? null });
  };

  // 开标记录 (EB-07): each lot whose opening closed.
  const closed = await db.select({ lotId: opening.lotId, projectId: opening.projectId, closedAt: opening.closedAt, lotNo: lot.lotNo }).from(opening).innerJoin(lot, eq(lot.id, opening.lotId)).where(and(eq(opening.status, 'closed'), isNotNull(opening.closedAt)));
  for (const o of closed) push('openingClosed', o.lotId, o.projectId, null, o.closedAt!, firstNotice(['openingRecord'], o.projectId, o.lotNo));

  // 废标 (GP-33 at the opening, GP-35 at the evaluation): each failed lot, from the day it failed.
  const failed = await db
    .select({ lotId: lot.id, projectId: lot.projectId, lotNo: lot.lotNo, openingFailedAt: opening.closedAt, openingStatus: opening.status, reportSignedAt: evaluationReport.signedAt })
    .from(lot)
    .leftJoin(opening, eq(opening.lotId, lot.id))
    .leftJoin(evaluationReport, eq(evaluationReport.lotId, lot.id))
    .where(eq(lot.status, 'failed'));
  for (const f of failed) {
    const at = f.openingStatus === 'failed' ? f.openingFailedAt : f.reportSignedAt;
    if (at) push('lotFailed', f.lotId, f.projectId, null, at, firstNotice(['failure', 'termination'], f.projectId, f.lotNo));
  }

  // 中标（成交）结果公告 (GP-72): each confirmed award.
  const awards = await db.select({ lotId: award.lotId, projectId: award.projectId, awardedAt: award.awardedAt, noticeId: award.noticeId }).from(award).where(isNotNull(award.awardedAt));
  // 合同公告 (GP-76): contracts signed here (a sub-platform publishes those it registers).
  const contracts = await db.select().from(contract).where(and(isNotNull(contract.signedAt), isNotNull(contract.projectId), isNotNull(contract.draftedBy)));
  // 履约验收结果公告: each acceptance verdict, of any contract accepted here.
  const acceptances = await db
    .select({ id: acceptance.id, recordedAt: acceptance.recordedAt, noticeId: acceptance.noticeId, projectId: contract.projectId, contractNumber: contract.contractNumber, title: contract.title, regionCode: contract.regionCode, milestoneNo: acceptance.milestoneNo })
    .from(acceptance)
    .innerJoin(contract, eq(contract.id, acceptance.contractId));
  const linked = [...awards.map((a) => a.noticeId), ...contracts.map((c) => c.noticeId), ...acceptances.map((a) => a.noticeId)].filter((x): x is string => Boolean(x));
  const published = new Map(linked.length ? (await db.select({ id: notice.id, publishedAt: notice.publishedAt }).from(notice).where(inArray(notice.id, linked))).map((n) => [n.id, n]) : []);
  for (const a of awards) push('awardConfirmed', a.lotId, a.projectId, null, a.awardedAt!, a.noticeId ? published.get(a.noticeId) : null);
  for (const c of contracts) push('contractSigned', c.id, c.projectId, null, c.signedAt!, c.noticeId ? published.get(c.noticeId) : null);
  for (const a of acceptances)
    push('acceptanceRecorded', a.id, a.projectId, { label: `合同${a.contractNumber}第${a.milestoneNo}期验收`, regionCode: a.regionCode }, a.recordedAt, a.noticeId ? published.get(a.noticeId) : null);
  return facts;
}

/** The disclosure rate now, overall and per entry of the catalogue in force, optionally within a region. */
export async function currentDisclosureRate(db: Db, now: Date, regionCode?: string) {
  const [entries, facts, calendar] = await Promise.all([disclosureEntries(db, shanghaiDate(now)), gatherDueFacts(db), loadCalendar(db)]);
  const prefix = regionCode ? regionPrefix(regionCode) : '';
  const rate = disclosureRate(entries, facts.filter((f) => f.regionCode.startsWith(prefix) && f.happenedAt <= now), calendar, now);
  // Each entry with its legal basis (act and article), so that a rule ID never stands alone.
  return { ...rate, entries: rate.entries.map((e) => ({ ...e, rule: (e.ruleId && ruleReference(e.ruleId)) || null })) };
}
