import { CalendarNotCoveredError, shanghaiDate, type LocalDate, type WorkingDayCalendar } from '../../platform/calendar/calendar';

/**
 * 信息公开率 (pure): per disclosure-catalogue entry, how many notices were due by now and how many
 * were published, and how many of those late. A notice is due once its triggering fact happened
 * and the entry's limit (N working days after the fact's day, Shanghai time; 0 = the same day)
 * has passed; a notice published before the limit passed counts too. The last day is whole: a
 * notice published at 23:59 on it is on time, one published the next day is late.
 */
export interface RateEntry {
  code: string;
  item: string;
  ruleId: string | null;
  timeLimit: string;
  noticeTypes: string[];
  trigger: string | null;
  dueWorkingDays: number | null;
}

/** A fact after which one notice is due; `noticeId` is the notice that published it, if any. */
export interface DueFact {
  trigger: string;
  key: string;
  projectId: string | null;
  projectLabel: string;
  regionCode: string;
  happenedAt: Date;
  publishedAt: Date | null;
  noticeId: string | null;
}

export interface MissingPublication {
  key: string;
  projectId: string | null;
  projectLabel: string;
  happenedAt: string;
  dueBy: LocalDate;
}

export interface EntryRate {
  code: string;
  item: string;
  ruleId: string | null;
  timeLimit: string;
  noticeTypes: string[];
  /** false for entries with no triggering fact the platform records (the notice is itself the step). */
  measured: boolean;
  due: number;
  published: number;
  late: number;
  /** published / due in per cent (one decimal); null when nothing was due. */
  rate: number | null;
  missing: MissingPublication[];
  /** Facts whose limit has not passed yet and whose notice is not out: not counted. */
  pending: number;
}

export interface DisclosureRate {
  asOf: string;
  due: number;
  published: number;
  late: number;
  rate: number | null;
  entries: EntryRate[];
}

const percent = (published: number, due: number) => (due === 0 ? null : Math.round((published / due) * 1000) / 10);

/** The last Shanghai day on which the notice is on time, or null if the calendar does not cover it. */
export function dueBy(calendar: WorkingDayCalendar, happenedAt: Date, workingDays: number): LocalDate | null {
  const day = shanghaiDate(happenedAt);
  if (workingDays === 0) return day;
  try {
    return calendar.addWorkingDays(day, workingDays);
  } catch (e) {
    if (e instanceof CalendarNotCoveredError) return null;
    throw e;
  }
}

export function disclosureRate(entries: RateEntry[], facts: DueFact[], calendar: WorkingDayCalendar, now: Date): DisclosureRate {
  const today = shanghaiDate(now);
  const rates = entries.map((entry): EntryRate => {
    const measured = entry.trigger !== null && entry.dueWorkingDays !== null;
    const result: EntryRate = { code: entry.code, item: entry.item, ruleId: entry.ruleId, timeLimit: entry.timeLimit, noticeTypes: entry.noticeTypes, measured, due: 0, published: 0, late: 0, rate: null, missing: [], pending: 0 };
    if (!measured) return result;
    for (const fact of facts.filter((f) => f.trigger === entry.trigger)) {
      const limit = dueBy(calendar, fact.happenedAt, entry.dueWorkingDays!);
      const publishedDay = fact.publishedAt ? shanghaiDate(fact.publishedAt) : null;
      if (publishedDay) {
        result.due++;
        result.published++;
        if (limit !== null && publishedDay > limit) result.late++;
      } else if (limit !== null && today > limit) {
        result.due++;
        result.missing.push({ key: fact.key, projectId: fact.projectId, projectLabel: fact.projectLabel, happenedAt: fact.happenedAt.toISOString(), dueBy: limit });
      } else result.pending++;
    }
    result.rate = percent(result.published, result.due);
    return result;
  });
  const due = rates.reduce((s, r) => s + r.due, 0);
  const published = rates.reduce((s, r) => s + r.published, 0);
  return { asOf: now.toISOString(), due, published, late: rates.reduce((s, r) => s + r.late, 0), rate: percent(published, due), entries: rates };
}

/** A catalogue item's data as a rate entry (the catalogue stores the limit as text, e.g. '2'). */
export function rateEntryOf(item: { code: string; data: Record<string, unknown> }): RateEntry {
  const d = item.data;
  const days = typeof d.dueWorkingDays === 'string' && /^\d{1,2}$/.test(d.dueWorkingDays) ? Number(d.dueWorkingDays) : null;
  return {
    code: item.code,
    item: String(d.item ?? ''),
    ruleId: typeof d.ruleId === 'string' ? d.ruleId : null,
    timeLimit: String(d.timeLimit ?? ''),
    noticeTypes: Array.isArray(d.noticeType) ? (d.noticeType as string[]) : [],
    trigger: typeof d.trigger === 'string' ? d.trigger : null,
    dueWorkingDays: days,
  };
}
