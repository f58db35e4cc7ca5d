import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AlertStatus } from './alert.states';
import type { Evidence } from './presumptions';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/**
 * 预警: one indicator's match on one lot, with the evidence that matched. Written only after the
 * lot's opening (before it, who bid is sealed), found again by the same `key` on every recompute,
 * so a person's work on it (assignment, notes, a decision) survives. A flag for a person, never a verdict.
 */
export const redFlagAlert = pgTable(
  'red_flag_alert',
  {
    id: uuid().primaryKey(),
    /** indicator code, lot and the entities involved: the same match found again is the same alert. */
    key: text().notNull().unique('red_flag_alert_key_unique'),
    code: text().notNull(),
    ruleId: text().notNull(),
    /** The lot compared; null for a pattern across lots (the co-bidding network). */
    lotId: uuid(),
    projectId: uuid(),
    regionCode: text().notNull(),
    entityIds: jsonb().$type<string[]>().notNull(),
    evidence: jsonb().$type<Evidence>().notNull(),
    detectedAt: ts().notNull(),
    /** Set when a recompute no longer finds the match (a bid was revoked, data corrected). */
    goneAt: ts(),
    status: text().$type<AlertStatus>().notNull(),
    assigneeId: uuid(),
    decidedAt: ts(),
    decidedBy: uuid(),
    decisionReason: text(),
    revision: integer().notNull().default(1),
  },
  (t) => [index().on(t.regionCode, t.status), index().on(t.lotId), index().on(t.projectId)],
);

export interface AlertFile {
  name: string;
  sha256: string;
  size: number;
}

/** The investigation of an alert: assignment, notes with attachments, the decision. Append-only. */
export const alertEvent = pgTable(
  'alert_event',
  {
    id: uuid().primaryKey(),
    seq: bigserial({ mode: 'number' }).notNull(),
    alertId: uuid().notNull(),
    action: text().notNull(),
    at: ts().notNull(),
    personId: uuid().notNull(),
    text: text(),
    files: jsonb().$type<AlertFile[]>().notNull(),
    detail: jsonb().$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index().on(t.alertId, t.seq)],
);
