import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** 电子档案: a closed project's whole record frozen into one package with a manifest of hashes (GP-81). */
export const archivePackage = pgTable('archive_package', {
  projectId: uuid().primaryKey(),
  manifest: jsonb().$type<{ path: string; sha256: string; size: number }[]>().notNull(),
  manifestSha256: text().notNull(),
  packageBlobSha256: text().notNull(),
  createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
  createdBy: uuid(),
  /** GP-81: kept at least 15 years from the end of the procurement. */
  retainUntil: text().notNull(),
});
