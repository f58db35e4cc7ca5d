import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ProjectScreeningWarning } from './screening';

/**
 * 发布前合规筛查: what the screening of a tender notice and its documents warned of when the notice
 * was published (TS-01 to TS-06), kept with the publication so that supervisors have the queue of
 * notices published despite a warning. Written in the publication's transaction. Insert-only.
 */
export const screeningRecord = pgTable(
  'screening_record',
  {
    id: uuid().primaryKey(),
    projectId: uuid().notNull(),
    regionCode: text().notNull(),
    warnings: jsonb().$type<ProjectScreeningWarning[]>().notNull(),
    warningCount: integer().notNull(),
    publishedAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    publishedBy: uuid().notNull(),
  },
  (t) => [index().on(t.regionCode, t.warningCount), index().on(t.projectId)],
);
