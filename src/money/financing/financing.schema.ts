import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { FinancingStatus } from './financing.rules';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/**
 * 政采贷 (procurement-contract financing, seed 004 item 12): a supplier with a signed contract asks
 * one registered bank (entity type `bank`) for a loan against it, consenting that the bank sees the
 * contract and its payment status. The bank approves with the repayment account agreed with the
 * supplier (回款账户: every payment on the contract goes there) or declines with its reason.
 * One live financing (applied or approved) per contract; a declined or withdrawn one may be
 * followed by another. The audit log holds how a row got where it is.
 */
export const contractFinancing = pgTable(
  'contract_financing',
  {
    id: uuid().primaryKey(),
    contractId: uuid().notNull(),
    /** Null for a contract a sub-platform registered. */
    projectId: uuid(),
    regionCode: text().notNull(),
    supplierEntityId: uuid().notNull(),
    bankEntityId: uuid().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    status: text().$type<FinancingStatus>().notNull(),
    /** The supplier's consent to share the contract and its payment status with this bank only. */
    consentAt: ts().notNull(),
    appliedAt: ts().notNull(),
    appliedBy: uuid().notNull(),
    decidedAt: ts(),
    decidedBy: uuid(),
    declineReason: text(),
    /** The agreed repayment account, set on approval: the payee every payment application must name. */
    repaymentAccountName: text(),
    repaymentBankName: text(),
    repaymentAccountNumber: text(),
    withdrawnAt: ts(),
    revision: integer().notNull().default(1),
  },
  (t) => [
    index().on(t.bankEntityId, t.status),
    index().on(t.supplierEntityId),
    uniqueIndex('contract_financing_one_live').on(t.contractId).where(sql`${t.status} IN ('applied', 'approved')`),
    check('contract_financing_amount_positive', sql`${t.amountFen} > 0`),
    check('contract_financing_approved_has_account', sql`${t.status} <> 'approved' OR ${t.repaymentAccountNumber} IS NOT NULL`),
  ],
);
