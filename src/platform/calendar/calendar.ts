import { DomainError, bilingual } from '../errors';

/**
 * The Asia/Shanghai working-day calendar (RULES.md §0 and §9).
 *
 * Pure functions over the official schedules: no database, no clock. Dates are local
 * calendar dates in Shanghai, written 'YYYY-MM-DD'. China has kept UTC+8 without daylight
 * saving since 1991, so converting an instant is a fixed offset.
 *
 * Counting decisions (RULES.md, top): the start day is never counted (T-01/T-05); a period
 * whose last day is a rest day ends on the next working day (T-02); a year without a
 * published schedule is an error, never a Monday-to-Friday guess (CAL-03).
 */
export type LocalDate = string;

export interface HolidayRange {
  name: string;
  from: LocalDate;
  to: LocalDate;
}

export interface HolidaySchedule {
  year: number;
  /** The State Council notice the schedule comes from. */
  source: string;
  holidays: HolidayRange[];
  makeupWorkdays: LocalDate[];
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeupWorkday';

export interface DayInfo {
  date: LocalDate;
  working: boolean;
  kind: DayKind;
  holidayName?: string;
}

/** T-08: how a minimum period that ends on a rest day is treated (a per-region setting). */
export type MinimumPeriodPolicy = 'cautious' | 'strictCalendar';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export class CalendarNotCoveredError extends DomainError {
  constructor(readonly year: number) {
    super(
      'CALENDAR_YEAR_NOT_COVERED',
      bilingual(
        `${year}年的法定节假日安排尚未录入，无法计算工作日，请平台运营方录入国务院办公厅公布的安排`,
        `No official holiday schedule for ${year} has been entered, so working days cannot be computed; the platform operator must enter the State Council's schedule`,
      ),
      422,
      { year },
      'CAL-03',
    );
  }
}

export function parseLocalDate(date: LocalDate): number {
  const m = DATE_PATTERN.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (formatUtcDate(t) !== date) throw new RangeError(`not a date: ${date}`);
  return t;
}

function formatUtcDate(t: number): LocalDate {
  return new Date(t).toISOString().slice(0, 10);
}

export function isLocalDate(value: string): boolean {
  try {
    parseLocalDate(value);
    return true;
  } catch {
    return false;
  }
}

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date): LocalDate {
  return formatUtcDate(instant.getTime() + SHANGHAI_OFFSET_MS);
}

/** The instant of a Shanghai wall-clock time, e.g. shanghaiInstant('2026-03-16', '09:30'). */
export function shanghaiInstant(date: LocalDate, time = '00:00'): Date {
  const [h, m] = time.split(':').map(Number);
  return new Date(parseLocalDate(date) + ((h ?? 0) * 60 + (m ?? 0)) * 60_000 - SHANGHAI_OFFSET_MS);
}

/** End of a Shanghai day (T-03: the last day ends at 24:00), as the last millisecond. */
export function endOfShanghaiDay(date: LocalDate): Date {
  return new Date(shanghaiInstant(date).getTime() + DAY_MS - 1);
}

export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  return formatUtcDate(parseLocalDate(date) + days * DAY_MS);
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface WorkingDayCalendar {
  readonly years: number[];
  /** Last year of the unbroken run of schedules starting at the first one, or null if none. */
  readonly coveredThrough: number | null;
  dayInfo(date: LocalDate): DayInfo;
  isWorkingDay(date: LocalDate): boolean;
  /** The n-th working day after `date` (the start day is not counted, T-01). */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  /** The first working day on or after `date`. */
  workingDayOnOrAfter(date: LocalDate): LocalDate;
  /** Last day of a period of n calendar days counted from the day after `date`, extended past rest days (T-01, T-02). */
  calendarPeriodEnd(date: LocalDate, days: number): LocalDate;
  /** Working days strictly after `from` up to and including `to`. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number;
  /**
   * The earliest date a deadline may fall on when the law requires at least `amount` days
   * (or working days) after `start` (T-01, T-08).
   */
  earliestDeadlineDate(start: LocalDate, amount: number, unit: 'days' | 'workingDays', policy: MinimumPeriodPolicy): LocalDate;
}

export function buildCalendar(schedules: HolidaySchedule[]): WorkingDayCalendar {
  const years = [...new Set(schedules.map((s) => s.year))].sort((a, b) => a - b);
  const holidays = new Map<LocalDate, string>();
  const makeup = new Set<LocalDate>();
  for (const schedule of schedules) {
    for (const range of schedule.holidays) {
      for (let d = range.from; d <= range.to; d = addCalendarDays(d, 1)) holidays.set(d, range.name);
    }
    for (const d of schedule.makeupWorkdays) makeup.add(d);
  }
  const covered = new Set(years);
  let coveredThrough: number | null = years[0] ?? null;
  while (coveredThrough !== null && covered.has(coveredThrough + 1)) coveredThrough++;

  function dayInfo(date: LocalDate): DayInfo {
    const year = yearOf(date);
    if (!covered.has(year)) throw new CalendarNotCoveredError(year);
    if (makeup.has(date)) return { date, working: true, kind: 'makeupWorkday' };
    const holidayName = holidays.get(date);
    if (holidayName) return { date, working: false, kind: 'holiday', holidayName };
    const weekday = new Date(parseLocalDate(date)).getUTCDay();
    if (weekday === 0 || weekday === 6) return { date, working: false, kind: 'weekend' };
    return { date, working: true, kind: 'workday' };
  }

  const isWorkingDay = (date: LocalDate) => dayInfo(date).working;

  function addWorkingDays(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
    let d = date;
    for (let counted = 0; counted < n; ) {
      d = addCalendarDays(d, 1);
      if (isWorkingDay(d)) counted++;
    }
    return d;
  }

  function workingDayOnOrAfter(date: LocalDate): LocalDate {
    let d = date;
    while (!isWorkingDay(d)) d = addCalendarDays(d, 1);
    return d;
  }

  return {
    years,
    coveredThrough,
    dayInfo,
    isWorkingDay,
    addWorkingDays,
    workingDayOnOrAfter,
    calendarPeriodEnd: (date, days) => workingDayOnOrAfter(addCalendarDays(date, days)),
    workingDaysBetween(from, to) {
      let count = 0;
      for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (isWorkingDay(d)) count++;
      return count;
    },
    earliestDeadlineDate(start, amount, unit, policy) {
      if (unit === 'workingDays') return addWorkingDays(start, amount);
      const end = addCalendarDays(start, amount);
      return policy === 'cautious' ? workingDayOnOrAfter(end) : end;
    },
  };
}
