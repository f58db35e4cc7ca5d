import { bigint, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PublicityAccount, SignatureDecision } from './negotiation-record.rules';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/**
 * 协商情况记录 (SS-05): what a single-source lot's negotiators agreed with the one supplier. Drafted
 * by any negotiator while nobody has signed; once every negotiator has answered it becomes the
 * lot's evaluation result (an evaluation_report row the award step reads).
 */
export const negotiationRecord = pgTable('negotiation_record', {
  lotId: uuid().primaryKey(),
  projectId: uuid().notNull(),
  status: text().$type<'draft' | 'signed'>().notNull(),
  /** (一) filled from the publicity and its objections' reviews; null when the project had none. */
  publicityAccount: jsonb().$type<PublicityAccount | null>(),
  /** (二) the date (Shanghai) and place; the staff are the negotiators. */
  negotiatedOn: text().notNull(),
  place: text().notNull(),
  /** (三) */
  supplierCost: text().notNull(),
  comparablePrices: text().notNull(),
  patentDetails: text().notNull(),
  /** (四) */
  contractTerms: text().notNull(),
  agreedPriceFen: bigint({ mode: 'number' }).notNull(),
  contentHash: text().notNull(),
  draftedBy: uuid().notNull(),
  draftedAt: ts().notNull(),
  signedAt: ts(),
  revision: integer().notNull().default(1),
});

/** A negotiator's answer to the record: signed, dissent with reasons, or refused (without reasons: deemed to agree). */
export const negotiationSignature = pgTable(
  'negotiation_signature',
  {
    lotId: uuid().notNull(),
    personId: uuid().notNull(),
    decision: text().$type<SignatureDecision>().notNull(),
    reasons: text(),
    contentHash: text().notNull(),
    signedAt: ts().notNull(),
    /** Ed25519 signature by the platform over the record hash and the negotiator's decision. */
    signature: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.lotId, t.personId] })],
);
