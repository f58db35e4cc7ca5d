import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { entityNames, inRegion, regionCovers } from '../../identity';
import type { Context } from '../../platform/context';
import { deny } from '../../platform/deny';
import type { Db } from '../../platform/database/database';
import { DomainError, bilingual, notFound, staleRevision } from '../../platform/errors';
import { MAX_FEN } from '../../platform/money';
import { inTransaction } from '../../platform/unit-of-work';
import { reserveBudget } from '../budget/budget';
import { CATEGORIES } from '../methods/methods';
import { publishNotice } from '../notice/notices';
import { plan, warehouseAsset, type WarehouseCheck } from '../trading.schema';
import { findIdleAssets, reallocateAsset } from '../warehouse/warehouse';

/**
 * 采购计划 (seed 004): drawn on a budget line, never beyond what is left; a plan to buy
 * assets is held until the idle assets of that category found in the public asset
 * warehouse are taken or set aside with a reason; imported products need the finance
 * supervisor's approval of the justification before the notice can be published.
 */
export const planInput = z.object({
  budgetLineId: z.uuid(),
  title: z.string().trim().min(2).max(200),
  category: z.enum(CATEGORIES),
  amountFen: z.int().positive().max(MAX_FEN),
  assetCategory: z.string().trim().max(50).nullish().describe('When buying assets: the category to look for in the public asset warehouse'),
  quantity: z.int().positive().max(1_000_000).nullish(),
  importProducts: z.boolean().default(false),
  importJustification: z.string().trim().max(4000).nullish(),
});

export type PlanRow = typeof plan.$inferSelect;

export const planView = (p: PlanRow) => ({
  id: p.id,
  budgetLineId: p.budgetLineId,
  title: p.title,
  category: p.category,
  amountFen: p.amountFen,
  assetCategory: p.assetCategory,
  quantity: p.quantity,
  importProducts: p.importProducts,
  importJustification: p.importJustification,
  importStatus: p.importStatus,
  importReviewNote: p.importReviewNote,
  warehouseCheck: p.warehouseCheck,
  status: p.status,
  createdAt: p.createdAt.toISOString(),
  revision: p.revision,
});

export async function findPlan(db: Db, id: string, forUpdate = false): Promise<PlanRow | undefined> {
  const q = db.select().from(plan).where(eq(plan.id, id));
  return (forUpdate ? await q.for('update') : await q)[0];
}

export async function listPlans(db: Db, filter: { purchaserEntityId?: string; regionCode?: string; importStatus?: string }) {
  const rows = await db
    .select()
    .from(plan)
    .where(
      and(
        filter.purchaserEntityId ? eq(plan.purchaserEntityId, filter.purchaserEntityId) : undefined,
        filter.regionCode ? inRegion(plan.regionCode, filter.regionCode) : undefined,
        filter.importStatus ? eq(plan.importStatus, filter.importStatus as never) : undefined,
      ),
    )
    .orderBy(desc(plan.createdAt))
    .limit(200);
  return rows.map(planView);
}

export async function createPlan(ctx: Context, input: z.infer<typeof planInput>) {
  const actor = ctx.actor!;
  if (input.importProducts && !input.importJustification)
    throw new DomainError('IMPORT_JUSTIFICATION_REQUIRED', bilingual('采购进口产品须提交进口产品论证材料', 'Buying imported products needs a justification'), 422, { field: 'importJustification' });
  const now = ctx.platform.clock.now();
  // The warehouse is queried first: the query itself is part of the record.
  const matches = input.assetCategory ? await findIdleAssets(ctx.platform.database.db, actor.regionCode, input.assetCategory) : [];
  return inTransaction(ctx, async (tx, audit) => {
    await reserveBudget(tx, input.budgetLineId, actor.entityId, input.amountFen);
    const warehouseCheck: WarehouseCheck | null = input.assetCategory
      ? { checkedAt: now.toISOString(), matches: matches.map((a) => ({ assetId: a.id, name: a.name, quantity: a.quantity, condition: a.condition })), resolutions: [] }
      : null;
    const [row] = await tx
      .insert(plan)
      .values({
        id: randomUUID(),
        purchaserEntityId: actor.entityId,
        regionCode: actor.regionCode,
        budgetLineId: input.budgetLineId,
        title: input.title,
        category: input.category,
        amountFen: input.amountFen,
        assetCategory: input.assetCategory ?? null,
        quantity: input.quantity ?? null,
        importProducts: input.importProducts,
        importJustification: input.importJustification ?? null,
        importStatus: input.importProducts ? 'pending' : 'notNeeded',
        warehouseCheck,
        status: matches.length ? 'warehouseCheck' : 'ready',
        createdAt: now,
      })
      .returning();
    audit.record({ action: 'plan.create', subjectType: 'plan', subjectId: row!.id, regionCode: actor.regionCode, after: planView(row!) });
    return planView(row!);
  });
}

/** The purchaser takes an idle asset from the warehouse, or records why it does not fit. */
export async function resolveWarehouseMatch(ctx: Context, planId: string, input: { assetId: string; action: 'taken' | 'unsuitable'; reason?: string | null; revision: number }) {
  const actor = ctx.actor!;
  if (input.action === 'unsuitable' && !input.reason?.trim())
    throw new DomainError('REASON_REQUIRED', bilingual('请说明公物仓资产不适用的理由', 'Say why the warehouse asset does not fit'), 422, { field: 'reason' });
  return inTransaction(ctx, async (tx, audit) => {
    const row = await findPlan(tx, planId, true);
    if (!row || row.purchaserEntityId !== actor.entityId) throw notFound(bilingual('采购计划', 'Plan'));
    if (row.revision !== input.revision) throw staleRevision();
    const check = row.warehouseCheck;
    if (row.status !== 'warehouseCheck' || !check?.matches.some((m) => m.assetId === input.assetId))
      throw new DomainError('NOT_A_WAREHOUSE_MATCH', bilingual('该资产不在本计划的公物仓比对结果中', 'That asset is not among this plan’s warehouse matches'), 409);
    if (input.action === 'taken') {
      const [asset] = await tx.select().from(warehouseAsset).where(eq(warehouseAsset.id, input.assetId)).for('update');
      if (!asset || asset.status !== 'inStock') throw new DomainError('ASSET_GONE', bilingual('该资产已被调剂', 'That asset has already been reallocated'), 409);
      await reallocateAsset(tx, ctx, asset, actor.entityId, planId);
    }
    const resolutions = [...check.resolutions.filter((r) => r.assetId !== input.assetId), { assetId: input.assetId, action: input.action, reason: input.reason?.trim() || null }];
    const done = check.matches.every((m) => resolutions.some((r) => r.assetId === m.assetId));
    const [updated] = await tx
      .update(plan)
      .set({ warehouseCheck: { ...check, resolutions }, status: done ? 'ready' : 'warehouseCheck', revision: row.revision + 1 })
      .where(eq(plan.id, planId))
      .returning();
    audit.record({ action: `plan.warehouse_${input.action}`, subjectType: 'plan', subjectId: planId, regionCode: row.regionCode, before: planView(row), after: planView(updated!) });
    return planView(updated!);
  });
}

/** The finance supervisor approves or rejects the import-product justification. */
export async function reviewImport(ctx: Context, planId: string, input: { approve: boolean; note?: string | null; revision: number }) {
  const actor = ctx.actor!;
  return inTransaction(ctx, async (tx, audit) => {
    const row = await findPlan(tx, planId, true);
    if (!row) throw notFound(bilingual('采购计划', 'Plan'));
    if (!regionCovers(actor.regionCode, row.regionCode)) throw deny('plan', planId, 'plan.review_import');
    if (row.revision !== input.revision) throw staleRevision();
    if (row.importStatus !== 'pending') throw new DomainError('IMPORT_NOT_PENDING', bilingual('该计划没有待审核的进口产品论证', 'This plan has no import justification awaiting review'), 409);
    if (!input.approve && !input.note?.trim()) throw new DomainError('REASON_REQUIRED', bilingual('请填写不予批准的理由', 'Give the reason for the refusal'), 422, { field: 'note' });
    const [updated] = await tx
      .update(plan)
      .set({ importStatus: input.approve ? 'approved' : 'rejected', importReviewNote: input.note?.trim() || null, revision: row.revision + 1 })
      .where(eq(plan.id, planId))
      .returning();
    audit.record({ action: input.approve ? 'plan.import_approve' : 'plan.import_reject', subjectType: 'plan', subjectId: planId, regionCode: row.regionCode, before: planView(row), after: planView(updated!) });
    return planView(updated!);
  });
}

export const intentionInput = z.object({
  summary: z.string().trim().min(2).max(2000).describe('采购需求概况: items, quantities, main functions, requirements, policies'),
  expectedMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  smeOnly: z.boolean(),
  remarks: z.string().trim().max(500).nullish(),
});

/** 采购意向公开: published on the portal before the procurement starts (GP-08). */
export async function publishIntention(ctx: Context, planId: string, input: z.infer<typeof intentionInput>) {
  const actor = ctx.actor!;
  const db = ctx.platform.database.db;
  const row = await findPlan(db, planId);
  if (!row || row.purchaserEntityId !== actor.entityId) throw notFound(bilingual('采购计划', 'Plan'));
  return publishNotice(ctx, {
    noticeType: 'intention',
    planId,
    projectId: null,
    regionCode: row.regionCode,
    fields: { purchaserName: (await entityNames(db, [actor.entityId])).get(actor.entityId) ?? '', planTitle: row.title, budgetFen: row.amountFen, ...input, remarks: input.remarks ?? null },
  });
}

