import { createHash, randomInt } from 'node:crypto';

/**
 * Bid deposits (投标保证金) paid by transfer into a bidder's own virtual sub-account (虚拟子账户),
 * as plain functions: the sub-account number, the bank's signed notice, and the deposit status
 * every bid shows at the opening (GP-21, GP-27).
 */

// ---- Sub-account numbers ---------------------------------------------------------------------

/** Digits of a sub-account number before its check digit; random, so it says nothing of its owner. */
export const VIRTUAL_ACCOUNT_RANDOM_DIGITS = 15;
/** The platform's deposit collection account prefix: sub-accounts are numbered under it. */
export const VIRTUAL_ACCOUNT_PREFIX = '8816';

/** The Luhn (mod 10) check digit of a string of digits, so a mistyped number is refused rather than unknown. */
export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * A new sub-account number: the prefix, 15 digits drawn from the CSPRNG, a Luhn check digit (20
 * digits). Nothing in it derives from the lot or the supplier: seeing a number (on a bank slip, in
 * a notice) tells the purchaser or agency nothing about who will pay into it.
 */
export function newVirtualAccountNumber(random: (max: number) => number = (max) => randomInt(max)): string {
  let body = VIRTUAL_ACCOUNT_PREFIX;
  for (let i = 0; i < VIRTUAL_ACCOUNT_RANDOM_DIGITS; i++) body += String(random(10));
  return body + luhnCheckDigit(body);
}

/** Whether a string is a well-formed sub-account number (digits, its check digit right). */
export function isVirtualAccountNumber(value: string): boolean {
  return /^\d{8,32}$/.test(value) && luhnCheckDigit(value.slice(0, -1)) === value.slice(-1);
}

// ---- The bank's notice ----------------------------------------------------------------------

/** The notice of one incoming transfer, as the bank sends it. */
export interface BankNotice {
  virtualAccount: string;
  amountFen: number;
  reference: string;
  valueTime: string;
  payerAccountName: string;
  payerAccountNumber: string;
}

/** A payer's account number as compared for CL-05: digits and letters only, upper case. */
export const normalizedAccountNumber = (n: string) => n.replace(/[^0-9A-Za-z]/g, '').toUpperCase();

/** What makes two notices with one reference the same notice: every field, value time as an instant. */
export function bankNoticeHash(notice: BankNotice): string {
  const fields = [notice.virtualAccount, String(notice.amountFen), notice.reference, new Date(notice.valueTime).toISOString(), notice.payerAccountName.trim(), normalizedAccountNumber(notice.payerAccountNumber)];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

// ---- The deposit status at the opening (GP-21) -------------------------------------------------

/** `guaranteeValid`: secured by an approved e-guarantee instead of a transfer (money/guarantees, GP-21). */
export const DEPOSIT_STATUSES = ['notRequired', 'paidInTime', 'guaranteeValid', 'short', 'late', 'missing'] as const;
export type DepositStatusCode = (typeof DEPOSIT_STATUSES)[number];

export interface DepositReceiptFact {
  amountFen: bigint;
  /** When the money arrived in the sub-account (the bank's value time). */
  receivedAt: Date;
}

export interface DepositStatus {
  status: DepositStatusCode;
  requiredFen: bigint;
  /** Received strictly before the deadline. */
  receivedInTimeFen: bigint;
  /** Received at or after the deadline. */
  receivedLateFen: bigint;
  /** The rule behind a status other than paid in time or not required. */
  ruleId: 'GP-21' | null;
}

/**
 * A bid's deposit status at the opening. Only money in the sub-account before the deadline
 * counts (a transfer at the deadline's very millisecond is late, as a bid would be); the deposit
 * is paid in time when that reaches the lot's required amount (an amount "not less than" the
 * requirement, T-04). Otherwise: short when something arrived in time but not enough, late when
 * enough arrived only with what came at or after the deadline, missing when nothing did in time
 * and nothing made it up later. Any of those makes the bid's security non-conforming (GP-21,
 * GP-27 for negotiation and RFQ).
 */
export function depositStatus(requiredFen: bigint, deadline: Date, receipts: readonly DepositReceiptFact[]): DepositStatus {
  let inTime = 0n;
  let late = 0n;
  for (const r of receipts) {
    if (r.receivedAt.getTime() < deadline.getTime()) inTime += r.amountFen;
    else late += r.amountFen;
  }
  const base = { requiredFen, receivedInTimeFen: inTime, receivedLateFen: late };
  if (requiredFen <= 0n) return { ...base, status: 'notRequired', ruleId: null };
  if (inTime >= requiredFen) return { ...base, status: 'paidInTime', ruleId: null };
  if (inTime + late >= requiredFen && late > 0n) return { ...base, status: 'late', ruleId: 'GP-21' };
  if (inTime > 0n) return { ...base, status: 'short', ruleId: 'GP-21' };
  return { ...base, status: late > 0n ? 'late' : 'missing', ruleId: 'GP-21' };
}
