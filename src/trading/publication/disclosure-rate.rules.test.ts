import { describe, expect, it } from 'vitest';
import { buildCalendar, shanghaiInstant } from '../../platform/calendar/calendar';
import { OFFICIAL_SCHEDULES } from '../../platform/calendar/holidays-cn';
import { buildTimeline } from './timeline';
import { disclosureRate, dueBy, type DueFact, type RateEntry } from './disclosure-rate.rules';

const calendar = buildCalendar(OFFICIAL_SCHEDULES);
const award: RateEntry = { code: 'D05', item: '中标（成交）结果公告', ruleId: 'GP-72', timeLimit: '2个工作日内', noticeTypes: ['award'], trigger: 'awardConfirmed', dueWorkingDays: 2 };
const tender: RateEntry = { code: 'D02', item: '招标公告', ruleId: 'GP-03', timeLimit: '', noticeTypes: ['tender'], trigger: null, dueWorkingDays: null };
// Awarded on Friday 2026-03-06 at 16:00 Shanghai: two working days later is Tuesday 2026-03-10.
const awardedAt = shanghaiInstant('2026-03-06', '16:00');
const fact = (publishedAt: Date | null): DueFact => ({ trigger: 'awardConfirmed', key: 'lot-1', projectId: 'p1', projectLabel: '教室照明改造（SH-1）', regionCode: '310104', happenedAt: awardedAt, publishedAt, noticeId: publishedAt ? 'n1' : null });

describe('the disclosure rate', () => {
  it('counts working days after the fact, skipping the weekend', () => {
    expect(dueBy(calendar, awardedAt, 2)).toBe('2026-03-10');
    expect(dueBy(calendar, awardedAt, 0)).toBe('2026-03-06');
  });

  it('does not count an unpublished notice until its last day has passed', () => {
    const onLastDay = disclosureRate([award], [fact(null)], calendar, shanghaiInstant('2026-03-10', '23:59'));
    expect(onLastDay.entries[0]).toMatchObject({ due: 0, published: 0, pending: 1, rate: null });
    expect(onLastDay.rate).toBeNull();
    const dayAfter = disclosureRate([award], [fact(null)], calendar, shanghaiInstant('2026-03-11', '00:00'));
    expect(dayAfter.entries[0]).toMatchObject({ due: 1, published: 0, pending: 0, rate: 0 });
    expect(dayAfter.entries[0]!.missing).toEqual([{ key: 'lot-1', projectId: 'p1', projectLabel: '教室照明改造（SH-1）', happenedAt: awardedAt.toISOString(), dueBy: '2026-03-10' }]);
  });

  it('counts a notice published on the last day as on time, and one a day after as late', () => {
    const now = shanghaiInstant('2026-03-20');
    const onTime = disclosureRate([award], [fact(shanghaiInstant('2026-03-10', '23:59'))], calendar, now);
    expect(onTime.entries[0]).toMatchObject({ due: 1, published: 1, late: 0, rate: 100 });
    const late = disclosureRate([award], [fact(shanghaiInstant('2026-03-11', '09:00'))], calendar, now);
    expect(late.entries[0]).toMatchObject({ due: 1, published: 1, late: 1, rate: 100 });
  });

  it('counts a notice published early, before its limit passed', () => {
    const r = disclosureRate([award], [fact(shanghaiInstant('2026-03-06', '16:05'))], calendar, shanghaiInstant('2026-03-07'));
    expect(r.entries[0]).toMatchObject({ due: 1, published: 1, pending: 0, rate: 100 });
  });

  it('adds up the entries, and leaves entries without a triggering fact unmeasured', () => {
    const other = { ...fact(null), key: 'lot-2' };
    const r = disclosureRate([tender, award], [fact(shanghaiInstant('2026-03-09')), other], calendar, shanghaiInstant('2026-03-20'));
    expect(r.entries.map((e) => [e.code, e.measured, e.due, e.published])).toEqual([
      ['D02', false, 0, 0],
      ['D05', true, 2, 1],
    ]);
    expect(r).toMatchObject({ due: 2, published: 1, late: 0, rate: 50 });
  });
});

describe('the project timeline', () => {
  const n = (id: string, noticeType: string, publishedAt: string) => ({ id, noticeType: noticeType as never, title: id, publishedAt, lotId: null });
  it('lists the steps in order, with the ones to come pending and optional ones absent', () => {
    const steps = buildTimeline([n('t', 'tender', '2026-03-02T02:00:00Z'), n('i', 'intention', '2026-01-02T02:00:00Z')], false);
    expect(steps.map((s) => `${s.step}:${s.status}`)).toEqual(['intention:done', 'tender:done', 'openingRecord:pending', 'award:pending', 'contract:pending', 'acceptance:pending', 'payment:pending']);
  });
  it('marks steps a project went past without as skipped, and all steps after a failure', () => {
    const passed = buildTimeline([n('t', 'tender', '2026-03-02T02:00:00Z'), n('a', 'award', '2026-04-02T02:00:00Z')], false);
    expect(passed.find((s) => s.step === 'intention')!.status).toBe('skipped');
    const failed = buildTimeline([n('t', 'tender', '2026-03-02T02:00:00Z'), n('f', 'failure', '2026-03-30T02:00:00Z')], true);
    expect(failed.map((s) => `${s.step}:${s.status}`)).toEqual(['intention:skipped', 'tender:done', 'openingRecord:skipped', 'termination:done', 'award:skipped', 'contract:skipped', 'acceptance:skipped', 'payment:skipped']);
  });
});
