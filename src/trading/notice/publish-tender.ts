import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { entitySummaries } from '../../identity';
import { loadCalendar } from '../../platform/calendar/calendar.store';
import { compareDates, shanghaiDate, type MinimumPeriodPolicy } from '../../platform/calendar/calendar';
import type { Context } from '../../platform/context';
import { INT4_MAX, type Db } from '../../platform/database/database';
import { DomainError, bilingual, staleRevision } from '../../platform/errors';
import { enqueueJob } from '../../platform/jobs/jobs';
import { job } from '../../platform/jobs/jobs.schema';
import { readSetting } from '../../platform/settings/settings';
import { inTransaction } from '../../platform/unit-of-work';
import { methodRules } from '../methods/methods';
import { findPlan } from '../plan/plan';
import { loadManagedProject, lotsOf, projectView, type ProjectRow } from '../project/project';
import { project, tenderDocument } from '../trading.schema';
import { insertNotice, noticesOf } from './notices';
import type { Party, TenderNoticeFields } from './render';
import { announcementPeriodEnd, intentionLeadEnd, scheduleViolations } from './schedule.rules';
import { recordScreening, screenProject } from '../../supervision/screening/screening';
import { singleSourceClearance } from '../publicity/publicity';
import { prequalificationClearance } from '../prequalification/prequalification';

export const OPENING_JOB = 'opening.start';

export const tenderPublicationInput = z
  .object({
    revision: z.int().min(0).max(INT4_MAX),
    documentsUntil: z.iso.datetime(),
    deadline: z.iso.datetime().describe('Submission deadline; the online opening starts at the same moment (GP-30)'),
    decryptionWindowMinutes: z.int().min(10).max(240).default(30),
    contractPeriod: z.string().trim().min(1).max(200),
    consortiumAllowed: z.boolean(),
    qualifications: z.array(z.string().trim().min(1).max(500)).min(1).max(30),
    other: z.string().trim().max(4000).nullish(),
  })
  .meta({ id: 'TenderPublication' });

const policySchema = z.enum(['cautious', 'strictCalendar']);
/** T-08: per region; the cautious reading by default. */
export const minimumPeriodPolicy = (db: Db, regionCode: string) => readSetting<MinimumPeriodPolicy>(db, 'trading.minimumPeriodPolicy', policySchema, 'cautious', regionCode);

export async function partyOf(db: Db, entityId: string): Promise<Party> {
  const e = (await entitySummaries(db, [entityId])).get(entityId);
  return { name: e?.name ?? '', address: e?.address ?? '', contact: `${e?.contactName ?? ''} ${e?.contactPhone ?? ''}`.trim() };
}

/** The 联系方式 section's parties of a project: its purchaser and, if any, its agency. */
export async function noticeContacts(db: Db, p: { purchaserEntityId: string; agencyEntityId: string | null }): Promise<{ purchaser: Party; agency: Party | null }> {
  return { purchaser: await partyOf(db, p.purchaserEntityId), agency: p.agencyEntityId ? await partyOf(db, p.agencyEntityId) : null };
}

/** GP-08 is "in principle" 30 days ([SEC] in RULES.md): a region may set its own lead time. */
export const intentionLeadDays = (db: Db, regionCode: string) => readSetting(db, 'trading.intentionLeadDays', z.int().min(0).max(365), 30, regionCode);

/** Moves (or sets) the opening job to the deadline: one job per project, whoever schedules it. */
export async function scheduleOpening(tx: Db, now: Date, projectId: string, deadline: Date) {
  await enqueueJob(tx, now, { kind: OPENING_JOB, payload: { projectId }, runAt: deadline, dedupeKey: `opening:${projectId}`, maxAttempts: 10 });
  await tx.update(job).set({ runAt: deadline }).where(and(eq(job.dedupeKey, `opening:${projectId}`), eq(job.status, 'queued')));
}

/**
 * Publishes the tender notice with the documents: everything the law asks for before
 * that point is checked here, and the schedule against the working-day calendar.
 */
export async function publishTender(ctx: Context, projectId: string, input: z.infer<typeof tenderPublicationInput>) {
  const db = ctx.platform.database.db;
  const now = ctx.platform.clock.now();
  const row = await loadManagedProject(db, ctx.actor, projectId);
  if (row.revision !== input.revision) throw staleRevision();
  if (row.status !== 'draft') throw new DomainError('PROJECT_NOT_DRAFT', bilingual('该项目已发布', 'The project is already published'), 409);
  const planRow = (await findPlan(db, row.planId))!;
  if (planRow.importStatus === 'pending' || planRow.importStatus === 'rejected')
    throw new DomainError('IMPORT_NOT_APPROVED', bilingual('进口产品论证尚未经财政部门批准，不能发布公告', 'The import-product justification has not been approved by the finance supervisor'), 409);
  // The first intention published for the plan is the one the lead time counts from.
  const intention = (await noticesOf(db, { planId: row.planId, noticeType: 'intention' })).at(-1);
  if (!intention) throw new DomainError('INTENTION_NOT_PUBLISHED', bilingual('请先公开采购意向（GP-08，财库〔2020〕10号）', 'Publish the procurement intention first (GP-08, 财库〔2020〕10号)'), 409, {}, 'GP-08');
  const { value: leadDays } = await intentionLeadDays(db, row.regionCode);
  const earliestStart = intentionLeadEnd(intention.publishedAt, leadDays);
  if (compareDates(shanghaiDate(now), earliestStart) < 0)
    throw new DomainError(
      'INTENTION_TOO_RECENT',
      bilingual(
        `采购意向应在采购活动开始${leadDays}日前公开（GP-08，财库〔2020〕10号）；本项目的采购意向于${shanghaiDate(intention.publishedAt)}公开，采购公告最早可于${earliestStart}发布`,
        `The procurement intention must be public ${leadDays} days before the procurement starts (GP-08, 财库〔2020〕10号); this one was published on ${shanghaiDate(intention.publishedAt)}, so the notice can be published from ${earliestStart}`,
      ),
      409,
      { earliest: earliestStart, leadDays },
      'GP-08',
    );
  // PQ-01, PQ-02: a tender that prequalifies follows its results, with at least 3 qualified.
  await prequalificationClearance(db, row);
  const [documentCount] = await db.select({ n: sql<number>`count(*)::int` }).from(tenderDocument).where(eq(tenderDocument.projectId, projectId));
  if (!documentCount?.n) throw new DomainError('NO_DOCUMENTS', bilingual('请先上传采购文件', 'Upload the procurement documents first'), 409);

  const schedule = { documentsFrom: now, documentsUntil: new Date(input.documentsUntil), deadline: new Date(input.deadline) };
  if (schedule.deadline <= now) throw new DomainError('DEADLINE_PAST', bilingual('投标截止时间必须晚于当前时间', 'The deadline must be in the future'), 422, { field: 'deadline' });
  const calendar = await loadCalendar(db);
  const { value: policy } = await minimumPeriodPolicy(db, row.regionCode);
  const violations = scheduleViolations(methodRules(row.method, row.category), schedule, calendar, policy);
  if (violations.length) {
    const first = violations[0]!;
    throw new DomainError('SCHEDULE_VIOLATION', first.messages, 422, { field: first.field, violations }, first.ruleId);
  }

  const lots = await lotsOf(db, projectId);
  const fields: TenderNoticeFields = {
    projectNumber: row.projectNumber,
    projectTitle: row.title,
    method: row.method,
    category: row.category,
    summary: row.description,
    lots: lots.map((l) => ({ lotNo: l.lotNo, title: l.title, budgetFen: l.budgetFen, maxPriceFen: l.maxPriceFen, smeMeasure: l.sme.measure, deductionBp: l.sme.deductionBp })),
    contractPeriod: input.contractPeriod,
    consortiumAllowed: input.consortiumAllowed,
    qualifications: input.qualifications,
    documentsFrom: now.toISOString(),
    documentsUntil: schedule.documentsUntil.toISOString(),
    documentsPlace: '一网交易平台（在线获取）',
    deadline: schedule.deadline.toISOString(),
    openingPlace: '一网交易平台 在线开标大厅',
    announcementEnds: announcementPeriodEnd(now, calendar),
    other: input.other ?? null,
    purchaser: await partyOf(db, row.purchaserEntityId),
    agency: row.agencyEntityId ? await partyOf(db, row.agencyEntityId) : null,
    projectContact: { name: row.contactName, phone: row.contactPhone },
    intentionPublishedAt: intention.publishedAt.toISOString(),
    invitedSupplier: row.singleSourceSupplierEntityId ? (await partyOf(db, row.singleSourceSupplierEntityId)).name : null,
  };
  // Warnings, not refusals: the agency saw them before publishing (POST …/screening); supervisors get the queue.
  const warnings = await screenProject(db, projectId, input);
  return inTransaction(ctx, async (tx, audit) => {
    // DS-01, SS-04: a single-source invitation follows its publicity and the review of any objection (checked under the publicity's lock).
    await singleSourceClearance(tx, row, shanghaiDate(now));
    const [updated] = await tx
      .update(project)
      .set({ status: 'published', documentsFrom: now, documentsUntil: schedule.documentsUntil, deadline: schedule.deadline, decryptionWindowMinutes: input.decryptionWindowMinutes, revision: row.revision + 1 })
      .where(and(eq(project.id, projectId), eq(project.revision, input.revision)))
      .returning();
    if (!updated) throw staleRevision();
    const noticeRow = await insertNotice(tx, ctx, audit, { noticeType: 'tender', projectId, planId: row.planId, regionCode: row.regionCode, fields: fields as never });
    await scheduleOpening(tx, now, projectId, schedule.deadline);
    const screeningId = randomUUID();
    await recordScreening(tx, ctx, row, warnings, screeningId);
    audit.record({ action: 'project.publish', subjectType: 'project', subjectId: projectId, regionCode: row.regionCode, before: { status: row.status }, after: { status: 'published', deadline: schedule.deadline, noticeId: noticeRow.id }, detail: { screeningId, warnings: warnings.map((w) => w.code) } });
    return projectView(updated as ProjectRow, lots);
  });
}
