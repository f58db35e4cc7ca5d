import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { entitySummaries } from '../../identity';
import { person } from '../../identity/identity.schema';
import { canonicalJson } from '../../platform/audit/audit-chain';
import { loadCalendar } from '../../platform/calendar/calendar.store';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { refuseWhileHeld } from '../../supervision/complaints/holds';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { deny, hiddenRow } from '../../platform/deny';
import { DomainError, bilingual, conflict, notFound } from '../../platform/errors';
import { notify } from '../../platform/notifications/notifications';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import { scheduleDepositRefunds } from '../../money/refunds/refunds';
import { committeeMember } from '../../services/experts/experts.schema';
import { contract } from '../contract/contract.schema';
import { evaluationReport } from '../evaluation/evaluation.schema';
import type { EvaluationResult } from '../evaluation/evaluation.rules';
import { insertNotice } from '../notice/notices';
import { partyOf } from '../notice/publish-tender';
import type { PriceSchedule } from '../opening/opening';
import { findProjectRow, followLots, loadManagedProject, lotsOf, moveLot, type ProjectRow } from '../project/project';
import { managesProject, supervisesProject, supplierDesk } from '../project/project.access';
import { bid, lot, notice } from '../trading.schema';
import { award, awardLetter } from './award.schema';
import { awardedItems, awardPeriods } from './award.rules';
import { methodDefinition } from '../methods/methods';
import { publiciseCandidates, refuseUntilCandidatesCleared } from '../publicity/publicity';

export type AwardRow = typeof award.$inferSelect;

async function signedReport(db: Db, lotId: string) {
  const [r] = await db.select().from(evaluationReport).where(eq(evaluationReport.lotId, lotId));
  return r?.status === 'signed' ? r : null;
}

/** GP-70: the agency (or the purchaser running it alone) sends the signed report to the purchaser. */
export async function sendReport(ctx: Context, projectId: string, lotId: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const p = await loadManagedProject(tx, ctx.actor, projectId, true);
    // QC-11: not while the finance department has suspended the procurement.
    await refuseWhileHeld(tx, projectId, shanghaiDate(ctx.platform.clock.now()), 'award');
    const report = await signedReport(tx, lotId);
    if (!report || report.projectId !== projectId) throw conflict('REPORT_NOT_SIGNED', bilingual('评标报告尚未签署完毕', 'The evaluation report is not signed yet'));
    if (report.result.failed) throw conflict('LOT_FAILED', bilingual('该标项已废标，无需定标', 'This lot failed; there is nothing to award'));
    const [existing] = await tx.select().from(award).where(eq(award.lotId, lotId));
    if (existing) throw conflict('REPORT_ALREADY_SENT', bilingual('评标报告已送交采购人', 'The report was already sent to the purchaser'));
    const now = ctx.platform.clock.now();
    await tx.insert(award).values({ lotId, projectId, status: 'reportSent', reportSentAt: now, reportSentBy: ctx.actor!.personId, refusedBidIds: [] });
    // WK-13: under the Bidding Law the candidates are publicised as the report reaches the tenderer.
    if (methodDefinition(p.method, p.category).regime === 'tendering') {
      const l = (await tx.select().from(lot).where(eq(lot.id, lotId)))[0]!;
      const schedules = await tx.select({ id: bid.id, priceSchedule: bid.priceSchedule }).from(bid).where(eq(bid.lotId, lotId));
      const candidates = report.result.candidates.map((bidId, i) => {
        const b = report.result.bids.find((x) => x.bidId === bidId)!;
        const schedule = schedules.find((s) => s.id === bidId)?.priceSchedule as PriceSchedule | null | undefined;
        return { rank: i + 1, name: b.supplierName, priceFen: b.priceFen, total: b.total, deliveryPeriod: schedule?.deliveryPeriod ?? null };
      });
      await publiciseCandidates(tx, ctx, audit, p, l, candidates, [...new Set(report.result.bids.map((b) => b.supplierEntityId))]);
    }
    await notify(tx, now, [
      {
        to: { entityId: p.purchaserEntityId, role: 'purchaser' },
        title: bilingual(`${p.projectNumber} 评标报告待确认`, `${p.projectNumber}: the evaluation report awaits your decision`),
        body: bilingual('请在5个工作日内按评标报告推荐的顺序确定中标人（GP-71）。', 'Confirm the winner, in the order the report recommends, within 5 working days (GP-71).'),
        link: `/workspace/projects/${projectId}`,
        subject: { type: 'lot', id: lotId },
      },
    ]);
    audit.record({ action: 'award.send_report', subjectType: 'lot', subjectId: lotId, regionCode: p.regionCode, projectId: p.id, after: { status: 'reportSent', candidates: report.result.candidates } });
    return { lotId, status: 'reportSent' as const };
  });
}

export const confirmWinnerInput = z.object({ bidId: z.uuid(), reason: z.string().trim().max(1000).nullish() });

/**
 * GP-71: the purchaser confirms the winner in the recommended order; after a winner refused to
 * sign (GP-78) the next candidate is the one that may be chosen. The award notice is published
 * and every bidder receives its letter at once (GP-72 to GP-74).
 */
export async function confirmWinner(ctx: Context, projectId: string, lotId: string, input: z.infer<typeof confirmWinnerInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const p = await loadManagedProject(tx, ctx.actor, projectId, true);
    if (!ctx.actor!.roles.includes('purchaser') || ctx.actor!.entityId !== p.purchaserEntityId) throw deny('award', lotId, 'confirm');
    await refuseWhileHeld(tx, projectId, shanghaiDate(ctx.platform.clock.now()), 'award');
    const [a] = await tx.select().from(award).where(and(eq(award.lotId, lotId), eq(award.projectId, projectId))).for('update');
    if (!a) throw conflict('REPORT_NOT_SENT', bilingual('尚未收到评标报告', 'The report has not been sent to the purchaser'));
    if (a.status === 'awarded') throw conflict('ALREADY_AWARDED', bilingual('该标项已确定中标人', 'This lot has already been awarded'));
    await refuseUntilCandidatesCleared(tx, p, lotId, shanghaiDate(ctx.platform.clock.now()));
    const report = (await signedReport(tx, lotId))!;
    const next = report.result.candidates.filter((id) => !a.refusedBidIds.includes(id))[0];
    if (!next) throw new DomainError('NO_CANDIDATE', bilingual('已无其他中标候选人，应重新开展采购活动', 'No candidate is left; the procurement must be restarted'), 409, {}, 'GP-78');
    if (input.bidId !== next)
      throw new DomainError('NOT_IN_ORDER', bilingual('应按评标报告推荐的中标候选人顺序确定中标人', 'The winner must be confirmed in the order the report recommends'), 422, { expected: next }, 'GP-71');
    if (a.refusedBidIds.length && !input.reason)
      throw new DomainError('REASON_REQUIRED', bilingual('改由下一候选人中标时应写明原因', 'Give the reason for awarding to the next candidate'), 422, { field: 'reason' }, 'GP-78');
    const now = ctx.platform.clock.now();
    const l = (await tx.select().from(lot).where(eq(lot.id, lotId)))[0]!;
    const noticeRow = await publishAwardNotice(tx, ctx, audit, p, l, report.result, input.bidId);
    await tx.update(award).set({ status: 'awarded', winnerBidId: input.bidId, choiceReason: input.reason ?? null, awardedAt: now, awardedBy: ctx.actor!.personId, noticeId: noticeRow.id, revision: a.revision + 1 }).where(eq(award.lotId, lotId));
    await issueLetters(tx, ctx, p, l, report.result, input.bidId, now, a.refusedBidIds.length + 1);
    // GP-22: the award notice is issued now; every other bidder's deposit is due back within 5 working days.
    const winnerEntityId = (await tx.select({ supplierEntityId: bid.supplierEntityId }).from(bid).where(eq(bid.id, input.bidId)))[0]!.supplierEntityId;
    await scheduleDepositRefunds(tx, audit, ctx, { lotId, trigger: 'award', at: now, supplierEntityIds: [winnerEntityId], refusedBidIds: a.refusedBidIds });
    audit.record({ action: 'award.confirm', subjectType: 'lot', subjectId: lotId, regionCode: p.regionCode, projectId: p.id, before: { status: a.status }, after: { status: 'awarded', winnerBidId: input.bidId, reason: input.reason ?? null, noticeId: noticeRow.id } });
    await moveLot(tx, audit, p.regionCode, l, 'awarded');
    await followLots(tx, audit, projectId);
    return awardView(tx, ctx, p, lotId);
  });
}

async function publishAwardNotice(tx: Db, ctx: Context, audit: AuditRecorder, p: ProjectRow, l: typeof lot.$inferSelect, result: EvaluationResult, winnerBidId: string) {
  const [winner] = await tx.select().from(bid).where(eq(bid.id, winnerBidId));
  const summary = (await entitySummaries(tx, [winner!.supplierEntityId])).get(winner!.supplierEntityId)!;
  const priceFen = result.bids.find((b) => b.bidId === winnerBidId)!.priceFen;
  const experts = await tx
    .select({ name: person.displayName })
    .from(committeeMember)
    .innerJoin(person, eq(person.id, committeeMember.personId))
    .where(and(eq(committeeMember.projectId, p.id), eq(committeeMember.status, 'confirmed'), eq(committeeMember.kind, 'expert')))
    .orderBy(asc(person.displayName));
  const calendar = await loadCalendar(tx);
  const today = shanghaiDate(ctx.platform.clock.now());
  return insertNotice(tx, ctx, audit, {
    noticeType: 'award',
    projectId: p.id,
    planId: p.planId,
    regionCode: p.regionCode,
    fields: {
      projectNumber: p.projectNumber,
      projectTitle: p.title,
      lots: [{ lotNo: l.lotNo, title: l.title, winnerName: summary.name, winnerAddress: summary.address, amountFen: priceFen }],
      items: awardedItems(winner!.priceSchedule as PriceSchedule | null, l, priceFen, p.method === 'singleSource'),
      experts: experts.map((e) => e.name),
      announcementEnds: calendar.addWorkingDays(today, 1),
      losers: result.bids.filter((b) => b.bidId !== winnerBidId).length,
      purchaser: await partyOf(tx, p.purchaserEntityId),
      agency: p.agencyEntityId ? await partyOf(tx, p.agencyEntityId) : null,
    },
  });
}

/** GP-74: the winner gets its award letter; every other bidder its own score and rank, or why its bid was invalid. */
async function issueLetters(tx: Db, ctx: Context, p: ProjectRow, l: typeof lot.$inferSelect, result: EvaluationResult, winnerBidId: string, now: Date, round: number) {
  const winner = result.bids.find((b) => b.bidId === winnerBidId)!;
  // 中标通知书 after a tender, 成交通知书 after the other methods (RQ-03, NG-06): the method names the letter.
  const letter = methodDefinition(p.method, p.category).award.letter;
  for (const b of result.bids) {
    const kind = b.bidId === winnerBidId ? ('winner' as const) : ('result' as const);
    const fields = {
      projectNumber: p.projectNumber,
      projectTitle: p.title,
      lotNo: l.lotNo,
      lotTitle: l.title,
      supplierName: b.supplierName,
      kind,
      priceFen: b.priceFen,
      evaluatedPriceFen: b.evaluatedPriceFen,
      total: b.total,
      rank: b.rank,
      bidders: result.bids.length,
      valid: b.valid,
      invalidReasons: b.invalidReasons,
      winnerName: winner.supplierName,
      winnerPriceFen: winner.priceFen,
      issuedAt: now.toISOString(),
      method: p.method,
      category: p.category,
    };
    const contentHash = createHash('sha256').update(canonicalJson(fields)).digest('hex');
    await tx.insert(awardLetter).values({ lotId: l.id, bidId: b.bidId, supplierEntityId: b.supplierEntityId, round, kind, fields, contentHash, seal: ctx.platform.signer.sign({ contentHash }), issuedAt: now });
  }
  await notify(
    tx,
    now,
    result.bids.map((b) => ({
      to: supplierDesk(b.supplierEntityId),
      title:
        b.bidId === winnerBidId
          ? bilingual(`${p.projectNumber} ${letter['zh-CN']}`, `${p.projectNumber}: ${letter['en-US'].toLowerCase()}`)
          : bilingual(`${p.projectNumber} 采购结果通知书`, `${p.projectNumber}: notice of the procurement result`),
      body:
        b.bidId === winnerBidId
          ? bilingual('贵公司已被确定为中标人，请在30日内签订政府采购合同。', 'You have been awarded the contract; please sign it within 30 days.')
          : bilingual('采购结果已确定，请查看结果通知书（含贵公司得分和排序）。', 'The result is decided; your letter shows your score and rank.'),
      link: '/workspace/award-letters',
      subject: { type: 'bid', id: b.bidId },
    })),
  );
}

export async function awardView(db: Db, ctx: Context, p: ProjectRow, lotId: string) {
  const [a] = await db.select().from(award).where(eq(award.lotId, lotId));
  const report = await signedReport(db, lotId);
  const [awardNotice] = a?.noticeId ? await db.select().from(notice).where(eq(notice.id, a.noticeId)) : [];
  const contracts = await db.select().from(contract).where(eq(contract.lotId, lotId)).orderBy(asc(contract.draftedAt));
  const current = contracts.filter((c) => c.status !== 'refused').at(-1);
  const [contractNotice] = current?.noticeId ? await db.select().from(notice).where(eq(notice.id, current.noticeId)) : [];
  const periods = awardPeriods(
    await loadCalendar(db),
    { reportSignedAt: report?.signedAt ?? null, reportSentAt: a?.reportSentAt ?? null, awardedAt: a?.awardedAt ?? null, noticePublishedAt: awardNotice?.publishedAt ?? null, contractSignedAt: current?.signedAt ?? null, contractPublishedAt: contractNotice?.publishedAt ?? null },
    ctx.platform.clock.now(),
  );
  return {
    lotId,
    status: a?.status ?? (report ? 'reportSigned' : 'pending'),
    candidates: report?.result.candidates ?? [],
    winnerBidId: a?.winnerBidId ?? null,
    refusedBidIds: a?.refusedBidIds ?? [],
    choiceReason: a?.choiceReason ?? null,
    noticeId: a?.noticeId ?? null,
    reportSentAt: a?.reportSentAt.toISOString() ?? null,
    awardedAt: a?.awardedAt?.toISOString() ?? null,
    periods,
  };
}

/** The award state of each lot, for those running or supervising the project. */
export async function projectAwards(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const p = await findProjectRow(db, projectId);
  if (!p || !(managesProject(ctx.actor, p) || supervisesProject(ctx.actor, p))) throw hiddenRow('project', projectId, bilingual('采购项目', 'Project'));
  const lots = await lotsOf(db, projectId);
  return Promise.all(lots.map(async (l) => ({ lotNo: l.lotNo, title: l.title, ...(await awardView(db, ctx, p, l.id)) })));
}

/** A supplier's letters (each bidder sees only its own). */
export async function myAwardLetters(ctx: Context) {
  if (!ctx.actor) throw deny('award_letter', null, 'list');
  const rows = await ctx.platform.database.db.select().from(awardLetter).where(eq(awardLetter.supplierEntityId, ctx.actor.entityId)).orderBy(asc(awardLetter.issuedAt), asc(awardLetter.round));
  return rows.map((r) => ({ lotId: r.lotId, bidId: r.bidId, round: r.round, kind: r.kind, fields: r.fields, contentHash: r.contentHash, seal: r.seal, issuedAt: r.issuedAt.toISOString() }));
}

export async function findAwardLetter(ctx: Context, lotId: string, bidId: string) {
  const db = ctx.platform.database.db;
  const rows = await db.select().from(awardLetter).where(and(eq(awardLetter.lotId, lotId), eq(awardLetter.bidId, bidId))).orderBy(asc(awardLetter.round));
  const letter = rows.at(-1);
  if (!letter) throw notFound(bilingual('通知书', 'Letter'));
  const p = (await findProjectRow(db, (await db.select({ projectId: lot.projectId }).from(lot).where(eq(lot.id, lotId)))[0]!.projectId))!;
  if (letter.supplierEntityId !== ctx.actor?.entityId && !managesProject(ctx.actor, p) && !supervisesProject(ctx.actor, p)) throw hiddenRow('award_letter', bidId, bilingual('通知书', 'Letter'));
  return letter;
}

/** The lot's award and its winning bid, once the purchaser has confirmed one (the contract is drafted from it). */
export async function winningBid(db: Db, lotId: string) {
  const [a] = await db.select().from(award).where(eq(award.lotId, lotId));
  if (!a?.winnerBidId || a.status !== 'awarded') return null;
  const [b] = await db.select().from(bid).where(eq(bid.id, a.winnerBidId));
  return { award: a, bid: b! };
}
