import { describe, expect, it } from 'vitest';
import { applicationTransition, joinProblem, leaveProblem, openAdmissionProblems, addMonths, admissionProblems, admittedBids, competitionCeiling, competitionWinner, directOrderProblem, FRAMEWORK_DEFAULTS, maximumAdmitted, offerProblem, offersSealed, orderTransition, termProblem } from './framework.rules';

const s = FRAMEWORK_DEFAULTS;

describe('FA-04: who a closed framework admits', () => {
  it('at least 20 % and at least one of the qualifying suppliers are eliminated', () => {
    // 5 qualifying: 20 % is exactly one, so four may be admitted, five may not.
    expect(maximumAdmitted(5, s)).toBe(4);
    // 3 qualifying: 20 % is 0.6 → the one eliminated decides; 2 admitted.
    expect(maximumAdmitted(3, s)).toBe(2);
    // 10 qualifying: two go out.
    expect(maximumAdmitted(10, s)).toBe(8);
    // 6 qualifying: 20 % is 1.2 → at most 4 (floor of 4.8).
    expect(maximumAdmitted(6, s)).toBe(4);
  });
  it('two responding and two admitted at the least', () => {
    expect(admissionProblems({ responding: 3, qualifying: 3, admitted: 2 }, s)).toEqual([]);
    expect(admissionProblems({ responding: 1, qualifying: 1, admitted: 1 }, s).map((p) => p.code)).toEqual(['TOO_FEW_RESPONDING', 'TOO_FEW_QUALIFYING', 'TOO_FEW_ADMITTED', 'TOO_FEW_ELIMINATED']);
    // Two qualifying can never give two admitted with one eliminated.
    expect(admissionProblems({ responding: 2, qualifying: 2, admitted: 2 }, s).map((p) => p.code)).toEqual(['TOO_FEW_ELIMINATED']);
    expect(admissionProblems({ responding: 5, qualifying: 5, admitted: 4 }, s)).toEqual([]);
    expect(admissionProblems({ responding: 5, qualifying: 5, admitted: 5 }, s)).toMatchObject([{ ruleId: 'FA-04', code: 'TOO_FEW_ELIMINATED' }]);
  });
  it('the values are settings: a region asking for 30 % admits fewer', () => {
    expect(maximumAdmitted(5, { ...s, eliminationRateBp: 3000 })).toBe(3);
    expect(admissionProblems({ responding: 3, qualifying: 3, admitted: 2 }, { ...s, minimumAdmitted: 3 })).toMatchObject([{ code: 'TOO_FEW_ADMITTED' }]);
  });
  it('the members are the best ranked valid bids', () => {
    const bids = [
      { id: 'c', valid: true, rank: 3 },
      { id: 'x', valid: false, rank: null },
      { id: 'a', valid: true, rank: 1 },
      { id: 'b', valid: true, rank: 2 },
    ];
    expect(admittedBids(bids, 2).map((b) => b.id)).toEqual(['a', 'b']);
  });
});

describe('FA-05: the term', () => {
  it('goods run at most 12 months, services 24 (the last day the day before)', () => {
    expect(termProblem('goods', '2026-04-01', '2027-03-31', s)).toBeNull();
    expect(termProblem('goods', '2026-04-01', '2027-04-01', s)).toMatchObject({ ruleId: 'FA-05', code: 'TERM_TOO_LONG' });
    expect(termProblem('services', '2026-04-01', '2028-03-31', s)).toBeNull();
    expect(termProblem('services', '2026-04-01', '2028-04-01', s)).toMatchObject({ code: 'TERM_TOO_LONG' });
    expect(termProblem('goods', '2026-04-01', '2026-03-31', s)).toMatchObject({ code: 'TERM_ENDS_BEFORE_START' });
  });
  it('months end where the month ends', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 14)).toBe('2028-01-15');
  });
});

describe('the second stage (FA-07, FA-08)', () => {
  it('FA-08: a direct order costs at most the admitted price', () => {
    expect(directOrderProblem(100_00, 100_00)).toBeNull();
    expect(directOrderProblem(100_01, 100_00)).toMatchObject({ ruleId: 'FA-08' });
  });
  it('FA-07: the ceiling is the highest admitted price; one offer per member, before the deadline, within it', () => {
    const ceilingFen = competitionCeiling([{ admittedPriceFen: 900 }, { admittedPriceFen: 1000 }]);
    expect(ceilingFen).toBe(1000);
    const deadline = new Date('2026-05-01T02:00:00Z');
    const before = new Date(deadline.getTime() - 1);
    const base = { member: true, alreadyOffered: false, now: before, deadline, priceFen: 1000, ceilingFen };
    expect(offerProblem(base)).toBeNull();
    expect(offerProblem({ ...base, priceFen: 1001 })).toMatchObject({ code: 'ABOVE_CEILING' });
    expect(offerProblem({ ...base, member: false })).toMatchObject({ code: 'NOT_A_MEMBER' });
    expect(offerProblem({ ...base, alreadyOffered: true })).toMatchObject({ code: 'ALREADY_OFFERED' });
    expect(offerProblem({ ...base, now: deadline })).toMatchObject({ code: 'COMPETITION_CLOSED' });
    expect(offersSealed(deadline, before)).toBe(true);
    expect(offersSealed(deadline, deadline)).toBe(false);
  });
  it('FA-07: the lowest offer wins; a tie goes to the better admitted rank', () => {
    const rank = (id: string) => ({ a: 1, b: 2, c: 3 })[id]!;
    expect(competitionWinner([{ supplierEntityId: 'c', priceFen: 800 }, { supplierEntityId: 'b', priceFen: 900 }], rank)?.supplierEntityId).toBe('c');
    expect(competitionWinner([{ supplierEntityId: 'c', priceFen: 800 }, { supplierEntityId: 'b', priceFen: 800 }], rank)?.supplierEntityId).toBe('b');
    expect(competitionWinner([], rank)).toBeNull();
  });
  it('an order is decided or fails once, from its competition', () => {
    expect(orderTransition('decide', 'competing')).toBe('decided');
    expect(() => orderTransition('decide', 'decided')).toThrow();
    expect(orderTransition('fail', 'competing')).toBe('failed');
  });
});

describe('FA-09: an open framework', () => {
  const term = { termStart: '2026-03-23', termEnd: '2027-03-22' };
  const join = (x: Partial<Parameters<typeof joinProblem>[0]> = {}) => joinProblem({ kind: 'open', ...term, today: '2026-06-01', member: false, pending: false, priceFen: 100, ceilingFen: 100, ...x })?.code ?? null;

  it('admits every qualifying supplier, at least minimumAdmitted, with no elimination', () => {
    expect(openAdmissionProblems({ qualifying: 2 }, s)).toEqual([]);
    // Ten qualifying and ten admitted: nobody need be eliminated (FA-04 is closed only).
    expect(openAdmissionProblems({ qualifying: 10 }, s)).toEqual([]);
    expect(openAdmissionProblems({ qualifying: 1 }, s).map((p) => [p.ruleId, p.code])).toEqual([['FA-09', 'TOO_FEW_QUALIFYING']]);
  });

  it('takes applications to join within the term only: the first day in, the day after the last out', () => {
    expect(join({ today: '2026-03-23' })).toBeNull();
    expect(join({ today: '2027-03-22' })).toBeNull();
    expect(join({ today: '2026-03-22' })).toBe('OUTSIDE_TERM');
    expect(join({ today: '2027-03-23' })).toBe('OUTSIDE_TERM');
  });

  it('not by a current member, not twice, not to a closed agreement, not above the highest admitted price', () => {
    expect(join({ member: true })).toBe('ALREADY_MEMBER');
    expect(join({ pending: true })).toBe('ALREADY_APPLIED');
    expect(join({ kind: 'closed' })).toBe('CLOSED_FRAMEWORK');
    expect(join({ priceFen: 101 })).toBe('ABOVE_ADMITTED_PRICE');
  });

  it('lets a member leave within the term only', () => {
    const leave = (x: Partial<Parameters<typeof leaveProblem>[0]> = {}) => leaveProblem({ kind: 'open', ...term, today: '2026-06-01', member: true, ...x })?.code ?? null;
    expect(leave()).toBeNull();
    expect(leave({ today: '2027-03-22' })).toBeNull();
    expect(leave({ today: '2027-03-23' })).toBe('OUTSIDE_TERM');
    expect(leave({ today: '2026-03-22' })).toBe('OUTSIDE_TERM');
    expect(leave({ member: false })).toBe('NOT_A_MEMBER');
    expect(leave({ kind: 'closed' })).toBe('CLOSED_FRAMEWORK');
  });

  it('decides an application once', () => {
    expect(applicationTransition('admit', 'pending')).toBe('admitted');
    expect(applicationTransition('refuse', 'pending')).toBe('refused');
    expect(() => applicationTransition('admit', 'refused')).toThrow();
  });
});
