import { asc, eq } from 'drizzle-orm';
import type { Context } from '../context';
import type { Db } from '../database/database';
import { staleRevision } from '../errors';
import { inTransaction } from '../unit-of-work';
import { buildCalendar, shanghaiDate, type HolidaySchedule, type WorkingDayCalendar } from './calendar';
import { calendarSchedule } from './calendar.schema';
import { OFFICIAL_SCHEDULES } from './holidays-cn';
import { checkScheduleEntry } from './schedule.rules';

export type StoredSchedule = HolidaySchedule & { revision: number; enteredAt: Date };

export async function loadSchedules(db: Db): Promise<StoredSchedule[]> {
  const rows = await db.select().from(calendarSchedule).orderBy(asc(calendarSchedule.year));
  return rows.map((r) => ({ year: r.year, source: r.source, holidays: r.holidays, makeupWorkdays: r.makeupWorkdays, revision: r.revision, enteredAt: r.enteredAt }));
}

/**
 * The calendar as the database has it now. Read per use case (a handful of rows), so a
 * schedule the operator adds applies at once in every process.
 */
export async function loadCalendar(db: Db): Promise<WorkingDayCalendar> {
  return buildCalendar(await loadSchedules(db));
}

/** Seeds the official 2020–2026 schedules into an installation that lacks them. */
export async function ensureOfficialSchedules(ctx: Context): Promise<void> {
  const db = ctx.platform.database.db;
  const existing = new Set((await loadSchedules(db)).map((s) => s.year));
  const missing = OFFICIAL_SCHEDULES.filter((s) => !existing.has(s.year));
  if (missing.length === 0) return;
  await inTransaction(ctx, async (tx, audit) => {
    const now = ctx.platform.clock.now();
    for (const s of missing) {
      await tx.insert(calendarSchedule).values({ ...s, enteredAt: now }).onConflictDoNothing();
      audit.record({ action: 'calendar.schedule_seed', subjectType: 'calendarSchedule', subjectId: String(s.year), after: s });
    }
  });
}

/** The operator adds next year's schedule, or corrects one that has not started. */
export async function saveSchedule(ctx: Context, schedule: HolidaySchedule, expectedRevision: number): Promise<StoredSchedule> {
  return inTransaction(ctx, async (tx, audit) => {
    const all = await loadSchedules(tx);
    const before = all.find((s) => s.year === schedule.year);
    if ((before?.revision ?? 0) !== expectedRevision) throw staleRevision();
    const now = ctx.platform.clock.now();
    checkScheduleEntry(schedule, {
      coveredThrough: buildCalendar(all).coveredThrough,
      existingYears: all.map((s) => s.year),
      today: shanghaiDate(now),
    });
    const values = { source: schedule.source.trim(), holidays: schedule.holidays, makeupWorkdays: [...schedule.makeupWorkdays].sort(), enteredAt: now, enteredBy: ctx.actor?.personId ?? null };
    if (before) await tx.update(calendarSchedule).set({ ...values, revision: expectedRevision + 1 }).where(eq(calendarSchedule.year, schedule.year));
    else await tx.insert(calendarSchedule).values({ year: schedule.year, ...values, revision: 1 });
    const after = { year: schedule.year, ...values, revision: expectedRevision + 1 };
    audit.record({ action: before ? 'calendar.schedule_correct' : 'calendar.schedule_add', subjectType: 'calendarSchedule', subjectId: String(schedule.year), before: before ?? null, after });
    return after;
  });
}
