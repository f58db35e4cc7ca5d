import { shanghaiDate, type LocalDate, type WorkingDayCalendar } from '../../platform/calendar/calendar';
import type { ContractItem } from '../contract/contract.schema';
import type { PriceSchedule } from '../opening/opening';

/**
 * 主要标的信息 / 合同标的: the item lines of the winning bid's price schedule. A bid that priced the
 * lot as a whole (no item lines), or whose price the single-source negotiation changed, is one line for the lot, at its price.
 */
export function awardedItems(schedule: Pick<PriceSchedule, 'items'> | null, lot: { title: string }, priceFen: number, priceAgreedAfterResponse = false): ContractItem[] {
  const items = schedule?.items ?? [];
  // SS-05: a single-source price agreed in the negotiation replaces the response's; its item lines no longer add up to it.
  if (items.length === 0 || (priceAgreedAfterResponse && items.reduce((s, i) => s + i.totalFen, 0) !== priceFen)) return [{ name: lot.title, brand: null, model: null, quantity: 1, unitPriceFen: priceFen, totalFen: priceFen }];
  return items.map((i) => ({ name: i.name, brand: i.brand ?? null, model: i.model ?? null, quantity: i.quantity, unitPriceFen: i.unitPriceFen, totalFen: i.totalFen }));
}


/**
 * The legal periods from the signed report to the published contract (pure), each due date
 * counted from the day after its start in Asia/Shanghai (T-01): GP-70 report to the purchaser
 * in 2 working days, GP-71 winner confirmed in 5, GP-72 award notice in 2, GP-75 contract
 * signed in 30 days (a last day on a rest day moves to the next working day, T-02), GP-76 contract published in 2 working days, GP-77 filed in 7.
 */
export interface AwardMilestones {
  reportSignedAt: Date | null;
  reportSentAt: Date | null;
  awardedAt: Date | null;
  noticePublishedAt: Date | null;
  contractSignedAt: Date | null;
  contractPublishedAt: Date | null;
}

export interface LegalPeriod {
  ruleId: string;
  zh: string;
  en: string;
  dueDate: LocalDate | null;
  doneAt: string | null;
  /** Done after the due date, or not done and the due date has passed. */
  late: boolean;
}

export function awardPeriods(calendar: WorkingDayCalendar, m: AwardMilestones, now: Date): LegalPeriod[] {
  const wd = (from: Date | null, n: number) => (from ? calendar.addWorkingDays(shanghaiDate(from), n) : null);
  const period = (ruleId: string, zh: string, en: string, dueDate: LocalDate | null, done: Date | null): LegalPeriod => ({
    ruleId,
    zh,
    en,
    dueDate,
    doneAt: done?.toISOString() ?? null,
    late: dueDate !== null && (done ? shanghaiDate(done) > dueDate : shanghaiDate(now) > dueDate),
  });
  return [
    period('GP-70', '评标报告送交采购人（2个工作日）', 'Report sent to the purchaser (2 working days)', wd(m.reportSignedAt, 2), m.reportSentAt),
    period('GP-71', '采购人确定中标人（5个工作日）', 'Purchaser confirms the winner (5 working days)', wd(m.reportSentAt, 5), m.awardedAt),
    period('GP-72', '发布中标公告（2个工作日）', 'Award notice published (2 working days)', wd(m.awardedAt, 2), m.noticePublishedAt),
    period('GP-75', '签订政府采购合同（30日）', 'Contract signed (30 days)', m.noticePublishedAt ? calendar.calendarPeriodEnd(shanghaiDate(m.noticePublishedAt), 30) : null, m.contractSignedAt),
    period('GP-76', '公告政府采购合同（2个工作日）', 'Contract published (2 working days)', wd(m.contractSignedAt, 2), m.contractPublishedAt),
  ];
}
