import { and, asc, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Context } from '../context';
import type { Db } from '../database/database';
import { GENESIS_HASH, asStoredJson, hashEntry, verifyRun, type AuditEntry, type AuditResult, type AuditSeal, type ChainBreak } from './audit-chain';
import { auditEntry } from './audit.schema';

/** What a use case says about the change it made; who, when and where come from the context. */
export interface AuditRecord {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  regionCode?: string | null;
  /** The project the change belongs to; defaults to the subject when the subject is a project. */
  projectId?: string | null;
  /** Overrides what the entry is deemed to disclose while its project is sealed (see sealOf). */
  sealed?: AuditSeal | null;
  result?: AuditResult;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
}

/** Field names that never enter the audit trail, whatever record they are part of. */
const SECRET_FIELDS = new Set(['password', 'passwordHash', 'totpSecret', 'totpSecretSealed', 'currentPassword', 'newPassword', 'token']);

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !SECRET_FIELDS.has(k))
        .map(([k, v]) => [k, withoutSecrets(v)]),
    );
  }
  return value;
}

/**
 * Sealed means sealed, in the audit trail too: whoever acts on a project as a supplier
 * discloses that it takes part (a bidder, until the opening starts), whoever acts as an
 * expert that it sits on the committee (until the evaluation starts).
 */
export function sealOf(record: AuditRecord, projectId: string | null, actingRole: string | null): AuditSeal | null {
  if (record.sealed !== undefined) return record.sealed;
  if (!projectId) return null;
  if (actingRole === 'supplier') return 'bidder';
  if (actingRole === 'expert') return 'committee';
  return null;
}

// Any constant works; it only has to be the same for every process appending to the chain.
const AUDIT_CHAIN_LOCK = 7_311_001;

/**
 * Appends entries at the head of the chain. Must run inside the transaction that made the
 * change, as its last statement: the lock it takes is held until commit, which keeps seq
 * order equal to commit order and the chain linear across processes.
 */
export async function appendAuditEntries(tx: Db, ctx: Context, records: AuditRecord[]): Promise<AuditEntry[]> {
  if (records.length === 0) return [];
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [head] = await tx.select({ seq: auditEntry.seq, hash: auditEntry.hash }).from(auditEntry).orderBy(desc(auditEntry.seq)).limit(1);
  let prev = head ?? { seq: 0, hash: GENESIS_HASH };
  const occurredAt = ctx.platform.clock.now();
  const actor = ctx.actor;
  const rows: AuditEntry[] = records.map((r) => {
    const projectId = r.projectId ?? (r.subjectType === 'project' ? (r.subjectId ?? null) : null);
    const unhashed = {
      seq: prev.seq + 1,
      occurredAt,
      actorPersonId: actor?.personId ?? null,
      actorLabel: actor ? `${actor.displayName} (${actor.username})` : null,
      actorRole: actor?.actingRole ?? null,
      actorEntityId: actor?.entityId ?? null,
      ip: ctx.ip,
      action: r.action,
      subjectType: r.subjectType,
      subjectId: r.subjectId ?? null,
      regionCode: r.regionCode ?? null,
      projectId,
      sealed: sealOf(r, projectId, actor?.actingRole ?? null),
      result: r.result ?? 'success',
      before: asStoredJson(withoutSecrets(r.before)),
      after: asStoredJson(withoutSecrets(r.after)),
      detail: asStoredJson(withoutSecrets(r.detail)),
      prevHash: prev.hash,
    };
    const entry = { ...unhashed, hash: hashEntry(unhashed) };
    prev = entry;
    return entry;
  });
  await tx.insert(auditEntry).values(rows);
  return rows;
}

/** For events that are not part of a business transaction: logins, refusals. */
export async function recordAuditEvent(ctx: Context, record: AuditRecord): Promise<void> {
  await ctx.platform.database.db.transaction(async (tx) => {
    await appendAuditEntries(tx, ctx, [record]);
  });
}

export async function auditHead(db: Db): Promise<{ seq: number; hash: string }> {
  const [head] = await db.select({ seq: auditEntry.seq, hash: auditEntry.hash }).from(auditEntry).orderBy(desc(auditEntry.seq)).limit(1);
  return head ?? { seq: 0, hash: GENESIS_HASH };
}

export type VerificationOutcome =
  | { ok: true; checked: number; head: { seq: number; hash: string } }
  | { ok: false; checked: number; break: ChainBreak };

/**
 * Recomputes the chain from the first entry up to `upTo` (the head when the check started),
 * in batches, reporting progress after each one.
 */
export async function verifyAuditChain(
  db: Db,
  options: { upTo?: number; batchSize?: number; onProgress?: (checked: number, total: number) => Promise<void> | void } = {},
): Promise<VerificationOutcome> {
  const upTo = options.upTo ?? (await auditHead(db)).seq;
  const batchSize = options.batchSize ?? 5000;
  let head = { seq: 0, hash: GENESIS_HASH };
  while (head.seq < upTo) {
    const batch = (await db
      .select()
      .from(auditEntry)
      .where(and(gt(auditEntry.seq, head.seq), lte(auditEntry.seq, upTo)))
      .orderBy(asc(auditEntry.seq))
      .limit(batchSize)) as AuditEntry[];
    if (batch.length === 0) return { ok: false, checked: head.seq, break: { seq: head.seq + 1, reason: 'gap' } };
    const run = verifyRun(batch, head);
    if (!run.ok) return { ok: false, checked: run.break.seq - 1, break: run.break };
    head = run.head;
    await options.onProgress?.(head.seq, upTo);
  }
  return { ok: true, checked: head.seq, head };
}

/** Actions recorded about one subject since a time, oldest first (e.g. login events for lock-out). */
export async function auditActionsSince(
  db: Db,
  subjectType: string,
  subjectId: string,
  since: Date,
): Promise<{ action: string; occurredAt: Date }[]> {
  return db
    .select({ action: auditEntry.action, occurredAt: auditEntry.occurredAt })
    .from(auditEntry)
    .where(and(eq(auditEntry.subjectType, subjectType), eq(auditEntry.subjectId, subjectId), gt(auditEntry.occurredAt, since)))
    .orderBy(asc(auditEntry.seq));
}
