import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Bilingual } from '../errors';

/**
 * The in-app inbox. A message is addressed to one person, or to a role within an entity
 * (everyone of the entity who holds that role reads it); never to a whole organisation.
 * Title and body are kept in both languages; each reader sees the one it reads.
 */
export const notification = pgTable(
  'notification',
  {
    id: uuid().primaryKey(),
    entityId: uuid().notNull(),
    personId: uuid(),
    role: text(),
    title: jsonb().$type<Bilingual>().notNull(),
    body: jsonb().$type<Bilingual>().notNull(),
    link: text(),
    subjectType: text(),
    subjectId: text(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index().on(t.personId, t.createdAt), index().on(t.entityId, t.role, t.createdAt)],
);

/** Who has read what: a role-addressed message is read by each of its readers separately. */
export const notificationRead = pgTable(
  'notification_read',
  {
    notificationId: uuid()
      .notNull()
      .references(() => notification.id),
    personId: uuid().notNull(),
    readAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.personId] })],
);
