import { addCalendarDays, compareDates, type LocalDate, type WorkingDayCalendar } from '../../platform/calendar/calendar';
import { bilingual, type Bilingual } from '../../platform/errors';
import { methodDefinition, type Category, type Method, type Regime } from '../../trading/methods/methods';
import { CANDIDATES_PUBLICITY_DAYS } from '../../trading/publicity/publicity.rules';

/**
 * The legal clocks of challenges (质疑) and complaints (投诉) in government procurement (RULES.md §5.1),
 * as plain functions over Shanghai dates. A period counted in working days starts the day after its
 * event (T-01) and ends at 24:00 of its last day (T-03); the calendar fails loudly for a year without
 * a published holiday schedule.
 */

/**
 * The two laws a case can fall under: government procurement (政府采购法: 质疑 to the purchaser, 投诉 to the
 * finance department, §5.1) and works tendered under the Bidding Law (招标投标法: 异议 to the tenderer,
 * 投诉 to the supervisory department, §5.2, QW-01 to QW-03).
 */
export type { Regime };
/** The method's definition says which law it runs under (works tendered openly: the Bidding Law). */
export const regimeOf = (p: { category: Category; method: Method }): Regime => methodDefinition(p.method, p.category).regime;

export const CHALLENGE_SUBJECTS = ['documents', 'process', 'result', 'opening', 'candidates'] as const;
export type ChallengeSubject = (typeof CHALLENGE_SUBJECTS)[number];
/** What may be challenged under each law: QC-02's three matters; the three objections of QW-01 (WK-05, WK-09, WK-13). */
export const SUBJECTS_OF: Record<Regime, readonly ChallengeSubject[]> = { procurement: ['documents', 'process', 'result'], tendering: ['documents', 'opening', 'candidates'] };

/** What the platform recorded about a supplier and a project, as the challenge rules ask it. */
export interface ChallengeFacts {
  /** The day the supplier obtained the procurement documents, if it did. */
  documentsObtainedOn: LocalDate | null;
  /** The last day of the tender notice's announcement period (5 working days, GP-01). */
  announcementEndsOn: LocalDate | null;
  /** The supplier submitted a bid that was opened (it took part in the procedure, QC-03). */
  participated: boolean;
  /** The opening's day: the end of the procedural step a bidder witnesses (QC-02 (2)). */
  openedOn: LocalDate | null;
  /** The day the result notice was published; its period is 1 working day (GP-74). Under the Bidding Law, the candidates' publicity (WK-13). */
  resultPublishedOn: LocalDate | null;
  /** The day of the bid deadline (WK-05 counts back from it). */
  deadlineOn: LocalDate | null;
}

export interface ChallengeWindow {
  subject: ChallengeSubject;
  /** The day the supplier knew or should have known (QC-02), null when the matter has not happened. */
  knewOn: LocalDate | null;
  /** The last day to file (QC-01: 7 working days after knewOn). */
  lastDay: LocalDate | null;
  /** Why the supplier may not file, with the rule; null when it may. */
  refusal: { ruleId: string; messages: Bilingual } | null;
}

/** The result notice's announcement period, in working days (GP-74; a setting if a region differs). */
export const RESULT_ANNOUNCEMENT_WORKING_DAYS = 1;
/** WK-05: an objection to the documents comes at least 10 days before the deadline; WK-05, WK-13: answered within 3 days. */
export const DOCUMENTS_OBJECTION_DAYS_BEFORE_DEADLINE = 10;
export const OBJECTION_ANSWER_DAYS = 3;
/** QW-02: a works complaint within 10 days; QW-03: accepted or not within 3 working days. */
export const WORKS_COMPLAINT_DAYS = 10;
export const WORKS_REVIEW_WORKING_DAYS = 3;
/** QC-01 and QC-04: 7 working days to challenge, and to answer. */
export const CHALLENGE_WORKING_DAYS = 7;
export const ANSWER_WORKING_DAYS = 7;
/** QC-07: 15 working days to complain after the answer period ends. */
export const COMPLAINT_WORKING_DAYS = 15;
/** QC-09: 5 working days to review a complaint; the respondent answers within 5 of receiving the copy. */
export const REVIEW_WORKING_DAYS = 5;
export const RESPONSE_WORKING_DAYS = 5;
/** QC-10: 30 working days to decide, the excluded time not counted. */
export const DECISION_WORKING_DAYS = 30;
/** QC-11: a suspension lasts at most 30 (calendar) days. */
export const MAX_SUSPENSION_DAYS = 30;

const later = (a: LocalDate | null, b: LocalDate | null) => (a === null ? b : b === null ? a : compareDates(a, b) >= 0 ? a : b);

/**
 * When the supplier may challenge each kind of matter (QC-01 to QC-03). For the documents the platform
 * takes the later of the day it obtained them and the end of the announcement period, the reading that
 * favours the supplier (实施条例 第五十三条 names both).
 */
export function challengeWindow(subject: ChallengeSubject, f: ChallengeFacts, today: LocalDate, calendar: WorkingDayCalendar, regime: Regime = 'procurement'): ChallengeWindow {
  const refuse = (ruleId: string, zh: string, en: string, knewOn: LocalDate | null = null, lastDay: LocalDate | null = null): ChallengeWindow => ({ subject, knewOn, lastDay, refusal: { ruleId, messages: bilingual(zh, en) } });
  if (!SUBJECTS_OF[regime].includes(subject))
    return regime === 'tendering'
      ? refuse('QW-01', '依法必须招标的工程项目，异议针对招标文件、开标或者中标候选人公示；其他事项可直接向行政监督部门投诉', 'Under the Bidding Law objections concern the documents, the opening or the candidates; other matters go to the supervisory department directly')
      : refuse('QC-02', '政府采购项目的质疑针对采购文件、采购过程或者采购结果', 'A challenge concerns the documents, the process or the result');
  if (regime === 'tendering') return objectionWindow(subject, f, today, calendar);
  let knewOn: LocalDate | null;
  if (subject === 'documents') {
    if (!f.documentsObtainedOn) return refuse('QC-03', '获取采购文件的供应商方可对采购文件提出质疑', 'Only a supplier that obtained the procurement documents may challenge them');
    knewOn = later(f.documentsObtainedOn, f.announcementEndsOn);
  } else {
    if (!f.participated) return refuse('QC-03', '参与采购活动的供应商方可对采购过程、结果提出质疑', 'Only a supplier that took part may challenge the process or the result');
    if (subject === 'process') {
      if (!f.openedOn) return refuse('QC-02', '采购程序环节尚未结束，暂不能对采购过程提出质疑', 'No procedural step has ended yet');
      knewOn = f.openedOn;
    } else {
      if (!f.resultPublishedOn) return refuse('QC-02', '采购结果尚未公告，暂不能对采购结果提出质疑', 'The result has not been published yet');
      knewOn = calendar.addWorkingDays(f.resultPublishedOn, RESULT_ANNOUNCEMENT_WORKING_DAYS);
    }
  }
  const lastDay = calendar.addWorkingDays(knewOn!, CHALLENGE_WORKING_DAYS);
  if (compareDates(today, lastDay) > 0)
    return refuse('QC-01', `质疑期限已于${lastDay}届满（知道或者应知其权益受到损害之日${knewOn}起7个工作日）`, `The period to challenge ended on ${lastDay} (7 working days from ${knewOn}, when the supplier knew or should have known)`, knewOn, lastDay);
  return { subject, knewOn, lastDay, refusal: null };
}

/**
 * Objections under the Bidding Law (QW-01): to the documents up to 10 days before the deadline (WK-05),
 * to the opening on the spot, that is on its day (WK-09), to the candidates during their publicity (WK-13).
 * Periods in days are calendar days, a last day on a rest day moving to the next working day (T-02).
 */
function objectionWindow(subject: ChallengeSubject, f: ChallengeFacts, today: LocalDate, calendar: WorkingDayCalendar): ChallengeWindow {
  const refuse = (ruleId: string, zh: string, en: string, knewOn: LocalDate | null = null, lastDay: LocalDate | null = null): ChallengeWindow => ({ subject, knewOn, lastDay, refusal: { ruleId, messages: bilingual(zh, en) } });
  let knewOn: LocalDate;
  let lastDay: LocalDate;
  let ruleId: string;
  if (subject === 'documents') {
    if (!f.documentsObtainedOn || !f.deadlineOn) return refuse('WK-05', '获取招标文件的潜在投标人方可对招标文件提出异议', 'Only a potential bidder that obtained the documents may object to them');
    [knewOn, lastDay, ruleId] = [f.documentsObtainedOn, addCalendarDays(f.deadlineOn, -DOCUMENTS_OBJECTION_DAYS_BEFORE_DEADLINE), 'WK-05'];
  } else if (!f.participated) {
    return refuse('QW-01', '参加投标的投标人方可对开标、中标候选人提出异议', 'Only a bidder may object to the opening or the candidates');
  } else if (subject === 'opening') {
    if (!f.openedOn) return refuse('WK-09', '尚未开标', 'The opening has not taken place');
    [knewOn, lastDay, ruleId] = [f.openedOn, f.openedOn, 'WK-09'];
  } else {
    if (!f.resultPublishedOn) return refuse('WK-13', '中标候选人尚未公示', 'The candidates have not been publicised');
    [knewOn, lastDay, ruleId] = [f.resultPublishedOn, calendar.calendarPeriodEnd(f.resultPublishedOn, CANDIDATES_PUBLICITY_DAYS), 'WK-13'];
  }
  if (compareDates(today, lastDay) > 0)
    return refuse(
      ruleId,
      { 'WK-05': `对招标文件的异议应当在投标截止时间10日前提出（至迟${lastDay}）`, 'WK-09': `对开标的异议应当在开标现场提出（${lastDay}）`, 'WK-13': `对中标候选人的异议应当在公示期内提出（至${lastDay}）` }[ruleId]!,
      { 'WK-05': `Objections to the documents come at least 10 days before the deadline (by ${lastDay})`, 'WK-09': `Objections to the opening are made at the opening (${lastDay})`, 'WK-13': `Objections to the candidates come during their publicity (until ${lastDay})` }[ruleId]!,
      knewOn,
      lastDay,
    );
  return { subject, knewOn, lastDay, refusal: null };
}

/** QC-04: the answer is due 7 working days after the challenge was received; WK-05/WK-13: an objection's within 3 days, at the opening at once (WK-09). */
export function answerDueOn(receivedOn: LocalDate, calendar: WorkingDayCalendar, regime: Regime = 'procurement', subject: ChallengeSubject = 'result'): LocalDate {
  if (regime === 'procurement') return calendar.addWorkingDays(receivedOn, ANSWER_WORKING_DAYS);
  return subject === 'opening' ? receivedOn : calendar.calendarPeriodEnd(receivedOn, OBJECTION_ANSWER_DAYS);
}

/**
 * QC-07: a complaint may be filed up to 15 working days after the answer period expires, answered or not.
 * QW-02: a works complaint within 10 days of knowing, the objection's time not counted: from its answer,
 * or from the end of its answer period when unanswered.
 */
export function complaintLastDay(answeredOrDue: LocalDate, calendar: WorkingDayCalendar, regime: Regime = 'procurement'): LocalDate {
  return regime === 'procurement' ? calendar.addWorkingDays(answeredOrDue, COMPLAINT_WORKING_DAYS) : calendar.calendarPeriodEnd(answeredOrDue, WORKS_COMPLAINT_DAYS);
}

/** QC-09: the department reviews within 5 working days of receipt (a correction received restarts the review); QW-03: 3 working days. */
export const reviewDueOn = (receivedOn: LocalDate, calendar: WorkingDayCalendar, regime: Regime = 'procurement') => calendar.addWorkingDays(receivedOn, regime === 'procurement' ? REVIEW_WORKING_DAYS : WORKS_REVIEW_WORKING_DAYS);

/** QC-09: the respondent answers within 5 working days of receiving the copy. */
export const responseDueOn = (copySentOn: LocalDate, calendar: WorkingDayCalendar) => calendar.addWorkingDays(copySentOn, RESPONSE_WORKING_DAYS);

/**
 * QC-10: the decision is due 30 working days after receipt (QW-03: after acceptance), the excluded working days (inspection,
 * appraisal, expert review, the complainant's corrections) added. While the clock is paused the due
 * day is not known; it is the day counted so far plus the pause's working days up to `today`.
 */
export function decisionDueOn(receivedOn: LocalDate, excludedWorkingDays: number, calendar: WorkingDayCalendar): LocalDate {
  return calendar.addWorkingDays(receivedOn, DECISION_WORKING_DAYS + excludedWorkingDays);
}
/** The rule each clock of a case stands on, by law. */
export const CLOCK_RULES: Record<Regime, Record<'answer' | 'complain' | 'review' | 'respond' | 'decide', string>> = {
  procurement: { answer: 'QC-04', complain: 'QC-07', review: 'QC-09', respond: 'QC-09', decide: 'QC-10' },
  tendering: { answer: 'WK-05', complain: 'QW-02', review: 'QW-03', respond: 'QW-03', decide: 'QW-03' },
};

/** Working days a pause excluded: those after the day it began, up to and including the day it ended (T-01). */
export const pausedWorkingDays = (pausedOn: LocalDate, resumedOn: LocalDate, calendar: WorkingDayCalendar) => calendar.workingDaysBetween(pausedOn, resumedOn);

/** QC-11: a suspension ends at the latest on the 30th calendar day after it was ordered. */
export function suspensionProblem(orderedOn: LocalDate, until: LocalDate): Bilingual | null {
  const latest = addCalendarDays(orderedOn, MAX_SUSPENSION_DAYS);
  if (compareDates(until, orderedOn) <= 0) return bilingual('暂停采购活动的截止日期应晚于今天', 'A suspension must end after today');
  if (compareDates(until, latest) > 0) return bilingual(`暂停采购活动最长不超过30日（至迟${latest}）`, `A suspension lasts at most 30 days (until ${latest} at the latest)`);
  return null;
}

/**
 * A clock as the one window shows it: the last day, and working days left counted from today (0 on the
 * last day itself, negative once it has passed).
 */
export interface Clock {
  dueOn: LocalDate;
  workingDaysLeft: number;
  overdue: boolean;
}
export function clock(dueOn: LocalDate, today: LocalDate, calendar: WorkingDayCalendar): Clock {
  const overdue = compareDates(today, dueOn) > 0;
  return { dueOn, overdue, workingDaysLeft: overdue ? -calendar.workingDaysBetween(dueOn, today) : calendar.workingDaysBetween(today, dueOn) };
}

/** QC-07: a complaint's matters may not go beyond those challenged. */
export function complaintScopeProblem(claimNos: number[], challengedNos: number[]): Bilingual | null {
  if (claimNos.length === 0) return bilingual('请选择投诉事项', 'Choose the matters complained of');
  const outside = claimNos.filter((n) => !challengedNos.includes(n));
  if (outside.length) return bilingual(`投诉事项不得超出已质疑事项的范围（第${outside.join('、')}项未质疑）`, `A complaint may not go beyond the matters challenged (item ${outside.join(', ')} was not)`);
  return null;
}

/** What an evidence file is, by its first bytes: PDF, OFD (a zip), or a JPEG or PNG scan; anything else is refused. */
export function evidenceKind(content: Uint8Array): 'pdf' | 'ofd' | 'jpeg' | 'png' | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => content[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'ofd';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'png';
  return null;
}
