import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Settings the law or the security standard leave to configuration. `regionCode`
 * '000000' is the platform-wide value; a region may override it (ARCHITECTURE.md, Regions).
 */
export const setting = pgTable(
  'setting',
  {
    key: text().notNull(),
    regionCode: text().notNull().default('000000'),
    value: jsonb().notNull(),
    revision: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    updatedBy: uuid(),
  },
  (t) => [primaryKey({ columns: [t.key, t.regionCode] })],
);
