import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { PaymentAction, PaymentStatus } from './payment.states';

const ts = () => timestamp({ withTimezone: true, precision: 3 });
const fen = () => bigint({ mode: 'number' });

/**
 * 支付申请 (seed 000): the supplier asks to be paid for an accepted milestone, with its e-invoice,
 * and the application travels purchaser → industry authority → treasury (payment.states.ts).
 * The row holds where it is now; `payment_step` holds how it got there.
 */
export const paymentApplication = pgTable(
  'payment_application',
  {
    id: uuid().primaryKey(),
    applicationNumber: text().notNull().unique(),
    contractId: uuid().notNull(),
    /** Null for a contract a sub-platform registered (it has no project here). */
    projectId: uuid(),
    milestoneNo: integer().notNull(),
    regionCode: text().notNull(),
    purchaserEntityId: uuid().notNull(),
    supplierEntityId: uuid().notNull(),
    status: text().$type<PaymentStatus>().notNull(),
    invoiceNumber: text().notNull(),
    invoiceDate: text().notNull(),
    sellerCreditCode: text().notNull(),
    buyerCreditCode: text().notNull(),
    amountBeforeTaxFen: fen().notNull(),
    taxFen: fen().notNull(),
    totalFen: fen().notNull(),
    /** The invoice file exactly as uploaded (PDF or OFD), in the blob store. */
    invoiceFileSha256: text().notNull(),
    invoiceFileName: text().notNull(),
    invoiceFileKind: text().$type<'pdf' | 'ofd'>().notNull(),
    payeeAccountName: text().notNull(),
    payeeBankName: text().notNull(),
    payeeAccountNumber: text().notNull(),
    /** PAY-01/PAY-02: the supplier was an SME, so the statutory period applies; from the acceptance, for the contract's term. */
    sme: boolean().notNull(),
    periodStartsOn: text().notNull(),
    dueOn: text().notNull(),
    filedAt: ts().notNull(),
    filedBy: uuid().notNull(),
    /** When the application reached the desk it waits at (the queue's "days waiting"). */
    waitingSince: ts().notNull(),
    voucherNumber: text(),
    paidOn: text(),
    journalEntryId: uuid(),
    revision: integer().notNull().default(1),
  },
  (t) => [
    index().on(t.contractId, t.milestoneNo),
    index().on(t.status, t.waitingSince),
    index().on(t.supplierEntityId),
    index().on(t.purchaserEntityId),
    // An invoice is paid once: its number may stand on one application that is not withdrawn.
    uniqueIndex('payment_application_invoice_once').on(t.invoiceNumber).where(sql`${t.status} <> 'withdrawn'`),
    check('payment_application_invoice_adds_up', sql`${t.amountBeforeTaxFen} + ${t.taxFen} = ${t.totalFen}`),
    check('payment_application_total_positive', sql`${t.totalFen} > 0`),
  ],
);

/** Each step of an application: who did what, when and why. Append-only evidence. */
export const paymentStep = pgTable(
  'payment_step',
  {
    applicationId: uuid().notNull(),
    stepNo: integer().notNull(),
    action: text().$type<PaymentAction | 'file'>().notNull(),
    fromStatus: text().$type<PaymentStatus>(),
    toStatus: text().$type<PaymentStatus>().notNull(),
    personId: uuid().notNull(),
    entityId: uuid().notNull(),
    role: text().notNull(),
    reason: text(),
    /** What the step carried: the invoice filed, the voucher paid with. */
    detail: jsonb().$type<Record<string, unknown>>(),
    at: ts().notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.stepNo] })],
);
