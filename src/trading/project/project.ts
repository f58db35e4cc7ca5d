import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, ne, or, sql, sum } from 'drizzle-orm';
import { z } from 'zod';
import { entitySummaries, inRegion, oversees } from '../../identity';
import { shanghaiDate } from '../../platform/calendar/calendar';
import type { Actor, Context } from '../../platform/context';
import { hiddenRow } from '../../platform/deny';
import type { Db } from '../../platform/database/database';
import { DomainError, bilingual, notFound } from '../../platform/errors';
import { MAX_FEN, formatYuan } from '../../platform/money';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import { newProjectIdentifiers } from '../codes';
import { EVALUATION_METHODS, METHODS, SINGLE_SOURCE_GROUNDS, TWO_SUPPLIER_EXCEPTIONS, categoryRefusal, methodDefinition } from '../methods/methods';
import { findPlan } from '../plan/plan';
import { prequalification } from '../prequalification/prequalification.schema';
import { lot, project, type LotStatus, type ProjectStatus } from '../trading.schema';
import { lotProblems, SME_MEASURES } from './lot.rules';
import { managesProject, readsProject } from './project.access';
import { lotTransition, projectTransitionBetween, statusFollowingLots, type LotTransition } from './project.states';

export type ProjectRow = typeof project.$inferSelect;
export type LotRow = typeof lot.$inferSelect;

export const lotInput = z.object({
  title: z.string().trim().min(1).max(200),
  budgetFen: z.int().positive().max(MAX_FEN),
  maxPriceFen: z.int().positive().max(MAX_FEN).nullish(),
  depositFen: z.int().min(0).max(MAX_FEN),
  evaluationMethod: z.enum(EVALUATION_METHODS),
  criteria: z.array(z.object({ name: z.string().trim().min(1).max(100), weight: z.int().min(0).max(100), isPrice: z.boolean() })).max(30).default([]),
  sme: z.object({
    measure: z.enum(SME_MEASURES),
    deductionBp: z.int().min(0).max(10_000).nullish(),
    consortiumDeductionBp: z.int().min(0).max(10_000).nullish(),
    notSuitableReason: z.string().trim().max(1000).nullish(),
  }),
});

export const projectInput = z
  .object({
    planId: z.uuid(),
    title: z.string().trim().min(2).max(200),
    description: z.string().trim().min(2).max(4000),
    method: z.enum(METHODS),
    methodJustification: z.string().trim().max(4000).nullish(),
    singleSourceSupplierEntityId: z.uuid().nullish().describe('单一来源: the one supplier (an active registered supplier); required for singleSource, refused otherwise'),
    singleSourceGround: z
      .enum(SINGLE_SOURCE_GROUNDS)
      .nullish()
      .describe('单一来源: 政府采购法 第三十一条 — soleSupplier (一, publicised from the open-tender threshold, DS-01), emergency (二), consistency (三, additions within 10 %, GP-80)'),
    twoSupplierException: z
      .enum(TWO_SUPPLIER_EXCEPTIONS)
      .nullish()
      .describe('CS-06: a consultation for research with insufficient competition (research) or a government purchase of services (governmentServices) may go on with two suppliers; say why in methodJustification'),
    prequalification: z.boolean().default(false).describe('资格预审: works tendered under the Bidding Law only (PQ-01); false: 资格后审 after the opening (PQ-03)'),
    agencyEntityId: z.uuid().nullish().describe('The procurement agency entrusted to run the project'),
    contactName: z.string().trim().min(1).max(50),
    contactPhone: z.string().trim().min(5).max(30),
    lots: z.array(lotInput).min(1).max(50),
  })
  .meta({ id: 'ProjectCreation' });

function ruleError(problems: { ruleId: string; field: string; messages: { 'zh-CN': string; 'en-US': string } }[]) {
  const first = problems[0]!;
  return new DomainError('RULE_VIOLATION', first.messages, 422, { field: first.field, problems }, first.ruleId);
}

/**
 * The purchaser turns a ready plan into a project with lots, optionally entrusting an agency. A plan
 * may be procured as several projects, each drawing its lots' budgets on what is left of it.
 */
export async function createProject(ctx: Context, input: z.infer<typeof projectInput>) {
  const actor = ctx.actor!;
  const db = ctx.platform.database.db;
  const now = ctx.platform.clock.now();
  const today = shanghaiDate(now);
  const planRow = await findPlan(db, input.planId);
  if (!planRow || planRow.purchaserEntityId !== actor.entityId) throw notFound(bilingual('采购计划', 'Plan'));
  if (planRow.status !== 'ready')
    throw new DomainError('PLAN_NOT_READY', bilingual('采购计划尚未完成公物仓核查，不能立项', 'The plan’s public asset warehouse check is not finished'), 409, { field: 'planId' });
  const definition = methodDefinition(input.method, planRow.category);
  const refusal = categoryRefusal(definition, planRow.category);
  if (refusal) throw new DomainError('METHOD_NOT_FOR_CATEGORY', refusal.messages, 422, { field: 'method' }, refusal.ruleId);
  if (input.prequalification && definition.regime !== 'tendering')
    throw new DomainError(
      'PREQUALIFICATION_NOT_APPLICABLE',
      bilingual('资格预审仅适用于依招标投标法招标的工程项目', 'Prequalification is for works tendered under the Bidding Law only'),
      422,
      { field: 'prequalification' },
      'PQ-01',
    );
  const rules = definition.rules;
  const single = input.method === 'singleSource';
  if (single !== Boolean(input.singleSourceSupplierEntityId) || single !== Boolean(input.singleSourceGround))
    throw new DomainError(
      'SINGLE_SOURCE_PARTICULARS',
      single ? bilingual('单一来源采购须确定唯一供应商并说明适用情形（政府采购法第三十一条）', 'A single-source project names its one supplier and its ground (Government Procurement Law art. 31)') : bilingual('仅单一来源采购确定唯一供应商', 'Only a single-source project names one supplier'),
      422,
      { field: single && !input.singleSourceSupplierEntityId ? 'singleSourceSupplierEntityId' : 'singleSourceGround' },
      'SS-06',
    );
  if (single) {
    const supplier = (await entitySummaries(db, [input.singleSourceSupplierEntityId!])).get(input.singleSourceSupplierEntityId!);
    if (supplier?.entityType !== 'supplier' || supplier.status !== 'active')
      throw new DomainError('NOT_A_SUPPLIER', bilingual('唯一供应商须为平台已注册的有效供应商', 'The one supplier must be an active registered supplier'), 422, { field: 'singleSourceSupplierEntityId' }, 'SS-06');
  }
  if (input.twoSupplierException) {
    // 124号 covers purchases of services only.
    if (!rules.twoSupplierExceptions?.allowed.includes(input.twoSupplierException) || (input.twoSupplierException === 'governmentServices' && planRow.category !== 'services'))
      throw new DomainError('EXCEPTION_NOT_ALLOWED', bilingual('仅竞争性磋商的特定项目可以两家供应商继续采购', 'Only particular consultation projects may go on with two suppliers'), 422, { field: 'twoSupplierException' }, 'CS-06');
    if (!input.methodJustification?.trim())
      throw new DomainError('METHOD_JUSTIFICATION_REQUIRED', bilingual('请说明本项目适用两家供应商例外情形的理由', 'Say why the project may go on with two suppliers'), 422, { field: 'methodJustification' }, 'CS-06');
  }
  if (rules.needsJustification && !input.methodJustification)
    throw new DomainError('METHOD_JUSTIFICATION_REQUIRED', bilingual('采用该采购方式须说明理由', 'This procurement method needs a recorded justification'), 422, { field: 'methodJustification' });
  const problems = input.lots.flatMap((l, i) =>
    lotProblems(input.method, planRow.category, { ...l, maxPriceFen: l.maxPriceFen ?? null, sme: { measure: l.sme.measure, deductionBp: l.sme.deductionBp ?? null, consortiumDeductionBp: l.sme.consortiumDeductionBp ?? null, notSuitableReason: l.sme.notSuitableReason ?? null } }, today).map(
      (p) => ({ ...p, field: `lots.${i}.${p.field}` }),
    ),
  );
  if (problems.length) throw ruleError(problems);
  if (input.agencyEntityId) {
    const agency = (await entitySummaries(db, [input.agencyEntityId])).get(input.agencyEntityId);
    if (!agency || agency.entityType !== 'agency' || agency.status !== 'active')
      throw new DomainError('AGENCY_INVALID', bilingual('所委托的采购代理机构不存在或未通过审核', 'The agency does not exist or is not active'), 422, { field: 'agencyEntityId' });
  }
  return inTransaction(ctx, async (tx, audit) => {
    await drawOnPlan(tx, planRow.id, input.lots.reduce((s, l) => s + l.budgetFen, 0));
    const ids = await newProjectIdentifiers(tx, { regionCode: planRow.regionCode, method: input.method, localDate: today, operatorCreditCode: ctx.platform.config.operator.creditCode, ocidPrefix: ctx.platform.config.ocidPrefix });
    const id = randomUUID();
    const [row] = await tx
      .insert(project)
      .values({
        id,
        ...ids,
        originPlatform: 'P01',
        regionCode: planRow.regionCode,
        purchaserEntityId: actor.entityId,
        agencyEntityId: input.agencyEntityId ?? null,
        planId: planRow.id,
        title: input.title,
        category: planRow.category,
        method: input.method,
        methodJustification: input.methodJustification ?? null,
        singleSourceSupplierEntityId: input.singleSourceSupplierEntityId ?? null,
        singleSourceGround: input.singleSourceGround ?? null,
        twoSupplierException: input.twoSupplierException ?? null,
        prequalification: input.prequalification,
        description: input.description,
        status: 'draft',
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        createdAt: now,
      })
      .returning();
    const lots = await tx
      .insert(lot)
      .values(
        input.lots.map((l, i) => ({
          id: randomUUID(),
          projectId: id,
          lotNo: i + 1,
          title: l.title,
          budgetFen: l.budgetFen,
          maxPriceFen: l.maxPriceFen ?? null,
          depositFen: l.depositFen,
          evaluationMethod: l.evaluationMethod,
          criteria: l.criteria,
          sme: { measure: l.sme.measure, deductionBp: l.sme.deductionBp ?? null, consortiumDeductionBp: l.sme.consortiumDeductionBp ?? null, notSuitableReason: l.sme.notSuitableReason ?? null },
          status: 'open' as const,
        })),
      )
      .returning();
    const view = projectView(row!, lots);
    audit.record({ action: 'project.create', subjectType: 'project', subjectId: id, regionCode: row!.regionCode, after: view });
    return view;
  });
}

/**
 * What is left of a plan: its amount less the budgets of the lots drawn on it, except lots that
 * failed (they are procured again) and projects that were cancelled.
 */
async function planRemainingFen(db: Db, planRow: { id: string; amountFen: number }): Promise<number> {
  const [row] = await db
    .select({ total: sum(lot.budgetFen) })
    .from(lot)
    .innerJoin(project, eq(project.id, lot.projectId))
    .where(and(eq(project.planId, planRow.id), ne(project.status, 'cancelled'), ne(lot.status, 'failed')));
  return planRow.amountFen - Number(row?.total ?? 0);
}

/**
 * Locks the plan and checks that the new project's lots fit in what is left of it (TR-04). The
 * row lock makes two projects drawn on the same plan at the same moment wait for each other.
 */
async function drawOnPlan(tx: Db, planId: string, amountFen: number) {
  const planRow = (await findPlan(tx, planId, true))!;
  const remaining = await planRemainingFen(tx, planRow);
  if (amountFen > remaining)
    throw new DomainError(
      'LOTS_EXCEED_PLAN',
      bilingual(`各标项预算之和超过采购计划余额（余额${formatYuan(remaining)}元）`, `The lots’ budgets exceed what is left of the plan (${formatYuan(remaining)} yuan left)`),
      422,
      { field: 'lots', remainingFen: remaining },
      'TR-04',
    );
}

export function lotView(l: LotRow) {
  return {
    id: l.id,
    lotNo: l.lotNo,
    title: l.title,
    budgetFen: l.budgetFen,
    maxPriceFen: l.maxPriceFen,
    depositFen: l.depositFen,
    evaluationMethod: l.evaluationMethod,
    criteria: l.criteria,
    sme: l.sme,
    status: l.status,
    failureRuleId: l.failureRuleId,
    failureReason: l.failureReason,
  };
}

export function projectView(p: ProjectRow, lots: LotRow[]) {
  return {
    id: p.id,
    projectNumber: p.projectNumber,
    transactionCode: p.transactionCode,
    ocid: p.ocid,
    originPlatform: p.originPlatform,
    regionCode: p.regionCode,
    purchaserEntityId: p.purchaserEntityId,
    agencyEntityId: p.agencyEntityId,
    planId: p.planId,
    title: p.title,
    description: p.description,
    category: p.category,
    method: p.method,
    methodJustification: p.methodJustification,
    singleSourceSupplierEntityId: p.singleSourceSupplierEntityId,
    singleSourceGround: p.singleSourceGround,
    twoSupplierException: p.twoSupplierException,
    prequalification: p.prequalification,
    status: p.status,
    documentsFrom: p.documentsFrom?.toISOString() ?? null,
    documentsUntil: p.documentsUntil?.toISOString() ?? null,
    deadline: p.deadline?.toISOString() ?? null,
    decryptionWindowMinutes: p.decryptionWindowMinutes,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    createdAt: p.createdAt.toISOString(),
    revision: p.revision,
    lots: [...lots].sort((a, b) => a.lotNo - b.lotNo).map(lotView),
  };
}

export async function lotsOf(db: Db, projectId: string): Promise<LotRow[]> {
  return db.select().from(lot).where(eq(lot.projectId, projectId)).orderBy(asc(lot.lotNo));
}

/** Moves a lot on by a named transition of project.states.ts, in the caller's transaction, with its audit entry. */
export async function moveLot(tx: Db, audit: AuditRecorder, regionCode: string, l: LotRow, transition: LotTransition, failure?: { ruleId: string; reason: string }): Promise<LotStatus> {
  const status = lotTransition(transition, l.status);
  await tx
    .update(lot)
    .set({ status, revision: l.revision + 1, ...(failure ? { failureRuleId: failure.ruleId, failureReason: failure.reason } : {}) })
    .where(eq(lot.id, l.id));
  audit.record({ action: `lot.${transition}`, subjectType: 'lot', subjectId: l.id, regionCode, projectId: l.projectId, before: { status: l.status }, after: { status, ...failure } });
  return status;
}

/**
 * Moves the project to where its lots now put it (project.states.ts), in the caller's
 * transaction and with its audit entry. Returns the project's status, changed or not.
 */
export async function followLots(tx: Db, audit: AuditRecorder, projectId: string): Promise<ProjectStatus> {
  // Under the project's row lock, so two lots settled at once are both seen by the second.
  const p = (await findProjectRow(tx, projectId, true))!;
  const to = statusFollowingLots(await lotsOf(tx, p.id));
  if (to === null || to === p.status) return p.status;
  const transition = projectTransitionBetween(p.status, to);
  if (!transition) throw new Error(`project cannot go from ${p.status} to ${to}`);
  await tx.update(project).set({ status: to, revision: p.revision + 1 }).where(eq(project.id, p.id));
  audit.record({ action: `project.${transition}`, subjectType: 'project', subjectId: p.id, regionCode: p.regionCode, before: { status: p.status }, after: { status: to } });
  return to;
}

export async function findProjectRow(db: Db, id: string, forUpdate = false): Promise<ProjectRow | undefined> {
  const q = db.select().from(project).where(eq(project.id, id));
  return (forUpdate ? await q.for('update') : await q)[0];
}

/** Loads a project the actor may read; anything else is answered like a missing one (and recorded). */
export async function loadReadableProject(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<ProjectRow> {
  const row = await findProjectRow(db, id, forUpdate);
  if (!row) throw notFound(bilingual('采购项目', 'Project'));
  const prequalificationPublished = row.status === 'draft' && row.prequalification && Boolean((await db.select({ id: prequalification.id }).from(prequalification).where(eq(prequalification.projectId, id)))[0]);
  if (!readsProject(actor, { ...row, prequalificationPublished })) throw hiddenRow('project', id, bilingual('采购项目', 'Project'));
  return row;
}

export async function loadManagedProject(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<ProjectRow> {
  const row = await loadReadableProject(db, actor, id, forUpdate);
  if (!managesProject(actor, row)) throw hiddenRow('project', id, bilingual('采购项目', 'Project'));
  return row;
}

export async function listProjects(db: Db, actor: Actor | null, q: { scope: 'mine' | 'public' | 'region'; status?: string }) {
  const conditions =
    q.scope === 'mine' && actor
      ? or(eq(project.purchaserEntityId, actor.entityId), eq(project.agencyEntityId, actor.entityId))
      : q.scope === 'region' && actor && oversees(actor.roles)
        ? inRegion(project.regionCode, actor.regionCode)
        : sql`${project.status} <> 'draft'`;
  const rows = await db
    .select()
    .from(project)
    .where(and(conditions, q.status ? eq(project.status, q.status as never) : undefined))
    .orderBy(desc(project.createdAt))
    .limit(200);
  const lots = rows.length ? await db.select().from(lot).where(inArray(lot.projectId, rows.map((r) => r.id))) : [];
  return rows.map((r) => projectView(r, lots.filter((l) => l.projectId === r.id)));
}
