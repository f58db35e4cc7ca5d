import { randomBytes } from 'node:crypto';
import { and, asc, eq, gte, inArray, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import { inRegion, provinceOf } from '../../identity';
import { person, personRole } from '../../identity/identity.schema';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { systemContext, type Context, type Platform } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { deny, hiddenRow } from '../../platform/deny';
import { DomainError, bilingual, conflict } from '../../platform/errors';
import { enqueueJob, type JobHandler } from '../../platform/jobs/jobs';
import { notify } from '../../platform/notifications/notifications';
import { readSetting } from '../../platform/settings/settings';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import { COMPLEX_BUDGET_FEN, committeeProblems, drawExperts, type PoolExpert } from '../../trading/evaluation/committee';
import { methodDefinition, minimumPanel } from '../../trading/methods/methods';
import { openTenderThresholdFen } from '../../trading/publicity/publicity';
import { drawOrder } from '../../trading/evaluation/scoring';
import { findProjectRow, loadManagedProject, loadReadableProject, lotsOf, type ProjectRow } from '../../trading/project/project';
import { managesProject, projectManagers, supervisesProject } from '../../trading/project/project.access';
import { shanghaiDateTime } from '../../trading/notice/render';
import { bid, project } from '../../trading/trading.schema';
import { committee, committeeMember, expert, samplingDraw } from './experts.schema';
import { SPECIALITY_CODES } from './specialities';

export const EVALUATION_START_JOB = 'evaluation.start';
export type CommitteeRow = typeof committee.$inferSelect;
export type MemberRow = typeof committeeMember.$inferSelect;

/** GP-43: how often one expert may sit for the same purchaser; a regional setting (the law leaves it to the regions). */
export const SAMPLING_LIMITS_KEY = 'experts.samplingLimits';
export const samplingLimitsSchema = z.object({ lookBackDays: z.int().min(1).max(730), maxDrawsPerPurchaser: z.int().min(1).max(50) });
export const DEFAULT_SAMPLING_LIMITS = { lookBackDays: 180, maxDrawsPerPurchaser: 3 };

export const committeeInput = z.object({
  size: z.int().min(1).max(25),
  experts: z.int().min(0).max(25),
  purchaserRepresentativeIds: z.array(z.uuid()).max(8).refine((ids) => new Set(ids).size === ids.length, { message: '采购人代表不能重复 / A representative is listed twice' }),
  specialities: z.array(z.enum(SPECIALITY_CODES as [string, ...string[]])).min(1).max(5),
  complex: z.boolean(),
  evaluationStartsAt: z.iso.datetime({ offset: true }),
  evaluationEndsAt: z.iso.datetime({ offset: true }),
});

const invalid = (code: string, zh: string, en: string, ruleId?: string, details: Record<string, unknown> = {}) => new DomainError(code, bilingual(zh, en), 422, details, ruleId);

/** The pool for a project as of now: every expert of the province with what recusal needs to know. */
async function poolFor(tx: Db, p: ProjectRow, now: Date, limits: z.infer<typeof samplingLimitsSchema>): Promise<PoolExpert[]> {
  const since = new Date(now.getTime() - limits.lookBackDays * 86_400_000);
  const experts = await tx.select().from(expert).where(inRegion(expert.regionCode, provinceOf(p.regionCode))).orderBy(asc(expert.personId));
  const recent = await tx
    .select({ personId: committeeMember.personId, n: sql<number>`count(*)::int` })
    .from(committeeMember)
    .innerJoin(committee, eq(committee.projectId, committeeMember.projectId))
    .innerJoin(project, eq(project.id, committee.projectId))
    .where(and(eq(project.purchaserEntityId, p.purchaserEntityId), ne(committeeMember.status, 'refused'), gte(committee.requestedAt, since), ne(committee.projectId, p.id)))
    .groupBy(committeeMember.personId);
  return experts.map((e) => ({
    id: e.personId,
    specialities: e.specialities,
    employerEntityId: e.employerEntityId,
    status: e.status,
    unavailableDates: e.unavailableDates,
    recentDrawsForPurchaser: recent.find((r) => r.personId === e.personId)?.n ?? 0,
    declaredConflicts: e.declaredConflicts,
    agencyEntityId: null,
  }));
}

async function drawRound(tx: Db, ctx: Context, audit: AuditRecorder, p: ProjectRow, c: Pick<CommitteeRow, 'specialities' | 'evaluationStartsAt'>, count: number, round: number, cause: string) {
  const now = ctx.platform.clock.now();
  const limits = (await readSetting(tx, SAMPLING_LIMITS_KEY, samplingLimitsSchema, DEFAULT_SAMPLING_LIMITS, p.regionCode)).value;
  const bidders = await tx.selectDistinct({ id: bid.supplierEntityId }).from(bid).where(and(eq(bid.projectId, p.id), inArray(bid.status, ['submitted', 'decrypted'])));
  const members = await tx.select({ personId: committeeMember.personId }).from(committeeMember).where(eq(committeeMember.projectId, p.id));
  const seed = randomBytes(32).toString('hex');
  const pool = await poolFor(tx, p, now, limits);
  const result = drawExperts(
    pool,
    {
      count,
      specialities: c.specialities,
      date: shanghaiDate(c.evaluationStartsAt),
      purchaserEntityId: p.purchaserEntityId,
      agencyEntityId: p.agencyEntityId,
      bidderEntityIds: bidders.map((b) => b.id),
      maxDrawsPerPurchaser: limits.maxDrawsPerPurchaser,
      excludedExpertIds: members.map((m) => m.personId),
    },
    seed,
  );
  const poolRecord = pool.map((e) => ({ id: e.id, reason: result.recused.find((r) => r.id === e.id)?.reason ?? null }));
  await tx.insert(samplingDraw).values({ id: crypto.randomUUID(), projectId: p.id, round, count, seed, pool: poolRecord, drawn: result.drawn, drawnAt: now, drawnBy: ctx.actor?.personId ?? null, cause });
  if (result.drawn.length)
    await tx.insert(committeeMember).values(result.drawn.map((personId) => ({ projectId: p.id, personId, kind: 'expert' as const, round, status: 'drawn' as const })));
  const people = result.drawn.length ? await tx.select({ id: person.id, entityId: person.entityId }).from(person).where(inArray(person.id, result.drawn)) : [];
  await notify(
    tx,
    now,
    people.map((x) => ({
      to: { entityId: x.entityId, personId: x.id },
      title: bilingual(`评审邀请：${p.title}`, `Invitation to evaluate: ${p.title}`),
      body: bilingual(
        `您被随机抽取为评审专家，评审时间：${shanghaiDateTime(c.evaluationStartsAt.toISOString())}（北京时间）起。请在评审开始前确认是否参加。`,
        `You were drawn as an evaluation expert. The evaluation starts ${shanghaiDateTime(c.evaluationStartsAt.toISOString())} (Beijing time). Please confirm before it starts whether you will take part.`,
      ),
      link: '/workspace/evaluations',
      subject: { type: 'project', id: p.id },
    })),
  );
  // The names stay sealed: the audit entry records the draw's seed digest and counts, not who.
  audit.record({ action: 'sampling.draw', subjectType: 'project', subjectId: p.id, regionCode: p.regionCode, sealed: 'committee', after: { round, count, drawn: result.drawn.length, shortBy: result.shortBy, pool: pool.length, eligible: pool.length - result.recused.length, cause } });
  return result;
}

/** The agency (or purchaser) requests a committee; the platform draws its experts at once (GP-40 to GP-43). */
export async function requestCommittee(ctx: Context, projectId: string, input: z.infer<typeof committeeInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const p = await loadManagedProject(tx, ctx.actor, projectId, true);
    if (!['published', 'opening', 'opened'].includes(p.status)) throw conflict('PROJECT_NOT_SAMPLING', bilingual('项目当前状态不能抽取专家', 'Experts cannot be drawn for this project in its current state'));
    const [existing] = await tx.select().from(committee).where(eq(committee.projectId, projectId));
    if (existing) throw conflict('COMMITTEE_EXISTS', bilingual('本项目已抽取评标委员会', 'This project already has a committee'));
    const lots = await lotsOf(tx, projectId);
    const budgetFen = lots.reduce((s, l) => s + l.budgetFen, 0);
    const reps = input.purchaserRepresentativeIds.length;
    const definition = methodDefinition(p.method, p.category);
    const minimum = minimumPanel(definition, { budgetFen, complex: input.complex, openTenderThresholdFen: await openTenderThresholdFen(tx, p.regionCode, p.category), largeBudgetFen: COMPLEX_BUDGET_FEN });
    const [problem] = committeeProblems({ size: input.size, experts: input.experts, purchaserRepresentatives: reps }, { name: definition.panel.name, minimum, odd: definition.panel.odd, expertShareRuleId: definition.panel.expertShareRuleId });
    if (problem) throw new DomainError('COMMITTEE_COMPOSITION', problem.messages, 422, { field: 'size' }, problem.ruleId);
    const now = ctx.platform.clock.now();
    const startsAt = new Date(input.evaluationStartsAt);
    const endsAt = new Date(input.evaluationEndsAt);
    if (startsAt <= now || (p.deadline && startsAt < p.deadline))
      throw invalid('EVALUATION_START', '评审开始时间应晚于当前时间和投标截止时间', 'The evaluation must start after now and after the bid deadline', undefined, { field: 'evaluationStartsAt' });
    if (endsAt <= startsAt) throw invalid('EVALUATION_END', '评审结束时间应晚于开始时间', 'The evaluation must end after it starts', undefined, { field: 'evaluationEndsAt' });
    if (reps) {
      const ok = await tx
        .select({ id: person.id })
        .from(person)
        .innerJoin(personRole, and(eq(personRole.personId, person.id), eq(personRole.role, 'purchaser')))
        .where(and(inArray(person.id, input.purchaserRepresentativeIds), eq(person.entityId, p.purchaserEntityId), eq(person.status, 'active')));
      if (ok.length !== reps)
        throw invalid('REPRESENTATIVE', '采购人代表须为采购人本单位的采购人员', 'Purchaser representatives must be purchaser staff of the purchaser', 'GP-43', { field: 'purchaserRepresentativeIds' });
    }
    const row = { projectId, size: input.size, experts: input.experts, purchaserRepresentatives: reps, specialities: input.specialities, complex: input.complex, evaluationStartsAt: startsAt, evaluationEndsAt: endsAt, regionCode: p.regionCode, status: 'sampling' as const, requestedBy: ctx.actor!.personId, requestedAt: now };
    const result = await drawRound(tx, ctx, audit, p, row, input.experts, 1, 'initial');
    if (result.shortBy > 0)
      throw invalid('POOL_TOO_SMALL', `符合条件的专家不足（缺${result.shortBy}名），无法组建评标委员会`, `Not enough eligible experts (${result.shortBy} short) to form the committee`, 'GP-44', { shortBy: result.shortBy });
    await tx.insert(committee).values(row);
    if (reps) await tx.insert(committeeMember).values(input.purchaserRepresentativeIds.map((personId) => ({ projectId, personId, kind: 'purchaserRepresentative' as const, round: 1, status: 'confirmed' as const, respondedAt: now })));
    audit.record({ action: 'committee.request', subjectType: 'project', subjectId: projectId, regionCode: p.regionCode, sealed: 'committee', after: { ...row, purchaserRepresentatives: reps } });
    return (await committeeView(tx, ctx, p))!;
  });
}

/** Staff of the purchaser who may sit on the committee as its representatives (GP-40, GP-43). */
export async function representativeCandidates(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const p = await loadManagedProject(db, ctx.actor, projectId);
  return db
    .select({ id: person.id, displayName: person.displayName })
    .from(person)
    .innerJoin(personRole, and(eq(personRole.personId, person.id), eq(personRole.role, 'purchaser')))
    .where(and(eq(person.entityId, p.purchaserEntityId), eq(person.status, 'active')))
    .orderBy(asc(person.displayName));
}

/** A drawn expert confirms or refuses; a refusal draws a replacement from the remaining pool. */
export const drawResponseInput = z.object({ accept: z.boolean(), reason: z.string().trim().max(500).nullish() });

export async function respondToDraw(ctx: Context, projectId: string, input: z.infer<typeof drawResponseInput>) {
  const actor = ctx.actor;
  if (!actor?.roles.includes('expert')) throw deny('committee', projectId, 'respond');
  return inTransaction(ctx, async (tx, audit) => {
    const [c] = await tx.select().from(committee).where(eq(committee.projectId, projectId)).for('update');
    const [me] = c ? await tx.select().from(committeeMember).where(and(eq(committeeMember.projectId, projectId), eq(committeeMember.personId, actor.personId))) : [];
    if (!c || !me || me.kind !== 'expert') throw hiddenRow('committee', projectId, bilingual('评审邀请', 'Invitation'));
    const now = ctx.platform.clock.now();
    if (me.status !== 'drawn') throw conflict('ALREADY_ANSWERED', bilingual('您已答复该邀请', 'You have already answered this invitation'));
    if (now >= c.evaluationStartsAt) throw conflict('EVALUATION_STARTED', bilingual('评审已开始，不能再答复', 'The evaluation has started; the invitation can no longer be answered'));
    if (!input.accept && !input.reason) throw invalid('REASON_REQUIRED', '请说明不能参加的理由', 'Give the reason you cannot attend', undefined, { field: 'reason' });
    const p = (await findProjectRow(tx, projectId))!;
    const hasChair = input.accept && (await tx.select().from(committeeMember).where(and(eq(committeeMember.projectId, projectId), eq(committeeMember.isChair, true)))).length > 0;
    await tx
      .update(committeeMember)
      .set({ status: input.accept ? 'confirmed' : 'refused', respondedAt: now, refusalReason: input.accept ? null : input.reason!, isChair: input.accept && !hasChair })
      .where(and(eq(committeeMember.projectId, projectId), eq(committeeMember.personId, actor.personId)));
    audit.record({ action: input.accept ? 'committee.confirm' : 'committee.refuse', subjectType: 'project', subjectId: projectId, regionCode: p.regionCode, after: { reason: input.accept ? null : input.reason } });
    if (!input.accept) {
      const rounds = await tx.select({ round: samplingDraw.round }).from(samplingDraw).where(eq(samplingDraw.projectId, projectId));
      const redraw = await drawRound(tx, ctx, audit, p, c, 1, Math.max(...rounds.map((r) => r.round)) + 1, 'refusal');
      if (redraw.shortBy > 0) {
        await notify(
          tx,
          now,
          projectManagers(p).map((to) => ({
            to,
            title: bilingual(`${p.projectNumber} 专家补抽不足`, `${p.projectNumber}: not enough experts to replace a refusal`),
            body: bilingual('符合条件的专家不足，评标委员会无法补足（GP-44），请调整评审安排。', 'Too few eligible experts are left to complete the committee (GP-44); please change the evaluation arrangements.'),
            link: `/workspace/projects/${projectId}`,
            subject: { type: 'project', id: projectId },
          })),
        );
      }
    }
    const confirmed = await tx.select().from(committeeMember).where(and(eq(committeeMember.projectId, projectId), eq(committeeMember.kind, 'expert'), eq(committeeMember.status, 'confirmed')));
    if (confirmed.length === c.experts && c.status === 'sampling') {
      await tx.update(committee).set({ status: 'formed', revision: c.revision + 1 }).where(eq(committee.projectId, projectId));
      await enqueueJob(tx, now, { kind: EVALUATION_START_JOB, payload: { projectId }, runAt: c.evaluationStartsAt, dedupeKey: `evaluation-start:${projectId}` });
      audit.record({ action: 'committee.formed', subjectType: 'project', subjectId: projectId, regionCode: p.regionCode, after: { experts: confirmed.length } });
    }
    return { status: input.accept ? 'confirmed' : 'refused' };
  });
}

/** At the evaluation start the committee's names are unsealed and the project is under evaluation. */
export function startEvaluationHandler(platform: Platform): JobHandler {
  return async (payload, control) => {
    const projectId = String(payload.projectId);
    const ctx = systemContext(platform);
    return inTransaction(ctx, async (tx, audit) => {
      const p = await findProjectRow(tx, projectId, true);
      const [c] = await tx.select().from(committee).where(eq(committee.projectId, projectId)).for('update');
      if (!p || !c || c.status !== 'formed') return { skipped: c?.status ?? 'missing' };
      if (p.status === 'opening' || p.status === 'published') {
        control.reschedule(new Date(platform.clock.now().getTime() + 60_000)); // the opening is not finished yet
        audit.record({ action: 'evaluation.start_waiting', subjectType: 'project', subjectId: projectId, regionCode: p.regionCode, after: { projectStatus: p.status } });
        return { waiting: p.status };
      }
      if (p.status !== 'opened') return { skipped: p.status };
      await tx.update(committee).set({ status: 'evaluating', revision: c.revision + 1 }).where(eq(committee.projectId, projectId));
      await tx.update(project).set({ status: 'evaluating', revision: p.revision + 1 }).where(eq(project.id, projectId));
      audit.record({ action: 'evaluation.start', subjectType: 'project', subjectId: projectId, regionCode: p.regionCode, before: { status: p.status }, after: { status: 'evaluating' } });
      return { started: true };
    });
  };
}

/** Where to notify the confirmed members of a committee: each one's own inbox. */
export async function memberInboxes(db: Db, projectId: string) {
  return db
    .select({ entityId: person.entityId, personId: committeeMember.personId })
    .from(committeeMember)
    .innerJoin(person, eq(person.id, committeeMember.personId))
    .where(and(eq(committeeMember.projectId, projectId), eq(committeeMember.status, 'confirmed')));
}

async function membersOf(db: Db, projectId: string) {
  return db
    .select({ m: committeeMember, displayName: person.displayName })
    .from(committeeMember)
    .innerJoin(person, eq(person.id, committeeMember.personId))
    .where(eq(committeeMember.projectId, projectId))
    .orderBy(asc(committeeMember.round), asc(person.displayName));
}

/**
 * What those running or supervising the project see. Before the evaluation starts nobody but
 * the system knows who was drawn: only counts and statuses are shown.
 */
export async function committeeView(db: Db, ctx: Context, p: ProjectRow) {
  const [c] = await db.select().from(committee).where(eq(committee.projectId, p.id));
  if (!c) return null;
  const unsealed = ctx.platform.clock.now() >= c.evaluationStartsAt;
  const members = await membersOf(db, p.id);
  const draws = await db.select().from(samplingDraw).where(eq(samplingDraw.projectId, p.id)).orderBy(asc(samplingDraw.round));
  return {
    projectId: p.id,
    size: c.size,
    experts: c.experts,
    purchaserRepresentatives: c.purchaserRepresentatives,
    specialities: c.specialities,
    complex: c.complex,
    evaluationStartsAt: c.evaluationStartsAt.toISOString(),
    evaluationEndsAt: c.evaluationEndsAt.toISOString(),
    status: c.status,
    unsealed,
    counts: {
      drawn: members.filter((m) => m.m.kind === 'expert').length,
      confirmed: members.filter((m) => m.m.kind === 'expert' && m.m.status === 'confirmed').length,
      refused: members.filter((m) => m.m.status === 'refused').length,
      pending: members.filter((m) => m.m.status === 'drawn').length,
    },
    // How many were recused says something about who bid (their staff are recused): sealed too.
    draws: draws.map((d) => ({
      round: d.round,
      count: d.count,
      drawn: d.drawn.length,
      pool: unsealed ? d.pool.length : null,
      eligible: unsealed ? d.pool.filter((x) => x.reason === null).length : null,
      cause: d.cause,
      drawnAt: d.drawnAt.toISOString(),
    })),
    members: unsealed
      ? members.map((m) => ({ personId: m.m.personId, displayName: m.displayName, kind: m.m.kind, round: m.m.round, status: m.m.status, isChair: m.m.isChair, refusalReason: m.m.refusalReason }))
      : [],
  };
}

export async function readCommittee(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const p = await loadReadableProject(db, ctx.actor, projectId);
  if (!managesProject(ctx.actor, p) && !supervisesProject(ctx.actor, p)) throw hiddenRow('committee', projectId, bilingual('评标委员会', 'Committee'));
  return committeeView(db, ctx, p);
}

/**
 * GP-43: a supervisor replays every round from its recorded seed and pool, once the names are
 * unsealed, and sees whether the platform drew exactly those experts.
 */
export async function replayDraws(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const p = await loadReadableProject(db, ctx.actor, projectId);
  if (!supervisesProject(ctx.actor, p)) throw hiddenRow('committee', projectId, bilingual('评标委员会', 'Committee'));
  const [c] = await db.select().from(committee).where(eq(committee.projectId, projectId));
  if (!c) throw hiddenRow('committee', projectId, bilingual('评标委员会', 'Committee'));
  if (ctx.platform.clock.now() < c.evaluationStartsAt) throw conflict('SEALED', bilingual('评审开始前专家名单保密', 'The names stay sealed until the evaluation starts'));
  const draws = await db.select().from(samplingDraw).where(eq(samplingDraw.projectId, projectId)).orderBy(asc(samplingDraw.round));
  return draws.map((d) => {
    const eligible = d.pool.filter((x) => x.reason === null).map((x) => x.id);
    const replayed = drawOrder(eligible, d.seed).slice(0, d.count);
    return { round: d.round, seed: d.seed, cause: d.cause, pool: d.pool, drawn: d.drawn, replayed, matches: JSON.stringify(replayed) === JSON.stringify(d.drawn) };
  });
}

/** An expert's invitations and committees. */
export async function myAssignments(ctx: Context) {
  const actor = ctx.actor;
  if (!actor) throw deny('committee', null, 'list');
  const rows = await ctx.platform.database.db
    .select({ m: committeeMember, c: committee, p: project })
    .from(committeeMember)
    .innerJoin(committee, eq(committee.projectId, committeeMember.projectId))
    .innerJoin(project, eq(project.id, committeeMember.projectId))
    .where(eq(committeeMember.personId, actor.personId))
    .orderBy(asc(committee.evaluationStartsAt));
  const now = ctx.platform.clock.now();
  return rows.map(({ m, c, p }) => ({
    projectId: p.id,
    projectNumber: p.projectNumber,
    title: p.title,
    projectStatus: p.status,
    evaluationStartsAt: c.evaluationStartsAt.toISOString(),
    evaluationEndsAt: c.evaluationEndsAt.toISOString(),
    memberStatus: m.status,
    kind: m.kind,
    isChair: m.isChair,
    open: m.status === 'confirmed' && now >= c.evaluationStartsAt && now < c.evaluationEndsAt && c.status === 'evaluating',
  }));
}

export const extensionInput = z.object({ evaluationEndsAt: z.iso.datetime({ offset: true }), reason: z.string().trim().min(4).max(500) });

/**
 * The agency (or purchaser) extends the evaluation period, with a reason, while the committee has
 * not finished: a committee still at work when the period ends would otherwise be stuck.
 */
export async function extendEvaluation(ctx: Context, projectId: string, input: z.infer<typeof extensionInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const p = await loadManagedProject(tx, ctx.actor, projectId, true);
    const [c] = await tx.select().from(committee).where(eq(committee.projectId, projectId)).for('update');
    if (!c || c.status === 'reported') throw conflict('NOT_EXTENSIBLE', bilingual('评审已完成或尚未组建评标委员会，无需延长', 'There is no evaluation in progress to extend'));
    const endsAt = new Date(input.evaluationEndsAt);
    const now = ctx.platform.clock.now();
    if (endsAt <= c.evaluationEndsAt || endsAt <= now)
      throw invalid('EVALUATION_END', '新的评审结束时间应晚于原结束时间和当前时间', 'The new end must be later than the current end and than now', undefined, { field: 'evaluationEndsAt' });
    await tx.update(committee).set({ evaluationEndsAt: endsAt, revision: c.revision + 1 }).where(eq(committee.projectId, projectId));
    await notify(
      tx,
      now,
      (await memberInboxes(tx, projectId)).map((to) => ({
        to,
        title: bilingual(`${p.projectNumber} 评审时间已延长`, `${p.projectNumber}: the evaluation period was extended`),
        body: bilingual(
          `评审结束时间延长至 ${shanghaiDateTime(endsAt.toISOString())}（北京时间）。理由：${input.reason}`,
          `The evaluation now ends ${shanghaiDateTime(endsAt.toISOString())} (Beijing time). Reason: ${input.reason}`,
        ),
        link: `/workspace/evaluations/${projectId}`,
        subject: { type: 'project', id: projectId },
      })),
    );
    audit.record({ action: 'committee.extend', subjectType: 'project', subjectId: projectId, regionCode: p.regionCode, before: { evaluationEndsAt: c.evaluationEndsAt.toISOString() }, after: { evaluationEndsAt: endsAt.toISOString(), reason: input.reason } });
    return (await committeeView(tx, ctx, p))!;
  });
}

/** Who sits on a project's committee is disclosed when its evaluation starts. As SQL, for views. */
export function committeeDisclosed(projectId: SQLWrapper, now: Date): SQL {
  return sql`EXISTS (SELECT 1 FROM ${committee} WHERE ${committee.projectId} = ${projectId} AND ${committee.evaluationStartsAt} <= ${now})`;
}
