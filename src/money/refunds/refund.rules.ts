import { endOfShanghaiDay, parseLocalDate, shanghaiDate, type LocalDate, type WorkingDayCalendar } from '../../platform/calendar/calendar';
import { bilingual, type Bilingual } from '../../platform/errors';

/**
 * Bid deposit refunds and forfeits (GP-22 to GP-25, EB-06, GP-78), as plain functions: when a
 * refund falls due, how late it is, what the late refund costs, and when a forfeit may be decided.
 * Amounts are bigint fen; dates are Shanghai calendar dates (platform/calendar).
 */

/** GP-22, GP-23, GP-24: every refund is due within 5 working days of the event that releases it. */
export const REFUND_WORKING_DAYS = 5;

/**
 * What released the deposit: the award notice for the bidders that did not win (GP-22), the signed
 * contract for the winner (GP-23), a withdrawal before the deadline (GP-24), or the purchaser's
 * decision not to forfeit a deposit it held (PAY-06: securities are returned promptly).
 */
export const REFUND_TRIGGERS = ['award', 'contract', 'withdrawal', 'release'] as const;
export type RefundTrigger = (typeof REFUND_TRIGGERS)[number];
export const REFUND_TRIGGER_RULES: Record<RefundTrigger, 'GP-22' | 'GP-23' | 'GP-24' | 'PAY-06'> = { award: 'GP-22', contract: 'GP-23', withdrawal: 'GP-24', release: 'PAY-06' };

/**
 * scheduled: due, the refund job pays it; held: a forfeit may be decided (the bidder's own
 * decryption failure, EB-06), nothing is paid until the purchaser decides; cancelled: the bidder
 * bid again after withdrawing, so the deposit stays with its new bid; refunded / forfeited: final.
 */
export const REFUND_STATUSES = ['scheduled', 'held', 'cancelled', 'refunded', 'forfeited'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * The last day a refund may be paid on: the 5th working day after the day of the event (the event's
 * day is not counted, T-01; holidays and make-up working days per the official schedule, T-06).
 */
export function refundDueDate(calendar: WorkingDayCalendar, eventAt: Date): LocalDate {
  return calendar.addWorkingDays(shanghaiDate(eventAt), REFUND_WORKING_DAYS);
}

/**
 * Calendar days a refund is late at `at`: 0 up to 24:00 of the due date (T-03), then one more for
 * each day begun after it. Interest accrues on every calendar day, working or not.
 */
export function overdueDays(dueDate: LocalDate, at: Date): number {
  if (at.getTime() <= endOfShanghaiDay(dueDate).getTime()) return 0;
  return Math.round((parseLocalDate(shanghaiDate(at)) - parseLocalDate(dueDate)) / 86_400_000);
}

/** GP-25's rate, a setting: the law names no figure (the PBOC benchmark for the period changes, and was replaced by the LPR in 2019). */
export interface OverdueFeeRate {
  /** The benchmark annual lending rate in basis points (435 = 4.35 %, the PBOC 1-year benchmark since 24 Oct 2015). */
  annualRateBp: number;
  /** Days in the interest year: 360 in PBOC practice (日利率 = 年利率 ÷ 360), 365 where a region decides so. */
  dayCountBasis: 360 | 365;
}
export const DEFAULT_OVERDUE_FEE_RATE: OverdueFeeRate = { annualRateBp: 435, dayCountBasis: 360 };
/** GP-25: the benchmark rate raised by 20 %, as a fraction (12/10) so the sum stays integer. */
const MARKUP_NUM = 12n;
const MARKUP_DEN = 10n;

/**
 * GP-25: the overdue fee on a late refund: principal × benchmark rate × 1.2 × days ÷ day-count
 * basis, in integer fen, rounded half up to the fen (one exact division, never a float).
 */
export function overdueFeeFen(principalFen: bigint, days: number, rate: OverdueFeeRate): bigint {
  if (typeof principalFen !== 'bigint' || principalFen < 0n) throw new RangeError('principal must be a non-negative bigint of fen');
  if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a non-negative integer');
  if (!Number.isInteger(rate.annualRateBp) || rate.annualRateBp < 0 || rate.annualRateBp > 10_000) throw new RangeError('annualRateBp must be 0 to 10000');
  if (rate.dayCountBasis !== 360 && rate.dayCountBasis !== 365) throw new RangeError('dayCountBasis must be 360 or 365');
  const numerator = principalFen * BigInt(rate.annualRateBp) * MARKUP_NUM * BigInt(days);
  const denominator = 10_000n * MARKUP_DEN * BigInt(rate.dayCountBasis);
  // Half up: add half the divisor before the truncating division (everything is non-negative).
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** What a supervisor sees of one refund at `now`: late or not, and the fee so far (a refund paid late keeps the fee it was paid with). */
export function overdueStanding(r: { dueDate: LocalDate; refundedAt: Date | null; principalFen: bigint }, now: Date, rate: OverdueFeeRate) {
  const days = overdueDays(r.dueDate, r.refundedAt ?? now);
  return { overdueDays: days, overdueFeeFen: overdueFeeFen(r.principalFen, days, rate) };
}

/** Who the refund goes to: each payer account it came from, with what it paid (the receipts keep them). */
export function refundPayees(receipts: readonly { payerAccountName: string; payerAccountNumber: string; payerAccountKey: string; amountFen: bigint }[]) {
  const byKey = new Map<string, { accountName: string; accountNumber: string; amountFen: bigint }>();
  for (const r of receipts) {
    const found = byKey.get(r.payerAccountKey);
    if (found) found.amountFen += r.amountFen;
    else byKey.set(r.payerAccountKey, { accountName: r.payerAccountName, accountNumber: r.payerAccountNumber, amountFen: r.amountFen });
  }
  return [...byKey.values()];
}

// ---- Forfeits --------------------------------------------------------------------------------

/**
 * The grounds on which a deposit may be kept, each with the rule it rests on. The Government
 * Procurement Law itself forfeits nothing: a deposit is kept only where the procurement documents
 * provided for it on one of these grounds, so the decision names that clause (legalBasis).
 * winnerRefusedToSign: the winner refused to sign the contract (GP-78); decryptionFailedOwnFault:
 * the bid could not be decrypted through the bidder's own fault, deemed revoked (EB-06; cf. WK-07).
 */
export const FORFEIT_GROUNDS = ['winnerRefusedToSign', 'decryptionFailedOwnFault'] as const;
export type ForfeitGround = (typeof FORFEIT_GROUNDS)[number];
export const FORFEIT_GROUND_RULES: Record<ForfeitGround, 'GP-78' | 'EB-06'> = { winnerRefusedToSign: 'GP-78', decryptionFailedOwnFault: 'EB-06' };

export interface ForfeitFacts {
  /** The bid's status (revoked: not decrypted through the bidder's fault). */
  bidStatus: string;
  /** The bidder, as winner, refused to sign its contract for this lot. */
  refusedContract: boolean;
  /** What has become of the deposit so far (null: nothing scheduled). */
  refundStatus: RefundStatus | null;
  /** What the bidder's sub-account holds now. */
  heldFen: bigint;
}

export interface RefundProblem {
  code: string;
  status: number;
  field: string | null;
  messages: Bilingual;
  ruleId?: string;
}

/** Why a forfeit may not be decided on these facts; null when it may. */
export function forfeitProblem(ground: ForfeitGround, facts: ForfeitFacts): RefundProblem | null {
  if (facts.refundStatus === 'refunded' || facts.refundStatus === 'forfeited')
    return { code: 'DEPOSIT_ALREADY_SETTLED', status: 409, field: null, messages: bilingual(facts.refundStatus === 'refunded' ? '该保证金已退还，不能再没收' : '该保证金已没收', facts.refundStatus === 'refunded' ? 'This deposit has been refunded; it can no longer be forfeited' : 'This deposit has already been forfeited') };
  if (facts.heldFen <= 0n) return { code: 'DEPOSIT_NOTHING_HELD', status: 409, field: null, messages: bilingual('该投标人的保证金子账户中没有资金', 'The bidder’s sub-account holds no money') };
  if (ground === 'winnerRefusedToSign' && !facts.refusedContract)
    return { code: 'FORFEIT_GROUND_NOT_MET', status: 422, field: 'ground', ruleId: 'GP-78', messages: bilingual('该投标人未作为中标人拒绝签订合同，不能以此为由没收保证金', 'This bidder did not refuse to sign as the winner; the deposit cannot be forfeited on this ground') };
  if (ground === 'decryptionFailedOwnFault' && facts.bidStatus !== 'revoked')
    return { code: 'FORFEIT_GROUND_NOT_MET', status: 422, field: 'ground', ruleId: 'EB-06', messages: bilingual('该投标并非因投标人自身原因未解密（视为撤销），不能以此为由没收保证金', 'This bid was not left undecrypted through the bidder’s own fault (deemed revoked); the deposit cannot be forfeited on this ground') };
  return null;
}

/** A held deposit the purchaser decides to return: due on the original date (the hold was not the bidder's delay, GP-25). */
export function releaseProblem(facts: Pick<ForfeitFacts, 'refundStatus' | 'heldFen'>): RefundProblem | null {
  if (facts.refundStatus === 'refunded' || facts.refundStatus === 'forfeited' || facts.refundStatus === 'scheduled')
    return { code: 'DEPOSIT_NOT_HELD', status: 409, field: null, messages: bilingual('该保证金不处于暂扣状态', 'This deposit is not held') };
  if (facts.heldFen <= 0n) return { code: 'DEPOSIT_NOTHING_HELD', status: 409, field: null, messages: bilingual('该投标人的保证金子账户中没有资金', 'The bidder’s sub-account holds no money') };
  return null;
}
