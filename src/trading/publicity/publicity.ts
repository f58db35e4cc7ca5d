import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, isNull, or, sum } from 'drizzle-orm';
import { z } from 'zod';
import { entityNames, entitySummaries, personNames } from '../../identity';
import { loadCalendar } from '../../platform/calendar/calendar.store';
import { endOfShanghaiDay, shanghaiDate, type LocalDate } from '../../platform/calendar/calendar';
import type { Actor, Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { DomainError, bilingual, conflict, notFound } from '../../platform/errors';
import { notify } from '../../platform/notifications/notifications';
import { readSetting } from '../../platform/settings/settings';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import { challenge } from '../../supervision/complaints/complaints.schema';
import { handlingDepartment } from '../../supervision/complaints/complaints';
import { methodDefinition, stepsOf, type Category } from '../methods/methods';
import { insertNotice } from '../notice/notices';
import { noticeContacts } from '../notice/publish-tender';
import { findProjectRow, loadManagedProject, type ProjectRow } from '../project/project';
import { managesProject, supervisesProject } from '../project/project.access';
import { lot, project } from '../trading.schema';
import { publicity, publicityObjection } from './publicity.schema';
import { candidatesMayBeAwarded, earliestPublicityEnd, OBJECTION_REVIEW_WORKING_DAYS, publicityEndProblem, publicityRunning, singleSourceMayProceed } from './publicity.rules';

export type PublicityRow = typeof publicity.$inferSelect;

/**
 * The amount from which a purchase must be tendered: for goods and services the open-tender threshold,
 * which differs by region (TH-01, TH-02: 200万元 by default); for works the tendering scale (TH-03:
 * 400万元 for construction). Settings, per region.
 */
export const openTenderThresholdFen = async (db: Db, regionCode: string, category: Category) =>
  category === 'works'
    ? (await readSetting(db, 'trading.worksTenderThresholdFen', z.int().min(0), 4_000_000 * 100, regionCode)).value
    : (await readSetting(db, 'trading.openTenderThresholdFen', z.int().min(0), 2_000_000 * 100, regionCode)).value;

export const projectBudgetFen = async (db: Db, projectId: string) => Number((await db.select({ total: sum(lot.budgetFen) }).from(lot).where(eq(lot.projectId, projectId)))[0]?.total ?? 0);

const words = (max: number) => z.string().trim().min(1).max(max);

export const singleSourcePublicityInput = z
  .object({
    itemsDescription: words(4000).describe('拟采购的货物或服务的说明'),
    reason: words(4000).describe('采用单一来源采购方式的原因及相关说明 (政府采购法 第三十一条)'),
    experts: z
      .array(z.object({ name: words(50), organisation: words(200), title: words(50), opinion: words(2000) }))
      .min(1)
      .max(9)
      .describe('专业人员论证意见: who reviewed the reason, and what they found (SS-02)'),
    endsOn: z.iso.date().optional().describe('The last day of the publicity; at least 5 working days after today (DS-01). The earliest by default.'),
    other: z.string().trim().max(4000).nullish(),
  })
  .meta({ id: 'SingleSourcePublicityInput' });

/** A project's single-source publicity (one at most); locked when the caller decides on it. */
async function singleSourcePublicityOf(db: Db, projectId: string, forUpdate = false): Promise<PublicityRow | undefined> {
  const q = db.select().from(publicity).where(and(eq(publicity.projectId, projectId), eq(publicity.kind, 'singleSource')));
  return (forUpdate ? await q.for('update') : await q)[0];
}

/**
 * DS-01, SS-02: the purchaser publicises its reasons for buying from its one supplier (named on the
 * project), with the professionals' opinions, for at least 5 working days; the supplier and the
 * finance department are told. The project's revision moves: a publication prepared before it fails.
 */
export async function publishSingleSourcePublicity(ctx: Context, projectId: string, input: z.infer<typeof singleSourcePublicityInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const p = await loadManagedProject(tx, ctx.actor, projectId, true);
    if (p.method !== 'singleSource') throw conflict('NOT_SINGLE_SOURCE', bilingual('仅单一来源采购项目需要单一来源采购公示', 'Only a single-source project is publicised this way'));
    if (p.status !== 'draft') throw conflict('PROJECT_NOT_DRAFT', bilingual('项目已发布，不能再进行单一来源采购公示', 'The project is already published'));
    if (await singleSourcePublicityOf(tx, projectId)) throw conflict('PUBLICITY_EXISTS', bilingual('该项目已进行单一来源采购公示', 'The project has been publicised already'));
    const now = ctx.platform.clock.now();
    const calendar = await loadCalendar(tx);
    const endsOn = input.endsOn ?? earliestPublicityEnd('singleSource', now, calendar);
    const problem = publicityEndProblem(now, endsOn, calendar);
    if (problem) throw new DomainError('PUBLICITY_TOO_SHORT', problem.messages, 422, { field: 'endsOn', earliest: problem.earliest }, problem.ruleId);
    const supplierEntityId = p.singleSourceSupplierEntityId!;
    const supplier = (await entitySummaries(tx, [supplierEntityId])).get(supplierEntityId)!;
    const departmentId = await handlingDepartment(tx, 'procurement', p.regionCode);
    const department = departmentId ? (await entitySummaries(tx, [departmentId])).get(departmentId) : undefined;
    const contacts = await noticeContacts(tx, p);
    const noticeRow = await insertNotice(tx, ctx, audit, {
      noticeType: 'singleSource',
      projectId,
      planId: p.planId,
      regionCode: p.regionCode,
      fields: {
        purchaserName: contacts.purchaser.name,
        projectNumber: p.projectNumber,
        projectTitle: p.title,
        itemsDescription: input.itemsDescription,
        budgetFen: await projectBudgetFen(tx, projectId),
        reason: input.reason,
        supplier: { name: supplier.name, address: supplier.address || '—' },
        publicityFrom: now.toISOString(),
        publicityUntil: endOfShanghaiDay(endsOn).toISOString(),
        other: input.other ?? null,
        purchaser: contacts.purchaser,
        financeDepartment: { name: department?.name ?? '同级财政部门', contact: `${department?.contactName ?? ''} ${department?.contactPhone ?? ''}`.trim() },
        agency: contacts.agency,
        experts: input.experts,
      },
    });
    const row = { id: randomUUID(), kind: 'singleSource' as const, projectId, lotId: null, regionCode: p.regionCode, noticeId: noticeRow.id, startsAt: now, endsOn, publishedBy: ctx.actor!.personId };
    await tx.insert(publicity).values(row);
    await tx.update(project).set({ revision: p.revision + 1 }).where(eq(project.id, projectId));
    await notify(tx, now, [
      {
        to: { entityId: supplierEntityId, role: 'supplier' },
        title: bilingual(`${p.projectNumber} 单一来源采购公示`, `${p.projectNumber}: single-source publicity`),
        body: bilingual(`${contacts.purchaser.name}拟采用单一来源方式向贵公司采购“${p.title}”，公示至${endsOn}。公示期满且无异议成立后将邀请贵公司提交响应文件。`, `${contacts.purchaser.name} means to buy “${p.title}” from you by single source; the publicity runs until ${endsOn}. You will be invited to respond after it.`),
        link: `/notices/${noticeRow.id}`,
        subject: { type: 'project', id: projectId },
      },
      ...(departmentId
        ? [{ to: { entityId: departmentId, role: 'supervisor' }, title: bilingual(`${p.projectNumber} 单一来源采购公示`, `${p.projectNumber}: single-source publicity`), body: bilingual(`“${p.title}”拟采用单一来源采购，公示至${endsOn}。`, `“${p.title}” is to be bought by single source; publicised until ${endsOn}.`), link: `/notices/${noticeRow.id}`, subject: { type: 'project', id: projectId } }]
        : []),
    ]);
    audit.record({ action: 'publicity.publish', subjectType: 'project', subjectId: projectId, regionCode: p.regionCode, projectId, after: { kind: 'singleSource', noticeId: noticeRow.id, supplierEntityId, endsOn } });
    return publicityView(tx, ctx.actor, p, row, shanghaiDate(now));
  });
}

export const objectionInput = z
  .object({
    text: words(4000).describe('The objection in writing: what is objected to, and why'),
  })
  .meta({ id: 'PublicityObjectionInput' });

/**
 * SS-03: any supplier, organisation or person may object in writing during the publicity, to the
 * purchaser and its agency, copied to the finance department. The publicity is locked, so an
 * objection and the step after the publicity never pass each other at midnight.
 */
export async function fileObjection(ctx: Context, publicityId: string, input: z.infer<typeof objectionInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const actor = ctx.actor!;
    const [pub] = await tx.select().from(publicity).where(eq(publicity.id, publicityId)).for('update');
    if (!pub || pub.kind !== 'singleSource') throw notFound(bilingual('公示', 'Publicity'));
    const now = ctx.platform.clock.now();
    if (!publicityRunning(pub.endsOn, shanghaiDate(now)))
      throw new DomainError('PUBLICITY_ENDED', bilingual(`公示期已于${pub.endsOn}届满，异议应在公示期内提出`, `The publicity ended on ${pub.endsOn}; objections come during it`), 409, {}, 'SS-03');
    const p = (await findProjectRow(tx, pub.projectId))!;
    if (managesProject(actor, p)) throw conflict('OWN_PUBLICITY', bilingual('采购人、代理机构不能对本项目的公示提出异议', 'The purchaser and its agency do not object to their own publicity'));
    const id = randomUUID();
    await tx.insert(publicityObjection).values({ id, publicityId, projectId: pub.projectId, filedBy: actor.personId, filedForEntityId: actor.entityId, text: input.text, filedAt: now, status: 'pending' });
    const departmentId = await handlingDepartment(tx, 'procurement', p.regionCode);
    const addressees = [
      ...[p.purchaserEntityId, p.agencyEntityId].filter((e): e is string => e !== null).map((entityId) => ({ entityId, role: entityId === p.purchaserEntityId ? 'purchaser' : 'agency' })),
      ...(departmentId ? [{ entityId: departmentId, role: 'supervisor' }] : []),
    ];
    await notify(
      tx,
      now,
      addressees.map((to) => ({
        to,
        title: bilingual(`${p.projectNumber} 收到单一来源公示异议`, `${p.projectNumber}: an objection to the single-source publicity`),
        body:
          to.role === 'supervisor'
            ? bilingual('抄送：采购人应在公示期满后5个工作日内组织补充论证（SS-04）。', 'Copy: the purchaser reviews it within 5 working days after the publicity (SS-04).')
            : bilingual(`公示期满后${OBJECTION_REVIEW_WORKING_DAYS}个工作日内应组织补充论证（SS-04）。`, `Review it within ${OBJECTION_REVIEW_WORKING_DAYS} working days after the publicity ends (SS-04).`),
        link: `/workspace/projects/${p.id}`,
        subject: { type: 'project', id: p.id },
      })),
    );
    // Not a bid: the objection is on the record for those who may read the project's audit trail at once.
    audit.record({ action: 'publicity.object', subjectType: 'publicity_objection', subjectId: id, regionCode: p.regionCode, projectId: p.id, sealed: null, after: { status: 'pending', publicityId, text: input.text } });
    return { id, status: 'pending' as const, filedAt: now.toISOString() };
  });
}

export const objectionDecisionInput = z
  .object({ upheld: z.boolean().describe('Whether the supplementary review found the objection well founded'), review: words(4000).describe('补充论证意见') })
  .meta({ id: 'PublicityObjectionDecision' });

/**
 * SS-04: after the publicity the purchaser reviews each objection. Upheld: another method must be
 * used. Dismissed: the objection, the review and the publicity go to the finance department.
 */
export async function decideObjection(ctx: Context, objectionId: string, input: z.infer<typeof objectionDecisionInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const [o] = await tx.select().from(publicityObjection).where(eq(publicityObjection.id, objectionId)).for('update');
    if (!o) throw notFound(bilingual('异议', 'Objection'));
    const p = await loadManagedProject(tx, ctx.actor, o.projectId);
    if (o.status !== 'pending') throw conflict('OBJECTION_DECIDED', bilingual('该异议已完成补充论证', 'This objection has been reviewed already'));
    const [pub] = await tx.select().from(publicity).where(eq(publicity.id, o.publicityId)).for('update');
    const now = ctx.platform.clock.now();
    if (publicityRunning(pub!.endsOn, shanghaiDate(now)))
      throw new DomainError('PUBLICITY_RUNNING', bilingual(`补充论证在公示期满（${pub!.endsOn}）后组织`, `The review takes place after the publicity ends (${pub!.endsOn})`), 409, {}, 'SS-04');
    const status = input.upheld ? ('upheld' as const) : ('dismissed' as const);
    await tx.update(publicityObjection).set({ status, review: input.review, decidedAt: now, decidedBy: ctx.actor!.personId }).where(eq(publicityObjection.id, objectionId));
    const departmentId = await handlingDepartment(tx, 'procurement', p.regionCode);
    await notify(tx, now, [
      {
        to: { personId: o.filedBy, entityId: o.filedForEntityId },
        title: bilingual(`${p.projectNumber} 异议补充论证结果`, `${p.projectNumber}: the review of your objection`),
        body: input.upheld
          ? bilingual('经补充论证，您的异议成立，采购人将依法采取其他采购方式。', 'Your objection was found well founded; the purchaser will use another method.')
          : bilingual(`经补充论证，您的异议不成立：${input.review}`, `Your objection was not found well founded: ${input.review}`),
        link: `/notices/${pub!.noticeId}`,
        subject: { type: 'project', id: p.id },
      },
      ...(departmentId && !input.upheld
        ? [{ to: { entityId: departmentId, role: 'supervisor' }, title: bilingual(`${p.projectNumber} 单一来源公示异议及论证意见`, `${p.projectNumber}: objection and review`), body: bilingual('异议不成立；异议意见、论证意见与公示情况一并报送（SS-04）。', 'The objection was not upheld; the objection, the review and the publicity are reported (SS-04).'), link: `/workspace/projects/${p.id}`, subject: { type: 'project', id: p.id } }]
        : []),
    ]);
    audit.record({ action: 'publicity.decide_objection', subjectType: 'publicity_objection', subjectId: objectionId, regionCode: p.regionCode, projectId: p.id, before: { status: 'pending' }, after: { status, review: input.review } });
    return { id: objectionId, status };
  });
}

/**
 * The project's publicities: anyone reads when each runs; the objections are read by those running
 * and overseeing the project, and each objector reads its own.
 */
export async function projectPublicities(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const p = await findProjectRow(db, projectId);
  if (!p) throw notFound(bilingual('采购项目', 'Project'));
  const rows = await db.select().from(publicity).where(eq(publicity.projectId, projectId)).orderBy(asc(publicity.startsAt));
  const today = shanghaiDate(ctx.platform.clock.now());
  return Promise.all(rows.map((r) => publicityView(db, ctx.actor, p, r, today)));
}

/**
 * A publicity as the caller may read it. Those running or overseeing the project read every objection
 * and who filed it (they review it and report it, SS-04); an objector reads its own; others none.
 * Objections to works candidates are the complaints module's, not listed here.
 */
async function publicityView(db: Db, actor: Actor | null, p: ProjectRow, r: PublicityRow, today: LocalDate) {
  const single = r.kind === 'singleSource';
  const all = single ? await db.select().from(publicityObjection).where(eq(publicityObjection.publicityId, r.id)).orderBy(asc(publicityObjection.filedAt)) : [];
  const seesAll = managesProject(actor, p) || supervisesProject(actor, p);
  const visible = all.filter((o) => seesAll || o.filedBy === actor?.personId);
  const [entities, persons] = [await entityNames(db, [...(single && p.singleSourceSupplierEntityId ? [p.singleSourceSupplierEntityId] : []), ...(seesAll ? visible.map((o) => o.filedForEntityId) : [])]), seesAll ? await personNames(db, visible.map((o) => o.filedBy)) : new Map<string, string>()];
  const running = publicityRunning(r.endsOn, today);
  // WK-19: the objections to this lot's candidates, counted for those who answer and oversee them (the cases hold them).
  const candidateObjections = !single && seesAll && r.lotId ? Number((await db.select({ n: count() }).from(challenge).where(and(eq(challenge.projectId, p.id), eq(challenge.subject, 'candidates'), or(eq(challenge.lotId, r.lotId), isNull(challenge.lotId)))))[0]?.n ?? 0) : null;
  return {
    id: r.id,
    kind: r.kind,
    lotId: r.lotId,
    noticeId: r.noticeId,
    supplierName: single && p.singleSourceSupplierEntityId ? (entities.get(p.singleSourceSupplierEntityId) ?? null) : null,
    startsAt: r.startsAt.toISOString(),
    endsOn: r.endsOn,
    running,
    reviewBy: single ? (await loadCalendar(db)).addWorkingDays(r.endsOn, OBJECTION_REVIEW_WORKING_DAYS) : null,
    objectionCount: single && seesAll ? all.length : candidateObjections,
    /** SS-03: the caller may object now (signed in, not running the project, while it runs); WK-13: a supplier, to this lot's candidates (QW-01 checks it bid). */
    mayObject: running && actor !== null && !managesProject(actor, p) && (single || actor.roles.includes('supplier')),
    objections: visible.map((o) => ({
      id: o.id,
      text: o.text,
      filedAt: o.filedAt.toISOString(),
      filedBy: seesAll ? { person: persons.get(o.filedBy) ?? null, organisation: entities.get(o.filedForEntityId) ?? null } : null,
      mine: o.filedBy === actor?.personId,
      status: o.status,
      review: o.review,
      decidedAt: o.decidedAt?.toISOString() ?? null,
    })),
  };
}

/**
 * Before a single-source project's invitation is published, in the publishing transaction: the sole
 * supplier's publicity from the open-tender threshold must have run its course, and a publicity
 * published anyway binds too (DS-01, SS-04). The publicity stays locked to the commit, so an
 * objection filed in its last second is either seen here or refused as late.
 */
export async function singleSourceClearance(tx: Db, p: ProjectRow, today: LocalDate): Promise<void> {
  if (p.method !== 'singleSource') return;
  const pub = await singleSourcePublicityOf(tx, p.id, true);
  const steps = stepsOf(methodDefinition(p.method, p.category), { budgetFen: await projectBudgetFen(tx, p.id), openTenderThresholdFen: await openTenderThresholdFen(tx, p.regionCode, p.category), prequalification: p.prequalification, singleSourceGround: p.singleSourceGround });
  if (!pub && !steps.some((s) => s.id === 'singleSourcePublicity')) return;
  const objections = pub ? await tx.select({ status: publicityObjection.status }).from(publicityObjection).where(eq(publicityObjection.publicityId, pub.id)) : [];
  const refusal = singleSourceMayProceed(pub ? { endsOn: pub.endsOn, objections } : null, today);
  if (refusal) throw new DomainError(refusal.code, refusal.messages, 409, {}, refusal.ruleId);
}

/** SS-06: a single-source project deals with its one supplier only: no one else obtains its documents, asks, or responds. */
export async function refuseUnlessInvited(p: ProjectRow, supplierEntityId: string) {
  if (p.method === 'singleSource' && p.singleSourceSupplierEntityId !== supplierEntityId)
    throw new DomainError('NOT_INVITED', bilingual('单一来源采购仅与确定的唯一供应商进行', 'A single-source procurement deals with its one supplier only'), 409, {}, 'SS-06');
}

/**
 * WK-13: under the Bidding Law the candidates of a lot are publicised, for at least 3 days, as soon as
 * the report reaches the tenderer (in the same step).
 */
export async function publiciseCandidates(tx: Db, ctx: Context, audit: AuditRecorder, p: ProjectRow, l: typeof lot.$inferSelect, candidates: { rank: number; name: string; priceFen: number; total: number | null; deliveryPeriod: string | null }[], bidderEntityIds: string[]) {
  const now = ctx.platform.clock.now();
  const calendar = await loadCalendar(tx);
  const endsOn = earliestPublicityEnd('candidates', now, calendar);
  const contacts = await noticeContacts(tx, p);
  const departmentId = await handlingDepartment(tx, 'tendering', p.regionCode);
  const department = departmentId ? (await entitySummaries(tx, [departmentId])).get(departmentId) : undefined;
  const noticeRow = await insertNotice(tx, ctx, audit, {
    noticeType: 'candidates',
    projectId: p.id,
    planId: p.planId,
    regionCode: p.regionCode,
    fields: {
      projectNumber: p.projectNumber,
      projectTitle: p.title,
      lotNo: l.lotNo,
      lotTitle: l.title,
      candidates,
      publicityFrom: now.toISOString(),
      publicityUntil: endOfShanghaiDay(endsOn).toISOString(),
      objectionChannel: `投标人或者其他利害关系人对中标候选人有异议的，应当在公示期内通过一网交易平台（项目页面“提出异议”）向招标人提出；招标人自收到异议之日起3日内作出答复，作出答复前暂停招标投标活动。`,
      supervisor: { name: department?.name ?? '有关行政监督部门', contact: `${department?.contactName ?? ''} ${department?.contactPhone ?? ''}`.trim() },
      purchaser: contacts.purchaser,
      agency: contacts.agency,
    },
  });
  const row = { id: randomUUID(), kind: 'candidates' as const, projectId: p.id, lotId: l.id, regionCode: p.regionCode, noticeId: noticeRow.id, startsAt: now, endsOn, publishedBy: ctx.actor!.personId };
  await tx.insert(publicity).values(row);
  await notify(
    tx,
    now,
    bidderEntityIds.map((entityId) => ({
      to: { entityId, role: 'supplier' },
      title: bilingual(`${p.projectNumber} 中标候选人公示`, `${p.projectNumber}: the candidates are publicised`),
      body: bilingual(`第${l.lotNo}标段的中标候选人公示至${endsOn}，对其有异议的请在公示期内提出。`, `Lot ${l.lotNo}'s candidates are publicised until ${endsOn}; object during it if you disagree.`),
      link: `/notices/${noticeRow.id}`,
      subject: { type: 'lot', id: l.id },
    })),
  );
  audit.record({ action: 'publicity.publish', subjectType: 'lot', subjectId: l.id, regionCode: p.regionCode, projectId: p.id, after: { kind: 'candidates', noticeId: noticeRow.id, endsOn } });
  return row;
}

/**
 * WK-19: the objections to a lot's candidates still awaiting their answer; one filed without a lot
 * (before objections named theirs) holds every lot.
 */
const pendingCandidateObjections = (projectId: string, lotId: string) =>
  and(eq(challenge.projectId, projectId), eq(challenge.subject, 'candidates'), eq(challenge.status, 'filed'), or(eq(challenge.lotId, lotId), isNull(challenge.lotId)));

/** WK-13, WK-19: refuses to name the winner while the candidates' publicity runs or an objection to them awaits its answer. */
export async function refuseUntilCandidatesCleared(db: Db, p: ProjectRow, lotId: string, today: LocalDate) {
  if (methodDefinition(p.method, p.category).regime !== 'tendering') return;
  const [pub] = await db.select().from(publicity).where(and(eq(publicity.lotId, lotId), eq(publicity.kind, 'candidates')));
  const [{ n }] = (await db.select({ n: count() }).from(challenge).where(pendingCandidateObjections(p.id, lotId))) as [{ n: number }];
  const refusal = candidatesMayBeAwarded(pub ?? null, Number(n), today);
  if (refusal) throw new DomainError(refusal.code, refusal.messages, 409, {}, refusal.ruleId);
}


/** The publicity a notice opened (the notice page offers objections from it). */
export async function publicityOfNotice(ctx: Context, noticeId: string) {
  const db = ctx.platform.database.db;
  const [r] = await db.select().from(publicity).where(eq(publicity.noticeId, noticeId));
  if (!r) return null;
  return publicityView(db, ctx.actor, (await findProjectRow(db, r.projectId))!, r, shanghaiDate(ctx.platform.clock.now()));
}

