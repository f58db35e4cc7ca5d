import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { HolidayRange, LocalDate } from './calendar';

/** One row per year: the State Council's holiday arrangement, as entered by the operator. */
export const calendarSchedule = pgTable('calendar_schedule', {
  year: integer().primaryKey(),
  source: text().notNull(),
  holidays: jsonb().$type<HolidayRange[]>().notNull(),
  makeupWorkdays: jsonb().$type<LocalDate[]>().notNull(),
  enteredAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
  enteredBy: uuid(),
  revision: integer().notNull().default(1),
});
