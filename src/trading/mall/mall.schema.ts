import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { SplitCheck } from './mall.rules';

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
    /** MALL-03 (GP-94): the split checks that passed the threshold, acknowledged by the purchaser with its reason; null when none did. */
    splitFlag: jsonb().$type<{ checks: SplitCheck[]; reason: string }>(),
    orderedAt: ts().notNull(),
    orderedBy: uuid().notNull(),
  },
  (t) => [index().on(t.purchaserEntityId, t.fiscalYear)],
);
