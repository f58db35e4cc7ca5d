import { date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** GB/T 2260 administrative divisions the platform serves. */
export const region = pgTable('region', {
  code: text().primaryKey(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
  level: text().notNull(), // province | city | district
  parentCode: text(),
});

/** A version of one of the six catalogues and lists (1+6+N, seed 002). */
export const catalogueVersion = pgTable(
  'catalogue_version',
  {
    id: uuid().primaryKey(),
    kind: text().notNull(),
    versionNo: integer().notNull(),
    title: text().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    status: text().notNull(), // draft | published
    notes: text(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    createdBy: uuid(),
    publishedAt: timestamp({ withTimezone: true, precision: 3 }),
    publishedBy: uuid(),
    revision: integer().notNull().default(1),
  },
  (t) => [unique().on(t.kind, t.versionNo), index().on(t.kind, t.status, t.effectiveFrom)],
);

export const catalogueItem = pgTable(
  'catalogue_item',
  {
    id: uuid().primaryKey(),
    versionId: uuid()
      .notNull()
      .references(() => catalogueVersion.id, { onDelete: 'cascade' }),
    code: text().notNull(),
    sort: integer().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
  },
  (t) => [unique().on(t.versionId, t.code)],
);
