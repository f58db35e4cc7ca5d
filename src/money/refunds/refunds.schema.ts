import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { virtualAccount } from '../deposits/deposits.schema';
import type { ForfeitGround, RefundStatus, RefundTrigger } from './refund.rules';

const ts = () => timestamp({ withTimezone: true, precision: 3 });
const fen = () => bigint({ mode: 'bigint' });

export interface RefundPayee {
  accountName: string;
  accountNumber: string;
  amountFen: string;
}

/**
 * 保证金退还: what becomes of one deposit (one bidder's sub-account of a lot), one row per deposit
 * (the primary key): scheduled when its event happens, in the event's own transaction; then
 * refunded or forfeited exactly once. Both outcomes move the row out of 'scheduled' or 'held'
 * by a conditional update, so a rerun or a racing job or decision finds it final and pays nothing.
 */
export const depositRefund = pgTable(
  'deposit_refund',
  {
    virtualAccountId: uuid()
      .primaryKey()
      .references(() => virtualAccount.id),
    lotId: uuid().notNull(),
    projectId: uuid().notNull(),
    supplierEntityId: uuid().notNull(),
    regionCode: text().notNull(),
    status: text().$type<RefundStatus>().notNull(),
    /** The event that made it due; null for a deposit held or forfeited before any refund fell due (a winner that refused to sign). */
    trigger: text().$type<RefundTrigger>(),
    /** GP-22, GP-23, GP-24 (or PAY-06 for a deposit the purchaser released). */
    ruleId: text(),
    triggeredAt: ts(),
    /** The last day it may be paid on (Shanghai date, 5 working days after the event). */
    dueDate: date({ mode: 'string' }),
    jobId: uuid(),
    refundedAt: ts(),
    amountFen: fen(),
    /** The accounts the money came from (the receipts' payers), each with what it gets back. */
    payees: jsonb().$type<RefundPayee[]>(),
    journalEntryId: uuid(),
    /** GP-25: calendar days paid after the due date, and the fee posted with it. */
    overdueDays: integer(),
    overdueFeeFen: fen(),
    feeJournalEntryId: uuid(),
    /** Why it is held or was cancelled, for the bidder's panel. */
    note: text(),
    revision: integer().notNull().default(1),
  },
  (t) => [index().on(t.status, t.dueDate), index().on(t.lotId), check('deposit_refund_amount_positive', sql`${t.amountFen} IS NULL OR ${t.amountFen} > 0`)],
);

/**
 * 没收保证金: the purchaser's or agency's recorded decision to keep a deposit, with its ground, the
 * rule and the clause of the procurement documents it rests on, and the journal entry moving the
 * money to the region's treasury. One per deposit; insert-only evidence like the ledger.
 */
export const depositForfeit = pgTable(
  'deposit_forfeit',
  {
    virtualAccountId: uuid()
      .primaryKey()
      .references(() => virtualAccount.id),
    bidId: uuid().notNull(),
    ground: text().$type<ForfeitGround>().notNull(),
    ruleId: text().notNull(),
    reason: text().notNull(),
    /** The clause that allows keeping it (e.g. 招标文件第二章第15条). */
    legalBasis: text().notNull(),
    amountFen: fen().notNull(),
    journalEntryId: uuid().notNull(),
    decidedAt: ts().notNull(),
    decidedBy: uuid().notNull(),
    decidedByEntityId: uuid().notNull(),
  },
  (t) => [check('deposit_forfeit_amount_positive', sql`${t.amountFen} > 0`)],
);
