import { index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { RequirementChangeKind } from '../methods/method';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/**
 * 实质性变动 (CS-05, NG-04): a change the panel makes to a lot's technical or service requirements
 * or its draft contract terms during consultation or negotiation. It binds, and is sent in writing
 * to every supplier taking part at the same moment, only once the purchaser's representative confirms it.
 */
export const requirementChange = pgTable(
  'requirement_change',
  {
    id: uuid().primaryKey(),
    projectId: uuid().notNull(),
    lotId: uuid().notNull(),
    /** 1 for the lot's first change: the round of responses it opens is changeNo + 1. */
    changeNo: integer().notNull(),
    kind: text().$type<RequirementChangeKind>().notNull(),
    text: text().notNull(),
    proposedBy: uuid().notNull(),
    proposedAt: ts().notNull(),
    confirmedBy: uuid(),
    confirmedAt: ts(),
  },
  (t) => [unique().on(t.lotId, t.changeNo), index().on(t.projectId)],
);

/** A supplier's acknowledgement that it received a change in writing (签收). */
export const requirementChangeReceipt = pgTable(
  'requirement_change_receipt',
  {
    changeId: uuid().notNull(),
    supplierEntityId: uuid().notNull(),
    personId: uuid().notNull(),
    receivedAt: ts().notNull(),
  },
  (t) => [primaryKey({ columns: [t.changeId, t.supplierEntityId] })],
);

/** The panel's call for final offers on a lot (最后报价), with the time by which they must be given. */
export const finalOfferCall = pgTable('final_offer_call', {
  lotId: uuid().primaryKey(),
  projectId: uuid().notNull(),
  deadline: ts().notNull(),
  calledBy: uuid().notNull(),
  calledAt: ts().notNull(),
});

/**
 * A supplier's final offer on a lot: the price evaluated in place of its first response's. It may
 * be replaced until the deadline; until then only the supplier reads it, and its audit entry stays
 * out of every view (sealed as an offer; it keeps the offer's digest, not its amount).
 */
export const finalOffer = pgTable(
  'final_offer',
  {
    lotId: uuid().notNull(),
    supplierEntityId: uuid().notNull(),
    /** The supplier's opened response the offer belongs to. */
    bidId: uuid().notNull(),
    projectId: uuid().notNull(),
    /** The amount (fen) and statement, sealed under the platform's key (platform/crypto/sealer.ts): no row read before the deadline shows them. */
    sealedOffer: text().notNull(),
    personId: uuid().notNull(),
    submittedAt: ts().notNull(),
    /** SHA-256 of the offer as given (lot, supplier, amount, statement, time): what the audit trail records before the deadline. */
    digest: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.lotId, t.supplierEntityId] })],
);
