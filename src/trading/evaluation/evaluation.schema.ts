import { bigint, boolean, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { EvaluationResult } from './evaluation.rules';
import type { Correction, PriceStatement } from './scoring';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/** 资格性审查 / 符合性审查: one expert's pass or fail of one bid on one criterion, with the reason. */
export const bidReview = pgTable(
  'bid_review',
  {
    lotId: uuid().notNull(),
    bidId: uuid().notNull(),
    personId: uuid().notNull(),
    criterion: text().$type<'qualification' | 'compliance'>().notNull(),
    passed: boolean().notNull(),
    reason: text(),
    recordedAt: ts().notNull(),
  },
  (t) => [primaryKey({ columns: [t.bidId, t.personId, t.criterion] })],
);

/** 评分: one expert's points for one bid on one (non-price) criterion of comprehensive scoring. */
export const bidScore = pgTable(
  'bid_score',
  {
    lotId: uuid().notNull(),
    bidId: uuid().notNull(),
    personId: uuid().notNull(),
    criterion: text().notNull(),
    points: numeric({ precision: 6, scale: 2, mode: 'number' }).notNull(),
    recordedAt: ts().notNull(),
  },
  (t) => [primaryKey({ columns: [t.bidId, t.personId, t.criterion] })],
);

/** A member has finished reviewing and scoring one lot (评审完成); nothing of theirs changes after. */
export const evaluationSubmission = pgTable(
  'evaluation_submission',
  { lotId: uuid().notNull(), personId: uuid().notNull(), submittedAt: ts().notNull() },
  (t) => [primaryKey({ columns: [t.lotId, t.personId] })],
);

/** GP-59: the committee's request for a written explanation of an abnormally low price, and its outcome. */
export const priceExplanation = pgTable('price_explanation', {
  bidId: uuid().primaryKey(),
  lotId: uuid().notNull(),
  requestedBy: uuid().notNull(),
  requestedAt: ts().notNull(),
  question: text().notNull(),
  explanation: text(),
  respondedAt: ts(),
  respondedBy: uuid(),
  accepted: boolean(),
  decidedBy: uuid(),
  decidedAt: ts(),
});

/**
 * GP-58: the committee's arithmetic correction of a bid's price, which binds only once the
 * bidder confirms it; a bidder who does not confirm has an invalid bid.
 */
export const priceCorrection = pgTable('price_correction', {
  bidId: uuid().primaryKey(),
  lotId: uuid().notNull(),
  proposedBy: uuid().notNull(),
  proposedAt: ts().notNull(),
  statement: jsonb().$type<PriceStatement>().notNull(),
  corrections: jsonb().$type<Correction[]>().notNull(),
  fromFen: bigint({ mode: 'number' }).notNull(),
  correctedFen: bigint({ mode: 'number' }).notNull(),
  confirmed: boolean(),
  respondedAt: ts(),
  respondedBy: uuid(),
});

/** 评标报告: the computed result of one lot, signed by every member (a dissent is kept). */
export const evaluationReport = pgTable('evaluation_report', {
  lotId: uuid().primaryKey(),
  projectId: uuid().notNull(),
  result: jsonb().$type<EvaluationResult>().notNull(),
  /** GP-57: the seed of the tie-breaking draw, when one was needed. */
  tieSeed: text(),
  status: text().$type<'signing' | 'signed'>().notNull(),
  createdAt: ts().notNull(),
  signedAt: ts(),
  contentHash: text().notNull(),
  revision: integer().notNull().default(1),
});

export const reportSignature = pgTable(
  'report_signature',
  {
    lotId: uuid().notNull(),
    personId: uuid().notNull(),
    agreed: boolean().notNull(),
    dissent: text(),
    signedAt: ts().notNull(),
    /** Ed25519 signature by the platform over the report hash and the member's decision. */
    signature: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.lotId, t.personId] })],
);
