import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/** 定标: the purchaser's decision on one lot, from the report it received (GP-70 to GP-74, GP-78). */
export const award = pgTable('award', {
  lotId: uuid().primaryKey(),
  projectId: uuid().notNull(),
  status: text().$type<'reportSent' | 'awarded' | 'winnerRefused'>().notNull(),
  /** When the agency sent the signed report to the purchaser (GP-70). */
  reportSentAt: ts().notNull(),
  reportSentBy: uuid().notNull(),
  winnerBidId: uuid(),
  /** Why the purchaser chose other than the first candidate (GP-71, GP-78). */
  choiceReason: text(),
  awardedAt: ts(),
  awardedBy: uuid(),
  noticeId: uuid(),
  /** Bids whose winner refused to sign (GP-78), in order. */
  refusedBidIds: jsonb().$type<string[]>().notNull(),
  revision: integer().notNull().default(1),
});

/** 中标（成交）通知书 / 结果通知书: one per bidder, with its own score and rank (GP-74), sealed by the platform. */
export const awardLetter = pgTable(
  'award_letter',
  {
    lotId: uuid().notNull(),
    bidId: uuid().notNull(),
    supplierEntityId: uuid().notNull(),
    /** 1 for the first award; one more each time a winner refused and the next was awarded (GP-78). */
    round: integer().notNull(),
    kind: text().$type<'winner' | 'result'>().notNull(),
    fields: jsonb().$type<Record<string, unknown>>().notNull(),
    contentHash: text().notNull(),
    seal: text().notNull(),
    issuedAt: ts().notNull(),
  },
  (t) => [primaryKey({ columns: [t.lotId, t.bidId, t.round] }), index().on(t.supplierEntityId)],
);
