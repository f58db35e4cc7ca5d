import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { entitySummaries, inRegion, provinceOf } from '../../identity';
import { entity } from '../../identity/identity.schema';
import type { Actor, Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { hiddenRow } from '../../platform/deny';
import { DomainError, bilingual, conflict } from '../../platform/errors';
import { notify } from '../../platform/notifications/notifications';
import type { SubjectGuard } from '../../platform/http/subjects';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import { supplierDesk } from '../project/project.access';
import { applicationProblem, mallCategory, type MallProblem } from './mall.rules';
import { mallApplication, mallSupplier } from './mall.schema';
import { applicationTransition, type ApplicationStatus } from './mall.states';

/**
 * 入驻审核 (MALL-08): suppliers apply to join the mall with the 品目 they mean to sell; the operator of
 * their province sees the applications (name, credit code, 品目) and admits or refuses each with a reason;
 * the supplier sees where its application stands. The operator may also admit a supplier directly
 * (POST /api/mall/suppliers, mall.ts), which settles a pending application too.
 */

const problemError = (p: MallProblem, status: number) => new DomainError(p.code, p.messages, status, { field: p.field }, p.ruleId);

export const applicationInput = z
  .object({
    categories: z
      .array(z.string().refine((c) => Boolean(mallCategory(c)), { message: 'Unknown 品目 code' }))
      .min(1)
      .max(20)
      .describe('The 品目 codes (GET /api/mall/categories) the supplier means to sell'),
    statement: z.string().trim().min(2).max(2000).describe('What the supplier says of itself: its business, supply and delivery capacity (供货能力、配送范围)'),
  })
  .meta({ id: 'MallApplicationInput' });

export const applicationDecisionInput = z
  .object({ decision: z.enum(['admit', 'refuse']), reason: z.string().trim().min(2).max(2000).describe('Why it is admitted or refused (told to the supplier)') })
  .meta({ id: 'MallApplicationDecision' });

type ApplicationRow = typeof mallApplication.$inferSelect;

async function admittedRow(db: Db, entityId: string) {
  return (await db.select().from(mallSupplier).where(eq(mallSupplier.entityId, entityId)))[0];
}

async function pendingOf(db: Db, entityId: string) {
  return (await db.select().from(mallApplication).where(and(eq(mallApplication.entityId, entityId), eq(mallApplication.status, 'pending'))))[0];
}

/** MALL-08: a supplier applies; the operators of its province are told. Not while admitted, nor twice at once. */
export async function applyToMall(ctx: Context, input: z.infer<typeof applicationInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const actor = ctx.actor!;
    // One application at a time per supplier, also under concurrent requests.
    const [e] = await tx.select().from(entity).where(eq(entity.id, actor.entityId)).for('update');
    if (!e || e.entityType !== 'supplier' || e.status !== 'active')
      throw new DomainError('NOT_A_SUPPLIER', bilingual('只有正常状态的供应商可以申请入驻电子卖场', 'Only an active supplier may apply to the mall'), 422, { field: 'supplier' }, 'MALL-08');
    const p = applicationProblem({ admitted: Boolean(await admittedRow(tx, e.id)), pending: Boolean(await pendingOf(tx, e.id)) });
    if (p) throw problemError(p, 409);
    const now = ctx.platform.clock.now();
    const row: ApplicationRow = { id: randomUUID(), entityId: e.id, regionCode: e.regionCode, categories: [...new Set(input.categories)], statement: input.statement, status: 'pending', reason: null, appliedAt: now, appliedBy: actor.personId, decidedAt: null, decidedBy: null };
    await tx.insert(mallApplication).values(row);
    audit.record({ action: 'mall.apply', subjectType: 'mall_application', subjectId: row.id, regionCode: e.regionCode, after: { entityId: e.id, name: e.name, categories: row.categories, statement: row.statement } });
    return applicationView(row, { name: e.name, creditCode: e.creditCode });
  });
}

/** The operator decides (admit → the supplier joins the mall; refuse → told why); the supplier is told either way. */
export async function decideApplication(ctx: Context, applicationId: string, input: z.infer<typeof applicationDecisionInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const [x] = await tx.select().from(mallApplication).where(eq(mallApplication.id, applicationId)).for('update');
    if (!x || !decidesIn(ctx.actor, x.regionCode)) throw hiddenRow('mall_application', applicationId, bilingual('入驻申请', 'Application'));
    if (x.status !== 'pending') throw conflict('ALREADY_DECIDED', bilingual('该申请已审核', 'The application is decided already'));
    const status = applicationTransition(input.decision, x.status);
    const [e] = await tx.select().from(entity).where(eq(entity.id, x.entityId));
    if (status === 'admitted' && e?.status !== 'active')
      throw new DomainError('NOT_A_SUPPLIER', bilingual('该供应商当前不是正常状态，不能准入', 'The supplier is not active and cannot be admitted'), 409, {}, 'MALL-01');
    await settle(tx, ctx, audit, x, status, input.reason);
    if (status === 'admitted') await admit(tx, ctx, audit, { id: x.entityId, name: e!.name, regionCode: x.regionCode });
    return applicationView({ ...x, status, reason: input.reason, decidedAt: ctx.platform.clock.now(), decidedBy: ctx.actor!.personId }, { name: e?.name ?? '', creditCode: e?.creditCode ?? '' });
  });
}

/** Records a decision on an application and tells the supplier. */
export async function settle(tx: Db, ctx: Context, audit: AuditRecorder, x: ApplicationRow, status: ApplicationStatus, reason: string) {
  const now = ctx.platform.clock.now();
  await tx.update(mallApplication).set({ status, reason, decidedAt: now, decidedBy: ctx.actor!.personId }).where(eq(mallApplication.id, x.id));
  await notify(tx, now, [
    {
      to: supplierDesk(x.entityId),
      title: status === 'admitted' ? bilingual('电子卖场入驻申请已通过', 'Your application to the mall is admitted') : bilingual('电子卖场入驻申请未通过', 'Your application to the mall is refused'),
      body: bilingual(`审核意见：${reason}`, `Reason: ${reason}`),
      link: '/workspace/mall',
      subject: { type: 'mall_application', id: x.id },
    },
  ]);
  audit.record({
    action: status === 'admitted' ? 'mall.application_admit' : 'mall.application_refuse',
    subjectType: 'mall_application',
    subjectId: x.id,
    regionCode: x.regionCode,
    before: { status: x.status },
    after: { status, reason, entityId: x.entityId, categories: x.categories },
  });
}

/** MALL-01: the supplier joins the mall. */
export async function admit(tx: Db, ctx: Context, audit: AuditRecorder, e: { id: string; name: string; regionCode: string }) {
  const row = { entityId: e.id, regionCode: e.regionCode, admittedAt: ctx.platform.clock.now(), admittedBy: ctx.actor!.personId };
  await tx.insert(mallSupplier).values(row);
  audit.record({ action: 'mall.supplier_admit', subjectType: 'entity', subjectId: e.id, regionCode: e.regionCode, after: { name: e.name } });
  return row;
}

/** The operator of the supplier's province decides on its application (an operator of another province does not learn it exists). */
const decidesIn = (actor: Actor | null, regionCode: string) => Boolean(actor?.roles.includes('operator') && provinceOf(actor.regionCode) === provinceOf(regionCode));

export const applicationGuard: SubjectGuard<{ regionCode: string }> = {
  name: bilingual('入驻申请', 'Application'),
  async load(db, id) {
    const [x] = await db.select({ regionCode: mallApplication.regionCode }).from(mallApplication).where(eq(mallApplication.id, id));
    return x ?? null;
  },
  decide: (actor, _action, f) => (decidesIn(actor, f.regionCode) ? 'allowed' : 'hidden'),
};

function applicationView(x: ApplicationRow, e: { name: string; creditCode: string }) {
  return {
    id: x.id,
    entityId: x.entityId,
    entityName: e.name,
    creditCode: e.creditCode,
    categories: x.categories,
    statement: x.statement,
    status: x.status,
    reason: x.reason,
    appliedAt: x.appliedAt.toISOString(),
    decidedAt: x.decidedAt?.toISOString() ?? null,
  };
}

async function applicationViews(db: Db, rows: ApplicationRow[]) {
  const entities = await entitySummaries(db, rows.map((r) => r.entityId));
  return rows.map((r) => applicationView(r, { name: entities.get(r.entityId)?.name ?? '', creditCode: entities.get(r.entityId)?.creditCode ?? '' }));
}

export const applicationQuery = z.object({ status: z.enum(['pending', 'admitted', 'refused']).optional() });

/** The applications of the operator's province, pending first, newest first. */
export async function listApplications(ctx: Context, q: z.infer<typeof applicationQuery>) {
  const db = ctx.platform.database.db;
  const rows = await db
    .select()
    .from(mallApplication)
    .where(and(inRegion(mallApplication.regionCode, provinceOf(ctx.actor!.regionCode)), q.status ? eq(mallApplication.status, q.status) : undefined))
    .orderBy(desc(eq(mallApplication.status, 'pending')), desc(mallApplication.appliedAt))
    .limit(500);
  return { items: await applicationViews(db, rows) };
}

/** Where the supplier stands: admitted (since when), and its applications, newest first. */
export async function myAdmission(ctx: Context) {
  const db = ctx.platform.database.db;
  const entityId = ctx.actor!.entityId;
  const admitted = await admittedRow(db, entityId);
  const rows = await db.select().from(mallApplication).where(eq(mallApplication.entityId, entityId)).orderBy(desc(mallApplication.appliedAt)).limit(20);
  return {
    admitted: Boolean(admitted),
    admittedAt: admitted?.admittedAt.toISOString() ?? null,
    applications: await applicationViews(db, rows),
    mayApply: applicationProblem({ admitted: Boolean(admitted), pending: rows.some((r) => r.status === 'pending') }) === null,
  };
}
