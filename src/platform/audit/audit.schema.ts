import { bigint, char, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AuditSeal } from './audit-chain';

/**
 * Append-only: the application's database role may only SELECT and INSERT here, and a
 * trigger refuses UPDATE, DELETE and TRUNCATE for everyone (migrations/0001).
 * `seq` is gapless: each entry takes the previous head's seq + 1 under a lock.
 */
export const auditEntry = pgTable(
  'audit_entry',
  {
    seq: bigint({ mode: 'number' }).primaryKey(),
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
    prevHash: char({ length: 64 }).notNull(),
    hash: char({ length: 64 }).notNull().unique(),
  },
  (t) => [
    index().on(t.subjectType, t.subjectId, t.seq),
    index().on(t.actorPersonId, t.seq),
    index().on(t.occurredAt),
    index().on(t.action, t.seq),
    index().on(t.projectId, t.seq),
  ],
);
