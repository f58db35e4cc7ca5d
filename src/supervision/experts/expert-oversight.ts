import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { entityNames } from '../../identity';
import { person } from '../../identity/identity.schema';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { DomainError, bilingual, notFound } from '../../platform/errors';
import { readSetting } from '../../platform/settings/settings';
import { committee, committeeMember, expert } from '../../services/experts/experts.schema';
import { provinceOf } from '../../identity/region-scope';
import { bidScore, evaluationSubmission } from '../../trading/evaluation/evaluation.schema';
import { bid, lot, project } from '../../trading/trading.schema';
import { complaint } from '../complaints/complaints.schema';
import { assessExpert, scoreDeviations } from './expert-assessment.rules';

/** GP-61's "abnormally high or low", as a share of the criterion's weight: the law names no figure, so a setting. */
const deviationThreshold = (db: Db) => readSetting(db, 'supervision.scoreDeviationThreshold', z.number().min(0.05).max(1), 0.2);

/** What one project's evaluation looks like to its overseers: per lot, every member's scores beside the others', and each member's assessment. */
async function evaluationFacts(db: Db, projectId: string) {
  const [c] = await db.select().from(committee).where(eq(committee.projectId, projectId));
  if (!c) return null;
  const members = await db.select({ personId: committeeMember.personId, kind: committeeMember.kind }).from(committeeMember).where(and(eq(committeeMember.projectId, projectId), eq(committeeMember.status, 'confirmed')));
  const lots = await db.select({ id: lot.id, lotNo: lot.lotNo, title: lot.title, criteria: lot.criteria }).from(lot).where(eq(lot.projectId, projectId)).orderBy(asc(lot.lotNo));
  const lotIds = lots.map((l) => l.id);
  const [scores, submissions, bids, upheld] = await Promise.all([
    lotIds.length ? db.select().from(bidScore).where(inArray(bidScore.lotId, lotIds)) : [],
    lotIds.length ? db.select().from(evaluationSubmission).where(inArray(evaluationSubmission.lotId, lotIds)) : [],
    lotIds.length ? db.select({ id: bid.id, lotId: bid.lotId, supplierEntityId: bid.supplierEntityId }).from(bid).where(and(inArray(bid.lotId, lotIds), eq(bid.status, 'decrypted'))) : [],
    db.select({ id: complaint.id }).from(complaint).where(and(eq(complaint.projectId, projectId), eq(complaint.status, 'decided'), eq(complaint.outcome, 'upheld'))),
  ]);
  return { committee: c, members, lots, scores, submissions, bids, complaintsUpheld: upheld.length };
}

/**
 * 评审过程监督: for the project's overseers once the evaluation has begun (before it, who sits on the
 * committee is sealed): each lot's scores by member beside the others' median, large deviations
 * flagged, and each member's assessment.
 */
export async function evaluationOversight(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const facts = await evaluationFacts(db, projectId);
  if (!facts || ctx.platform.clock.now() < facts.committee.evaluationStartsAt)
    throw new DomainError('EVALUATION_NOT_STARTED', bilingual('评审尚未开始：评审开始前评标委员会成员保密', 'The evaluation has not begun: until it does, the committee is confidential'), 409);
  const { value: threshold } = await deviationThreshold(db);
  // Bare names, as the committee and the expert library show them.
  const [people, suppliers] = await Promise.all([
    facts.members.length ? db.select({ id: person.id, displayName: person.displayName }).from(person).where(inArray(person.id, facts.members.map((m) => m.personId))).then((rows) => new Map(rows.map((r) => [r.id, r.displayName]))) : new Map<string, string>(),
    entityNames(db, facts.bids.map((b) => b.supplierEntityId)),
  ]);
  return {
    evaluationStartsAt: facts.committee.evaluationStartsAt.toISOString(),
    evaluationEndsAt: facts.committee.evaluationEndsAt.toISOString(),
    threshold,
    members: facts.members.map((m) => ({ personId: m.personId, name: people.get(m.personId) ?? '', kind: m.kind })),
    lots: facts.lots.map((l) => {
      const weights = Object.fromEntries(l.criteria.filter((c) => !c.isPrice).map((c) => [c.name, c.weight]));
      const cells = scoreDeviations(facts.scores.filter((s) => s.lotId === l.id), weights, threshold);
      return {
        lotId: l.id,
        lotNo: l.lotNo,
        title: l.title,
        criteria: l.criteria.filter((c) => !c.isPrice).map((c) => ({ name: c.name, weight: c.weight })),
        bids: facts.bids.filter((b) => b.lotId === l.id).map((b) => ({ bidId: b.id, supplierName: suppliers.get(b.supplierEntityId) ?? '' })),
        cells: cells.map(({ bidId, personId, criterion, points, othersMedian, deviation, flagged }) => ({ bidId, personId, criterion, points, othersMedian, deviation, flagged })),
        assessments: facts.members.map((m) => assessExpert(m.personId, cells, facts.submissions.find((s) => s.lotId === l.id && s.personId === m.personId)?.submittedAt ?? null, facts.committee.evaluationEndsAt, facts.complaintsUpheld)),
      };
    }),
  };
}

/** 专家评价记录: one expert's assessment in every evaluation it sat on, newest first, for the operator deciding on suspension or debarment. */
export async function expertAssessments(ctx: Context, personId: string) {
  const db = ctx.platform.database.db;
  const seats = await db
    .select({ projectId: committeeMember.projectId, projectNumber: project.projectNumber, title: project.title, startsAt: committee.evaluationStartsAt })
    .from(committeeMember)
    .innerJoin(committee, eq(committee.projectId, committeeMember.projectId))
    .innerJoin(project, eq(project.id, committeeMember.projectId))
    .where(and(eq(committeeMember.personId, personId), eq(committeeMember.status, 'confirmed'), inArray(committee.status, ['evaluating', 'reported'])));
  // An expert belongs to its province's library: that province's overseers read its record.
  const [e] = await db.select({ regionCode: expert.regionCode }).from(expert).where(eq(expert.personId, personId));
  if (!e || provinceOf(e.regionCode) !== provinceOf(ctx.actor!.regionCode)) throw notFound(bilingual('评审专家', 'Expert'));
  const { value: threshold } = await deviationThreshold(db);
  const records = [];
  for (const seat of seats.sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())) {
    const facts = (await evaluationFacts(db, seat.projectId))!;
    for (const l of facts.lots) {
      const weights = Object.fromEntries(l.criteria.filter((c) => !c.isPrice).map((c) => [c.name, c.weight]));
      const cells = scoreDeviations(facts.scores.filter((s) => s.lotId === l.id), weights, threshold);
      const submitted = facts.submissions.find((s) => s.lotId === l.id && s.personId === personId)?.submittedAt ?? null;
      records.push({ projectId: seat.projectId, projectNumber: seat.projectNumber, title: seat.title, lotNo: l.lotNo, ...assessExpert(personId, cells, submitted, facts.committee.evaluationEndsAt, facts.complaintsUpheld) });
    }
  }
  return records;
}
