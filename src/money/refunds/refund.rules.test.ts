import { describe, expect, it } from 'vitest';
import { buildCalendar, CalendarNotCoveredError, endOfShanghaiDay, shanghaiInstant } from '../../platform/calendar/calendar';
import { OFFICIAL_SCHEDULES } from '../../platform/calendar/holidays-cn';
import { DEFAULT_OVERDUE_FEE_RATE, forfeitProblem, overdueDays, overdueFeeFen, overdueStanding, refundDueDate, refundPayees, releaseProblem, type ForfeitFacts } from './refund.rules';

const calendar = buildCalendar(OFFICIAL_SCHEDULES);
const at = (date: string, time = '10:00') => shanghaiInstant(date, time);

describe('GP-22 to GP-24: a refund is due within 5 working days of its event', () => {
  // 2026 (the State Council's notice, holidays-cn.ts): Mid-Autumn 25–27 Sep, National Day 1–7 Oct,
  // make-up working days Sun 20 Sep and Sat 10 Oct.
  it('counts from the day after the event, across the National Day holiday and its make-up Saturday', () => {
    // Wed 30 Sep: 8, 9, 10 (Saturday, worked), 12, 13 Oct.
    expect(refundDueDate(calendar, at('2026-09-30'))).toBe('2026-10-13');
    // Mon 28 Sep: 29, 30 Sep, 8, 9, 10 Oct: the make-up Saturday is the last day.
    expect(refundDueDate(calendar, at('2026-09-28'))).toBe('2026-10-10');
    // An event on a holiday (the award notice of Sat 3 Oct) counts from the holiday's end.
    expect(refundDueDate(calendar, at('2026-10-03'))).toBe('2026-10-13');
    // Thu 24 Sep, before Mid-Autumn: 28, 29, 30 Sep, 8, 9 Oct.
    expect(refundDueDate(calendar, at('2026-09-24'))).toBe('2026-10-09');
    // An ordinary week: Mon 2 Mar → Mon 9 Mar.
    expect(refundDueDate(calendar, at('2026-03-02'))).toBe('2026-03-09');
  });

  it('takes the event’s day in Beijing time: one millisecond across midnight moves the due date', () => {
    expect(refundDueDate(calendar, new Date(at('2026-09-30', '00:00').getTime() - 1))).toBe('2026-10-12');
    expect(refundDueDate(calendar, at('2026-09-30', '00:00'))).toBe('2026-10-13');
    // 23:30 on 30 Sep in Shanghai is still 30 Sep, though UTC already says so too; 00:30 on 1 Oct is a holiday.
    expect(refundDueDate(calendar, at('2026-10-01', '00:30'))).toBe('2026-10-13');
  });

  it('refuses loudly when the period runs into a year without an official schedule (CAL-03)', () => {
    expect(() => refundDueDate(calendar, at('2026-12-28'))).toThrow(CalendarNotCoveredError);
  });
});

describe('how late a refund is', () => {
  it('is not late until 24:00 of the due date (T-03), then one day for each day begun', () => {
    expect(overdueDays('2026-10-13', endOfShanghaiDay('2026-10-13'))).toBe(0);
    expect(overdueDays('2026-10-13', new Date(endOfShanghaiDay('2026-10-13').getTime() + 1))).toBe(1);
    expect(overdueDays('2026-10-13', at('2026-10-15', '23:59'))).toBe(2);
    expect(overdueDays('2026-10-13', at('2026-10-01'))).toBe(0);
  });
});

describe('GP-25: the overdue fee, benchmark rate × 1.2, in integer fen', () => {
  const rate = DEFAULT_OVERDUE_FEE_RATE; // 4.35 %, 360-day year

  it('is exact where the arithmetic is: 60,000 yuan one day late at 4.35 % × 1.2 / 360 is 8.70 yuan', () => {
    expect(overdueFeeFen(6_000_000n, 1, rate)).toBe(870n);
    expect(overdueFeeFen(6_000_000n, 10, rate)).toBe(8_700n);
    expect(overdueFeeFen(6_000_000n, 0, rate)).toBe(0n);
    expect(overdueFeeFen(0n, 30, rate)).toBe(0n);
  });

  it('rounds half up to the fen, once, at the end', () => {
    // 1,000 yuan × 4.35 % × 1.2 / 360 = 14.5 fen exactly → 15; one fen less of principal → 14.4998… → 14.
    expect(overdueFeeFen(100_000n, 1, rate)).toBe(15n);
    expect(overdueFeeFen(99_999n, 1, rate)).toBe(14n);
    // A fen one day late earns nothing; 6.89 yuan 5 days late earns 0.4995 fen → 0, 6.90 yuan 0.50025 fen → 1.
    expect(overdueFeeFen(1n, 1, rate)).toBe(0n);
    expect(overdueFeeFen(689n, 5, rate)).toBe(0n);
    expect(overdueFeeFen(690n, 5, rate)).toBe(1n);
  });

  it('follows the configured rate and day-count basis', () => {
    expect(overdueFeeFen(6_000_000n, 1, { annualRateBp: 435, dayCountBasis: 365 })).toBe(858n); // 858.08
    expect(overdueFeeFen(6_000_000n, 1, { annualRateBp: 345, dayCountBasis: 360 })).toBe(690n); // the 2024 1-year LPR
    expect(overdueFeeFen(6_000_000n, 1, { annualRateBp: 0, dayCountBasis: 360 })).toBe(0n);
  });

  it('stays exact beyond 2^53 fen, and refuses floats, negatives and unknown bases', () => {
    const big = 2n ** 60n;
    // 360 days at 4.35 % × 1.2 is 5.22 % of the principal: 2^60 × 522 / 10,000, rounded half up.
    expect(overdueFeeFen(big, 360, rate)).toBe((big * 522n * 2n + 10_000n) / 20_000n);
    expect(Number(overdueFeeFen(big, 360, rate))).not.toBe(Number(big) * 0.0522 + 1);
    expect(() => overdueFeeFen(100 as unknown as bigint, 1, rate)).toThrow(RangeError);
    expect(() => overdueFeeFen(-1n, 1, rate)).toThrow(RangeError);
    expect(() => overdueFeeFen(1n, 1.5, rate)).toThrow(RangeError);
    expect(() => overdueFeeFen(1n, 1, { annualRateBp: 4.35, dayCountBasis: 360 })).toThrow(RangeError);
    expect(() => overdueFeeFen(1n, 1, { annualRateBp: 435, dayCountBasis: 364 as 365 })).toThrow(RangeError);
  });

  it('accrues on a refund still unpaid, and stays at what a late refund was paid with', () => {
    const pending = { dueDate: '2026-10-13', refundedAt: null, principalFen: 6_000_000n };
    expect(overdueStanding(pending, at('2026-10-16'), rate)).toEqual({ overdueDays: 3, overdueFeeFen: 2_610n });
    const paid = { ...pending, refundedAt: at('2026-10-14') };
    expect(overdueStanding(paid, at('2026-12-01'), rate)).toEqual({ overdueDays: 1, overdueFeeFen: 870n });
  });
});

describe('who a refund goes to', () => {
  it('is each account the money came from, with what it paid', () => {
    const r = (key: string, amountFen: bigint) => ({ payerAccountName: `户名${key}`, payerAccountNumber: `6222 ${key}`, payerAccountKey: `6222${key}`, amountFen });
    expect(refundPayees([r('1', 100n), r('2', 50n), r('1', 25n)])).toEqual([
      { accountName: '户名1', accountNumber: '6222 1', amountFen: 125n },
      { accountName: '户名2', accountNumber: '6222 2', amountFen: 50n },
    ]);
  });
});

describe('forfeits: only on a ground the rules give, and only while the deposit is held', () => {
  const facts = (more: Partial<ForfeitFacts> = {}): ForfeitFacts => ({ bidStatus: 'decrypted', refusedContract: false, refundStatus: null, heldFen: 6_000_000n, ...more });
  it('needs the winner’s refusal to sign (GP-78) or the bidder’s own decryption failure (EB-06)', () => {
    expect(forfeitProblem('winnerRefusedToSign', facts({ refusedContract: true }))).toBeNull();
    expect(forfeitProblem('decryptionFailedOwnFault', facts({ bidStatus: 'revoked', refundStatus: 'held' }))).toBeNull();
    expect(forfeitProblem('winnerRefusedToSign', facts())).toMatchObject({ code: 'FORFEIT_GROUND_NOT_MET', ruleId: 'GP-78', status: 422 });
    // Not decrypted through the platform's fault: deemed withdrawn, refunded (EB-06).
    expect(forfeitProblem('decryptionFailedOwnFault', facts({ bidStatus: 'withdrawnPlatformFault' }))).toMatchObject({ code: 'FORFEIT_GROUND_NOT_MET', ruleId: 'EB-06' });
  });
  it('is refused once the deposit was refunded or forfeited, or when nothing is held', () => {
    expect(forfeitProblem('winnerRefusedToSign', facts({ refusedContract: true, refundStatus: 'refunded' }))).toMatchObject({ code: 'DEPOSIT_ALREADY_SETTLED', status: 409 });
    expect(forfeitProblem('winnerRefusedToSign', facts({ refusedContract: true, refundStatus: 'forfeited' }))).toMatchObject({ code: 'DEPOSIT_ALREADY_SETTLED' });
    expect(forfeitProblem('winnerRefusedToSign', facts({ refusedContract: true, heldFen: 0n }))).toMatchObject({ code: 'DEPOSIT_NOTHING_HELD' });
    for (const p of [forfeitProblem('winnerRefusedToSign', facts()), releaseProblem({ refundStatus: 'refunded', heldFen: 1n })]) {
      expect(p!.messages['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(p!.messages['en-US']).toMatch(/[a-z]/);
    }
  });
  it('releases only a held deposit (or a refusing winner’s, never scheduled)', () => {
    expect(releaseProblem({ refundStatus: 'held', heldFen: 1n })).toBeNull();
    expect(releaseProblem({ refundStatus: null, heldFen: 1n })).toBeNull();
    expect(releaseProblem({ refundStatus: 'scheduled', heldFen: 1n })).toMatchObject({ code: 'DEPOSIT_NOT_HELD' });
  });
});
