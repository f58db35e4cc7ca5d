import { randomBytes, createHash } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { entitySummaries } from '../../identity';
import { person } from '../../identity/identity.schema';
import { canonicalJson } from '../../platform/audit/audit-chain';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { RefusedError, hiddenRow } from '../../platform/deny';
import { DomainError, bilingual, conflict, notFound } from '../../platform/errors';
import { MAX_FEN, formatYuan } from '../../platform/money';
import { notify } from '../../platform/notifications/notifications';
import { readSetting } from '../../platform/settings/settings';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import { chairVote, committee, committeeMember } from '../../services/experts/experts.schema';
import { memberInboxes } from '../../services/experts/sampling';
import { electedChair } from './committee';
import { methodRules, minimumResponses } from '../methods/methods';
import { insertNotice } from '../notice/notices';
import { noticeContacts } from '../notice/publish-tender';
import { findProjectRow, followLots, lotsOf, moveLot, type LotRow, type ProjectRow } from '../project/project';
import { managesProject, projectManagers, supervisesProject, supplierDesk } from '../project/project.access';
import { bid, lot } from '../trading.schema';
import type { PriceSchedule } from '../opening/opening';
import { openFinalOffers } from '../rounds/rounds';
import { finalPrices } from '../rounds/rounds.rules';
import { bidReview, bidScore, evaluationReport, evaluationSubmission, priceCorrection, priceExplanation, reportSignature } from './evaluation.schema';
import { correctPrice } from './scoring';
import type { ReportDocument } from './report.render';
import { evaluateLot, explanationsNeeded, missingWork, reviewOutcome, REVIEW_CRITERIA, type EvaluationInput, type EvaluationResult } from './evaluation.rules';

/** GP-59 threshold: how far below the average of the others a price must be to call for an explanation (a setting; the law gives no figure). */
export const ABNORMAL_PRICE_KEY = 'evaluation.abnormalPriceThresholdBp';
const thresholdSchema = z.int().min(500).max(5000);

const refused = (projectId: string, attempted: string, zh: string, en: string) => new RefusedError(bilingual(zh, en), 403, 'evaluation', projectId, attempted);

interface Seat {
  project: ProjectRow;
  committee: typeof committee.$inferSelect;
  /** The confirmed members. */
  members: (typeof committeeMember.$inferSelect)[];
  memberIds: string[];
  isChair: boolean;
}

/**
 * Experts work only on the projects they were drawn for, and only while the evaluation is
 * open (server clock); everything else is refused and recorded.
 */
export async function seatOf(tx: Db, ctx: Context, projectId: string, attempted: string): Promise<Seat> {
  const seat = await committeeOf(tx, projectId);
  const me = seat?.members.find((m) => m.personId === ctx.actor?.personId);
  if (!seat || !me) throw hiddenRow('evaluation', projectId, bilingual('评审项目', 'Evaluation'));
  const now = ctx.platform.clock.now();
  if (now < seat.committee.evaluationStartsAt || seat.committee.status === 'sampling' || seat.committee.status === 'formed')
    throw refused(projectId, attempted, '评审尚未开始', 'The evaluation has not started');
  if (now >= seat.committee.evaluationEndsAt) throw refused(projectId, attempted, '评审时间已结束，不能再查看或修改评审内容', 'The evaluation period has ended; nothing can be viewed or changed');
  return { ...seat, isChair: me.isChair };
}

/** The project, its committee and the confirmed members, whoever is asking. */
export async function committeeOf(tx: Db, projectId: string) {
  const [c] = await tx.select().from(committee).where(eq(committee.projectId, projectId));
  if (!c) return null;
  const members = await tx.select().from(committeeMember).where(and(eq(committeeMember.projectId, projectId), eq(committeeMember.status, 'confirmed')));
  return { project: (await findProjectRow(tx, projectId))!, committee: c, members, memberIds: members.map((m) => m.personId), isChair: false };
}

async function lotOf(tx: Db, projectId: string, lotId: string): Promise<LotRow> {
  const [l] = await tx.select().from(lot).where(and(eq(lot.id, lotId), eq(lot.projectId, projectId)));
  if (!l) throw notFound(bilingual('标项', 'Lot'));
  return l;
}

/** A lot the committee may still record on: opened at the opening, report not yet computed. */
export async function openLotOf(tx: Db, projectId: string, lotId: string): Promise<LotRow> {
  const l = await lotOf(tx, projectId, lotId);
  if (l.status !== 'opened') throw conflict('LOT_NOT_UNDER_EVALUATION', bilingual('该标项不在评审中', 'This lot is not under evaluation'));
  return l;
}

/** The lot's decrypted bids and everything the committee recorded on them. */
async function lotRecords(db: Db, p: ProjectRow, l: LotRow, ctx: Context) {
  const bids = await db.select().from(bid).where(and(eq(bid.lotId, l.id), eq(bid.status, 'decrypted'))).orderBy(asc(bid.receivedAt));
  return {
    bids,
    entities: await entitySummaries(db, bids.map((b) => b.supplierEntityId)),
    reviews: await db.select().from(bidReview).where(eq(bidReview.lotId, l.id)),
    scores: await db.select().from(bidScore).where(eq(bidScore.lotId, l.id)),
    explanations: await db.select().from(priceExplanation).where(eq(priceExplanation.lotId, l.id)),
    corrections: await db.select().from(priceCorrection).where(eq(priceCorrection.lotId, l.id)),
    thresholdBp: (await readSetting(db, ABNORMAL_PRICE_KEY, thresholdSchema, 2000, p.regionCode)).value,
    /** 磋商/谈判: the final offers, once their time is up (rounds.ts). */
    finalOffers: await openFinalOffers(db, ctx.platform.sealer, l.id, ctx.platform.clock.now()),
  };
}
type LotRecords = Awaited<ReturnType<typeof lotRecords>>;

/** Everything evaluateLot needs, from the lot's records. */
function evaluationInput(p: ProjectRow, l: LotRow, r: LotRecords, memberIds: string[], tieSeed = ''): EvaluationInput {
  const deduction = l.sme.measure === 'priceDeduction';
  const rounds = methodRules(p.method, p.category).rounds;
  // CS-07, NG-06: once the final offers are open, they are the prices evaluated; a response without one drops out (CS-06, NG-05).
  const finals = rounds && r.finalOffers.open ? finalPrices(r.bids.map((b) => b.id), r.finalOffers.offers) : null;
  const minimum = minimumResponses(methodRules(p.method, p.category), p.twoSupplierException);
  return {
    method: l.evaluationMethod,
    criteria: l.criteria,
    rates: { smallMicroBp: deduction ? l.sme.deductionBp : null, consortiumBp: deduction ? l.sme.consortiumDeductionBp : null },
    ceilingFen: l.maxPriceFen ?? l.budgetFen,
    minimumValidBids: finals && rounds ? { count: minimum.count, ruleId: rounds.finalOffersRuleId } : minimum,
    finalOffers: finals && rounds ? { ruleId: rounds.finalOffersRuleId, given: [...finals].filter(([, fen]) => fen !== null).map(([id]) => id) } : null,
    memberIds,
    bids: r.bids.map((b) => {
      const schedule = b.priceSchedule as PriceSchedule | null;
      const size = r.entities.get(b.supplierEntityId)?.smeSize;
      return {
        bidId: b.id,
        supplierEntityId: b.supplierEntityId,
        supplierName: r.entities.get(b.supplierEntityId)?.name ?? '',
        // The price as it stands: corrected once the bidder confirmed (GP-58). A bid whose price
        // schedule could not be read has no price and cannot stand (GP-62 treats it as over the ceiling).
        priceFen: (finals ? finals.get(b.id) : r.corrections.find((c) => c.bidId === b.id && c.confirmed)?.correctedFen ?? schedule?.totalPriceFen) ?? Number.MAX_SAFE_INTEGER,
        sme: size === 'small' || size === 'micro' ? 'smallMicro' : 'none',
        coreBrand: schedule?.items?.[0]?.brand ?? null,
      };
    }),
    reviews: r.reviews.filter((x) => memberIds.includes(x.personId)),
    scores: r.scores.filter((x) => memberIds.includes(x.personId)),
    explanations: r.explanations.map((e) => ({ bidId: e.bidId, accepted: e.accepted })),
    corrections: r.corrections.map((c) => ({ bidId: c.bidId, confirmed: c.confirmed })),
    abnormalThresholdBp: r.thresholdBp,
    tieSeed,
  };
}

const validIds = (input: EvaluationInput) => [...reviewOutcome(input)].filter(([, reasons]) => reasons.length === 0).map(([id]) => id);

/** The expert's evaluation sheet for every lot of the project. */
export async function evaluationSheet(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const seat = await seatOf(db, ctx, projectId, 'read');
  const me = ctx.actor!.personId;
  // The lots the committee evaluates: those opened, and those its own report failed (GP-35); not
  // those that failed at the opening for want of bids (GP-33).
  const reported = (await db.select({ lotId: evaluationReport.lotId }).from(evaluationReport).where(eq(evaluationReport.projectId, projectId))).map((r) => r.lotId);
  const lots = (await lotsOf(db, projectId)).filter((l) => l.status === 'opened' || reported.includes(l.id));
  const out = [];
  for (const l of lots) {
    const records = await lotRecords(db, seat.project, l, ctx);
    const { explanations, corrections } = records;
    const input = evaluationInput(seat.project, l, records, seat.memberIds);
    const submissions = await db.select().from(evaluationSubmission).where(eq(evaluationSubmission.lotId, l.id));
    const valid = validIds(input);
    out.push({
      lotId: l.id,
      lotNo: l.lotNo,
      title: l.title,
      evaluationMethod: l.evaluationMethod,
      criteria: l.criteria,
      budgetFen: l.budgetFen,
      finalOffers: methodRules(seat.project.method, seat.project.category).rounds ? { called: records.finalOffers.called, open: records.finalOffers.open } : null,
      bids: records.bids.map((b) => {
        const x = input.bids.find((y) => y.bidId === b.id)!;
        const schedule = b.priceSchedule as PriceSchedule | null;
        return { bidId: b.id, supplierName: x.supplierName, sme: x.sme, totalPriceFen: schedule?.totalPriceFen ?? null, finalOfferFen: records.finalOffers.offers.find((o) => o.bidId === b.id)?.amountFen ?? null, deliveryPeriod: schedule?.deliveryPeriod ?? null, items: schedule?.items ?? [], parts: (b.plaintextParts ?? []).map((p, index) => ({ index, name: p.name, fileName: b.parts[index]?.fileName ?? p.name, size: p.size, sha256: p.sha256 })) };
      }),
      myReviews: input.reviews.filter((r) => r.personId === me).map(({ bidId, criterion, passed, reason }) => ({ bidId, criterion, passed, reason })),
      myScores: input.scores.filter((s) => s.personId === me).map(({ bidId, criterion, points }) => ({ bidId, criterion, points })),
      validBidIds: valid,
      explanationsNeeded: explanationsNeeded(input, valid).map((x) => ({ ...x, explanation: explanations.find((e) => e.bidId === x.bidId) ?? null })),
      explanations: explanations.map((e) => ({ bidId: e.bidId, question: e.question, explanation: e.explanation, respondedAt: e.respondedAt?.toISOString() ?? null, accepted: e.accepted })),
      corrections: corrections.map(correctionView),
      submitted: submissions.some((s) => s.personId === me),
      submittedCount: submissions.filter((s) => seat.memberIds.includes(s.personId)).length,
      memberCount: seat.memberIds.length,
      missing: missingWork(input, me, valid),
      isChair: seat.isChair,
      report: await reportView(db, l.id),
    });
  }
  const names = await db.select({ id: person.id, name: person.displayName }).from(person).where(inArray(person.id, seat.memberIds));
  const votes = await db.select().from(chairVote).where(eq(chairVote.projectId, projectId));
  return {
    projectId,
    projectNumber: seat.project.projectNumber,
    title: seat.project.title,
    /** SS-05: a single-source project is not scored here; its negotiators keep its record on the project page. */
    method: seat.project.method,
    evaluationEndsAt: seat.committee.evaluationEndsAt.toISOString(),
    members: seat.members.map((m) => ({ personId: m.personId, displayName: names.find((n) => n.id === m.personId)?.name ?? '', isChair: m.isChair, votes: votes.filter((v) => v.candidateId === m.personId).length })),
    myVote: votes.find((v) => v.voterId === me)?.candidateId ?? null,
    lots: out,
  };
}

export const sheetInput = z.object({
  reviews: z.array(z.object({ bidId: z.uuid(), criterion: z.enum(REVIEW_CRITERIA as [string, ...string[]]), passed: z.boolean(), reason: z.string().trim().max(1000).nullish() })).max(400),
  scores: z.array(z.object({ bidId: z.uuid(), criterion: z.string().max(100), points: z.number().min(0).max(100) })).max(2000),
});

/** SS-05: a single-source lot is not scored; its negotiators record the negotiation instead (single-source/negotiation-record.ts). */
function refuseScoringForSingleSource(p: ProjectRow) {
  if (p.method === 'singleSource')
    throw new DomainError('NEGOTIATION_RECORD_INSTEAD', bilingual('单一来源采购不评分：由协商人员编写并签署协商情况记录（SS-05）', 'A single-source lot is not scored: its negotiators write and sign the negotiation record (SS-05)'), 409, {}, 'SS-05');
}

/** Saves the expert's reviews and scores for a lot (until submitted); a fail needs its reason. */
export async function saveSheet(ctx: Context, projectId: string, lotId: string, input: z.infer<typeof sheetInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const seat = await seatOf(tx, ctx, projectId, 'review');
    refuseScoringForSingleSource(seat.project);
    const l = await openLotOf(tx, projectId, lotId);
    const me = ctx.actor!.personId;
    const [done] = await tx.select().from(evaluationSubmission).where(and(eq(evaluationSubmission.lotId, lotId), eq(evaluationSubmission.personId, me)));
    if (done) throw conflict('ALREADY_SUBMITTED', bilingual('您已提交该标项的评审结果，不能再修改', 'You have submitted this lot; it can no longer be changed'));
    const bidIds = (await tx.select({ id: bid.id }).from(bid).where(and(eq(bid.lotId, lotId), eq(bid.status, 'decrypted')))).map((b) => b.id);
    const now = ctx.platform.clock.now();
    for (const [i, r] of input.reviews.entries()) {
      if (!bidIds.includes(r.bidId)) throw notFound(bilingual('投标', 'Bid'));
      if (!r.passed && !r.reason) throw new DomainError('REASON_REQUIRED', bilingual('不通过的审查项须说明理由', 'A fail needs its reason'), 422, { field: `reviews.${i}.reason` });
    }
    for (const [i, s] of input.scores.entries()) {
      const criterion = l.criteria.find((c) => c.name === s.criterion && !c.isPrice);
      if (!bidIds.includes(s.bidId) || !criterion) throw notFound(bilingual('评分项', 'Criterion'));
      // The price score is computed (GP-52); an expert's points stay within the criterion's weight.
      if (s.points > criterion.weight)
        throw new DomainError('POINTS_OUT_OF_RANGE', bilingual(`“${criterion.name}”得分不得超过${criterion.weight}分`, `“${criterion.name}” allows at most ${criterion.weight} points`), 422, { field: `scores.${i}.points` }, 'GP-61');
    }
    for (const r of input.reviews)
      await tx
        .insert(bidReview)
        .values({ lotId, bidId: r.bidId, personId: me, criterion: r.criterion as never, passed: r.passed, reason: r.reason ?? null, recordedAt: now })
        .onConflictDoUpdate({ target: [bidReview.bidId, bidReview.personId, bidReview.criterion], set: { passed: r.passed, reason: r.reason ?? null, recordedAt: now } });
    for (const s of input.scores)
      await tx
        .insert(bidScore)
        .values({ lotId, bidId: s.bidId, personId: me, criterion: s.criterion, points: s.points, recordedAt: now })
        .onConflictDoUpdate({ target: [bidScore.bidId, bidScore.personId, bidScore.criterion], set: { points: s.points, recordedAt: now } });
    audit.record({ action: 'evaluation.save_sheet', subjectType: 'lot', subjectId: lotId, regionCode: seat.project.regionCode, projectId: seat.project.id, after: input });
    return { saved: input.reviews.length + input.scores.length };
  });
}

/** The member has finished the lot; when the last one does, the report is computed for signing. */
export async function submitSheet(ctx: Context, projectId: string, lotId: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const seat = await seatOf(tx, ctx, projectId, 'submit');
    refuseScoringForSingleSource(seat.project);
    const l = await openLotOf(tx, projectId, lotId);
    await tx.select().from(lot).where(eq(lot.id, lotId)).for('update'); // one report per lot, even if the last two submit at once
    const me = ctx.actor!.personId;
    const records = await lotRecords(tx, seat.project, l, ctx);
    const rounds = methodRules(seat.project.method, seat.project.category).rounds;
    if (rounds && !records.finalOffers.open)
      throw new DomainError('FINAL_OFFERS_PENDING', bilingual('最后报价截止后方可提交评审结果', 'Submit once the final offers’ deadline has passed'), 409, {}, rounds.finalOffersRuleId);
    const input = evaluationInput(seat.project, l, records, seat.memberIds);
    const missing = missingWork(input, me, validIds(input));
    if (missing.length) throw new DomainError('SHEET_INCOMPLETE', bilingual(`尚有${missing.length}项未评审：${missing.slice(0, 5).join('、')}`, `${missing.length} items are not yet evaluated`), 422, { missing });
    await tx.insert(evaluationSubmission).values({ lotId, personId: me, submittedAt: ctx.platform.clock.now() }).onConflictDoNothing();
    audit.record({ action: 'evaluation.submit', subjectType: 'lot', subjectId: lotId, regionCode: seat.project.regionCode, projectId: seat.project.id });
    return { report: await createReportWhenReady(tx, ctx, audit, seat, l) };
  });
}

/**
 * The report is computed once every member has submitted and every GP-59 explanation the
 * prices call for has been decided.
 */
async function createReportWhenReady(tx: Db, ctx: Context, audit: AuditRecorder, seat: Seat, l: LotRow) {
  const [existing] = await tx.select().from(evaluationReport).where(eq(evaluationReport.lotId, l.id));
  if (existing) return reportView(tx, l.id);
  const submitted = await tx.select().from(evaluationSubmission).where(eq(evaluationSubmission.lotId, l.id));
  if (!seat.memberIds.every((id) => submitted.some((s) => s.personId === id))) return null;
  const tieSeed = randomBytes(16).toString('hex');
  const input = evaluationInput(seat.project, l, await lotRecords(tx, seat.project, l, ctx), seat.memberIds, tieSeed);
  const undecided = explanationsNeeded(input, validIds(input)).filter((x) => input.explanations.find((e) => e.bidId === x.bidId)?.accepted == null);
  if (undecided.length || input.corrections.some((c) => c.confirmed === null)) return null;
  const result = evaluateLot(input);
  const now = ctx.platform.clock.now();
  await tx.insert(evaluationReport).values({
    lotId: l.id,
    projectId: l.projectId,
    result,
    tieSeed: result.tieBreak.length ? tieSeed : null,
    status: 'signing',
    createdAt: now,
    contentHash: createHash('sha256').update(canonicalJson(result)).digest('hex'),
  });
  await notify(
    tx,
    now,
    (await memberInboxes(tx, l.projectId)).map((to) => ({
      to,
      title: bilingual(`${seat.project.projectNumber} 评标报告待签署`, `${seat.project.projectNumber}: the evaluation report awaits your signature`),
      body: bilingual('全体成员已提交评审结果，请核对并签署评标报告。', 'Every member has submitted; please check and sign the evaluation report.'),
      link: `/workspace/evaluations/${l.projectId}`,
      subject: { type: 'lot', id: l.id },
    })),
  );
  audit.record({ action: 'evaluation.report_computed', subjectType: 'lot', subjectId: l.id, regionCode: seat.project.regionCode, projectId: seat.project.id, after: { candidates: result.candidates, failed: result.failed, tieBreak: result.tieBreak } });
  return reportView(tx, l.id);
}

export async function reportView(db: Db, lotId: string) {
  const [r] = await db.select().from(evaluationReport).where(eq(evaluationReport.lotId, lotId));
  if (!r) return null;
  const signatures = await db
    .select({ s: reportSignature, displayName: person.displayName })
    .from(reportSignature)
    .innerJoin(person, eq(person.id, reportSignature.personId))
    .where(eq(reportSignature.lotId, lotId))
    .orderBy(asc(reportSignature.signedAt));
  return {
    lotId,
    status: r.status,
    result: r.result,
    tieSeed: r.tieSeed,
    contentHash: r.contentHash,
    createdAt: r.createdAt.toISOString(),
    signedAt: r.signedAt?.toISOString() ?? null,
    signatures: signatures.map(({ s, displayName }) => ({ personId: s.personId, displayName, agreed: s.agreed, dissent: s.dissent, signedAt: s.signedAt.toISOString(), signature: s.signature })),
  };
}

export const chairVoteInput = z.object({ candidateId: z.uuid() });

/** A member votes for the chair; a majority elects, and the elected member records the committee's decisions. */
export async function voteForChair(ctx: Context, projectId: string, input: z.infer<typeof chairVoteInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const seat = await seatOf(tx, ctx, projectId, 'vote_chair');
    await tx.select().from(committee).where(eq(committee.projectId, projectId)).for('update'); // one election at a time
    if (!seat.memberIds.includes(input.candidateId)) throw notFound(bilingual('评标委员会成员', 'Committee member'));
    const now = ctx.platform.clock.now();
    await tx
      .insert(chairVote)
      .values({ projectId, voterId: ctx.actor!.personId, candidateId: input.candidateId, votedAt: now })
      .onConflictDoUpdate({ target: [chairVote.projectId, chairVote.voterId], set: { candidateId: input.candidateId, votedAt: now } });
    audit.record({ action: 'committee.vote_chair', subjectType: 'project', subjectId: projectId, regionCode: seat.project.regionCode, projectId: seat.project.id, after: { candidateId: input.candidateId } });
    const elected = electedChair(await tx.select().from(chairVote).where(eq(chairVote.projectId, projectId)), seat.memberIds);
    const current = seat.members.find((m) => m.isChair)?.personId ?? null;
    if (elected && elected !== current) {
      await tx.update(committeeMember).set({ isChair: false }).where(eq(committeeMember.projectId, projectId));
      await tx.update(committeeMember).set({ isChair: true }).where(and(eq(committeeMember.projectId, projectId), eq(committeeMember.personId, elected)));
      audit.record({ action: 'committee.chair_elected', subjectType: 'project', subjectId: projectId, regionCode: seat.project.regionCode, projectId: seat.project.id, before: { chair: current }, after: { chair: elected } });
    }
    return { chair: elected ?? current };
  });
}

export const explanationRequestInput = z.object({ question: z.string().trim().min(5).max(2000) });

/** GP-59: a member asks the bidder, inside the evaluation, to explain a price that looks abnormally low. */
export async function requestExplanation(ctx: Context, projectId: string, bidId: string, input: z.infer<typeof explanationRequestInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const seat = await seatOf(tx, ctx, projectId, 'request_explanation');
    const [b] = await tx.select().from(bid).where(and(eq(bid.id, bidId), eq(bid.projectId, projectId), eq(bid.status, 'decrypted')));
    if (!b) throw notFound(bilingual('投标', 'Bid'));
    const [existing] = await tx.select().from(priceExplanation).where(eq(priceExplanation.bidId, bidId));
    if (existing) throw conflict('ALREADY_REQUESTED', bilingual('已要求该投标人作出说明', 'An explanation was already requested from this bidder'));
    const now = ctx.platform.clock.now();
    await tx.insert(priceExplanation).values({ bidId, lotId: b.lotId, requestedBy: ctx.actor!.personId, requestedAt: now, question: input.question });
    await notify(tx, now, [
      {
        to: supplierDesk(b.supplierEntityId),
        title: bilingual(`${seat.project.projectNumber} 评标委员会要求对报价作出书面说明`, `${seat.project.projectNumber}: the committee asks you to explain your price in writing`),
        body: bilingual(input.question, input.question),
        link: `/workspace/projects/${projectId}`,
        subject: { type: 'bid', id: bidId },
      },
    ]);
    audit.record({ action: 'evaluation.request_explanation', subjectType: 'bid', subjectId: bidId, regionCode: seat.project.regionCode, projectId: seat.project.id, after: { question: input.question, ruleId: 'GP-59' } });
    return { bidId, requestedAt: now.toISOString() };
  });
}

export const explanationAnswerInput = z.object({ explanation: z.string().trim().min(10).max(10_000) });

/** The bidder answers online within the evaluation period. */
export async function answerExplanation(ctx: Context, bidId: string, input: z.infer<typeof explanationAnswerInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const [e] = await tx.select().from(priceExplanation).where(eq(priceExplanation.bidId, bidId)).for('update');
    const [b] = e ? await tx.select().from(bid).where(eq(bid.id, bidId)) : [];
    if (!e || !b || b.supplierEntityId !== ctx.actor?.entityId) throw hiddenRow('bid', bidId, bilingual('澄清要求', 'Explanation request'));
    const [c] = await tx.select().from(committee).where(eq(committee.projectId, b.projectId));
    const now = ctx.platform.clock.now();
    if (e.accepted !== null || !c || now >= c.evaluationEndsAt) throw conflict('EXPLANATION_CLOSED', bilingual('该澄清已结束，不能再作答', 'This explanation is closed'));
    await tx.update(priceExplanation).set({ explanation: input.explanation, respondedAt: now, respondedBy: ctx.actor!.personId }).where(eq(priceExplanation.bidId, bidId));
    audit.record({ action: 'evaluation.answer_explanation', subjectType: 'bid', subjectId: bidId, after: input });
    return { bidId, respondedAt: now.toISOString() };
  });
}

/** What the committee asks of the actor's own bids on a project: GP-59 explanations and GP-58 corrections to confirm. */
export async function myCommitteeRequests(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const mine = and(eq(bid.projectId, projectId), eq(bid.supplierEntityId, ctx.actor!.entityId));
  const explanations = await db.select({ e: priceExplanation }).from(priceExplanation).innerJoin(bid, eq(bid.id, priceExplanation.bidId)).where(mine);
  const corrections = await db.select({ c: priceCorrection }).from(priceCorrection).innerJoin(bid, eq(bid.id, priceCorrection.bidId)).where(mine);
  return {
    explanations: explanations.map(({ e }) => ({ bidId: e.bidId, question: e.question, requestedAt: e.requestedAt.toISOString(), explanation: e.explanation, respondedAt: e.respondedAt?.toISOString() ?? null, accepted: e.accepted })),
    corrections: corrections.map(({ c }) => correctionView(c)),
  };
}

const correctionView = (c: typeof priceCorrection.$inferSelect) => ({
  bidId: c.bidId,
  corrections: c.corrections,
  fromFen: c.fromFen,
  correctedFen: c.correctedFen,
  confirmed: c.confirmed,
  proposedAt: c.proposedAt.toISOString(),
  respondedAt: c.respondedAt?.toISOString() ?? null,
});

export const correctionInput = z.object({
  bodyTotalFen: z.int().positive().max(MAX_FEN).nullish().describe('The total stated in the body of the bid, when it differs from the price schedule'),
  wordsTotalFen: z.int().positive().max(MAX_FEN).nullish().describe('The amount in words of the price schedule, read as fen, when it differs from the figures'),
});

/**
 * GP-58: the chair records what the committee read in the bid; the platform applies the
 * corrections in the legal order to the price schedule and asks the bidder to confirm.
 */
export async function proposeCorrection(ctx: Context, projectId: string, bidId: string, input: z.infer<typeof correctionInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const seat = await seatOf(tx, ctx, projectId, 'propose_correction');
    if (!seat.isChair) throw refused(projectId, 'propose_correction', '仅评标委员会组长可记录委员会的决定', 'Only the chair records the committee’s decision');
    const [b] = await tx.select().from(bid).where(and(eq(bid.id, bidId), eq(bid.projectId, projectId), eq(bid.status, 'decrypted')));
    const schedule = b?.priceSchedule as PriceSchedule | null;
    if (!b || !schedule) throw notFound(bilingual('投标', 'Bid'));
    const [existing] = await tx.select().from(priceCorrection).where(eq(priceCorrection.bidId, bidId));
    if (existing) throw conflict('ALREADY_CORRECTED', bilingual('已对该投标作出报价修正', 'This bid already has a correction'));
    const statement = {
      scheduleTotalFen: schedule.totalPriceFen,
      bodyTotalFen: input.bodyTotalFen ?? null,
      wordsTotalFen: input.wordsTotalFen ?? null,
      items: schedule.items.map((i) => ({ unitPriceFen: i.unitPriceFen, quantity: i.quantity, lineTotalFen: i.totalFen })),
    };
    const result = correctPrice(statement);
    if (result.corrections.length === 0) throw new DomainError('NOTHING_TO_CORRECT', bilingual('按GP-58的顺序核对后，报价无需修正', 'Checked in the order of GP-58, the price needs no correction'), 422, {}, 'GP-58');
    const now = ctx.platform.clock.now();
    await tx.insert(priceCorrection).values({ bidId, lotId: b.lotId, proposedBy: ctx.actor!.personId, proposedAt: now, statement, corrections: result.corrections, fromFen: schedule.totalPriceFen, correctedFen: result.totalFen });
    await notify(tx, now, [
      {
        to: supplierDesk(b.supplierEntityId),
        title: bilingual(`${seat.project.projectNumber} 评标委员会对报价作出修正，请确认`, `${seat.project.projectNumber}: the committee corrected your price; please confirm`),
        body: bilingual(
          `修正后报价：${formatYuan(result.totalFen)}元。不确认的，投标无效（GP-58）。`,
          `Corrected price: ${formatYuan(result.totalFen)} yuan. If you do not confirm it, your bid is invalid (GP-58).`,
        ),
        link: `/workspace/projects/${projectId}`,
        subject: { type: 'bid', id: bidId },
      },
    ]);
    audit.record({ action: 'evaluation.propose_correction', subjectType: 'bid', subjectId: bidId, regionCode: seat.project.regionCode, projectId: seat.project.id, after: { ...result, ruleId: 'GP-58' } });
    return correctionView((await tx.select().from(priceCorrection).where(eq(priceCorrection.bidId, bidId)))[0]!);
  });
}

/** The bidder confirms (the corrected price binds) or refuses (its bid is invalid), during the evaluation. */
export async function answerCorrection(ctx: Context, bidId: string, input: { confirmed: boolean }) {
  return inTransaction(ctx, async (tx, audit) => {
    const [c] = await tx.select().from(priceCorrection).where(eq(priceCorrection.bidId, bidId)).for('update');
    const [b] = c ? await tx.select().from(bid).where(eq(bid.id, bidId)) : [];
    if (!c || !b || b.supplierEntityId !== ctx.actor?.entityId) throw hiddenRow('bid', bidId, bilingual('报价修正', 'Price correction'));
    const [cm] = await tx.select().from(committee).where(eq(committee.projectId, b.projectId));
    if (c.confirmed !== null || !cm || ctx.platform.clock.now() >= cm.evaluationEndsAt) throw conflict('CORRECTION_CLOSED', bilingual('该报价修正已答复或评审已结束', 'This correction was answered or the evaluation has ended'));
    await tx.update(priceCorrection).set({ confirmed: input.confirmed, respondedAt: ctx.platform.clock.now(), respondedBy: ctx.actor!.personId }).where(eq(priceCorrection.bidId, bidId));
    audit.record({ action: input.confirmed ? 'evaluation.confirm_correction' : 'evaluation.refuse_correction', subjectType: 'bid', subjectId: bidId, after: { confirmed: input.confirmed, correctedFen: c.correctedFen } });
    // The last answer the committee was waiting for may complete the report.
    await createReportWhenReady(tx, ctx, audit, (await committeeOf(tx, b.projectId))!, await lotOf(tx, b.projectId, b.lotId));
    return { bidId, confirmed: input.confirmed };
  });
}

export const explanationDecisionInput = z.object({ accepted: z.boolean() });

/** The chair records the committee's decision on the explanation; without one the bid cannot stand (GP-59). */
export async function decideExplanation(ctx: Context, projectId: string, bidId: string, input: z.infer<typeof explanationDecisionInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const seat = await seatOf(tx, ctx, projectId, 'decide_explanation');
    if (!seat.isChair) throw refused(projectId, 'decide_explanation', '仅评标委员会组长可记录委员会的决定', 'Only the chair records the committee’s decision');
    const [e] = await tx.select().from(priceExplanation).where(eq(priceExplanation.bidId, bidId)).for('update');
    if (!e) throw notFound(bilingual('澄清要求', 'Explanation request'));
    if (e.accepted !== null) throw conflict('ALREADY_DECIDED', bilingual('已作出决定', 'Already decided'));
    if (input.accepted && !e.explanation) throw conflict('NO_EXPLANATION', bilingual('投标人尚未作出说明', 'The bidder has not explained yet'));
    await tx.update(priceExplanation).set({ accepted: input.accepted, decidedBy: ctx.actor!.personId, decidedAt: ctx.platform.clock.now() }).where(eq(priceExplanation.bidId, bidId));
    audit.record({ action: 'evaluation.decide_explanation', subjectType: 'bid', subjectId: bidId, regionCode: seat.project.regionCode, projectId: seat.project.id, after: input });
    const l = await lotOf(tx, projectId, e.lotId);
    return { report: await createReportWhenReady(tx, ctx, audit, seat, l) };
  });
}

export const signatureInput = z.object({ agreed: z.boolean(), dissent: z.string().trim().max(5000).nullish() });

/** Each member signs the report; a dissenting member signs with its opinion, which the report keeps. */
export async function signReport(ctx: Context, projectId: string, lotId: string, input: z.infer<typeof signatureInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const seat = await seatOf(tx, ctx, projectId, 'sign_report');
    const [r] = await tx.select().from(evaluationReport).where(eq(evaluationReport.lotId, lotId)).for('update');
    if (!r) throw conflict('NO_REPORT', bilingual('评标报告尚未生成', 'The report is not ready'));
    if (!input.agreed && !input.dissent) throw new DomainError('DISSENT_REQUIRED', bilingual('不同意评标结论的，应写明不同意见和理由', 'A dissent needs its opinion and reasons'), 422, { field: 'dissent' });
    const me = ctx.actor!.personId;
    const [already] = await tx.select().from(reportSignature).where(and(eq(reportSignature.lotId, lotId), eq(reportSignature.personId, me)));
    if (already) throw conflict('ALREADY_SIGNED', bilingual('您已签署评标报告', 'You have already signed the report'));
    const now = ctx.platform.clock.now();
    const dissent = input.agreed ? null : input.dissent!;
    const signature = ctx.platform.signer.sign({ lotId, contentHash: r.contentHash, personId: me, agreed: input.agreed, dissent, signedAt: now.toISOString() });
    await tx.insert(reportSignature).values({ lotId, personId: me, agreed: input.agreed, dissent, signedAt: now, signature });
    audit.record({ action: 'evaluation.sign_report', subjectType: 'lot', subjectId: lotId, regionCode: seat.project.regionCode, projectId: seat.project.id, after: { agreed: input.agreed, dissent, contentHash: r.contentHash } });
    const signatures = await tx.select().from(reportSignature).where(eq(reportSignature.lotId, lotId));
    if (seat.memberIds.every((id) => signatures.some((s) => s.personId === id))) await completeReport(tx, ctx, audit, seat, r);
    return (await reportView(tx, lotId))!;
  });
}

/**
 * SS-05: a single-source lot's negotiation record, signed by every negotiator, is its report: stored
 * as the report with the negotiators' signatures (a dissent kept), then completed as any signed report
 * (the lot is evaluated, the managers told to send it to the purchaser, GP-70).
 */
export async function reportFromNegotiationRecord(
  tx: Db,
  ctx: Context,
  audit: AuditRecorder,
  projectId: string,
  lotId: string,
  result: EvaluationResult,
  signatures: { personId: string; agreed: boolean; dissent: string | null; signedAt: Date; signature: string }[],
) {
  const seat = (await committeeOf(tx, projectId))!;
  const row = { lotId, projectId, result, tieSeed: null, status: 'signing' as const, createdAt: ctx.platform.clock.now(), contentHash: createHash('sha256').update(canonicalJson(result)).digest('hex'), revision: 1 };
  await tx.insert(evaluationReport).values(row);
  if (signatures.length) await tx.insert(reportSignature).values(signatures.map((s) => ({ lotId, ...s })));
  await completeReport(tx, ctx, audit, seat, { ...row, signedAt: null });
}

/** All signed: the lot is evaluated (or fails under GP-35), and the project when every lot is. */
async function completeReport(tx: Db, ctx: Context, audit: AuditRecorder, seat: Seat, r: typeof evaluationReport.$inferSelect) {
  const now = ctx.platform.clock.now();
  const p = seat.project;
  await tx.update(evaluationReport).set({ status: 'signed', signedAt: now, revision: r.revision + 1 }).where(eq(evaluationReport.lotId, r.lotId));
  const l = (await tx.select().from(lot).where(eq(lot.id, r.lotId)))[0]!;
  if (r.result.failed) {
    await moveLot(tx, audit, p.regionCode, l, 'failedAtEvaluation', r.result.failed);
    await insertNotice(tx, ctx, audit, { noticeType: 'failure', projectId: p.id, planId: p.planId, regionCode: p.regionCode, fields: { projectNumber: p.projectNumber, projectTitle: p.title, lotNo: l.lotNo, lotTitle: l.title, reason: r.result.failed.reason, ruleId: r.result.failed.ruleId, ...(await noticeContacts(tx, p)) } });
  } else await moveLot(tx, audit, p.regionCode, l, 'reportSigned');
  audit.record({ action: 'evaluation.report_signed', subjectType: 'lot', subjectId: r.lotId, regionCode: p.regionCode, projectId: p.id, after: { failed: r.result.failed, candidates: r.result.candidates } });
  // The project is evaluated (or failed) once every lot's report is signed.
  const status = await followLots(tx, audit, p.id);
  if (status === 'evaluated' || status === 'failed') {
    await tx.update(committee).set({ status: 'reported', revision: seat.committee.revision + 1 }).where(eq(committee.projectId, p.id));
    await notify(
      tx,
      now,
      projectManagers(p).map((to) => ({
        to,
        title: bilingual(`${p.projectNumber} 评标报告已签署`, `${p.projectNumber}: the evaluation report is signed`),
        body: bilingual('评标委员会已签署评标报告，请在2个工作日内送交采购人（GP-70）。', 'The committee signed its report; send it to the purchaser within 2 working days (GP-70).'),
        link: `/workspace/projects/${p.id}`,
        subject: { type: 'project', id: p.id },
      })),
    );
  }
}

/** The report as those running or supervising the project read it, once signed. */
export async function signedReports(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const p = await findProjectRow(db, projectId);
  if (!p || !(managesProject(ctx.actor, p) || supervisesProject(ctx.actor, p))) throw hiddenRow('project', projectId, bilingual('采购项目', 'Project'));
  const lots = await lotsOf(db, projectId);
  const out = [];
  for (const l of lots) {
    const view = await reportView(db, l.id);
    if (view?.status === 'signed') out.push({ lotNo: l.lotNo, title: l.title, ...view });
  }
  return out;
}

/** The signed report as a document, for those running or supervising the project and for its members. */
export async function reportDocument(ctx: Context, projectId: string, lotId: string): Promise<ReportDocument> {
  const db = ctx.platform.database.db;
  const seat = await committeeOf(db, projectId);
  const p = await findProjectRow(db, projectId);
  const member = seat?.memberIds.includes(ctx.actor?.personId ?? '');
  if (!p || !(member || managesProject(ctx.actor, p) || supervisesProject(ctx.actor, p))) throw hiddenRow('project', projectId, bilingual('采购项目', 'Project'));
  const l = await lotOf(db, projectId, lotId);
  const r = await reportView(db, lotId);
  if (r?.status !== 'signed') throw notFound(bilingual('已签署的评标报告', 'Signed report'));
  const names = seat ? await db.select({ name: person.displayName }).from(person).where(inArray(person.id, seat.memberIds)).orderBy(asc(person.displayName)) : [];
  return {
    projectNumber: p.projectNumber,
    projectTitle: p.title,
    lotNo: l.lotNo,
    lotTitle: l.title,
    criteria: l.criteria,
    members: names.map((n) => n.name),
    result: r.result,
    tieSeed: r.tieSeed,
    contentHash: r.contentHash,
    signatures: r.signatures,
    signedAt: r.signedAt,
  };
}

/** A decrypted bid document, for members during the evaluation only. */
export async function evaluationDocument(ctx: Context, projectId: string, bidId: string, index: number) {
  const db = ctx.platform.database.db;
  await seatOf(db, ctx, projectId, 'read_bid');
  const [b] = await db.select().from(bid).where(and(eq(bid.id, bidId), eq(bid.projectId, projectId), eq(bid.status, 'decrypted')));
  const part = b?.plaintextParts?.[index];
  if (!part) throw notFound(bilingual('投标文件', 'Bid document'));
  // The opening's documents job stores the file shortly after the decryption's answer.
  if (!part.metadata) throw new DomainError('BID_DOCUMENT_PENDING', bilingual('该投标文件解密后正在存储，请稍后再试', 'This document is still being stored after its decryption; try again shortly'), 409);
  return { name: part.name, bytes: await ctx.platform.blobs.read(part.sha256) };
}
