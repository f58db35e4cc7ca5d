import { afterEach, describe, expect, it } from 'vitest';
import { ensureDemoCalendar } from '../../src/demo/demo-calendar';
import { loadCalendar, loadSchedules } from '../../src/platform/calendar/calendar.store';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * Started in December, the demo's deadlines reach into a year whose holiday notice is not out yet
 * (CAL-03): the demo enters a provisional arrangement for it, marked as such, so that a newcomer's
 * `npm start` still has projects; earlier in the year it enters nothing.
 */
let t: TestPlatform | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('the demo calendar', () => {
  it('adds a provisional, clearly labelled 2027 when the demo starts in December 2026', async () => {
    t = await startTestPlatform({ now: '2026-12-03T02:00:00.000Z' });
    await ensureDemoCalendar(t.platform);
    const schedule = (await loadSchedules(t.platform.database.db)).find((s) => s.year === 2027)!;
    expect(schedule.source).toContain('临时安排');
    expect(schedule.source).toContain('并非国务院办公厅通知');
    const calendar = await loadCalendar(t.platform.database.db);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false); // 元旦
    expect(calendar.isWorkingDay('2027-02-08')).toBe(false); // 春节's last statutory day
    expect(calendar.isWorkingDay('2027-02-09')).toBe(true);
    expect(calendar.addWorkingDays('2026-12-30', 3)).toBe('2027-01-05');
  });

  it('adds nothing while the demo’s horizon stays in a year already announced', async () => {
    t = await startTestPlatform({ now: '2026-06-01T02:00:00.000Z' });
    await ensureDemoCalendar(t.platform);
    expect((await loadSchedules(t.platform.database.db)).map((s) => s.year)).not.toContain(2027);
  });
});
