import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/** Where a release came from: this platform's own steps, a sub-platform's sync, or an import of someone else's open data. */
export const RELEASE_ORIGINS = ['platform', 'subPlatform', 'import'] as const;
export type ReleaseOrigin = (typeof RELEASE_ORIGINS)[number];

/**
 * OCDS releases: one row per release, never changed (append-only). The platform's own are written
 * in the transaction of the step that publishes them; a sub-platform's in the transaction of its
 * sync batch; an import's in the import's. `seq` is the commit order: every writer takes one lock
 * before it draws a number and keeps it until it commits (feed.ts), so a reader who has seen a
 * number has seen every smaller one that will ever commit. The change feed pages on it.
 */
export const ocdsRelease = pgTable(
  'ocds_release',
  {
    seq: bigserial({ mode: 'number' }).primaryKey(),
    releaseId: text().notNull(),
    ocid: text().notNull(),
    /** The platform's own project; null for a release synced from a sub-platform or imported. */
    projectId: uuid(),
    origin: text({ enum: RELEASE_ORIGINS }).notNull().default('platform'),
    /** The sub-platform (entity) that synced it. */
    sourceEntityId: uuid(),
    /** The import it came with. */
    importId: uuid(),
    /** SHA-256 of the release's canonical JSON: the same (ocid, id) again with another hash is a conflict, not a retry. */
    contentHash: text(),
    date: ts().notNull(),
    tag: text().notNull(),
    release: jsonb().$type<Record<string, unknown>>().notNull(),
    receivedAt: ts(),
  },
  (t) => [unique().on(t.ocid, t.releaseId), index().on(t.ocid, t.seq), index().on(t.date), index().on(t.sourceEntityId, t.date)],
);

/**
 * A procurement traded elsewhere: on a sub-platform (synced) or published by another publisher
 * (imported). Read-only here: its facts are the compiled release of what came, kept up to date with
 * each release, and shown on the portal and to supervision beside the platform's own projects.
 */
export const externalProcurement = pgTable(
  'external_procurement',
  {
    ocid: text().primaryKey(),
    origin: text({ enum: RELEASE_ORIGINS }).notNull(),
    sourceEntityId: uuid(),
    importId: uuid(),
    /** The sub-platform's unified name (平台目录) or the publisher's name. */
    platformName: text().notNull(),
    regionCode: text().notNull(),
    title: text().notNull(),
    buyerName: text(),
    buyerCreditCode: text(),
    procurementMethod: text(),
    procurementMethodDetails: text(),
    mainProcurementCategory: text(),
    tenderStatus: text(),
    valueFen: bigint({ mode: 'number' }),
    awardedFen: bigint({ mode: 'number' }),
    bidCount: integer().notNull().default(0),
    releaseCount: integer().notNull(),
    firstDate: ts().notNull(),
    lastDate: ts().notNull(),
    compiled: jsonb().$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index().on(t.lastDate), index().on(t.regionCode), index().on(t.sourceEntityId)],
);

/** One run of `npm run ocds:import`: what file, whose data, what came in and what was skipped and why. */
export const ocdsImport = pgTable('ocds_import', {
  id: uuid().primaryKey(),
  fileName: text().notNull(),
  fileSha256: text().notNull(),
  publisherName: text().notNull(),
  regionCode: text().notNull(),
  startedAt: ts().notNull(),
  finishedAt: ts(),
  releases: integer().notNull().default(0),
  procurements: integer().notNull().default(0),
  skipped: jsonb().$type<{ reason: string; count: number; examples: string[] }[]>().notNull().default([]),
});

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
