import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, precision: 3 });
const fen = () => bigint({ mode: 'number' });

/** One new asset as the asset-management system (资产管理系统) takes it: a line of the accepted contract. */
export interface NewAssetRecord {
  lineNo: number;
  name: string;
  brand: string | null;
  model: string | null;
  /** 资产分类 the plan named, if it did. */
  assetCategory: string | null;
  quantity: number;
  unitPriceFen: number;
  valueFen: number;
}

/**
 * 新增资产推送 (seeds 003, 004): the new-asset records of a completed goods contract, handed to the
 * asset-management system through its adapter, and that system's acknowledgement. One row per
 * contract whatever the retries: the contract id is unique.
 */
export const assetPush = pgTable(
  'asset_push',
  {
    id: uuid().primaryKey(),
    contractId: uuid().notNull().unique(),
    contractNumber: text().notNull(),
    contractTitle: text().notNull(),
    purchaserEntityId: uuid().notNull(),
    supplierEntityId: uuid().notNull(),
    regionCode: text().notNull(),
    records: jsonb().$type<NewAssetRecord[]>().notNull(),
    totalFen: fen().notNull(),
    /** The adapter that carried the records (e.g. inPlatform), and the reference it gave back. */
    adapter: text().notNull(),
    adapterReference: text(),
    status: text().$type<'pushed' | 'acknowledged'>().notNull(),
    pushedAt: ts().notNull(),
    /** 资产卡片号: the card number the asset system gave each record, by lineNo. */
    cardNumbers: jsonb().$type<Record<string, string>>(),
    acknowledgedAt: ts(),
    acknowledgedBy: uuid(),
    note: text(),
    revision: integer().notNull().default(1),
  },
  (t) => [index().on(t.purchaserEntityId), index().on(t.regionCode)],
);
