import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { inRegion, provinceOf } from '../../identity';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { inTransaction } from '../../platform/unit-of-work';
import { assetReallocation, warehouseAsset } from '../trading.schema';

/**
 * 公物仓 (seed 004): idle public assets. Before a purchaser plans to buy assets of a
 * category, the platform looks here for idle ones in its region (`findIdleAssets`).
 */
export const assetInput = z.object({
  assetCategory: z.string().trim().min(1).max(50).describe('Asset category code, e.g. A02010104 (desktop computers)'),
  name: z.string().trim().min(1).max(200),
  specification: z.string().trim().max(500).nullish(),
  quantity: z.int().positive().max(100_000),
  condition: z.string().trim().min(1).max(100),
});

export type AssetRow = typeof warehouseAsset.$inferSelect;

/** The warehouse is the province's (municipality's): a district's purchasers see all of it. */
const inWarehouseOf = (regionCode: string) => inRegion(warehouseAsset.regionCode, provinceOf(regionCode));

export const assetView = (a: AssetRow) => ({
  id: a.id,
  regionCode: a.regionCode,
  assetCategory: a.assetCategory,
  name: a.name,
  specification: a.specification,
  quantity: a.quantity,
  condition: a.condition,
  status: a.status,
  addedAt: a.addedAt.toISOString(),
  revision: a.revision,
});

export async function findIdleAssets(db: Db, regionCode: string, assetCategory: string): Promise<AssetRow[]> {
  return db
    .select()
    .from(warehouseAsset)
    .where(and(eq(warehouseAsset.status, 'inStock'), eq(warehouseAsset.assetCategory, assetCategory), inWarehouseOf(regionCode)));
}

export async function listAssets(db: Db, regionCode: string) {
  const rows = await db
    .select()
    .from(warehouseAsset)
    .where(inWarehouseOf(regionCode))
    .orderBy(desc(warehouseAsset.addedAt));
  return rows.map(assetView);
}

export async function listReallocations(db: Db, regionCode: string) {
  return db
    .select({ reallocation: assetReallocation, asset: warehouseAsset })
    .from(assetReallocation)
    .innerJoin(warehouseAsset, eq(assetReallocation.assetId, warehouseAsset.id))
    .where(inWarehouseOf(regionCode))
    .orderBy(desc(assetReallocation.reallocatedAt));
}

/** The warehouse's keeper (operator or finance supervisor) records an idle asset. */
export async function addAsset(ctx: Context, input: z.infer<typeof assetInput>) {
  const actor = ctx.actor!;
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(warehouseAsset)
      .values({ id: randomUUID(), regionCode: actor.regionCode, holderEntityId: actor.entityId, ...input, specification: input.specification ?? null, status: 'inStock', addedAt: ctx.platform.clock.now() })
      .returning();
    audit.record({ action: 'warehouse.asset_add', subjectType: 'warehouseAsset', subjectId: row!.id, regionCode: actor.regionCode, after: assetView(row!) });
    return assetView(row!);
  });
}

/** Hands an asset over to a purchaser (in the caller's transaction). */
export async function reallocateAsset(tx: Db, ctx: Context, asset: AssetRow, toEntityId: string, planId: string | null) {
  await tx.update(warehouseAsset).set({ status: 'reallocated', revision: asset.revision + 1 }).where(eq(warehouseAsset.id, asset.id));
  await tx.insert(assetReallocation).values({ id: randomUUID(), assetId: asset.id, toEntityId, planId, quantity: asset.quantity, reallocatedAt: ctx.platform.clock.now(), reallocatedBy: ctx.actor?.personId ?? null });
}
