import { addCalendarDays, shanghaiDate, shanghaiInstant, type LocalDate, type MinimumPeriodPolicy, type WorkingDayCalendar } from '../../platform/calendar/calendar';
import { bilingual, type Bilingual } from '../../platform/errors';
import type { MethodRules } from '../methods/methods';

/**
 * The legal time limits of a tender, checked with the working-day calendar (pure).
 * Days are counted in Shanghai; the start day is not counted (T-01).
 */
export interface TenderSchedule {
  /** When the procurement documents become available (the notice's publication). */
  documentsFrom: Date;
  documentsUntil: Date;
  /** Submission deadline; the opening is at the same moment (GP-30). */
  deadline: Date;
}

export interface ScheduleViolation {
  ruleId: string;
  field: 'deadline' | 'documentsUntil' | 'documentsFrom';
  /** The earliest date the rule allows for that field. */
  earliest: LocalDate | null;
  messages: Bilingual;
}

export function scheduleViolations(rules: MethodRules, schedule: TenderSchedule, calendar: WorkingDayCalendar, policy: MinimumPeriodPolicy): ScheduleViolation[] {
  const violations: ScheduleViolation[] = [];
  if (schedule.documentsUntil.getTime() > schedule.deadline.getTime() || schedule.documentsFrom.getTime() >= schedule.documentsUntil.getTime()) {
    violations.push({
      ruleId: 'SCHEDULE',
      field: 'documentsUntil',
      earliest: null,
      messages: bilingual('文件提供期应在公告发布之后、投标截止之前', 'The documents must be available after publication and until no later than the deadline'),
    });
  }
  const start = shanghaiDate(schedule.documentsFrom);
  for (const period of rules.periods) {
    const earliest = calendar.earliestDeadlineDate(start, period.amount, period.unit, period.policyApplies ? policy : 'strictCalendar');
    if (period.to === 'deadline' ? !deadlineFallsOnOrAfter(schedule.deadline, earliest) : schedule.documentsUntil < endOfDay(earliest)) {
      violations.push({
        ruleId: period.ruleId,
        field: period.to,
        earliest,
        messages:
          period.to === 'deadline'
            ? bilingual(`${period.messages['zh-CN']}（最早为${earliest}）`, `${period.messages['en-US']} (the earliest allowed date is ${earliest})`)
            : bilingual(`${period.messages['zh-CN']}（应至少提供至${earliest} 24:00）`, `${period.messages['en-US']} (until ${earliest} 24:00 at least)`),
      });
    }
  }
  return violations;
}

/**
 * Periods are compared as instants in Beijing time. The last day of a period ends at 24:00
 * (T-03), which is 00:00 of the next day: documents available "until 00:00 of the 5th working
 * day" are available for four of them.
 */
const endOfDay = (date: LocalDate) => shanghaiInstant(addCalendarDays(date, 1));

/** A deadline is on a day once that day has begun: 00:00 of a day is still 24:00 of the day before. */
const deadlineFallsOnOrAfter = (deadline: Date, earliest: LocalDate) => deadline > shanghaiInstant(earliest);

/** The Shanghai wall-clock time of an instant, 'HH:MM'. */
export function shanghaiTimeOfDay(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
}

export interface ClarificationCheck {
  ruleId: string;
  /** The earliest deadline that leaves the legal lead time, at the old deadline's time of day. */
  proposedDeadline: Date;
  messages: Bilingual;
}

/**
 * GP-05 / WK-04 (15 days), CS-02 (5 days), NG-01 / RQ-04 (3 working days): a clarification that may
 * affect the responses must reach suppliers that long before the deadline; otherwise the deadline moves. Returns null when the
 * deadline can stay, or the new deadline the platform proposes.
 */
export function clarificationCheck(
  rules: MethodRules,
  deadline: Date,
  clarificationAt: Date,
  calendar: WorkingDayCalendar,
  policy: MinimumPeriodPolicy,
): ClarificationCheck | null {
  const lead = rules.clarificationLead;
  if (!lead) return null;
  const earliest = calendar.earliestDeadlineDate(shanghaiDate(clarificationAt), lead.amount, lead.unit, lead.unit === 'days' ? policy : 'strictCalendar');
  if (deadlineFallsOnOrAfter(deadline, earliest)) return null;
  const time = shanghaiTimeOfDay(deadline);
  // A deadline at 00:00 moves to 24:00 of the earliest day, not to its first minute.
  const proposedDeadline = time === '00:00' ? endOfDay(earliest) : shanghaiInstant(earliest, time);
  const proposed = `${earliest} ${time === '00:00' ? '24:00' : time}`;
  return {
    ruleId: lead.ruleId,
    proposedDeadline,
    messages: bilingual(
      `可能影响投标（响应）文件编制的澄清或修改，应在截止时间至少${lead.amount}${lead.unit === 'days' ? '日' : '个工作日'}前发出；截止时间须顺延至${proposed}或以后`,
      `A clarification that may affect bid preparation must come at least ${lead.amount} ${lead.unit === 'days' ? 'days' : 'working days'} before the deadline; the deadline must move to ${proposed} or later`,
    ),
  };
}

/**
 * GP-08: the procurement starts (its notice is published) at least `leadDays` days after the
 * procurement intention, counted in Shanghai from the day after the intention (T-01). Returns
 * the first day the notice may be published.
 */
export function intentionLeadEnd(intentionPublishedAt: Date, leadDays: number): LocalDate {
  return addCalendarDays(shanghaiDate(intentionPublishedAt), leadDays);
}

/** GP-03: the tender notice's publication period, 5 working days from publication. */
export function announcementPeriodEnd(publishedAt: Date, calendar: WorkingDayCalendar): LocalDate {
  return calendar.addWorkingDays(shanghaiDate(publishedAt), 5);
}
