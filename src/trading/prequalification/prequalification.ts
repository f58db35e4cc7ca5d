import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { entityNames } from '../../identity';
import { loadCalendar } from '../../platform/calendar/calendar.store';
import type { Actor, Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { hiddenRow } from '../../platform/deny';
import { DomainError, bilingual, notFound } from '../../platform/errors';
import { notify } from '../../platform/notifications/notifications';
import { inTransaction } from '../../platform/unit-of-work';
import { refuseIfDebarred } from '../../supervision/credit/credit';
import { methodDefinition } from '../methods/methods';
import { insertNotice } from '../notice/notices';
import { minimumPeriodPolicy, noticeContacts } from '../notice/publish-tender';
import { announcementPeriodEnd } from '../notice/schedule.rules';
import { hasDownloaded } from '../project/documents';
import { followLots, loadManagedProject, loadReadableProject, lotsOf, moveLot, type ProjectRow } from '../project/project';
import { managesProject, supervisesProject, supplierDesk } from '../project/project.access';
import { tenderDocument } from '../trading.schema';
import { prequalification, prequalificationApplication } from './prequalification.schema';
import { applicationsOpen, prequalificationScheduleViolations, resultsMayBeIssued, tenderMayFollow } from './prequalification.rules';

export type PrequalificationRow = typeof prequalification.$inferSelect;
type ApplicationRow = typeof prequalificationApplication.$inferSelect;

const words = (max: number) => z.string().trim().min(1).max(max);

export const prequalificationInput = z
  .object({
    documentsUntil: z.iso.datetime().describe('The prequalification documents are obtained until then: at least 5 days (WK-02)'),
    applicationDeadline: z.iso.datetime().describe('Applications are due, and sealed, until then: at least 5 days after the documents stop (WK-03)'),
    reviewDate: z.iso.datetime().describe('资格预审日期: on or after the application deadline'),
    invitedSuppliers: z.int().min(3).max(100).nullable().describe('拟邀请参加投标的供应商数量; null: every qualified applicant'),
    applicationContents: words(4000).describe('资格预审申请文件的组成及格式'),
    reviewStandard: words(4000).describe('资格预审的审查标准及方法 (PQ-01)'),
    contractPeriod: words(200),
    consortiumAllowed: z.boolean(),
    qualifications: z.array(words(500)).min(1).max(30),
    other: z.string().trim().max(4000).nullish(),
  })
  .meta({ id: 'PrequalificationPublication' });

export const applicationInput = z
  .object({ statement: words(8000).describe('资格预审申请: the applicant’s written statement of its qualifications against the review standard') })
  .meta({ id: 'PrequalificationApplicationInput' });

export const reviewInput = z
  .object({
    qualified: z.boolean(),
    reason: z.string().trim().max(2000).nullish().describe('Why the applicant did not qualify: required when it did not (PQ-01)'),
  })
  .meta({ id: 'PrequalificationReview' });

async function prequalificationOf(db: Db, projectId: string, forUpdate = false): Promise<PrequalificationRow | undefined> {
  const q = db.select().from(prequalification).where(eq(prequalification.projectId, projectId));
  return (forUpdate ? await q.for('update') : await q)[0];
}

const notPrequalifying = () => new DomainError('NOT_PREQUALIFYING', bilingual('本项目未采用资格预审', 'The project does not prequalify its bidders'), 409, {}, 'PQ-03');
/** A refusal by the state of the prequalification (PQ-01: notice, documents, applications, in that order). */
const refused = (code: string, zh: string, en: string) => new DomainError(code, bilingual(zh, en), 409, {}, 'PQ-01');
const notPublished = () => refused('PREQUALIFICATION_NOT_PUBLISHED', '资格预审公告尚未发布', 'The prequalification notice is not out yet');

/**
 * PQ-01 (WK-02, WK-03): those running a works tender that chose prequalification publish its
 * 资格预审公告; the project's uploaded documents are the prequalification documents, obtained on the
 * platform until `documentsUntil`.
 */
export async function publishPrequalification(ctx: Context, projectId: string, input: z.infer<typeof prequalificationInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const p = await loadManagedProject(tx, ctx.actor, projectId, true);
    if (!p.prequalification) throw notPrequalifying();
    if (p.status !== 'draft') throw refused('PROJECT_NOT_DRAFT', '招标公告已发布，资格预审应在其之前', 'The tender is out already; prequalification comes before it');
    if (await prequalificationOf(tx, projectId)) throw refused('PREQUALIFICATION_EXISTS', '该项目已发布资格预审公告', 'The prequalification notice is out already');
    const [documents] = await tx.select({ n: sql<number>`count(*)::int` }).from(tenderDocument).where(eq(tenderDocument.projectId, projectId));
    if (!documents?.n) throw refused('NO_DOCUMENTS', '请先上传资格预审文件', 'Upload the prequalification documents first');
    const now = ctx.platform.clock.now();
    const schedule = { publishedAt: now, documentsUntil: new Date(input.documentsUntil), applicationDeadline: new Date(input.applicationDeadline), reviewDate: new Date(input.reviewDate) };
    const calendar = await loadCalendar(tx);
    const { value: policy } = await minimumPeriodPolicy(tx, p.regionCode);
    const [first, ...rest] = prequalificationScheduleViolations(schedule, calendar, policy);
    if (first) throw new DomainError('SCHEDULE_VIOLATION', first.messages, 422, { field: first.field, earliest: first.earliest, violations: [first, ...rest] }, first.ruleId);
    const contacts = await noticeContacts(tx, p);
    const noticeRow = await insertNotice(tx, ctx, audit, {
      noticeType: 'prequalification',
      projectId,
      planId: p.planId,
      regionCode: p.regionCode,
      fields: {
        projectNumber: p.projectNumber,
        projectTitle: p.title,
        method: p.method,
        summary: p.description,
        lots: (await lotsOf(tx, projectId)).map((l) => ({ lotNo: l.lotNo, title: l.title, budgetFen: l.budgetFen, maxPriceFen: l.maxPriceFen })),
        contractPeriod: input.contractPeriod,
        consortiumAllowed: input.consortiumAllowed,
        qualifications: input.qualifications,
        documentsFrom: now.toISOString(),
        documentsUntil: schedule.documentsUntil.toISOString(),
        documentsPlace: '一网交易平台（在线获取）',
        applicationContents: input.applicationContents,
        reviewStandard: input.reviewStandard,
        invitedSuppliers: input.invitedSuppliers,
        applicationDeadline: schedule.applicationDeadline.toISOString(),
        applicationPlace: '一网交易平台（在线提交）',
        reviewDate: schedule.reviewDate.toISOString(),
        announcementEnds: announcementPeriodEnd(now, calendar),
        other: input.other ?? null,
        purchaser: contacts.purchaser,
        agency: contacts.agency,
        projectContact: { name: p.contactName, phone: p.contactPhone },
      },
    });
    const row: PrequalificationRow = {
      id: randomUUID(),
      projectId,
      regionCode: p.regionCode,
      noticeId: noticeRow.id,
      documentsFrom: now,
      documentsUntil: schedule.documentsUntil,
      applicationDeadline: schedule.applicationDeadline,
      reviewDate: schedule.reviewDate,
      invitedSuppliers: input.invitedSuppliers,
      applicationContents: input.applicationContents,
      reviewStandard: input.reviewStandard,
      publishedBy: ctx.actor!.personId,
      resultsIssuedAt: null,
      resultsIssuedBy: null,
    };
    await tx.insert(prequalification).values(row);
    audit.record({
      action: 'prequalification.publish',
      subjectType: 'project',
      subjectId: projectId,
      regionCode: p.regionCode,
      after: { noticeId: noticeRow.id, documentsUntil: input.documentsUntil, applicationDeadline: input.applicationDeadline, reviewDate: input.reviewDate, invitedSuppliers: input.invitedSuppliers },
    });
    return prequalificationView(tx, ctx.actor, p, row, now);
  });
}

/**
 * A supplier applies (or replaces its application) before the deadline, once it obtained the
 * documents. Sealed: nobody else learns that it applied until the deadline, so its audit entry is
 * sealed with the project's bidders ('bidder') and nobody is told.
 */
export async function applyForPrequalification(ctx: Context, projectId: string, input: z.infer<typeof applicationInput>) {
  const actor = ctx.actor!;
  const db = ctx.platform.database.db;
  const p = await loadReadableProject(db, actor, projectId);
  const pq = await prequalificationOf(db, projectId);
  if (!pq) throw p.prequalification ? notPublished() : notPrequalifying();
  const now = ctx.platform.clock.now();
  if (!applicationsOpen(pq.applicationDeadline, now))
    throw new DomainError('APPLICATIONS_CLOSED', bilingual('资格预审申请文件提交截止时间已过', 'The application deadline has passed'), 409, {}, 'WK-03');
  await refuseIfDebarred(db, actor.entityId, p, now);
  if (!(await hasDownloaded(db, projectId, actor.entityId)))
    throw refused('DOCUMENTS_NOT_OBTAINED', '获取资格预审文件后方可提交申请', 'Obtain the prequalification documents before applying');
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(prequalificationApplication)
      .values({ id: randomUUID(), prequalificationId: pq.id, projectId, supplierEntityId: actor.entityId, submittedBy: actor.personId, statement: input.statement, submittedAt: now })
      .onConflictDoUpdate({ target: [prequalificationApplication.prequalificationId, prequalificationApplication.supplierEntityId], set: { statement: input.statement, submittedBy: actor.personId, submittedAt: now } })
      .returning();
    audit.record({ action: 'prequalification.apply', subjectType: 'prequalification_application', subjectId: row!.id, regionCode: p.regionCode, projectId, sealed: 'bidder', after: { supplierEntityId: actor.entityId, submittedAt: now.toISOString() } });
    return ownView(row!, pq);
  });
}

/** PQ-01: after the deadline, those running the project record each application's review: qualified, or not with its reason. */
export async function reviewApplication(ctx: Context, applicationId: string, input: z.infer<typeof reviewInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const [a] = await tx.select().from(prequalificationApplication).where(eq(prequalificationApplication.id, applicationId)).for('update');
    if (!a) throw notFound(bilingual('资格预审申请', 'Application'));
    const p = await loadManagedProject(tx, ctx.actor, a.projectId);
    const pq = (await prequalificationOf(tx, a.projectId, true))!;
    const now = ctx.platform.clock.now();
    // Before the deadline an application does not exist to them: nothing tells it was filed.
    if (applicationsOpen(pq.applicationDeadline, now)) throw hiddenRow('prequalification_application', applicationId, bilingual('资格预审申请', 'Application'));
    if (pq.resultsIssuedAt) throw new DomainError('RESULTS_ISSUED', bilingual('资格预审结果已发出，不能再修改审查结论', 'The results have been issued; the review can no longer change'), 409, {}, 'PQ-02');
    const reason = input.reason?.trim() || null;
    if (!input.qualified && !reason)
      throw new DomainError('REASON_REQUIRED', bilingual('未通过资格预审的，应说明理由', 'Say why the applicant did not qualify'), 422, { field: 'reason' }, 'PQ-01');
    const outcome = input.qualified ? ('qualified' as const) : ('notQualified' as const);
    await tx.update(prequalificationApplication).set({ outcome, reason: input.qualified ? null : reason, reviewedAt: now, reviewedBy: ctx.actor!.personId }).where(eq(prequalificationApplication.id, applicationId));
    audit.record({ action: 'prequalification.review', subjectType: 'prequalification_application', subjectId: applicationId, regionCode: p.regionCode, projectId: p.id, before: { outcome: a.outcome, reason: a.reason }, after: { supplierEntityId: a.supplierEntityId, outcome, reason: input.qualified ? null : reason } });
    return { id: applicationId, outcome, reason: input.qualified ? null : reason };
  });
}

/**
 * PQ-02: the results go out at once to every applicant, each its own 资格预审结果通知书. With fewer
 * than 3 qualified the tender cannot follow and must be repeated; the answer says so.
 */
export async function issueResults(ctx: Context, projectId: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const p = await loadManagedProject(tx, ctx.actor, projectId, true);
    const pq = await prequalificationOf(tx, projectId, true);
    if (!pq) throw p.prequalification ? notPublished() : notPrequalifying();
    const now = ctx.platform.clock.now();
    const applications = await tx.select().from(prequalificationApplication).where(eq(prequalificationApplication.prequalificationId, pq.id));
    const refusal = resultsMayBeIssued(pq, applications.map((a) => a.outcome), now);
    if (refusal) throw new DomainError(refusal.code, refusal.messages, 409, {}, refusal.ruleId);
    await tx.update(prequalification).set({ resultsIssuedAt: now, resultsIssuedBy: ctx.actor!.personId }).where(eq(prequalification.id, pq.id));
    const qualified = applications.filter((a) => a.outcome === 'qualified').length;
    const retender = tenderMayFollow({ resultsIssuedAt: now, qualified });
    await notify(
      tx,
      now,
      applications.map((a) => ({
        to: supplierDesk(a.supplierEntityId),
        title: bilingual(`${p.projectNumber} 资格预审结果通知书`, `${p.projectNumber}: prequalification result`),
        body:
          a.outcome === 'qualified'
            ? bilingual(`贵单位已通过“${p.title}”的资格预审，请留意招标公告，在招标文件提供期内获取招标文件并投标。`, `You have prequalified for “${p.title}”. Watch for the tender notice and obtain the tender documents while they are available.`)
            : bilingual(`贵单位未通过“${p.title}”的资格预审，理由：${a.reason}。未通过资格预审的申请人不具有投标资格（PQ-02）。`, `You did not prequalify for “${p.title}”: ${a.reason}. An applicant that did not prequalify may not bid (PQ-02).`),
        link: `/workspace/projects/${p.id}`,
        subject: { type: 'project', id: p.id },
      })),
    );
    audit.record({ action: 'prequalification.issue_results', subjectType: 'project', subjectId: p.id, regionCode: p.regionCode, after: { applicants: applications.length, qualified, retender: retender !== null } });
    return prequalificationView(tx, ctx.actor, p, { ...pq, resultsIssuedAt: now, resultsIssuedBy: ctx.actor!.personId }, now);
  });
}

/**
 * PQ-02 (招投标条例 第十九条): with fewer than 3 applicants qualified, the tender is repeated (重新招标).
 * Those running the project end this one: its lots fail on PQ-02, a 终止公告 says why, every applicant
 * is told, and the lots' budget goes back to the plan (TR-04), to be tendered again as a new project.
 */
export async function retender(ctx: Context, projectId: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const p = await loadManagedProject(tx, ctx.actor, projectId, true);
    const pq = await prequalificationOf(tx, projectId, true);
    if (!pq) throw p.prequalification ? notPublished() : notPrequalifying();
    if (p.status !== 'draft') throw refused('PROJECT_NOT_DRAFT', '招标公告已发布，不能以资格预审结果重新招标', 'The tender is out already; it is not repeated for its prequalification');
    const applications = await tx.select().from(prequalificationApplication).where(eq(prequalificationApplication.prequalificationId, pq.id));
    const qualified = applications.filter((a) => a.outcome === 'qualified').length;
    const refusal = tenderMayFollow({ resultsIssuedAt: pq.resultsIssuedAt, qualified });
    if (refusal?.code !== 'TOO_FEW_QUALIFIED')
      throw new DomainError(
        'RETENDER_NOT_DUE',
        refusal ? refusal.messages : bilingual(`通过资格预审的申请人有${qualified}个，不少于3个，应继续发布招标公告`, `${qualified} applicants qualified, at least 3: the tender follows`),
        409,
        {},
        'PQ-02',
      );
    const reason = `通过资格预审的申请人仅${qualified}个，少于3个，依法重新招标`;
    for (const l of await lotsOf(tx, projectId)) await moveLot(tx, audit, p.regionCode, l, 'failedAtPrequalification', { ruleId: 'PQ-02', reason });
    await followLots(tx, audit, projectId);
    const noticeRow = await insertNotice(tx, ctx, audit, {
      noticeType: 'termination',
      projectId,
      planId: p.planId,
      regionCode: p.regionCode,
      fields: { projectNumber: p.projectNumber, projectTitle: p.title, reason, ruleId: 'PQ-02', other: '招标人将依法重新招标，重新招标的资格预审公告或招标公告另行发布。', ...(await noticeContacts(tx, p)) },
    });
    const now = ctx.platform.clock.now();
    await notify(
      tx,
      now,
      applications.map((a) => ({
        to: supplierDesk(a.supplierEntityId),
        title: bilingual(`${p.projectNumber} 重新招标`, `${p.projectNumber}: the tender is repeated`),
        body: bilingual(`“${p.title}”通过资格预审的申请人少于3个，招标人将依法重新招标（PQ-02），请留意新的公告。`, `Fewer than 3 applicants prequalified for “${p.title}”: the tender will be repeated (PQ-02). Watch for the new notice.`),
        link: `/notices/${noticeRow.id}`,
        subject: { type: 'project', id: p.id },
      })),
    );
    audit.record({ action: 'prequalification.retender', subjectType: 'project', subjectId: p.id, regionCode: p.regionCode, projectId: p.id, before: { status: p.status }, after: { status: 'failed', qualified, noticeId: noticeRow.id } });
    return { projectId, status: 'failed' as const, planId: p.planId, noticeId: noticeRow.id };
  });
}

/** The project's prequalification, or null: its schedule for anyone; the applicants for those running or overseeing it after the deadline; a supplier's own application and, once issued, its result. */
export async function projectPrequalification(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const p = await loadReadableProject(db, ctx.actor, projectId);
  const pq = await prequalificationOf(db, projectId);
  return pq ? prequalificationView(db, ctx.actor, p, pq, ctx.platform.clock.now()) : null;
}

function ownView(a: ApplicationRow, pq: PrequalificationRow) {
  const issued = pq.resultsIssuedAt !== null;
  return { id: a.id, statement: a.statement, submittedAt: a.submittedAt.toISOString(), outcome: issued ? a.outcome : null, reason: issued ? a.reason : null };
}

async function prequalificationView(db: Db, actor: Actor | null, p: ProjectRow, pq: PrequalificationRow, now: Date) {
  const open = applicationsOpen(pq.applicationDeadline, now);
  // Sealed means sealed: before the deadline not even those running or overseeing the project learn who applied, or how many.
  const seesApplicants = !open && (managesProject(actor, p) || supervisesProject(actor, p));
  const all = seesApplicants ? await db.select().from(prequalificationApplication).where(eq(prequalificationApplication.prequalificationId, pq.id)).orderBy(asc(prequalificationApplication.submittedAt)) : [];
  const names = await entityNames(db, all.map((a) => a.supplierEntityId));
  const [mine] = actor?.roles.includes('supplier')
    ? await db.select().from(prequalificationApplication).where(and(eq(prequalificationApplication.prequalificationId, pq.id), eq(prequalificationApplication.supplierEntityId, actor.entityId)))
    : [];
  const qualified = all.filter((a) => a.outcome === 'qualified').length;
  return {
    id: pq.id,
    noticeId: pq.noticeId,
    documentsFrom: pq.documentsFrom.toISOString(),
    documentsUntil: pq.documentsUntil.toISOString(),
    applicationDeadline: pq.applicationDeadline.toISOString(),
    reviewDate: pq.reviewDate.toISOString(),
    invitedSuppliers: pq.invitedSuppliers,
    applicationContents: pq.applicationContents,
    reviewStandard: pq.reviewStandard,
    applicationsOpen: open,
    resultsIssuedAt: pq.resultsIssuedAt?.toISOString() ?? null,
    applicants: seesApplicants
      ? all.map((a) => ({ id: a.id, supplierEntityId: a.supplierEntityId, supplierName: names.get(a.supplierEntityId) ?? '', statement: a.statement, submittedAt: a.submittedAt.toISOString(), outcome: a.outcome, reason: a.reason }))
      : null,
    /** PQ-02, for those who see the applicants after the results: the tender may follow, or must be repeated. */
    tenderRefusal: seesApplicants && pq.resultsIssuedAt ? tenderMayFollow({ resultsIssuedAt: pq.resultsIssuedAt, qualified }) : null,
    mine: mine ? ownView(mine, pq) : null,
  };
}

/** PQ-01, PQ-02: a project that prequalifies publishes its tender only after the results, with at least 3 qualified. */
export async function prequalificationClearance(db: Db, p: ProjectRow) {
  if (!p.prequalification || methodDefinition(p.method, p.category).regime !== 'tendering') return;
  const pq = await prequalificationOf(db, p.id);
  const [{ n }] = pq ? ((await db.select({ n: sql<number>`count(*)::int` }).from(prequalificationApplication).where(and(eq(prequalificationApplication.prequalificationId, pq.id), eq(prequalificationApplication.outcome, 'qualified')))) as [{ n: number }]) : [{ n: 0 }];
  const refusal = tenderMayFollow(pq ? { resultsIssuedAt: pq.resultsIssuedAt, qualified: n } : null);
  if (refusal) throw new DomainError(refusal.code, refusal.messages, 409, {}, refusal.ruleId);
}

/**
 * PQ-02: once the tender of a prequalifying project is out, only the applicants that qualified obtain
 * its documents and bid; during the prequalification anyone obtains them until the sale stops (WK-02).
 */
export async function refuseUnlessPrequalified(db: Db, p: ProjectRow, supplierEntityId: string) {
  if (!p.prequalification) return;
  const [row] = await db
    .select({ outcome: prequalificationApplication.outcome, issued: prequalification.resultsIssuedAt })
    .from(prequalificationApplication)
    .innerJoin(prequalification, eq(prequalification.id, prequalificationApplication.prequalificationId))
    .where(and(eq(prequalificationApplication.projectId, p.id), eq(prequalificationApplication.supplierEntityId, supplierEntityId)));
  if (row?.issued && row.outcome === 'qualified') return;
  throw new DomainError('NOT_PREQUALIFIED', bilingual('本项目采用资格预审，未通过资格预审的申请人不具有投标资格', 'The project prequalified its bidders: only applicants that prequalified may obtain the documents and bid'), 409, {}, 'PQ-02');
}

/** WK-02: while a prequalifying project is a draft, its documents are obtained from the notice until the sale stops. */
export async function prequalificationDocumentsOpen(db: Db, p: ProjectRow, now: Date): Promise<boolean> {
  const pq = p.prequalification ? await prequalificationOf(db, p.id) : undefined;
  return Boolean(pq && now >= pq.documentsFrom && now < pq.documentsUntil);
}
