import { addCalendarDays, compareDates, parseLocalDate, type LocalDate } from '../../platform/calendar/calendar';
import { bilingual, type Bilingual } from '../../platform/errors';
import { formatYuan } from '../../platform/money';

/** Payment application checks (pure). Amounts are integer fen, dates Asia/Shanghai local dates. */
export interface Problem {
  field: string;
  messages: Bilingual;
}

/** 电子发票: the structured invoice the supplier files with its application. */
export interface InvoiceDraft {
  invoiceNumber: string;
  invoiceDate: LocalDate;
  sellerCreditCode: string;
  buyerCreditCode: string;
  amountBeforeTaxFen: number;
  taxFen: number;
  totalFen: number;
}

export interface InvoiceContext {
  /** The contract's parties (seller = supplier, buyer = purchaser). */
  supplierCreditCode: string;
  purchaserCreditCode: string;
  /** The day the contract was signed: an invoice for it is not older. */
  signedOn: LocalDate;
  today: LocalDate;
  /** What the milestone's acceptance made payable, less what other applications already claim. */
  availableFen: number;
}

/**
 * 全电发票 numbers have 20 digits; the older VAT e-invoices an 8-digit number (with their
 * 10/12-digit code). Both are still in circulation.
 */
export const INVOICE_NUMBER = /^(\d{8}|\d{20})$/;

export function invoiceProblems(inv: InvoiceDraft, c: InvoiceContext): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, zh: string, en: string) => problems.push({ field, messages: bilingual(zh, en) });
  if (!INVOICE_NUMBER.test(inv.invoiceNumber)) add('invoiceNumber', '发票号码应为20位（全电发票）或8位数字', 'The invoice number has 20 digits (fully digitalised e-invoice) or 8');
  if (compareDates(inv.invoiceDate, c.today) > 0) add('invoiceDate', '开票日期不能晚于今天', 'The invoice date cannot be in the future');
  else if (compareDates(inv.invoiceDate, c.signedOn) < 0) add('invoiceDate', `开票日期不能早于合同签订日期（${c.signedOn}）`, `The invoice cannot predate the contract's signing (${c.signedOn})`);
  if (inv.sellerCreditCode !== c.supplierCreditCode) add('sellerCreditCode', '销售方统一社会信用代码与合同供应商不一致', "The seller's credit code is not the contract supplier's");
  if (inv.buyerCreditCode !== c.purchaserCreditCode) add('buyerCreditCode', '购买方统一社会信用代码与合同采购人不一致', "The buyer's credit code is not the contract purchaser's");
  if (inv.amountBeforeTaxFen + inv.taxFen !== inv.totalFen)
    add('totalFen', `价税合计（${formatYuan(inv.totalFen)}元）应等于金额（${formatYuan(inv.amountBeforeTaxFen)}元）加税额（${formatYuan(inv.taxFen)}元）`, `The total (${formatYuan(inv.totalFen)} yuan) must equal the amount before tax (${formatYuan(inv.amountBeforeTaxFen)}) plus tax (${formatYuan(inv.taxFen)})`);
  if (inv.totalFen > c.availableFen)
    add('totalFen', `申请金额（${formatYuan(inv.totalFen)}元）超过该期验收后可支付且未申请的金额（${formatYuan(c.availableFen)}元）`, `The amount (${formatYuan(inv.totalFen)} yuan) exceeds what this milestone's acceptance made payable and is not yet claimed (${formatYuan(c.availableFen)} yuan)`);
  return problems;
}

/** The invoice file as uploaded: a PDF, or an OFD (GB/T 33190, a ZIP container). */
export function invoiceFileKind(content: Buffer): 'pdf' | 'ofd' | null {
  if (content.subarray(0, 5).equals(Buffer.from('%PDF-'))) return 'pdf';
  if (content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'ofd';
  return null;
}

/** The largest payment term a contract with an SME may agree (PAY-01), and the default one. */
export const SME_MAX_PAYMENT_TERM_DAYS = 60;
export const DEFAULT_PAYMENT_TERM_DAYS = 30;

/** PAY-01: a contract with an SME may not agree more than 60 days. */
export function paymentTermProblem(termDays: number, supplierIsSme: boolean): Problem | null {
  if (supplierIsSme && termDays > SME_MAX_PAYMENT_TERM_DAYS)
    return { field: 'paymentTermDays', messages: bilingual(`供应商为中小企业，合同约定的付款期限不得超过${SME_MAX_PAYMENT_TERM_DAYS}日（PAY-01）`, `The supplier is an SME: the contract may not agree a payment term over ${SME_MAX_PAYMENT_TERM_DAYS} days (PAY-01)`) };
  return null;
}

/**
 * PAY-01, PAY-02: the platform's acceptance gates every payment, so the period runs from the
 * acceptance that made the milestone payable, for the term the contract agreed.
 */
export function paymentDueOn(acceptedOn: LocalDate, termDays: number): LocalDate {
  return addCalendarDays(acceptedOn, termDays);
}

const DAY_MS = 86_400_000;

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((parseLocalDate(b) - parseLocalDate(a)) / DAY_MS);
}

/** PAY-04: with no agreed rate, 0.05 % a day (万分之五) of the amount paid late. */
export const LATE_PAYMENT_RATE_PER_DAY_BP = 5; // basis points of 1/10 000

/**
 * Interest on an SME payment made (or still not made) after its due date, PAY-04: amount × 0.05 %
 * × days late, in fen, rounded half up. Nothing is owed up to and on the due date.
 */
export function lateInterestFen(amountFen: number, dueOn: LocalDate, paidOrToday: LocalDate): { daysLate: number; interestFen: number } {
  const daysLate = Math.max(0, daysBetween(dueOn, paidOrToday));
  const scaled = BigInt(amountFen) * BigInt(LATE_PAYMENT_RATE_PER_DAY_BP) * BigInt(daysLate);
  return { daysLate, interestFen: Number((scaled + 5_000n) / 10_000n) };
}

/** What a milestone has left to apply for: its payable amount less what open or paid applications claim. */
export function availableFen(payableFen: number, claims: { totalFen: number }[]): number {
  return payableFen - claims.reduce((s, c) => s + c.totalFen, 0);
}
