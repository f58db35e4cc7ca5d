import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Durable jobs: deadlines, openings, refunds, long checks. A job survives restarts; any
 * process may claim a due one (FOR UPDATE SKIP LOCKED), and a claim is a lease that
 * expires, so a job whose process died is picked up again.
 */
export const job = pgTable(
  'job',
  {
    id: uuid().primaryKey(),
    kind: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    /** Scheduling the same thing twice (e.g. the opening of one lot) yields one job. */
    dedupeKey: text().unique(),
    runAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    status: text().notNull(), // queued | running | succeeded | failed
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(5),
    lockedUntil: timestamp({ withTimezone: true, precision: 3 }),
    progress: jsonb().$type<{ done: number; total: number }>(),
    result: jsonb(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    createdBy: uuid(),
    finishedAt: timestamp({ withTimezone: true, precision: 3 }),
  },
  (t) => [index().on(t.status, t.runAt)],
);
