import { describe, expect, it } from 'vitest';
import { buildCalendar, shanghaiInstant } from '../../platform/calendar/calendar';
import { OFFICIAL_SCHEDULES } from '../../platform/calendar/holidays-cn';
import { applicationsOpen, prequalificationScheduleViolations, resultsMayBeIssued, saleStopDay, tenderMayFollow } from './prequalification.rules';

const calendar = buildCalendar(OFFICIAL_SCHEDULES);
const at = (date: string, time = '09:00') => shanghaiInstant(date, time);
/** 24:00 of a day. */
const endOf = (date: string) => new Date(shanghaiInstant(date).getTime() + 86_400_000);

describe('WK-02: the prequalification documents are on sale for at least 5 days', () => {
  // Published Tuesday 22 September 2026: five calendar days end on Sunday 27 September, in the Mid-Autumn holiday; calendar days are not extended.
  const schedule = (documentsUntil: Date) => ({ publishedAt: at('2026-09-22', '10:00'), documentsUntil, applicationDeadline: at('2026-10-12'), reviewDate: at('2026-10-13') });
  it('until 24:00 of the fifth day, a holiday counted like any day', () => {
    expect(prequalificationScheduleViolations(schedule(endOf('2026-09-27')), calendar, 'cautious')).toEqual([]);
  });
  it('not a minute less', () => {
    expect(prequalificationScheduleViolations(schedule(at('2026-09-27', '23:59')), calendar, 'cautious')).toMatchObject([{ ruleId: 'WK-02', field: 'documentsUntil', earliest: '2026-09-27' }]);
  });
});

describe('WK-03: applications are due at least 5 days after the sale stops', () => {
  // The sale stops at 24:00 on Sunday 20 September (a make-up working day); five days later is Friday 25 September, in the Mid-Autumn holiday (25–27).
  const schedule = (applicationDeadline: Date, reviewDate = at('2026-09-30')) => ({ publishedAt: at('2026-09-15'), documentsUntil: endOf('2026-09-20'), applicationDeadline, reviewDate });
  it('a sale until 24:00 stops on that day, not the next', () => {
    expect(saleStopDay(endOf('2026-09-20'))).toBe('2026-09-20');
    expect(saleStopDay(at('2026-09-20', '17:00'))).toBe('2026-09-20');
  });
  it('under the cautious reading (T-08) a last day in the holiday moves to Monday 28 September', () => {
    expect(prequalificationScheduleViolations(schedule(at('2026-09-28', '09:00')), calendar, 'cautious')).toEqual([]);
    expect(prequalificationScheduleViolations(schedule(at('2026-09-26', '10:00')), calendar, 'cautious')).toMatchObject([{ ruleId: 'WK-03', field: 'applicationDeadline', earliest: '2026-09-28' }]);
    // 00:00 on the 28th is still 24:00 on the 27th.
    expect(prequalificationScheduleViolations(schedule(at('2026-09-28', '00:00')), calendar, 'cautious')).toMatchObject([{ ruleId: 'WK-03' }]);
  });
  it('read strictly by the calendar, the fifth day itself suffices', () => {
    expect(prequalificationScheduleViolations(schedule(at('2026-09-25', '10:00')), calendar, 'strictCalendar')).toEqual([]);
    expect(prequalificationScheduleViolations(schedule(at('2026-09-24', '17:00')), calendar, 'strictCalendar')).toMatchObject([{ ruleId: 'WK-03', earliest: '2026-09-25' }]);
  });
  it('the review comes after the deadline', () => {
    expect(prequalificationScheduleViolations(schedule(at('2026-09-28'), at('2026-09-28', '08:59')), calendar, 'cautious')).toMatchObject([{ ruleId: 'PQ-01', field: 'reviewDate' }]);
    expect(prequalificationScheduleViolations(schedule(at('2026-09-28'), at('2026-09-28')), calendar, 'cautious')).toEqual([]);
  });
});

describe('PQ-01, PQ-02: review, results and what follows', () => {
  const deadline = at('2026-09-28');
  const pq = { applicationDeadline: deadline, invitedSuppliers: null, resultsIssuedAt: null };
  it('applications are sealed until the deadline, exclusive', () => {
    expect(applicationsOpen(deadline, new Date(deadline.getTime() - 1))).toBe(true);
    expect(applicationsOpen(deadline, deadline)).toBe(false);
  });
  it('results go out after the deadline once every application was reviewed, no more qualified than the notice invites', () => {
    expect(resultsMayBeIssued(pq, ['qualified'], new Date(deadline.getTime() - 1))).toMatchObject({ code: 'APPLICATIONS_OPEN' });
    expect(resultsMayBeIssued(pq, ['qualified', null], deadline)).toMatchObject({ code: 'REVIEW_INCOMPLETE', ruleId: 'PQ-01' });
    expect(resultsMayBeIssued(pq, ['qualified', 'notQualified'], deadline)).toBeNull();
    expect(resultsMayBeIssued({ ...pq, invitedSuppliers: 3 }, ['qualified', 'qualified', 'qualified', 'qualified'], deadline)).toMatchObject({ code: 'TOO_MANY_QUALIFIED' });
    expect(resultsMayBeIssued({ ...pq, invitedSuppliers: 3 }, ['qualified', 'qualified', 'qualified', 'notQualified'], deadline)).toBeNull();
    expect(resultsMayBeIssued({ ...pq, resultsIssuedAt: deadline }, [], deadline)).toMatchObject({ code: 'RESULTS_ISSUED' });
  });
  it('the tender follows the results with at least 3 qualified; with 2 it is repeated', () => {
    expect(tenderMayFollow(null)).toMatchObject({ code: 'PREQUALIFICATION_REQUIRED', ruleId: 'PQ-01' });
    expect(tenderMayFollow({ resultsIssuedAt: null, qualified: 5 })).toMatchObject({ code: 'PREQUALIFICATION_PENDING', ruleId: 'PQ-02' });
    expect(tenderMayFollow({ resultsIssuedAt: deadline, qualified: 2 })).toMatchObject({ code: 'TOO_FEW_QUALIFIED', ruleId: 'PQ-02' });
    expect(tenderMayFollow({ resultsIssuedAt: deadline, qualified: 2 })!.messages['zh-CN']).toContain('应当重新招标');
    expect(tenderMayFollow({ resultsIssuedAt: deadline, qualified: 3 })).toBeNull();
  });
});
