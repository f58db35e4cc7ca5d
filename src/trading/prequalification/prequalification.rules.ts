import { addCalendarDays, shanghaiDate, shanghaiInstant, type LocalDate, type MinimumPeriodPolicy, type WorkingDayCalendar } from '../../platform/calendar/calendar';
import { bilingual, type Bilingual } from '../../platform/errors';

/**
 * The rules of 资格预审 (pure), checked with the working-day calendar. Days are counted in Shanghai;
 * the start day is not counted (T-01) and the last day ends at 24:00 (T-03).
 */

/** WK-02: the prequalification documents are on sale for at least 5 days (calendar days). */
export const PREQUALIFICATION_SALE_DAYS = 5;
/** WK-03: applications are due at least 5 days after the sale stops. */
export const APPLICATION_DAYS_AFTER_SALE = 5;
/** PQ-02: with fewer qualified applicants the tender is repeated. */
export const MINIMUM_QUALIFIED = 3;

export interface PrequalificationSchedule {
  /** The notice's publication: the documents are available from then. */
  publishedAt: Date;
  documentsUntil: Date;
  applicationDeadline: Date;
  reviewDate: Date;
}

export interface PrequalificationViolation {
  ruleId: string;
  field: 'documentsUntil' | 'applicationDeadline' | 'reviewDate';
  earliest: LocalDate | null;
  messages: Bilingual;
}

/** 24:00 of a day, which is 00:00 of the next. */
const endOfDay = (date: LocalDate) => shanghaiInstant(addCalendarDays(date, 1));

/** The day the sale stops: a sale until 24:00 stops on that day, not the next. */
export const saleStopDay = (documentsUntil: Date) => shanghaiDate(new Date(documentsUntil.getTime() - 1));

/**
 * The schedule of a prequalification notice: the sale runs at least 5 days (WK-02, calendar days,
 * as for the tender documents), applications are due at least 5 days after the sale stops (WK-03;
 * T-08: under the cautious reading a last day on a rest day moves to the next working day), and the
 * review comes after the deadline.
 */
export function prequalificationScheduleViolations(s: PrequalificationSchedule, calendar: WorkingDayCalendar, policy: MinimumPeriodPolicy): PrequalificationViolation[] {
  const violations: PrequalificationViolation[] = [];
  const saleEnds = calendar.earliestDeadlineDate(shanghaiDate(s.publishedAt), PREQUALIFICATION_SALE_DAYS, 'days', 'strictCalendar');
  if (s.documentsUntil < endOfDay(saleEnds))
    violations.push({
      ruleId: 'WK-02',
      field: 'documentsUntil',
      earliest: saleEnds,
      messages: bilingual(`资格预审文件的发售期不得少于5日（应至少提供至${saleEnds} 24:00）`, `The prequalification documents are on sale for at least 5 days (until ${saleEnds} 24:00 at least)`),
    });
  const applicationsFrom = calendar.earliestDeadlineDate(saleStopDay(s.documentsUntil), APPLICATION_DAYS_AFTER_SALE, 'days', policy);
  // A deadline is on a day once that day has begun: 00:00 of a day is still 24:00 of the day before.
  if (s.applicationDeadline <= shanghaiInstant(applicationsFrom))
    violations.push({
      ruleId: 'WK-03',
      field: 'applicationDeadline',
      earliest: applicationsFrom,
      messages: bilingual(
        `提交资格预审申请文件的时间，自资格预审文件停止发售之日起不得少于5日（最早为${applicationsFrom}）`,
        `Applications are due at least 5 days after the documents stop being sold (the earliest allowed date is ${applicationsFrom})`,
      ),
    });
  if (s.reviewDate < s.applicationDeadline)
    violations.push({ ruleId: 'PQ-01', field: 'reviewDate', earliest: null, messages: bilingual('资格预审日期应在申请文件提交截止之后', 'The review takes place after the application deadline') });
  return violations;
}

/** Applications are taken, and stay sealed, until the deadline (exclusive). */
export const applicationsOpen = (applicationDeadline: Date, now: Date) => now < applicationDeadline;

export interface Refusal {
  ruleId: string;
  code: string;
  messages: Bilingual;
}

/**
 * PQ-02: the results are issued once every application has been reviewed after the deadline; no more
 * applicants qualify than the notice said it would invite.
 */
export function resultsMayBeIssued(p: { applicationDeadline: Date; invitedSuppliers: number | null; resultsIssuedAt: Date | null }, outcomes: (string | null)[], now: Date): Refusal | null {
  if (p.resultsIssuedAt) return { ruleId: 'PQ-02', code: 'RESULTS_ISSUED', messages: bilingual('资格预审结果已发出', 'The results have been issued already') };
  if (applicationsOpen(p.applicationDeadline, now)) return { ruleId: 'WK-03', code: 'APPLICATIONS_OPEN', messages: bilingual('资格预审申请文件提交截止后方可审查', 'The applications are reviewed after their deadline') };
  if (outcomes.some((o) => o === null)) return { ruleId: 'PQ-01', code: 'REVIEW_INCOMPLETE', messages: bilingual('尚有资格预审申请未审查', 'Some applications have not been reviewed yet') };
  const qualified = outcomes.filter((o) => o === 'qualified').length;
  if (p.invitedSuppliers !== null && qualified > p.invitedSuppliers)
    return { ruleId: 'PQ-01', code: 'TOO_MANY_QUALIFIED', messages: bilingual(`通过资格预审的申请人不得多于公告载明的拟邀请数量（${p.invitedSuppliers}家）`, `No more applicants may qualify than the notice said it would invite (${p.invitedSuppliers})`) };
  return null;
}

/**
 * PQ-01, PQ-02: a project that chose prequalification publishes its tender only after the results
 * were issued with at least 3 qualified; with fewer the tender is repeated.
 */
export function tenderMayFollow(p: { resultsIssuedAt: Date | null; qualified: number } | null): Refusal | null {
  if (!p) return { ruleId: 'PQ-01', code: 'PREQUALIFICATION_REQUIRED', messages: bilingual('本项目采用资格预审，请先发布资格预审公告', 'The project prequalifies its bidders: publish the prequalification notice first') };
  if (!p.resultsIssuedAt) return { ruleId: 'PQ-02', code: 'PREQUALIFICATION_PENDING', messages: bilingual('资格预审结果通知书发出后方可发布招标公告', 'The tender notice follows the prequalification results') };
  if (p.qualified < MINIMUM_QUALIFIED)
    return {
      ruleId: 'PQ-02',
      code: 'TOO_FEW_QUALIFIED',
      messages: bilingual(`通过资格预审的申请人仅${p.qualified}个，少于3个，应当重新招标`, `Only ${p.qualified} applicant(s) qualified, fewer than 3: the tender must be repeated`),
    };
  return null;
}
