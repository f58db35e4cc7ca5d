import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The in-app inbox: one row per entity (and optionally person) to be told something. */
export const notification = pgTable(
  'notification',
  {
    id: uuid().primaryKey(),
    entityId: uuid().notNull(),
    personId: uuid(),
    title: text().notNull(),
    body: text().notNull(),
    link: text(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    readAt: timestamp({ withTimezone: true, precision: 3 }),
  },
  (t) => [index().on(t.entityId, t.createdAt)],
);
