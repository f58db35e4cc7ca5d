import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { BasketLine, BasketOutcome, BiddingSettings, SplitCheck } from './mall.rules';
import type { ApplicationStatus, BasketStatus } from './mall.states';

const ts = () => timestamp({ withTimezone: true, precision: 3 });
const fen = () => bigint({ mode: 'number' });

/** 电子卖场供应商: a supplier the operator admitted to the mall (MALL-01). */
export const mallSupplier = pgTable('mall_supplier', {
  entityId: uuid().primaryKey(),
  regionCode: text().notNull(),
  admittedAt: ts().notNull(),
  admittedBy: uuid(),
});

/** A product an admitted supplier lists: 品目, name, specification, unit price, stock, where it delivers. */
export const mallProduct = pgTable(
  'mall_product',
  {
    id: uuid().primaryKey(),
    supplierEntityId: uuid().notNull(),
    categoryCode: text().notNull(),
    name: text().notNull(),
    specification: text().notNull(),
    unitPriceFen: fen().notNull(),
    stock: integer().notNull(),
    deliveryRegions: jsonb().$type<string[]>().notNull(),
    active: boolean().notNull().default(true),
    createdAt: ts().notNull(),
    revision: integer().notNull().default(1),
  },
  (t) => [index().on(t.categoryCode), index().on(t.supplierEntityId)],
);

export interface MallOrderLine {
  productId: string;
  categoryCode: string;
  name: string;
  specification: string;
  quantity: number;
  unitPriceFen: number;
  totalFen: number;
}

/** 直购订单: a purchaser's order of one supplier's products; its contract is in the contract table. */
export const mallOrder = pgTable(
  'mall_order',
  {
    id: uuid().primaryKey(),
    orderNumber: text().notNull().unique(),
    purchaserEntityId: uuid().notNull(),
    supplierEntityId: uuid().notNull(),
    regionCode: text().notNull(),
    fiscalYear: integer().notNull(),
    totalFen: fen().notNull(),
    lines: jsonb().$type<MallOrderLine[]>().notNull(),
    contractId: uuid().notNull(),
    /** The 竞价 basket this order is the award of (MALL-07); null for a direct order. */
    basketId: uuid(),
    /** MALL-03 (GP-94): the split checks that passed the threshold, acknowledged by the purchaser with its reason; null when none did. */
    splitFlag: jsonb().$type<SplitFlag>(),
    orderedAt: ts().notNull(),
    orderedBy: uuid().notNull(),
  },
  (t) => [index().on(t.purchaserEntityId, t.fiscalYear)],
);

export type SplitFlag = { checks: SplitCheck[]; reason: string };

/**
 * 入驻申请 (MALL-08): a supplier's application to join the mall, with the 品目 it means to sell and what it
 * says of itself; the operator of its province admits it (a mall_supplier row) or refuses it, with a reason.
 */
export const mallApplication = pgTable(
  'mall_application',
  {
    id: uuid().primaryKey(),
    entityId: uuid().notNull(),
    regionCode: text().notNull(),
    categories: jsonb().$type<string[]>().notNull(),
    statement: text().notNull(),
    status: text().$type<ApplicationStatus>().notNull(),
    reason: text(),
    appliedAt: ts().notNull(),
    appliedBy: uuid().notNull(),
    decidedAt: ts(),
    decidedBy: uuid(),
  },
  (t) => [index().on(t.entityId), index().on(t.regionCode, t.status)],
);

/**
 * 网上竞价 (MALL-05..07): a purchaser's basket of 品目 lines (quantity, specification, budget unit price) put
 * out to the admitted mall suppliers until `closesAt`. Its budget is within the mall threshold (MALL-02)
 * and counts in the purchaser's running totals (MALL-03). At the close the job evaluates the sealed
 * quotes; the award becomes a mall order (`orderId`) and its contract, as a direct order does.
 */
export const mallBasket = pgTable(
  'mall_basket',
  {
    id: uuid().primaryKey(),
    basketNumber: text().notNull().unique(),
    purchaserEntityId: uuid().notNull(),
    regionCode: text().notNull(),
    title: text().notNull(),
    lines: jsonb().$type<BasketLine[]>().notNull(),
    budgetFen: fen().notNull(),
    deliveryAddress: text().notNull(),
    fiscalYear: integer().notNull(),
    publishedAt: ts().notNull(),
    publishedBy: uuid().notNull(),
    closesAt: ts().notNull(),
    /** MALL-07 as announced with the basket (the region's settings at publication): a later change of the settings does not change a bidding under way. */
    minimumQuotes: integer().notNull(),
    tooFewQuotes: text().$type<BiddingSettings['tooFewQuotes']>().notNull(),
    status: text().$type<BasketStatus>().notNull(),
    /** MALL-03 (GP-94): the running totals that passed the threshold at publication, with the purchaser's reason. */
    splitFlag: jsonb().$type<SplitFlag>(),
    /** What the close found: every quote opened, whether it meets the basket, the winner (MALL-07). Null until the close. */
    outcome: jsonb().$type<BasketOutcome>(),
    closedAt: ts(),
    supplierEntityId: uuid(),
    awardFen: fen(),
    orderId: uuid(),
    contractId: uuid(),
    /** The purchaser's confirmation or refusal of too few quotes (MALL-07, when the region lets it confirm). */
    decidedAt: ts(),
    decidedBy: uuid(),
    decisionReason: text(),
    /** Moves with the basket's state only, never with a quote: a quote must not show in it (MALL-06). */
    revision: integer().notNull().default(1),
  },
  (t) => [index().on(t.purchaserEntityId, t.fiscalYear), index().on(t.regionCode, t.status)],
);

/**
 * A supplier's one quote for a basket (MALL-06). Its lines and total are sealed under the platform's key;
 * nobody (the purchaser and the operator included) sees a quote, who made it or how many there are before
 * the close. `quoteNo` is the order of arrival: the tie-break after the server's receipt time (MALL-07).
 */
export const mallQuote = pgTable(
  'mall_quote',
  {
    basketId: uuid().notNull(),
    supplierEntityId: uuid().notNull(),
    quoteNo: bigint({ mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    sealedContent: text().notNull(),
    submittedAt: ts().notNull(),
    submittedBy: uuid().notNull(),
  },
  (t) => [primaryKey({ columns: [t.basketId, t.supplierEntityId] }), index().on(t.supplierEntityId)],
);
