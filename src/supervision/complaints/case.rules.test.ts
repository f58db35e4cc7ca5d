import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../platform/calendar/calendar';
import { OFFICIAL_SCHEDULES } from '../../platform/calendar/holidays-cn';
import { answerDueOn, challengeWindow, clock, complaintLastDay, complaintScopeProblem, decisionDueOn, evidenceKind, pausedWorkingDays, responseDueOn, reviewDueOn, suspensionProblem, type ChallengeFacts } from './case.rules';
import { challengeHoldsContract, complaintActions, nextChallengeStatus, nextComplaintStatus, type CaseParty } from './case.states';

const calendar = buildCalendar(OFFICIAL_SCHEDULES);
const facts = (f: Partial<ChallengeFacts>): ChallengeFacts => ({ documentsObtainedOn: null, announcementEndsOn: null, participated: false, openedOn: null, resultPublishedOn: null, deadlineOn: null, ...f });

describe('QC-01/QC-02: the last day to challenge, 7 working days after the supplier knew', () => {
  // 2026 Spring Festival: 2026-02-15 to 02-23 off; Saturdays 02-14 and 02-28 are working days (调休).
  it('counts the Spring Festival out and its make-up Saturdays in: result published 02-11, period ends 02-12, last day 02-28', () => {
    const w = challengeWindow('result', facts({ participated: true, openedOn: '2026-02-05', resultPublishedOn: '2026-02-11' }), '2026-02-28', calendar);
    expect(w).toMatchObject({ knewOn: '2026-02-12', lastDay: '2026-02-28', refusal: null });
  });
  it('refuses on the day after the last, naming QC-01 and the day', () => {
    const w = challengeWindow('result', facts({ participated: true, openedOn: '2026-02-05', resultPublishedOn: '2026-02-11' }), '2026-03-01', calendar);
    expect(w.refusal?.ruleId).toBe('QC-01');
    expect(w.refusal?.messages['zh-CN']).toContain('2026-02-28');
  });
  // 2026 National Day: 10-01 to 10-07 off (Mid-Autumn 09-25 to 27 before it); 10-10 is a working Saturday.
  it('counts National Day out: a process challenge on an opening of 09-30 may be filed until 10-15', () => {
    expect(challengeWindow('process', facts({ participated: true, openedOn: '2026-09-30' }), '2026-10-15', calendar)).toMatchObject({ lastDay: '2026-10-15', refusal: null });
    expect(challengeWindow('process', facts({ participated: true, openedOn: '2026-09-30' }), '2026-10-16', calendar).refusal?.ruleId).toBe('QC-01');
  });
  it('takes for the documents the later of obtaining them and the end of the announcement period', () => {
    expect(challengeWindow('documents', facts({ documentsObtainedOn: '2026-03-02', announcementEndsOn: '2026-03-06' }), '2026-03-06', calendar).knewOn).toBe('2026-03-06');
    expect(challengeWindow('documents', facts({ documentsObtainedOn: '2026-03-09', announcementEndsOn: '2026-03-06' }), '2026-03-09', calendar).knewOn).toBe('2026-03-09');
  });
});

describe('QC-03: who may challenge what', () => {
  it('refuses the documents to a supplier that did not obtain them, the process and result to one that did not take part', () => {
    expect(challengeWindow('documents', facts({ announcementEndsOn: '2026-03-06' }), '2026-03-06', calendar).refusal?.ruleId).toBe('QC-03');
    expect(challengeWindow('result', facts({ documentsObtainedOn: '2026-03-02', resultPublishedOn: '2026-03-20' }), '2026-03-23', calendar).refusal?.ruleId).toBe('QC-03');
  });
  it('refuses a result challenge before the result is published (QC-02)', () => {
    expect(challengeWindow('result', facts({ participated: true, openedOn: '2026-03-16' }), '2026-03-17', calendar).refusal?.ruleId).toBe('QC-02');
  });
});

describe('the clocks after the filing', () => {
  it('QC-04: the answer is due 7 working days after receipt, across the Spring Festival', () => {
    expect(answerDueOn('2026-02-12', calendar)).toBe('2026-02-28');
    expect(answerDueOn('2026-02-13', calendar)).toBe('2026-03-02');
  });
  it('QC-07: a complaint may be filed up to 15 working days after the answer period, across National Day', () => {
    expect(complaintLastDay('2026-09-30', calendar)).toBe('2026-10-27');
  });
  it('QC-09: review and response within 5 working days', () => {
    expect(reviewDueOn('2026-02-10', calendar)).toBe('2026-02-24');
    // 10-08, 10-09, Saturday 10-10 (调休), 10-12, 10-13.
    expect(responseDueOn('2026-09-30', calendar)).toBe('2026-10-13');
  });
  it('QC-10: the decision is due 30 working days after receipt, the excluded working days added', () => {
    expect(decisionDueOn('2026-09-28', 0, calendar)).toBe('2026-11-13');
    // A pause from Friday 10-09 to Tuesday 10-13 excludes 10-10 (a working Saturday), 10-12 and 10-13.
    const excluded = pausedWorkingDays('2026-10-09', '2026-10-13', calendar);
    expect(excluded).toBe(3);
    expect(decisionDueOn('2026-09-28', excluded, calendar)).toBe('2026-11-18');
  });
  it('QC-11: a suspension lasts at most 30 calendar days', () => {
    expect(suspensionProblem('2026-09-28', '2026-10-28')).toBeNull();
    expect(suspensionProblem('2026-09-28', '2026-10-29')?.['zh-CN']).toContain('2026-10-28');
    expect(suspensionProblem('2026-09-28', '2026-09-28')).not.toBeNull();
  });
  it('shows working days left: 0 on the last day, negative once overdue (a holiday does not count)', () => {
    expect(clock('2026-09-30', '2026-09-30', calendar)).toEqual({ dueOn: '2026-09-30', workingDaysLeft: 0, overdue: false });
    expect(clock('2026-09-30', '2026-10-08', calendar)).toEqual({ dueOn: '2026-09-30', workingDaysLeft: -1, overdue: true });
    expect(clock('2026-10-08', '2026-09-29', calendar).workingDaysLeft).toBe(2);
  });
  it('QC-07: a complaint stays within the matters challenged', () => {
    expect(complaintScopeProblem([1, 2], [1, 2, 3])).toBeNull();
    expect(complaintScopeProblem([4], [1, 2, 3])?.['zh-CN']).toContain('第4项');
    expect(complaintScopeProblem([], [1])).not.toBeNull();
  });
});

describe('the cases’ transition tables', () => {
  const as = (...p: CaseParty[]) => new Set(p);
  const flags = { correctionRequested: false, responded: false, paused: false, suspended: false };
  it('lets the respondent answer a filed challenge once, and nobody else', () => {
    expect(nextChallengeStatus('filed', 'answer', as('respondent'))).toBe('answered');
    expect(nextChallengeStatus('filed', 'answer', as('filer'))).toBeNull();
    expect(nextChallengeStatus('answered', 'answer', as('respondent'))).toBeNull();
  });
  it('lets the department ask for corrections once (QC-09), and decide only with the clock running', () => {
    expect(nextComplaintStatus('received', 'requestCorrection', flags, as('department'))).toBe('correctionRequested');
    expect(nextComplaintStatus('received', 'requestCorrection', { ...flags, correctionRequested: true }, as('department'))).toBeNull();
    expect(nextComplaintStatus('accepted', 'decide', { ...flags, paused: true }, as('department'))).toBeNull();
    expect(nextComplaintStatus('accepted', 'decide', flags, as('department'))).toBe('decided');
    expect(nextComplaintStatus('received', 'decide', flags, as('department'))).toBeNull();
  });
  it('offers each party only its own steps', () => {
    expect(complaintActions('accepted', flags, as('respondent'))).toEqual(['respond']);
    expect(complaintActions('accepted', flags, as('filer'))).toEqual(['withdraw']);
    expect(complaintActions('accepted', { ...flags, suspended: true }, as('department'))).toEqual(['hear', 'pause', 'lift', 'decide']);
    expect(complaintActions('decided', flags, as('department', 'filer', 'respondent'))).toEqual([]);
  });
  it('QC-05/QC-14: holds the contract while a challenge is open, or upheld so that it affects the result', () => {
    expect(challengeHoldsContract({ status: 'filed', affectsResult: null, verdict: null })).toBe(true);
    expect(challengeHoldsContract({ status: 'answered', affectsResult: false, verdict: 'upheld' })).toBe(false);
    expect(challengeHoldsContract({ status: 'answered', affectsResult: true, verdict: 'partlyUpheld' })).toBe(true);
    expect(challengeHoldsContract({ status: 'answered', affectsResult: true, verdict: 'dismissed' })).toBe(false);
    expect(challengeHoldsContract({ status: 'withdrawn', affectsResult: null, verdict: null })).toBe(false);
  });
});

describe('works under the Bidding Law: objections first (QW-01), then the supervisory department', () => {
  const bidder = facts({ documentsObtainedOn: '2026-09-01', participated: true, openedOn: '2026-03-23', deadlineOn: '2026-10-16' });
  it('WK-05: objections to the documents until 10 days before the deadline', () => {
    expect(challengeWindow('documents', bidder, '2026-10-06', calendar, 'tendering')).toMatchObject({ lastDay: '2026-10-06', refusal: null });
    expect(challengeWindow('documents', bidder, '2026-10-07', calendar, 'tendering').refusal?.ruleId).toBe('WK-05');
  });
  it('WK-09: objections to the opening on its day only, answered at once', () => {
    expect(challengeWindow('opening', bidder, '2026-03-23', calendar, 'tendering').refusal).toBeNull();
    expect(challengeWindow('opening', bidder, '2026-03-24', calendar, 'tendering').refusal?.ruleId).toBe('WK-09');
    expect(answerDueOn('2026-03-23', calendar, 'tendering', 'opening')).toBe('2026-03-23');
  });
  it('WK-13: objections to the candidates during 3 days of publicity, a last day in National Day moving past it (T-02)', () => {
    const published = { ...bidder, resultPublishedOn: '2026-09-29' };
    expect(challengeWindow('candidates', published, '2026-10-08', calendar, 'tendering')).toMatchObject({ lastDay: '2026-10-08', refusal: null });
    expect(challengeWindow('candidates', published, '2026-10-09', calendar, 'tendering').refusal?.ruleId).toBe('WK-13');
  });
  it('refuses matters outside the three objections, which go to the department directly (QW-01)', () => {
    expect(challengeWindow('result', bidder, '2026-03-24', calendar, 'tendering').refusal?.ruleId).toBe('QW-01');
    expect(challengeWindow('opening', bidder, '2026-03-23', calendar, 'procurement').refusal?.ruleId).toBe('QC-02');
  });
  it('answers within 3 days, complains within 10 days of the answer (QW-02), accepts within 3 working days (QW-03)', () => {
    expect(answerDueOn('2026-09-30', calendar, 'tendering', 'documents')).toBe('2026-10-08');
    expect(complaintLastDay('2026-09-22', calendar, 'tendering')).toBe('2026-10-08');
    expect(complaintLastDay('2026-09-21', calendar, 'tendering')).toBe('2026-10-08');
    expect(complaintLastDay('2026-09-20', calendar, 'tendering')).toBe('2026-09-30');
    expect(reviewDueOn('2026-09-30', calendar, 'tendering')).toBe('2026-10-10');
  });
});

describe('evidence files', () => {
  it('are PDF, OFD or a JPG or PNG scan, told by their first bytes, not their names', () => {
    expect(evidenceKind(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(evidenceKind(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]))).toBe('ofd');
    expect(evidenceKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(evidenceKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toBe('png');
    expect(evidenceKind(Buffer.from('aaaa'))).toBeNull();
    expect(evidenceKind(Buffer.from('%PD'))).toBeNull();
  });
});
