import { createHash, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { entitySummaries, inRegion, provinceOf } from '../../identity';
import { entity } from '../../identity/identity.schema';
import { canonicalJson } from '../../platform/audit/audit-chain';
import { addCalendarDays, shanghaiDate } from '../../platform/calendar/calendar';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { DomainError, bilingual, conflict, notFound } from '../../platform/errors';
import { MAX_FEN } from '../../platform/money';
import { notify } from '../../platform/notifications/notifications';
import { readSetting } from '../../platform/settings/settings';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import { DEFAULT_PAYMENT_TERM_DAYS } from '../../money/payments/payment.rules';
import { contract } from '../contract/contract.schema';
import { supplierDesk } from '../project/project.access';
import { openTenderThresholdFen } from '../publicity/publicity';
import { admit, settle } from './admission';
import { mallApplication, mallBasket, mallOrder, mallProduct, mallSupplier, type MallOrderLine, type SplitFlag } from './mall.schema';
import {
  basketLineBudgets,
  fiscalYearOf,
  MALL_CATEGORIES,
  MALL_THRESHOLD_DEFAULT_FEN,
  MALL_THRESHOLD_SETTING,
  SPLIT_THRESHOLD_SETTING,
  mallCategory,
  orderLineProblems,
  splitCheck,
  splitWarning,
  thresholdProblem,
  totalsByCategory,
  type MallProblem,
  type SplitCheck,
} from './mall.rules';

const problemError = (p: MallProblem, status = 422) => new DomainError(p.code, p.messages, status, { field: p.field }, p.ruleId);

/** MALL-02: the mall threshold of a region (platform-wide unless the region sets its own). */
export const mallThresholdFen = async (db: Db, regionCode: string) => (await readSetting(db, MALL_THRESHOLD_SETTING, z.int().min(0).max(MAX_FEN), MALL_THRESHOLD_DEFAULT_FEN, regionCode)).value;
/**
 * MALL-03: what a running total is measured against. 条例 第二十八条 names the open-tender threshold
 * (TH-01, 200万元 by default), not the mall's; a region that wants an earlier warning sets its own.
 */
export const splitThresholdFen = async (db: Db, regionCode: string) =>
  (await readSetting(db, SPLIT_THRESHOLD_SETTING, z.int().min(0).max(MAX_FEN), await openTenderThresholdFen(db, regionCode, 'goods'), regionCode)).value;

export const categories = () => MALL_CATEGORIES.map((c) => ({ code: c.code, name: bilingual(c.zh, c.en) }));

export const admitInput = z.object({ entityId: z.uuid().describe('The supplier admitted to the mall') }).meta({ id: 'MallAdmission' });

/**
 * MALL-01: the operator admits an active supplier of its province to the mall directly. A pending
 * application of the supplier's (MALL-08) is admitted with it.
 */
export async function admitSupplier(ctx: Context, input: z.infer<typeof admitInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const [e] = await tx.select().from(entity).where(eq(entity.id, input.entityId)).for('update');
    if (!e || e.entityType !== 'supplier' || e.status !== 'active' || provinceOf(e.regionCode) !== provinceOf(ctx.actor!.regionCode))
      throw new DomainError('NOT_A_SUPPLIER', bilingual('只能准入本省已登记的正常状态供应商', 'Only an active supplier registered in your province can be admitted'), 422, { field: 'entityId' }, 'MALL-01');
    const [existing] = await tx.select().from(mallSupplier).where(eq(mallSupplier.entityId, e.id));
    if (existing) throw conflict('ALREADY_ADMITTED', bilingual('该供应商已准入电子卖场', 'The supplier is admitted already'));
    const [pending] = await tx.select().from(mallApplication).where(and(eq(mallApplication.entityId, e.id), eq(mallApplication.status, 'pending')));
    if (pending) await settle(tx, ctx, audit, pending, 'admitted', '运营机构直接准入');
    const row = await admit(tx, ctx, audit, e);
    return { entityId: e.id, name: e.name, admittedAt: row.admittedAt.toISOString() };
  });
}

export async function listSuppliers(ctx: Context) {
  const db = ctx.platform.database.db;
  const rows = await db.select().from(mallSupplier).where(inRegion(mallSupplier.regionCode, provinceOf(ctx.actor!.regionCode))).orderBy(asc(mallSupplier.admittedAt));
  const names = await entitySummaries(db, rows.map((r) => r.entityId));
  return { items: rows.map((r) => ({ entityId: r.entityId, name: names.get(r.entityId)?.name ?? '', creditCode: names.get(r.entityId)?.creditCode ?? '', admittedAt: r.admittedAt.toISOString() })) };
}

export const productInput = z
  .object({
    categoryCode: z.string().refine((c) => Boolean(mallCategory(c)), { message: 'Unknown 品目 code' }).describe('品目 code (GET /api/mall/categories)'),
    name: z.string().trim().min(2).max(200),
    specification: z.string().trim().min(2).max(2000).describe('规格型号与配置'),
    unitPriceFen: z.int().min(1).max(MAX_FEN),
    stock: z.int().min(0).max(1_000_000),
    deliveryRegions: z.array(z.string().regex(/^\d{6}$/)).min(1).max(50).describe('Region codes it delivers to (a province covers its districts)'),
  })
  .meta({ id: 'MallProductInput' });

/** MALL-01: an admitted supplier lists a product. */
export async function createProduct(ctx: Context, input: z.infer<typeof productInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const actor = ctx.actor!;
    const [admitted] = await tx.select().from(mallSupplier).where(eq(mallSupplier.entityId, actor.entityId!));
    if (!admitted) throw new DomainError('NOT_ADMITTED', bilingual('贵公司尚未准入电子卖场', 'Your company is not admitted to the mall'), 403, {}, 'MALL-01');
    const row = { id: randomUUID(), supplierEntityId: actor.entityId!, ...input, active: true, createdAt: ctx.platform.clock.now(), revision: 1 };
    await tx.insert(mallProduct).values(row);
    audit.record({ action: 'mall.product_list', subjectType: 'mall_product', subjectId: row.id, regionCode: admitted.regionCode, after: input });
    return (await productViews(tx, [row]))[0]!;
  });
}

type ProductRow = typeof mallProduct.$inferSelect;
async function productViews(db: Db, rows: ProductRow[]) {
  const names = await entitySummaries(db, rows.map((r) => r.supplierEntityId));
  return rows.map((r) => ({
    id: r.id,
    supplierEntityId: r.supplierEntityId,
    supplierName: names.get(r.supplierEntityId)?.name ?? '',
    categoryCode: r.categoryCode,
    categoryName: mallCategory(r.categoryCode) ? bilingual(mallCategory(r.categoryCode)!.zh, mallCategory(r.categoryCode)!.en) : bilingual(r.categoryCode, r.categoryCode),
    name: r.name,
    specification: r.specification,
    unitPriceFen: r.unitPriceFen,
    stock: r.stock,
    deliveryRegions: r.deliveryRegions,
  }));
}

export const productQuery = z.object({
  categoryCode: z.string().regex(/^[ABC]\d{0,10}$/).optional().describe('品目 code; includes its children'),
  q: z.string().trim().max(100).optional().describe('Words in the name or specification'),
});

/** The mall's products on sale from admitted suppliers of the reader's province. */
export async function listProducts(ctx: Context, q: z.infer<typeof productQuery>) {
  const db = ctx.platform.database.db;
  const where = [eq(mallProduct.active, true), inRegion(mallSupplier.regionCode, provinceOf(ctx.actor!.regionCode))];
  if (q.categoryCode) where.push(sql`${mallProduct.categoryCode} LIKE ${q.categoryCode + '%'}`);
  if (q.q) where.push(sql`(${mallProduct.name} || ' ' || ${mallProduct.specification}) ILIKE ${'%' + q.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  const rows = await db
    .select({ p: mallProduct })
    .from(mallProduct)
    .innerJoin(mallSupplier, eq(mallSupplier.entityId, mallProduct.supplierEntityId))
    .where(and(...where))
    .orderBy(asc(mallProduct.categoryCode), asc(mallProduct.unitPriceFen));
  return { thresholdFen: await mallThresholdFen(db, ctx.actor!.regionCode), splitThresholdFen: await splitThresholdFen(db, ctx.actor!.regionCode), items: await productViews(db, rows.map((r) => r.p)) };
}

export const orderInput = z
  .object({
    lines: z.array(z.object({ productId: z.uuid(), quantity: z.int().min(1).max(100_000) })).min(1).max(50),
    deliveryAddress: z.string().trim().min(2).max(200),
    acknowledgeSplit: z.boolean().default(false).describe('MALL-03 (GP-94): the purchaser has read the split-purchase warning and confirms this is a separate need'),
    splitReason: z.string().trim().max(2000).default('').describe('Why this order is not one need split (required with acknowledgeSplit)'),
  })
  .meta({ id: 'MallOrderInput' });

/**
 * 直购: a purchaser orders one admitted supplier's products. MALL-02 refuses an order above the
 * threshold; MALL-03 (GP-94) answers 409 SPLIT_PURCHASE_WARNING with the running totals when the
 * purchaser's orders of a 品目 this fiscal year pass it, until the purchaser acknowledges with a
 * reason (the order is then flagged to supervision). The order becomes a signed contract (no
 * project, as a registered one) with one milestone, which acceptance and payment take from there.
 */
export async function placeOrder(ctx: Context, input: z.infer<typeof orderInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const actor = ctx.actor!;
    // One purchaser's orders one at a time: the running total of MALL-03 cannot be raced past.
    const [purchaser] = await tx.select().from(entity).where(eq(entity.id, actor.entityId!)).for('update');
    if (!purchaser) throw notFound(bilingual('采购人', 'Purchaser'));
    const productIds = [...new Set(input.lines.map((l) => l.productId))];
    const products = await tx
      .select({ p: mallProduct })
      .from(mallProduct)
      .innerJoin(mallSupplier, eq(mallSupplier.entityId, mallProduct.supplierEntityId))
      .where(and(inArray(mallProduct.id, productIds), inRegion(mallSupplier.regionCode, provinceOf(purchaser.regionCode))));
    const [lineProblem] = orderLineProblems(input.lines, products.map((r) => r.p), purchaser.regionCode);
    if (lineProblem) throw problemError(lineProblem);
    const byId = new Map(products.map((r) => [r.p.id, r.p]));
    const lines: MallOrderLine[] = input.lines.map((l) => {
      const p = byId.get(l.productId)!;
      return { productId: p.id, categoryCode: p.categoryCode, name: p.name, specification: p.specification, quantity: l.quantity, unitPriceFen: p.unitPriceFen, totalFen: p.unitPriceFen * l.quantity };
    });
    const totalFen = lines.reduce((n, l) => n + l.totalFen, 0);
    const thresholdFen = await mallThresholdFen(tx, purchaser.regionCode);
    const over = thresholdProblem(totalFen, thresholdFen);
    if (over) throw problemError(over);
    const now = ctx.platform.clock.now();
    const fiscalYear = fiscalYearOf(shanghaiDate(now));
    const splits = await splitChecks(tx, purchaser.id, fiscalYear, lines, await splitThresholdFen(tx, purchaser.regionCode));
    refuseUnacknowledgedSplit(splits, input);
    const supplierEntityId = byId.get(lines[0]!.productId)!.supplierEntityId;
    return recordMallOrder(tx, ctx, audit, {
      purchaser: { id: purchaser.id, name: purchaser.name, regionCode: purchaser.regionCode },
      supplierEntityId,
      lines,
      deliveryAddress: input.deliveryAddress,
      fiscalYear,
      splitFlag: splits.length ? { checks: splits, reason: input.splitReason } : null,
      orderedBy: actor.personId,
      basket: null,
    });
  });
}

/**
 * MALL-03 (GP-94): what the purchaser has committed in the mall this fiscal year, as lines of 品目 and
 * amounts: its orders (a 竞价 award is an order too), and its baskets still bidding or awaiting its
 * confirmation at their budgets (so that baskets published side by side cannot slip under the threshold).
 */
export async function mallCommitments(tx: Db, purchaserEntityId: string, fiscalYear: number): Promise<{ lines: { categoryCode: string; totalFen: number }[] }[]> {
  const orders = await tx.select({ lines: mallOrder.lines }).from(mallOrder).where(and(eq(mallOrder.purchaserEntityId, purchaserEntityId), eq(mallOrder.fiscalYear, fiscalYear)));
  const open = await tx
    .select({ lines: mallBasket.lines })
    .from(mallBasket)
    .where(and(eq(mallBasket.purchaserEntityId, purchaserEntityId), eq(mallBasket.fiscalYear, fiscalYear), inArray(mallBasket.status, ['bidding', 'awaitingConfirmation'])));
  return [...orders, ...open.map((b) => ({ lines: basketLineBudgets(b.lines) }))];
}

/** MALL-03 (GP-94): the split checks that pass the threshold, for each 品目 of a new order's (or basket's) lines. */
export async function splitChecks(tx: Db, purchaserEntityId: string, fiscalYear: number, lines: readonly { categoryCode: string; totalFen: number }[], thresholdFen: number): Promise<SplitCheck[]> {
  const earlier = await mallCommitments(tx, purchaserEntityId, fiscalYear);
  const splits: SplitCheck[] = [];
  for (const [categoryCode, fen] of totalsByCategory(lines)) {
    const before = earlier.flatMap((o) => {
      const t = o.lines.filter((l) => l.categoryCode === categoryCode).reduce((n, l) => n + l.totalFen, 0);
      return t > 0 ? [{ totalFen: t }] : [];
    });
    const check = splitCheck({ categoryCode, fiscalYear, earlier: before, thisOrderFen: fen, thresholdFen });
    if (check.split) splits.push(check);
  }
  return splits;
}

/** MALL-03: 409 with the running totals until the purchaser acknowledges them, and then only with its reason. */
export function refuseUnacknowledgedSplit(splits: readonly SplitCheck[], input: { acknowledgeSplit: boolean; splitReason: string }) {
  if (splits.length && !input.acknowledgeSplit)
    throw new DomainError('SPLIT_PURCHASE_WARNING', splitWarning(splits[0]!), 409, { field: 'acknowledgeSplit', checks: splits }, 'MALL-03');
  if (splits.length && input.splitReason.length < 2)
    throw new DomainError('SPLIT_REASON_REQUIRED', bilingual('请说明本单不属于化整为零的理由', 'State why this order is not a split purchase'), 422, { field: 'splitReason' }, 'MALL-03');
}

export interface NewMallOrder {
  purchaser: { id: string; name: string; regionCode: string };
  supplierEntityId: string;
  lines: MallOrderLine[];
  deliveryAddress: string;
  fiscalYear: number;
  splitFlag: SplitFlag | null;
  orderedBy: string;
  /** The 竞价 basket this order is the award of (MALL-07); null for a direct order (直购). */
  basket: { id: string; basketNumber: string; title: string } | null;
}

/**
 * The one path from a mall purchase to its contract: the stock taken (in the same transaction, never
 * below zero), a **signed contract** written into the one contract table (no project, as a registered
 * one) with one milestone 到货验收 for the whole amount, the order, the supplier told, and the audit
 * entries. Acceptance and payment take the contract from there.
 */
export async function recordMallOrder(tx: Db, ctx: Context, audit: AuditRecorder, o: NewMallOrder) {
  for (const l of o.lines) {
    const taken = await tx.update(mallProduct).set({ stock: sql`${mallProduct.stock} - ${l.quantity}`, revision: sql`${mallProduct.revision} + 1` }).where(and(eq(mallProduct.id, l.productId), gte(mallProduct.stock, l.quantity))).returning({ id: mallProduct.id });
    if (!taken.length) throw conflict('OUT_OF_STOCK', bilingual(`「${l.name}」库存不足`, `Not enough “${l.name}” in stock`), { field: 'lines' });
  }
  const now = ctx.platform.clock.now();
  const today = shanghaiDate(now);
  const totalFen = o.lines.reduce((n, l) => n + l.totalFen, 0);
  const orderId = randomUUID();
  const orderNumber = `DZMC${today.replaceAll('-', '')}-${orderId.slice(0, 6).toUpperCase()}`;
  const what = `${o.lines[0]!.name}${o.lines.length > 1 ? `等${o.lines.length}项` : ''}`;
  const title = o.basket ? `电子卖场竞价：${o.basket.title}` : `电子卖场直购：${what}`;
  const source = o.basket ? `电子卖场网上竞价${o.basket.basketNumber}的成交结果（订单${orderNumber}）` : `电子卖场直购订单${orderNumber}`;
  const content = {
    contractNumber: `${orderNumber}-HT`,
    projectId: null,
    lotId: null,
    bidId: null,
    sourceEntityId: null,
    sourceReference: null,
    purchaserEntityId: o.purchaser.id,
    supplierEntityId: o.supplierEntityId,
    regionCode: o.purchaser.regionCode,
    title,
    priceFen: totalFen,
    items: o.lines.map((l) => ({ name: l.name, brand: null, model: l.specification.slice(0, 100), quantity: l.quantity, unitPriceFen: l.unitPriceFen, totalFen: l.totalFen })),
    milestones: [{ no: 1, name: '到货验收', amountFen: totalFen, acceptanceCriteria: '商品名称、规格、数量与订单一致，外观完好，功能正常', dueDate: addCalendarDays(today, 30) }],
    performancePeriod: '下单后30日内送货',
    performancePlace: o.deliveryAddress,
    paymentTermDays: DEFAULT_PAYMENT_TERM_DAYS,
    terms: `本合同依${source}订立，标的、数量、单价以订单为准；供应商按订单送货，采购人验收合格后${DEFAULT_PAYMENT_TERM_DAYS}日内支付。`,
  };
  const contractId = randomUUID();
  await tx.insert(contract).values({
    id: contractId,
    ...content,
    status: 'signed',
    contentHash: createHash('sha256').update(canonicalJson(content)).digest('hex'),
    draftedAt: now,
    draftedBy: o.orderedBy,
    signedAt: now,
  });
  await tx.insert(mallOrder).values({ id: orderId, orderNumber, purchaserEntityId: o.purchaser.id, supplierEntityId: o.supplierEntityId, regionCode: o.purchaser.regionCode, fiscalYear: o.fiscalYear, totalFen, lines: o.lines, contractId, basketId: o.basket?.id ?? null, splitFlag: o.splitFlag, orderedAt: now, orderedBy: o.orderedBy });
  await notify(tx, now, [
    {
      to: supplierDesk(o.supplierEntityId),
      title: o.basket ? bilingual(`电子卖场竞价成交 ${o.basket.basketNumber}`, `Mall bidding won: ${o.basket.basketNumber}`) : bilingual(`电子卖场新订单 ${orderNumber}`, `New mall order ${orderNumber}`),
      body: o.basket
        ? bilingual(`贵公司在${o.purchaser.name}的网上竞价《${o.basket.title}》中报价最低，已成交，合计${(totalFen / 100).toFixed(2)}元，请按合同送货。`, `Your quote in ${o.purchaser.name}’s bidding “${o.basket.title}” was the lowest and won, ${(totalFen / 100).toFixed(2)} yuan: deliver under the contract.`)
        : bilingual(`${o.purchaser.name}下单《${title}》，合计${(totalFen / 100).toFixed(2)}元，请按合同送货。`, `${o.purchaser.name} ordered “${title}”, ${(totalFen / 100).toFixed(2)} yuan: deliver under the contract.`),
      link: `/workspace/contracts/${contractId}`,
      subject: { type: 'contract', id: contractId },
    },
  ]);
  audit.record({ action: 'mall.order', subjectType: 'mall_order', subjectId: orderId, regionCode: o.purchaser.regionCode, after: { orderNumber, supplierEntityId: o.supplierEntityId, totalFen, lines: o.lines, contractId, splitFlag: o.splitFlag, basketNumber: o.basket?.basketNumber ?? null } });
  audit.record({ action: 'mall.contract', subjectType: 'contract', subjectId: contractId, regionCode: o.purchaser.regionCode, after: { contractNumber: content.contractNumber, priceFen: totalFen, orderNumber } });
  return { id: orderId, orderNumber, totalFen, contractId, contractNumber: content.contractNumber, splitFlagged: Boolean(o.splitFlag) };
}

type OrderRow = typeof mallOrder.$inferSelect;
async function orderViews(db: Db, rows: OrderRow[]) {
  const names = await entitySummaries(db, rows.flatMap((r) => [r.purchaserEntityId, r.supplierEntityId]));
  const contracts = rows.length ? await db.select({ id: contract.id, contractNumber: contract.contractNumber, status: contract.status }).from(contract).where(inArray(contract.id, rows.map((r) => r.contractId))) : [];
  return rows.map((r) => ({
    id: r.id,
    orderNumber: r.orderNumber,
    purchaserName: names.get(r.purchaserEntityId)?.name ?? '',
    supplierName: names.get(r.supplierEntityId)?.name ?? '',
    totalFen: r.totalFen,
    fiscalYear: r.fiscalYear,
    lines: r.lines,
    contract: contracts.find((c) => c.id === r.contractId) ?? null,
    splitFlag: r.splitFlag,
    orderedAt: r.orderedAt.toISOString(),
  }));
}

/** A purchaser's or a supplier's own mall orders, newest first. */
export async function myOrders(ctx: Context) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const column = actor.roles.includes('supplier') ? mallOrder.supplierEntityId : mallOrder.purchaserEntityId;
  const rows = await db.select().from(mallOrder).where(eq(column, actor.entityId!)).orderBy(desc(mallOrder.orderedAt)).limit(200);
  return { items: await orderViews(db, rows) };
}

/** MALL-03 (GP-94) for supervision: the mall orders flagged as possible split purchases in the reader's region. */
export async function splitPurchases(ctx: Context) {
  const db = ctx.platform.database.db;
  const rows = await db.select().from(mallOrder).where(and(isNotNull(mallOrder.splitFlag), inRegion(mallOrder.regionCode, ctx.actor!.regionCode))).orderBy(desc(mallOrder.orderedAt)).limit(500);
  return { items: await orderViews(db, rows) };
}
