import { describe, expect, it } from 'vitest';
import { depositStatus } from '../deposits/deposit.rules';
import {
  BID_VALIDITY_DAYS,
  bidSecurityStatus,
  bidValidityEnd,
  checkCodeMatches,
  claimInTime,
  guaranteeProblem,
  isGuaranteeNumber,
  newCheckCode,
  newGuaranteeNumber,
  normalizedCheckCode,
  type GuaranteeFact,
} from './guarantee.rules';

const deadline = new Date('2026-03-23T02:00:00.000Z'); // 10:00 in Shanghai
const REQUIRED = 6_000_000n; // 60,000 yuan
const END = '2026-06-21'; // 2026-03-23 + 90 days

/** A guarantee that secures the bid; each test changes one thing. */
const good: GuaranteeFact = { status: 'approved', amountFen: REQUIRED, validFrom: '2026-03-10', validUntil: END, approvedAt: new Date('2026-03-10T03:00:00.000Z') };

describe('WK-06: the bid validity a guarantee must cover', () => {
  it('ends 90 days after the deadline’s day in Shanghai', () => {
    expect(BID_VALIDITY_DAYS).toBe(90);
    expect(bidValidityEnd(deadline)).toBe(END);
    // 23:30 UTC on the 22nd is already the 23rd in Shanghai.
    expect(bidValidityEnd(new Date('2026-03-22T23:30:00.000Z'))).toBe(END);
    expect(bidValidityEnd(new Date('2026-03-22T15:59:59.999Z'))).toBe('2026-06-20');
  });
});

describe('GP-21, PAY-06: whether an e-guarantee secures a bid', () => {
  it('secures it: approved before the deadline, the full amount, valid through the bid validity’s last day', () => {
    expect(guaranteeProblem(good, REQUIRED, deadline)).toBeNull();
    expect(guaranteeProblem({ ...good, amountFen: REQUIRED + 1n }, REQUIRED, deadline)).toBeNull();
    expect(guaranteeProblem({ ...good, validUntil: '2026-12-31' }, REQUIRED, deadline)).toBeNull();
  });

  it('one fen short does not (T-04: not less than the requirement)', () => {
    expect(guaranteeProblem({ ...good, amountFen: REQUIRED - 1n }, REQUIRED, deadline)).toBe('amountShort');
  });

  it('validity ending one day before the bid validity does not', () => {
    expect(guaranteeProblem({ ...good, validUntil: '2026-06-20' }, REQUIRED, deadline)).toBe('endsBeforeBidValidity');
  });

  it('approved 1 ms before the deadline does; at the deadline it does not', () => {
    expect(guaranteeProblem({ ...good, validFrom: '2026-03-23', approvedAt: new Date(deadline.getTime() - 1) }, REQUIRED, deadline)).toBeNull();
    expect(guaranteeProblem({ ...good, validFrom: '2026-03-23', approvedAt: deadline }, REQUIRED, deadline)).toBe('approvedAfterDeadline');
  });

  it('an application not (yet) approved, or declined, does not; nor one valid only from after the deadline’s day', () => {
    expect(guaranteeProblem({ ...good, status: 'applied', approvedAt: null, validFrom: null }, REQUIRED, deadline)).toBe('notApproved');
    expect(guaranteeProblem({ ...good, status: 'declined', approvedAt: null, validFrom: null }, REQUIRED, deadline)).toBe('notApproved');
    expect(guaranteeProblem({ ...good, validFrom: '2026-03-24' }, REQUIRED, deadline)).toBe('notValidAtDeadline');
  });
});

describe('GP-21: the security status at the opening, transfer and guarantee together', () => {
  const missing = depositStatus(REQUIRED, deadline, []);
  const short = depositStatus(REQUIRED, deadline, [{ amountFen: REQUIRED - 1n, receivedAt: new Date(deadline.getTime() - 1000) }]);
  const paid = depositStatus(REQUIRED, deadline, [{ amountFen: REQUIRED, receivedAt: new Date(deadline.getTime() - 1000) }]);
  const late = depositStatus(REQUIRED, deadline, [{ amountFen: REQUIRED, receivedAt: deadline }]);

  it('a valid guarantee secures a bid with no transfer, a short one or a late one, and says nothing of the issuer', () => {
    for (const transfer of [missing, short, late]) {
      const status = bidSecurityStatus(transfer, [good], deadline);
      expect(status).toMatchObject({ status: 'guaranteeValid', ruleId: null, requiredFen: REQUIRED });
      expect(Object.keys(status).sort()).toEqual(['receivedInTimeFen', 'receivedLateFen', 'requiredFen', 'ruleId', 'status']);
    }
  });

  it('money paid in time stays paid in time; a lot without a deposit needs none', () => {
    expect(bidSecurityStatus(paid, [good], deadline).status).toBe('paidInTime');
    expect(bidSecurityStatus(depositStatus(0n, deadline, []), [good], deadline).status).toBe('notRequired');
  });

  it('a guarantee one fen short, or ending a day early, leaves the transfer’s status and its rule', () => {
    expect(bidSecurityStatus(missing, [{ ...good, amountFen: REQUIRED - 1n }], deadline)).toMatchObject({ status: 'missing', ruleId: 'GP-21' });
    expect(bidSecurityStatus(short, [{ ...good, validUntil: '2026-06-20' }], deadline)).toMatchObject({ status: 'short', ruleId: 'GP-21' });
    expect(bidSecurityStatus(late, [], deadline)).toMatchObject({ status: 'late', ruleId: 'GP-21' });
  });

  it('one good guarantee among others is enough', () => {
    expect(bidSecurityStatus(missing, [{ ...good, status: 'declined', approvedAt: null, validFrom: null }, good], deadline).status).toBe('guaranteeValid');
  });
});

describe('numbers, check codes and claims', () => {
  it('numbers a guarantee by its day and random digits', () => {
    const n = newGuaranteeNumber('2026-03-10', () => 7);
    expect(n).toBe('BH2026031077777777');
    expect(isGuaranteeNumber(n)).toBe(true);
    expect(isGuaranteeNumber('BH20260310')).toBe(false);
  });

  it('check codes are 12 characters of Crockford base 32, compared as typed (case, dashes, O for 0, I and L for 1)', () => {
    const code = newCheckCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(Array.from({ length: 50 }, () => newCheckCode())).size).toBe(50);
    const fixed = '01AB-CD23-4567';
    expect(checkCodeMatches(fixed, fixed)).toBe(true);
    expect(checkCodeMatches(fixed, 'oiab cd23 4567')).toBe(true);
    expect(normalizedCheckCode('olab-cd23-4567')).toBe(fixed);
    expect(checkCodeMatches(fixed, '01AB-CD23-4568')).toBe(false);
    expect(checkCodeMatches(fixed, '01AB-CD23-456')).toBe(false);
    expect(checkCodeMatches(fixed, '')).toBe(false);
  });

  it('a claim is in time through the last day of validity, in Shanghai', () => {
    expect(claimInTime('2026-06-21', new Date('2026-06-21T15:59:59.999Z'))).toBe(true); // 23:59:59.999 in Shanghai
    expect(claimInTime('2026-06-21', new Date('2026-06-21T16:00:00.000Z'))).toBe(false);
  });
});
