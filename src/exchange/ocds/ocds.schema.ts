import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/**
 * OCDS releases as published: one row per release, written in the transaction of the step that
 * publishes it and never changed (append-only). `seq` is the commit order (publish.ts takes a lock
 * so that releases commit in the order of their numbers): the releases feed pages on it.
 */
export const ocdsRelease = pgTable(
  'ocds_release',
  {
    seq: bigserial({ mode: 'number' }).primaryKey(),
    releaseId: text().notNull(),
    ocid: text().notNull(),
    projectId: uuid().notNull(),
    date: ts().notNull(),
    tag: text().notNull(),
    release: jsonb().$type<Record<string, unknown>>().notNull(),
  },
  (t) => [unique().on(t.ocid, t.releaseId), index().on(t.ocid, t.seq), index().on(t.date)],
);

/**
 * 公告推送: each notice to each designated outside medium (seed 003: the national government
 * procurement website), until the medium acknowledges it. The push job works through it.
 */
export const noticeOutbox = pgTable(
  'notice_outbox',
  {
    noticeId: uuid().notNull(),
    medium: text().notNull(),
    attempts: integer().notNull().default(0),
    queuedAt: ts().notNull(),
    lastAttemptAt: ts(),
    acknowledgedAt: ts(),
    /** The medium's own reference for the notice, from its acknowledgement. */
    reference: text(),
    lastError: text(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.medium] }), index().on(t.acknowledgedAt, t.queuedAt)],
);
