import { DomainError, bilingual } from '../errors';
import { compareDates, isLocalDate, parseLocalDate, yearOf, type HolidaySchedule, type LocalDate } from './calendar';

/**
 * What the operator may enter: the next year after the covered run, or a correction to a
 * year that has not started yet (a year already in use is never rewritten, because deadlines
 * were computed with it). Dates must be real and consistent: holiday ranges in order and
 * not overlapping, make-up working days on weekends and outside the holidays. A holiday
 * that starts in late December of the previous year (as 2023's New Year did) is allowed.
 */
export function checkScheduleEntry(
  schedule: HolidaySchedule,
  context: { coveredThrough: number | null; existingYears: number[]; today: LocalDate },
): void {
  const fail = (zh: string, en: string, field: string) => {
    throw new DomainError('CALENDAR_SCHEDULE_INVALID', bilingual(zh, en), 422, { field, year: schedule.year });
  };
  const { year } = schedule;
  const isNew = !context.existingYears.includes(year);
  if (isNew && context.coveredThrough !== null && year !== context.coveredThrough + 1)
    fail(`只能录入${context.coveredThrough + 1}年的安排（不能跳年）`, `Only the schedule for ${context.coveredThrough + 1} can be added next (no gaps)`, 'year');
  if (!isNew && compareDates(context.today, `${year}-01-01`) >= 0)
    fail(`${year}年已开始，已用于期限计算的安排不能修改`, `${year} has started; a schedule already used for deadlines cannot be changed`, 'year');
  if (!schedule.source.trim()) fail('请填写依据（国务院办公厅通知文号或网址）', "Give the source (the State Council notice's number or address)", 'source');

  const earliest = `${year - 1}-12-01`;
  const latest = `${year}-12-31`;
  const ranges = [...schedule.holidays].sort((a, b) => compareDates(a.from, b.from));
  ranges.forEach((range, i) => {
    if (!range.name.trim()) fail('节日名称不能为空', 'Each holiday needs a name', `holidays.${i}.name`);
    if (!isLocalDate(range.from) || !isLocalDate(range.to) || compareDates(range.from, range.to) > 0)
      fail(`“${range.name}”的起止日期有误`, `The dates of "${range.name}" are wrong`, `holidays.${i}`);
    if (compareDates(range.from, earliest) < 0 || compareDates(range.to, latest) > 0)
      fail(`“${range.name}”不在${year}年的安排范围内`, `"${range.name}" is outside the ${year} schedule`, `holidays.${i}`);
    const next = ranges[i + 1];
    if (next && compareDates(next.from, range.to) <= 0) fail(`“${range.name}”与“${next.name}”日期重叠`, `"${range.name}" overlaps "${next.name}"`, `holidays.${i}`);
  });
  schedule.makeupWorkdays.forEach((day, i) => {
    if (!isLocalDate(day) || yearOf(day) < year - 1 || compareDates(day, latest) > 0 || compareDates(day, earliest) < 0)
      fail(`调休上班日${day}不在${year}年的安排范围内`, `Make-up working day ${day} is outside the ${year} schedule`, `makeupWorkdays.${i}`);
    const weekday = new Date(parseLocalDate(day)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) fail(`调休上班日${day}不是周末`, `Make-up working day ${day} is not a Saturday or Sunday`, `makeupWorkdays.${i}`);
    if (ranges.some((r) => compareDates(r.from, day) <= 0 && compareDates(day, r.to) <= 0))
      fail(`调休上班日${day}落在节假日内`, `Make-up working day ${day} falls inside a holiday`, `makeupWorkdays.${i}`);
  });
}

