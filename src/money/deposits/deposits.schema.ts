import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/**
 * 投标保证金虚拟子账户: one per bidder and lot that requires a deposit. Its number is random
 * (deposit.rules.ts), so it tells nobody who it belongs to; only the supplier reads its own. Its
 * money is the ledger account `bidDeposit:<lot>:<supplier>`. Insert-only for the application's role.
 */
export const virtualAccount = pgTable(
  'virtual_account',
  {
    id: uuid().primaryKey(),
    accountNumber: text().notNull().unique('virtual_account_number_unique'),
    lotId: uuid().notNull(),
    projectId: uuid().notNull(),
    supplierEntityId: uuid().notNull(),
    regionCode: text().notNull(),
    ledgerAccountCode: text().notNull(),
    openedAt: ts().notNull(),
    openedBy: uuid(),
  },
  (t) => [unique('virtual_account_lot_supplier_unique').on(t.lotId, t.supplierEntityId)],
);

/**
 * A transfer a registered bank says arrived in a sub-account (到账通知), with the payer's account
 * name and number kept for supervision (CL-05: two bidders paying from one account). One per
 * bank reference; the journal entry posting it is written in the same transaction. Insert-only.
 */
export const depositReceipt = pgTable(
  'deposit_receipt',
  {
    id: uuid().primaryKey(),
    bankEntityId: uuid().notNull(),
    bankReference: text().notNull(),
    /** SHA-256 of the notice: the same reference with other content is refused (409). */
    noticeHash: text().notNull(),
    virtualAccountId: uuid()
      .notNull()
      .references(() => virtualAccount.id),
    amountFen: bigint({ mode: 'bigint' }).notNull(),
    /** When the money arrived, as the bank says (起息/到账时间): what the deadline is compared with. */
    valueTime: ts().notNull(),
    /** When the platform received the notice. */
    notifiedAt: ts().notNull(),
    payerAccountName: text().notNull(),
    payerAccountNumber: text().notNull(),
    /** The payer's account number, digits and letters only: what CL-05 compares. */
    payerAccountKey: text().notNull(),
    journalEntryId: uuid().notNull(),
  },
  (t) => [
    unique('deposit_receipt_bank_reference_unique').on(t.bankEntityId, t.bankReference),
    index().on(t.virtualAccountId),
    index().on(t.payerAccountKey),
    check('deposit_receipt_amount_positive', sql`${t.amountFen} > 0`),
  ],
);
