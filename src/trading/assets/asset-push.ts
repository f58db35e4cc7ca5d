import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { entitySummaries, inRegion } from '../../identity';
import type { Context, Platform } from '../../platform/context';
import { systemContext } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { deny, hiddenRow } from '../../platform/deny';
import { DomainError, bilingual, conflict, staleRevision } from '../../platform/errors';
import { formatYuan } from '../../platform/money';
import { enqueueJob, type JobHandler } from '../../platform/jobs/jobs';
import { notify } from '../../platform/notifications/notifications';
import { inTransaction } from '../../platform/unit-of-work';
import type { ContractItem } from '../contract/contract.schema';
import { contract } from '../contract/contract.schema';
import { plan, project } from '../trading.schema';
import { assetPush, type NewAssetRecord } from './asset-push.schema';

export type AssetPushRow = typeof assetPush.$inferSelect;

/** Job kind: produce and push the new-asset records of one completed contract (not an audit action). */
export const ASSET_PUSH_JOB = 'newAssets.push';

/**
 * The asset-management system (资产管理系统) on the other side of the new-asset push (seeds 003,
 * 004: 预算-采购-支付-资产). An adapter for a real system would send the records in `push` (the
 * job retries on failure) and, when that system answers with its asset card numbers, call
 * `acknowledgeAssetPush` as the built-in adapter's asset officer does from the UI.
 */
export interface AssetSystemAdapter {
  readonly name: string;
  /** Hands the records over, in the job's transaction; the reference the system gives the batch, if any. */
  push(tx: Db, now: Date, row: AssetPushRow): Promise<{ reference: string | null }>;
}

/**
 * The built-in adapter a newcomer runs: the asset_push table is the outbox the asset system reads,
 * and the purchaser's asset officer records the card numbers it issued (资产卡片号) on the page of
 * pushed assets; the purchaser's desk is told the records are waiting.
 */
export const inPlatformAssetSystem: AssetSystemAdapter = {
  name: 'inPlatform',
  async push(tx, now, row) {
    await notify(tx, now, [
      {
        to: { entityId: row.purchaserEntityId, role: 'purchaser' },
        title: bilingual(`${row.contractNumber} 新增资产已推送`, `${row.contractNumber}: new assets pushed`),
        body: bilingual(
          `合同验收完成，${row.records.length}项新增资产（合计${formatYuan(row.totalFen)}元）已推送资产管理系统，请登记资产卡片号。`,
          `The contract was accepted; ${row.records.length} new asset line(s) (${formatYuan(row.totalFen)} yuan) went to the asset-management system. Please record the asset card numbers.`,
        ),
        link: '/workspace/asset-pushes',
        subject: { type: 'contract', id: row.contractId },
      },
    ]);
    return { reference: null };
  },
};

/** The new-asset records of a contract: one per item line bought, valued at what the contract pays for it. */
export function newAssetRecords(items: readonly ContractItem[], assetCategory: string | null): NewAssetRecord[] {
  return items
    .filter((i) => i.quantity > 0)
    .map((i, n) => ({ lineNo: n + 1, name: i.name, brand: i.brand, model: i.model, assetCategory, quantity: i.quantity, unitPriceFen: i.unitPriceFen, valueFen: i.totalFen }));
}

/** What is wrong with an acknowledgement: each record needs its card number, and only those records. */
export function acknowledgementProblems(records: readonly NewAssetRecord[], cardNumbers: Record<string, string>): { field: string; messages: ReturnType<typeof bilingual> }[] {
  const lines = new Set(records.map((r) => String(r.lineNo)));
  const problems = [];
  for (const r of records)
    if (!cardNumbers[String(r.lineNo)]?.trim())
      problems.push({ field: `cardNumbers.${r.lineNo}`, messages: bilingual(`请填写第${r.lineNo}项（${r.name}）的资产卡片号`, `Enter the asset card number of line ${r.lineNo} (${r.name})`) });
  for (const key of Object.keys(cardNumbers))
    if (!lines.has(key)) problems.push({ field: `cardNumbers.${key}`, messages: bilingual(`推送记录中没有第${key}项`, `The push has no line ${key}`) });
  return problems;
}

/**
 * Called in the transaction that completes a contract: a goods contract traded here queues the
 * push of its new assets. The dedupe key makes it one job per contract however often it is called.
 */
export async function scheduleAssetPush(tx: Db, now: Date, c: { id: string; projectId: string | null }): Promise<void> {
  if (!c.projectId) return; // registered by a sub-platform: its category is not known here (works, so far)
  const [p] = await tx.select({ category: project.category }).from(project).where(eq(project.id, c.projectId));
  if (p?.category !== 'goods') return;
  await enqueueJob(tx, now, { kind: ASSET_PUSH_JOB, payload: { contractId: c.id }, runAt: now, dedupeKey: `asset-push:${c.id}`, maxAttempts: 10 });
}

/** The job: produce the records from the contract's items and hand them to the adapter, once per contract. */
export async function pushNewAssets(platform: Platform, contractId: string, adapter: AssetSystemAdapter) {
  const db = platform.database.db;
  const [done] = await db.select({ id: assetPush.id }).from(assetPush).where(eq(assetPush.contractId, contractId));
  if (done) return { outcome: 'alreadyPushed', pushId: done.id };
  const ctx = systemContext(platform);
  return inTransaction(ctx, async (tx, audit) => {
    const [c] = await tx.select().from(contract).where(eq(contract.id, contractId)).for('update');
    if (!c || c.status !== 'completed') throw new Error(`contract ${contractId} is not completed`);
    const [source] = c.projectId
      ? await tx.select({ assetCategory: plan.assetCategory }).from(project).innerJoin(plan, eq(plan.id, project.planId)).where(eq(project.id, c.projectId))
      : [];
    const records = newAssetRecords(c.items, source?.assetCategory ?? null);
    const now = ctx.platform.clock.now();
    const [row] = await tx
      .insert(assetPush)
      .values({
        id: randomUUID(),
        contractId: c.id,
        contractNumber: c.contractNumber,
        contractTitle: c.title,
        purchaserEntityId: c.purchaserEntityId,
        supplierEntityId: c.supplierEntityId,
        regionCode: c.regionCode,
        records,
        totalFen: records.reduce((s, r) => s + r.valueFen, 0),
        adapter: adapter.name,
        status: 'pushed',
        pushedAt: now,
      })
      .onConflictDoNothing({ target: assetPush.contractId })
      .returning();
    if (!row) {
      audit.record({ action: 'assetPush.skipped', subjectType: 'contract', subjectId: c.id, regionCode: c.regionCode, projectId: c.projectId, detail: { reason: 'alreadyPushed' } });
      return { outcome: 'alreadyPushed', pushId: null };
    }
    const { reference } = await adapter.push(tx, now, row);
    if (reference) await tx.update(assetPush).set({ adapterReference: reference }).where(eq(assetPush.id, row.id));
    audit.record({
      action: 'assetPush.pushed',
      subjectType: 'contract',
      subjectId: c.id,
      regionCode: c.regionCode,
      projectId: c.projectId,
      after: { pushId: row.id, adapter: adapter.name, reference, records, totalFen: row.totalFen },
    });
    return { outcome: 'pushed', pushId: row.id };
  });
}

export function assetPushHandler(platform: Platform, adapter: AssetSystemAdapter = inPlatformAssetSystem): JobHandler {
  return async (payload) => pushNewAssets(platform, String(payload.contractId), adapter);
}

export async function assetPushView(db: Db, rows: AssetPushRow[]) {
  const names = await entitySummaries(db, [...new Set(rows.flatMap((r) => [r.purchaserEntityId, r.supplierEntityId]))]);
  return rows.map((r) => ({
    id: r.id,
    contractId: r.contractId,
    contractNumber: r.contractNumber,
    contractTitle: r.contractTitle,
    purchaserEntityId: r.purchaserEntityId,
    purchaserName: names.get(r.purchaserEntityId)?.name ?? '',
    supplierName: names.get(r.supplierEntityId)?.name ?? '',
    regionCode: r.regionCode,
    records: r.records,
    totalFen: r.totalFen,
    adapter: r.adapter,
    adapterReference: r.adapterReference,
    status: r.status,
    pushedAt: r.pushedAt.toISOString(),
    cardNumbers: r.cardNumbers,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    note: r.note,
    revision: r.revision,
  }));
}

/** What was pushed: a purchaser's own, or (read-only) those of a supervisor's region. */
export async function listAssetPushes(ctx: Context) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const where = actor.actingRole === 'supervisor' ? inRegion(assetPush.regionCode, actor.regionCode) : eq(assetPush.purchaserEntityId, actor.entityId);
  return assetPushView(db, await db.select().from(assetPush).where(where).orderBy(desc(assetPush.pushedAt)));
}

export const acknowledgementInput = z.object({
  revision: z.int().positive(),
  cardNumbers: z.record(z.string().regex(/^\d{1,4}$/), z.string().trim().min(1).max(100)).describe('资产卡片号 by record line number'),
  note: z.string().trim().max(1000).nullish(),
});

/**
 * The asset system acknowledges the push with the card numbers it issued. In the built-in adapter
 * the purchaser's asset officer records them; it is the purchaser's own contract or nothing.
 */
export async function acknowledgeAssetPush(ctx: Context, contractId: string, input: z.infer<typeof acknowledgementInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const actor = ctx.actor!;
    const [row] = await tx.select().from(assetPush).where(eq(assetPush.contractId, contractId)).for('update');
    if (!row) throw conflict('NOT_PUSHED', bilingual('该合同尚无新增资产推送记录', 'No new assets were pushed for this contract'));
    if (row.purchaserEntityId !== actor.entityId) throw hiddenRow('contract', contractId, bilingual('合同', 'Contract'));
    if (!actor.roles.includes('purchaser')) throw deny('contract', contractId, 'acknowledgeAssets');
    if (row.status === 'acknowledged') throw conflict('ALREADY_ACKNOWLEDGED', bilingual('资产管理系统已确认该推送', 'The asset system has already acknowledged this push'));
    if (row.revision !== input.revision) throw staleRevision();
    const problems = acknowledgementProblems(row.records, input.cardNumbers);
    if (problems.length) throw new DomainError('CARD_NUMBERS', problems[0]!.messages, 422, { field: problems[0]!.field });
    const now = ctx.platform.clock.now();
    const cardNumbers = Object.fromEntries(Object.entries(input.cardNumbers).map(([k, v]) => [k, v.trim()]));
    const [saved] = await tx
      .update(assetPush)
      .set({ status: 'acknowledged', cardNumbers, acknowledgedAt: now, acknowledgedBy: actor.personId, note: input.note ?? null, revision: row.revision + 1 })
      .where(eq(assetPush.id, row.id))
      .returning();
    audit.record({ action: 'assetPush.acknowledged', subjectType: 'contract', subjectId: contractId, regionCode: row.regionCode, before: { status: row.status }, after: { status: 'acknowledged', cardNumbers, note: input.note ?? null } });
    return (await assetPushView(tx, [saved!]))[0]!;
  });
}
