import { compareDates, shanghaiDate, type LocalDate, type WorkingDayCalendar } from '../../platform/calendar/calendar';
import { bilingual, type Bilingual } from '../../platform/errors';

/**
 * The clocks of a publicity (公示), as plain functions over Shanghai dates. The day it starts is not
 * counted (T-01); it ends at 24:00 of its last day (T-03).
 */

/** DS-01: the single-source publicity lasts at least 5 working days. */
export const SINGLE_SOURCE_PUBLICITY_WORKING_DAYS = 5;
/** SS-04: objections are reviewed within 5 working days after the publicity ends. */
export const OBJECTION_REVIEW_WORKING_DAYS = 5;
/** WK-13: the candidates are publicised for at least 3 days, a last day on a rest day moving to the next working day (T-02); objections come within them. */
export const CANDIDATES_PUBLICITY_DAYS = 3;

/** The earliest last day a publicity starting now may have. */
export function earliestPublicityEnd(kind: 'singleSource' | 'candidates', startsAt: Date, calendar: WorkingDayCalendar): LocalDate {
  const start = shanghaiDate(startsAt);
  return kind === 'singleSource' ? calendar.addWorkingDays(start, SINGLE_SOURCE_PUBLICITY_WORKING_DAYS) : calendar.calendarPeriodEnd(start, CANDIDATES_PUBLICITY_DAYS);
}

/** DS-01: a single-source publicity's last day as chosen, or why it is too short. */
export function publicityEndProblem(startsAt: Date, endsOn: LocalDate, calendar: WorkingDayCalendar): { ruleId: string; earliest: LocalDate; messages: Bilingual } | null {
  const earliest = earliestPublicityEnd('singleSource', startsAt, calendar);
  if (compareDates(endsOn, earliest) >= 0) return null;
  return { ruleId: 'DS-01', earliest, messages: bilingual(`单一来源采购公示期不得少于5个工作日（最早至${earliest}）`, `A single-source publicity lasts at least 5 working days (until ${earliest} at the earliest)`) };
}

/** Whether the publicity is still running on `today` (its last day included). */
export const publicityRunning = (endsOn: LocalDate, today: LocalDate) => compareDates(today, endsOn) <= 0;

export interface PublicityState {
  endsOn: LocalDate;
  objections: { status: 'pending' | 'upheld' | 'dismissed' }[];
}

/**
 * Whether the procedure may go on after a single-source publicity (DS-01, SS-04): only once it has
 * ended and every objection was reviewed and found unfounded. An upheld objection means the purchaser
 * must use another method.
 */
export function singleSourceMayProceed(p: PublicityState | null, today: LocalDate): { ruleId: string; code: string; messages: Bilingual } | null {
  if (!p) return { ruleId: 'DS-01', code: 'PUBLICITY_REQUIRED', messages: bilingual('达到公开招标数额标准的单一来源采购，应先进行单一来源采购公示（不少于5个工作日）', 'From the open-tender threshold, a single-source procurement is first publicised for at least 5 working days') };
  if (publicityRunning(p.endsOn, today)) return { ruleId: 'DS-01', code: 'PUBLICITY_RUNNING', messages: bilingual(`单一来源采购公示期至${p.endsOn}届满，届满后方可继续`, `The publicity runs until ${p.endsOn}; the procedure continues after it`) };
  if (p.objections.some((o) => o.status === 'pending')) return { ruleId: 'SS-04', code: 'OBJECTION_PENDING', messages: bilingual('公示期内收到的异议尚未组织补充论证', 'An objection received during the publicity has not been reviewed yet') };
  if (p.objections.some((o) => o.status === 'upheld')) return { ruleId: 'SS-04', code: 'OBJECTION_UPHELD', messages: bilingual('异议经补充论证成立，应当依法采取其他采购方式', 'An objection was found well founded: another procurement method must be used') };
  return null;
}

/** WK-13 / WK-19: the winner is named only after the candidates' publicity, and not while an objection to the candidates awaits its answer. */
export function candidatesMayBeAwarded(p: { endsOn: LocalDate } | null, pendingObjections: number, today: LocalDate): { ruleId: string; code: string; messages: Bilingual } | null {
  if (!p) return { ruleId: 'WK-13', code: 'CANDIDATES_NOT_PUBLICISED', messages: bilingual('依法必须招标的项目，应先公示中标候选人', 'The candidates must be publicised first') };
  if (publicityRunning(p.endsOn, today)) return { ruleId: 'WK-13', code: 'PUBLICITY_RUNNING', messages: bilingual(`中标候选人公示期至${p.endsOn}届满，届满后方可确定中标人`, `The candidates are publicised until ${p.endsOn}; the winner is named after that`) };
  if (pendingObjections > 0) return { ruleId: 'WK-19', code: 'OBJECTION_PENDING', messages: bilingual('对中标候选人的异议尚未答复，作出答复前应当暂停招标投标活动', 'An objection to the candidates awaits its answer; the procedure is suspended until then') };
  return null;
}
