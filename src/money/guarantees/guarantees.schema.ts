import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ClaimStatus, GuaranteeStatus } from './guarantee.rules';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/**
 * 电子保函: a supplier's application to a registered issuer (entity type `guarantor`) for a
 * guarantee securing its bid on a lot, and the issuer's decision. The amount and the beneficiary
 * (the purchaser) come from the lot; an approved guarantee has its number and check code. Who
 * applied tells who bids: the purchaser and agency learn of a guarantee only once the opening has
 * started, and its audit entries are sealed ('bidder') until then. One live application (applied
 * or approved) per supplier and lot; a declined one may be followed by another.
 */
export const guarantee = pgTable(
  'guarantee',
  {
    id: uuid().primaryKey(),
    lotId: uuid().notNull(),
    projectId: uuid().notNull(),
    regionCode: text().notNull(),
    supplierEntityId: uuid().notNull(),
    issuerEntityId: uuid().notNull(),
    beneficiaryEntityId: uuid().notNull(),
    amountFen: bigint({ mode: 'bigint' }).notNull(),
    /** First day of validity: the day the issuer approved it (null before). */
    validFrom: date({ mode: 'string' }),
    /** Last day of validity, inclusive (Shanghai calendar): at least the bid validity's last day. */
    validUntil: date({ mode: 'string' }).notNull(),
    status: text().$type<GuaranteeStatus>().notNull(),
    appliedAt: ts().notNull(),
    appliedBy: uuid().notNull(),
    decidedAt: ts(),
    decidedBy: uuid(),
    declineReason: text(),
    /** 保函编号, set on approval. */
    guaranteeNumber: text().unique('guarantee_number_unique'),
    /** 校验码: with the number, what the public verification asks for. */
    checkCode: text(),
  },
  (t) => [
    uniqueIndex('guarantee_one_live_per_supplier_lot').on(t.lotId, t.supplierEntityId).where(sql`${t.status} <> 'declined'`),
    index().on(t.issuerEntityId, t.status),
    index().on(t.lotId),
    check('guarantee_amount_positive', sql`${t.amountFen} > 0`),
    check('guarantee_approved_has_number', sql`${t.status} <> 'approved' OR (${t.guaranteeNumber} IS NOT NULL AND ${t.checkCode} IS NOT NULL AND ${t.validFrom} IS NOT NULL)`),
  ],
);

/**
 * 索赔: the purchaser or its agency claims against an approved guarantee when the bid's deposit
 * would be forfeited, after the opening; the issuer records whether it paid or declined. Exactly
 * one claim per guarantee (the unique guarantee id).
 */
export const guaranteeClaim = pgTable(
  'guarantee_claim',
  {
    id: uuid().primaryKey(),
    guaranteeId: uuid()
      .notNull()
      .references(() => guarantee.id)
      .unique('guarantee_claim_one_per_guarantee'),
    projectId: uuid().notNull(),
    regionCode: text().notNull(),
    claimantEntityId: uuid().notNull(),
    claimedBy: uuid().notNull(),
    claimedAt: ts().notNull(),
    amountFen: bigint({ mode: 'bigint' }).notNull(),
    reason: text().notNull(),
    /** What the claim rests on: the clause of the documents or the rule. */
    basis: text().notNull(),
    status: text().$type<ClaimStatus>().notNull(),
    settledAt: ts(),
    settledBy: uuid(),
    settlementNote: text(),
  },
  (t) => [check('guarantee_claim_amount_positive', sql`${t.amountFen} > 0`)],
);
