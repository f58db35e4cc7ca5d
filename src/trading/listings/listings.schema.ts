import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, precision: 3 });
const fen = () => bigint({ mode: 'number' });

/**
 * 挂牌 (docs/LISTINGS.md): a transferor's listing of one asset, and — once it goes to auction — the
 * auction's live state on the same row (highest bid, leading number, end, sequence), updated under
 * a row lock in the transaction that stores each bid. The row is what a restart resumes from.
 */
export const listing = pgTable(
  'listing',
  {
    id: uuid().primaryKey(),
    assetType: text().notNull(),
    regionCode: text().notNull(),
    transferorEntityId: uuid().notNull(),
    title: text().notNull(),
    description: text().notNull(),
    qualification: text().notNull(),
    listedPriceFen: fen().notNull(),
    reserveFen: fen(),
    incrementFen: fen().notNull(),
    depositFen: fen().notNull(),
    publishedAt: ts().notNull(),
    /** The listing's last instant: 24:00 of its last day in Shanghai (T-03). */
    listingEndsAt: ts().notNull(),
    /** listed → auction → sold | failed; listed → transferred | failed. */
    status: text().notNull(),
    /** Draws the listing's 竞买号 (bidderNumber): per listing, so numbers tell nothing across listings. */
    numberSalt: integer().notNull(),
    auctionStartsAt: ts(),
    auctionEndsAt: ts(),
    extensionMs: integer().notNull(),
    auctionMs: integer().notNull(),
    highestFen: fen(),
    highestBidderNo: text(),
    highestSeq: integer(),
    highestAt: ts(),
    bidSeq: integer().notNull().default(0),
    extensions: integer().notNull().default(0),
    winnerBidderId: uuid(),
    priceFen: fen(),
    resultAt: ts(),
  },
  (t) => [index().on(t.status), check('listing_increment_positive', sql`${t.incrementFen} > 0`)],
);

/** A bidder's registration (竞买登记): its anonymous number, its deposit and its qualification. */
export const listingBidder = pgTable(
  'listing_bidder',
  {
    id: uuid().primaryKey(),
    listingId: uuid()
      .notNull()
      .references(() => listing.id),
    entityId: uuid().notNull(),
    entityName: text().notNull(),
    ordinal: integer().notNull(),
    bidderNo: text().notNull(),
    registeredAt: ts().notNull(),
    /** The bidder's own deposit sub-account (随机子账号): a registered bank's notice of money into it credits the deposit. */
    depositAccountNumber: text().unique('listing_bidder_deposit_account_unique'),
    depositPaidFen: fen().notNull().default(0),
    depositReference: text(),
    depositPaidAt: ts(),
    qualifiedAt: ts(),
    qualifiedBy: uuid(),
    /** LA-11: the winner's deposit counts towards the price; the others' are refunded by refundDueOn. */
    depositApplied: boolean().notNull().default(false),
    refundDueOn: text(),
    refundedAt: ts(),
  },
  (t) => [unique('listing_bidder_entity_unique').on(t.listingId, t.entityId), unique('listing_bidder_no_unique').on(t.listingId, t.bidderNo)],
);

/** Every accepted bid, in its sequence, stored before it is acknowledged. Insert-only. */
export const auctionBid = pgTable(
  'auction_bid',
  {
    id: uuid().primaryKey(),
    listingId: uuid()
      .notNull()
      .references(() => listing.id),
    seq: integer().notNull(),
    bidderId: uuid().notNull(),
    bidderNo: text().notNull(),
    amountFen: fen().notNull(),
    /** The server's clock when it took the bid. */
    at: ts().notNull(),
    extended: boolean().notNull(),
  },
  (t) => [unique('auction_bid_seq_unique').on(t.listingId, t.seq)],
);
