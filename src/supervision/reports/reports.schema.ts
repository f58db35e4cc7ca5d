import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ReportDefinition } from './report.rules';

/** 自定义报表: a report a supervisor saved; shared, it is offered to the colleagues of the same department. */
export const savedReport = pgTable(
  'saved_report',
  {
    id: uuid().primaryKey(),
    name: text().notNull(),
    ownerPersonId: uuid().notNull(),
    ownerEntityId: uuid().notNull(),
    regionCode: text().notNull(),
    shared: boolean().notNull(),
    definition: jsonb().$type<ReportDefinition>().notNull(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    revision: integer().notNull().default(1),
  },
  (t) => [index().on(t.ownerEntityId), index().on(t.ownerPersonId)],
);
