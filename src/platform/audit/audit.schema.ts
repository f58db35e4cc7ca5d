import { sql } from 'drizzle-orm';
import { bigint, char, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AuditSeal } from './audit-chain';

/**
 * Append-only: the application's database role may only SELECT and INSERT here, and link an
 * entry once; a trigger refuses every other UPDATE, and DELETE and TRUNCATE, for everyone
 * (migrations/0001, 0010). An entry is written with the change it records, unlinked; the
 * sequencer (audit-trail.ts) then gives it the next gapless `seq`, the previous entry's hash
 * and its own, in commit order, before the change is acknowledged.
 */
export const auditEntry = pgTable(
  'audit_entry',
  {
    /** Order of arrival: how the sequencer finds and orders entries still to link. */
    entryNo: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    seq: bigint({ mode: 'number' }).unique(),
    occurredAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    actorPersonId: uuid(),
    actorLabel: text(),
    actorRole: text(),
    actorEntityId: uuid(),
    ip: text(),
    action: text().notNull(),
    subjectType: text().notNull(),
    subjectId: text(),
    regionCode: text(),
    /** The procurement project the entry belongs to, if any. */
    projectId: uuid(),
    /**
     * What the entry would disclose while the project is sealed: 'bidder' (who took part, until
     * the opening starts) or 'committee' (who sits on it, until the evaluation starts). The
     * entry is stored complete; the views leave it out until then.
     */
    sealed: text().$type<AuditSeal>(),
    result: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    detail: jsonb(),
    prevHash: char({ length: 64 }),
    hash: char({ length: 64 }).unique(),
  },
  (t) => [
    index('audit_entry_unlinked_index').on(t.entryNo).where(sql`${t.seq} IS NULL`),
    index().on(t.subjectType, t.subjectId, t.seq),
    index().on(t.actorPersonId, t.seq),
    index().on(t.occurredAt),
    index().on(t.action, t.seq),
    index().on(t.projectId, t.seq),
  ],
);

/**
 * Signed checkpoints of the chain, published at GET /api/public/audit/checkpoints. Insert-only for
 * the application role, like the trail. `fillerSeed` is never published: it derives the filler
 * leaves that keep the receipt tree from telling how many receipts it holds (merkle.ts).
 */
export const auditCheckpoint = pgTable('audit_checkpoint', {
  seq: bigint({ mode: 'number' }).primaryKey(),
  headHash: char({ length: 64 }).notNull(),
  receiptsRoot: char({ length: 64 }).notNull(),
  createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
  signingKeyId: text().notNull(),
  signature: text().notNull(),
  fillerSeed: char({ length: 64 }).notNull(),
});
