import { describe, expect, it } from 'vitest';
import {
  CalendarNotCoveredError,
  addCalendarDays,
  buildCalendar,
  endOfShanghaiDay,
  shanghaiDate,
  shanghaiInstant,
} from './calendar';
import { OFFICIAL_SCHEDULES } from './holidays-cn';

const calendar = buildCalendar(OFFICIAL_SCHEDULES);

describe('working-day calendar (T-01, T-02, T-06, CAL-01..05)', () => {
  it('knows 2020 through 2026 and says so', () => {
    expect(calendar.coveredThrough).toBe(2026);
    expect(calendar.years).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('classifies the 2026 Spring Festival week with its make-up Saturdays (CAL-04)', () => {
    expect(calendar.dayInfo('2026-02-13')).toMatchObject({ working: true, kind: 'workday' });
    expect(calendar.dayInfo('2026-02-14')).toMatchObject({ working: true, kind: 'makeupWorkday' });
    for (let d = '2026-02-15'; d <= '2026-02-23'; d = addCalendarDays(d, 1)) {
      expect(calendar.dayInfo(d)).toMatchObject({ working: false, kind: 'holiday', holidayName: '春节' });
    }
    expect(calendar.isWorkingDay('2026-02-24')).toBe(true);
    expect(calendar.dayInfo('2026-02-28')).toMatchObject({ working: true, kind: 'makeupWorkday' });
    expect(calendar.dayInfo('2026-03-01')).toMatchObject({ working: false, kind: 'weekend' });
  });

  it('counts working days across the 2026 Spring Festival, start day not counted', () => {
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    // GP-02: documents issued Thursday 12 Feb must stay available 5 working days: 13, 14 (Sat), 24, 25, 26.
    expect(calendar.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
    expect(calendar.workingDaysBetween('2026-02-12', '2026-02-26')).toBe(5);
    expect(calendar.workingDaysBetween('2026-02-12', '2026-02-25')).toBe(4);
  });

  it('counts working days across the 2026 National Day week with its make-up Sunday and Saturday', () => {
    expect(calendar.dayInfo('2026-09-20')).toMatchObject({ working: true, kind: 'makeupWorkday' });
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-10-09', 1)).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-09-29', 5)).toBe('2026-10-12');
  });

  it('follows the 2025 Spring Festival arrangement and the 2020 extension', () => {
    expect(calendar.dayInfo('2025-01-26')).toMatchObject({ kind: 'makeupWorkday' });
    expect(calendar.isWorkingDay('2025-01-28')).toBe(false);
    expect(calendar.isWorkingDay('2025-02-04')).toBe(false);
    expect(calendar.dayInfo('2025-02-08')).toMatchObject({ kind: 'makeupWorkday' });
    // 2020: the original make-up Saturday 1 February was cancelled by the extension.
    expect(calendar.isWorkingDay('2020-02-01')).toBe(false);
    expect(calendar.isWorkingDay('2020-02-03')).toBe(true);
  });

  it('extends a calendar-day period that ends on a holiday to the next working day (T-02)', () => {
    // 20 days after 26 Jan 2026 is 15 Feb, the first day of the Spring Festival holiday.
    expect(calendar.calendarPeriodEnd('2026-01-26', 20)).toBe('2026-02-24');
    expect(calendar.calendarPeriodEnd('2026-01-25', 20)).toBe('2026-02-14'); // a make-up Saturday is a working day
    expect(calendar.calendarPeriodEnd('2026-03-02', 20)).toBe('2026-03-23'); // Sunday 22 Mar → Monday
  });

  it('applies the minimum-period policy (T-08)', () => {
    expect(calendar.earliestDeadlineDate('2026-01-26', 20, 'days', 'cautious')).toBe('2026-02-24');
    expect(calendar.earliestDeadlineDate('2026-01-26', 20, 'days', 'strictCalendar')).toBe('2026-02-15');
    expect(calendar.earliestDeadlineDate('2026-02-12', 5, 'workingDays', 'strictCalendar')).toBe('2026-02-26');
  });

  it('refuses to guess a year without a published schedule (CAL-03)', () => {
    // 1 January 2027 is a Friday and a statutory holiday; a weekday guess would call it a working day.
    expect(() => calendar.isWorkingDay('2027-01-01')).toThrow(CalendarNotCoveredError);
    expect(() => calendar.addWorkingDays('2026-12-30', 3)).toThrow(/2027/);
    try {
      calendar.addWorkingDays('2026-12-30', 3);
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarNotCoveredError);
      expect((e as CalendarNotCoveredError).year).toBe(2027);
      expect((e as CalendarNotCoveredError).messages['zh-CN']).toContain('2027年');
    }
    expect(() => calendar.isWorkingDay('2019-12-31')).toThrow(CalendarNotCoveredError);
  });

  it('reports the unbroken coverage when a year is missing', () => {
    const gap = buildCalendar(OFFICIAL_SCHEDULES.filter((s) => s.year !== 2023));
    expect(gap.coveredThrough).toBe(2022);
    expect(buildCalendar([]).coveredThrough).toBeNull();
  });

  it('converts instants to Shanghai dates at midnight UTC+8', () => {
    expect(shanghaiDate(new Date('2026-02-13T15:59:59.999Z'))).toBe('2026-02-13');
    expect(shanghaiDate(new Date('2026-02-13T16:00:00.000Z'))).toBe('2026-02-14');
    expect(shanghaiInstant('2026-02-14', '09:30').toISOString()).toBe('2026-02-14T01:30:00.000Z');
    expect(endOfShanghaiDay('2026-02-14').toISOString()).toBe('2026-02-14T15:59:59.999Z');
  });
});
