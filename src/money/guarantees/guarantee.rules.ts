import { randomInt, timingSafeEqual } from 'node:crypto';
import { addCalendarDays, shanghaiDate, type LocalDate } from '../../platform/calendar/calendar';
import type { DepositStatus } from '../deposits/deposit.rules';

/**
 * E-guarantees (电子保函) as bid security, as plain functions: the bid validity a guarantee must
 * cover, whether one secures a bid at the opening (GP-21: a guarantee by a financial or guarantee
 * institution is a non-cash security; PAY-06: it must be accepted in place of cash; WK-06: the
 * security is valid as long as the bid), the guarantee's number and its check code.
 */

// ---- The bid validity ------------------------------------------------------------------------------

/**
 * 投标有效期: the platform has no per-project field for it yet, so every bid is valid for 90 days
 * from the deadline, the usual term in Chinese tender documents. A per-project validity would
 * replace this one constant.
 */
export const BID_VALIDITY_DAYS = 90;

/** The last day (Shanghai calendar) of the bid validity: the deadline's day plus 90 days. */
export function bidValidityEnd(deadline: Date): LocalDate {
  return addCalendarDays(shanghaiDate(deadline), BID_VALIDITY_DAYS);
}

/** A guarantee may not be asked for longer than this after the deadline: a typing slip, not a term. */
export const MAX_GUARANTEE_VALIDITY_DAYS = 730;

// ---- Does a guarantee secure a bid (GP-21) -----------------------------------------------------------

export const GUARANTEE_STATUSES = ['applied', 'approved', 'declined'] as const;
export type GuaranteeStatus = (typeof GUARANTEE_STATUSES)[number];

export interface GuaranteeFact {
  status: GuaranteeStatus;
  amountFen: bigint;
  /** First and last day of validity (Shanghai calendar days, both inclusive); validFrom is null until approved. */
  validFrom: LocalDate | null;
  validUntil: LocalDate;
  approvedAt: Date | null;
}

export type GuaranteeProblem = 'notApproved' | 'approvedAfterDeadline' | 'amountShort' | 'notValidAtDeadline' | 'endsBeforeBidValidity';

/**
 * Why a guarantee does not secure a bid, or null when it does: approved by its issuer strictly
 * before the deadline (security is in place when the bid is, like a transfer: GP-21), for at least
 * the lot's required amount (not less than, T-04), valid on the deadline's day and through the
 * last day of the bid validity (WK-06).
 */
export function guaranteeProblem(g: GuaranteeFact, requiredFen: bigint, deadline: Date): GuaranteeProblem | null {
  if (g.status !== 'approved' || !g.approvedAt || !g.validFrom) return 'notApproved';
  if (g.approvedAt.getTime() >= deadline.getTime()) return 'approvedAfterDeadline';
  if (g.amountFen < requiredFen) return 'amountShort';
  if (g.validFrom > shanghaiDate(deadline)) return 'notValidAtDeadline';
  if (g.validUntil < bidValidityEnd(deadline)) return 'endsBeforeBidValidity';
  return null;
}

/**
 * A bid's security status at the opening, from its transfers (depositStatus) and the guarantees
 * its supplier holds for the lot. Money paid in time stays "paid in time"; otherwise a guarantee
 * that secures the bid makes it "guarantee valid" (GP-21, PAY-06), whatever arrived by transfer.
 * Only the status and the amounts: never the issuer, the number or the payer.
 */
export function bidSecurityStatus(transfer: DepositStatus, guarantees: readonly GuaranteeFact[], deadline: Date): DepositStatus {
  if (transfer.status === 'notRequired' || transfer.status === 'paidInTime') return transfer;
  const secured = guarantees.some((g) => guaranteeProblem(g, transfer.requiredFen, deadline) === null);
  return secured ? { ...transfer, status: 'guaranteeValid', ruleId: null } : transfer;
}

// ---- Numbers and check codes ---------------------------------------------------------------------------

/** A guarantee's number: BH, the day it was issued, 8 random digits (nothing in it names the supplier). */
export function newGuaranteeNumber(issuedOn: LocalDate, random: (max: number) => number = (max) => randomInt(max)): string {
  let digits = '';
  for (let i = 0; i < 8; i++) digits += String(random(10));
  return `BH${issuedOn.replace(/-/g, '')}${digits}`;
}

export const isGuaranteeNumber = (value: string) => /^BH\d{16}$/.test(value);

/** Crockford's base 32: no I, L, O or U, so a code read aloud or typed is hard to get wrong. */
const CHECK_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CHECK_CODE_LENGTH = 12;

/** A check code (校验码), 12 characters from the CSPRNG (60 bits), shown in groups of four: K7QX-9M2D-P4TR. */
export function newCheckCode(random: (max: number) => number = (max) => randomInt(max)): string {
  let code = '';
  for (let i = 0; i < CHECK_CODE_LENGTH; i++) code += CHECK_ALPHABET[random(CHECK_ALPHABET.length)];
  return code.match(/.{4}/g)!.join('-');
}

/** A check code as typed, in its stored form: upper case, separators dropped, O read as 0 and I, L as 1. */
export function normalizedCheckCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return plain.length === CHECK_CODE_LENGTH ? plain.match(/.{4}/g)!.join('-') : plain;
}

/** Whether a typed check code is the stored one, compared in constant time. */
export function checkCodeMatches(stored: string, typed: string): boolean {
  const a = Buffer.from(stored, 'utf8');
  const b = Buffer.from(normalizedCheckCode(typed), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

// ---- Claims (索赔) -------------------------------------------------------------------------------------

export const CLAIM_STATUSES = ['filed', 'paid', 'declined'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** A claim is made within the guarantee's validity: on or before its last day (Shanghai calendar). */
export const claimInTime = (validUntil: LocalDate, now: Date) => shanghaiDate(now) <= validUntil;
