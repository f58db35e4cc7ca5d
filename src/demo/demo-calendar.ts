import { addCalendarDays, shanghaiDate, yearOf, type HolidaySchedule } from '../platform/calendar/calendar';
import { loadSchedules, saveSchedule } from '../platform/calendar/calendar.store';
import type { Platform } from '../platform/context';
import { systemContext } from '../platform/context';

/**
 * The demo's projects run up to a few months ahead of today; in December that reaches a year whose
 * holiday arrangement the State Council has not yet been entered (CAL-03), and deadlines there
 * cannot be counted. For demo data only, such a year gets a provisional arrangement: the statutory
 * holidays of CAL-01 on their dates (the lunar ones by the calendar), with no make-up working days,
 * its source saying so. The operator corrects it under 节假日安排 when the notice is published
 * (a year not yet begun can be corrected).
 */
const PROVISIONAL: Record<number, HolidaySchedule> = {
  2027: {
    year: 2027,
    source: '演示数据：临时安排，按《全国年节及纪念日放假办法》第二条的法定节日推定（无调休），并非国务院办公厅通知；通知公布后由运营方更正 / Demo data: provisional, the statutory holidays only, not the State Council notice',
    holidays: [
      { name: '元旦', from: '2027-01-01', to: '2027-01-01' },
      { name: '春节', from: '2027-02-05', to: '2027-02-08' },
      { name: '清明节', from: '2027-04-05', to: '2027-04-05' },
      { name: '劳动节', from: '2027-05-01', to: '2027-05-02' },
      { name: '端午节', from: '2027-06-09', to: '2027-06-09' },
      { name: '中秋节', from: '2027-09-15', to: '2027-09-15' },
      { name: '国庆节', from: '2027-10-01', to: '2027-10-03' },
    ],
    makeupWorkdays: [],
  },
};

/** How far ahead the demo's deadlines reach. */
const DEMO_HORIZON_DAYS = 120;

export async function ensureDemoCalendar(platform: Platform) {
  const ctx = systemContext(platform);
  const needed = yearOf(addCalendarDays(shanghaiDate(platform.clock.now()), DEMO_HORIZON_DAYS));
  const years = new Set((await loadSchedules(platform.database.db)).map((s) => s.year));
  for (let year = Math.max(...years) + 1; year <= needed; year++) {
    const schedule = PROVISIONAL[year];
    if (!schedule) return; // beyond what the demo can presume: the projects are skipped, as start-up says
    await saveSchedule(ctx, schedule, 0);
  }
}
