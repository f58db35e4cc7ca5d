import { and, desc, eq, gte, ilike, isNotNull, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import { entityNames, inRegion, oversees, personNames } from '../../identity';
import { committeeDisclosed } from '../../services';
import { biddersDisclosed, listingBiddersDisclosed, offersDisclosed, projectTitles } from '../../trading';
import { auditEntry } from '../../platform/audit/audit.schema';
import { auditHead, recordAuditEvent, verifyAuditChain } from '../../platform/audit/audit-trail';
import type { Actor, Context, Platform } from '../../platform/context';
import { systemContext } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { DomainError, bilingual, conflict } from '../../platform/errors';
import { activeJobOf, enqueueJob, type JobHandler } from '../../platform/jobs/jobs';
import { inTransaction } from '../../platform/unit-of-work';

export const AUDIT_VERIFY_JOB = 'audit.verify';

/**
 * What an auditor may read: entries of its region (a person's acts belong to its region);
 * the platform's own entries (jobs, start-up) only for the audit administrator, whose remit
 * is the platform itself.
 */
function readableBy(actor: Actor): SQL {
  const ownRegion = inRegion(auditEntry.regionCode, actor.regionCode);
  return actor.roles.includes('auditAdmin') ? or(ownRegion, isNull(auditEntry.regionCode))! : ownRegion;
}

export interface AuditQuery {
  subjectType?: string;
  subjectId?: string;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  /** The `next` of the previous page: opaque, so a reader cannot count what it does not see. */
  before?: string;
  limit: number;
}

/**
 * Entries that would disclose a sealed fact are left out of every view until it is disclosed:
 * who bid, until the opening starts; who sits on the committee, until the evaluation starts; who
 * takes part in a listing or auction, until its result.
 * Searches cannot find them either, so no count or time leaks through a filter. The stored
 * entry stays complete and the chain verifies as always.
 */
function disclosed(now: Date): SQL {
  return or(
    isNull(auditEntry.sealed),
    and(eq(auditEntry.sealed, 'bidder'), biddersDisclosed(auditEntry.projectId)),
    and(eq(auditEntry.sealed, 'committee'), committeeDisclosed(auditEntry.projectId, now)),
    and(eq(auditEntry.sealed, 'offer'), offersDisclosed(auditEntry.subjectId, now)),
    and(eq(auditEntry.sealed, 'listingBidder'), listingBiddersDisclosed(auditEntry.subjectId)),
  )!;
}

/**
 * What each entry is about, by name: the project's title, the person's or the entity's name;
 * a project's only within the reader's region (a refused attempt on another region's draft
 * must not name it).
 */
async function subjectLabels(db: Db, reader: Actor, rows: { subjectType: string; subjectId: string | null; projectId: string | null }[]) {
  const ids = (type: string[]) => rows.filter((r) => type.includes(r.subjectType) && r.subjectId).map((r) => r.subjectId!);
  const [projects, persons, entities] = await Promise.all([
    projectTitles(db, rows.map((r) => r.projectId).filter((x): x is string => Boolean(x)), reader.regionCode),
    personNames(db, ids(['person', 'expert'])),
    entityNames(db, ids(['entity'])),
  ]);
  return (r: (typeof rows)[number]) =>
    (r.subjectId && (persons.get(r.subjectId) ?? entities.get(r.subjectId))) ?? (r.projectId ? (projects.get(r.projectId) ?? null) : null);
}

export interface AuditPage {
  items: AuditEntryView[];
  /** The cursor for the next (older) page, or null. */
  next: string | null;
}

/**
 * An entry as the audit views show it. Without its sequence number and previous hash: the
 * views leave sealed entries out, and gaps in a sequence would count them. Without its
 * before/after/detail for a reader who does not oversee procurement (the audit administrator
 * reads who did what and when, not the procurement content itself).
 */
export type AuditEntryView = ReturnType<typeof entryView>;

function entryView(r: typeof auditEntry.$inferSelect, subjectLabel: string | null, withContent: boolean) {
  const withheld = !withContent && r.projectId !== null;
  return {
    id: r.hash!,
    occurredAt: r.occurredAt.toISOString(),
    actorPersonId: r.actorPersonId,
    actorLabel: r.actorLabel,
    actorRole: r.actorRole,
    actorEntityId: r.actorEntityId,
    ip: r.ip,
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    regionCode: r.regionCode,
    projectId: r.projectId,
    subjectLabel,
    result: r.result,
    before: withheld ? null : r.before,
    after: withheld ? null : r.after,
    detail: withheld ? null : r.detail,
    contentWithheld: withheld,
  };
}

export async function searchAuditEntries(ctx: Context, q: AuditQuery): Promise<AuditPage> {
  const { db } = ctx.platform.database;
  const actor = ctx.actor!;
  const now = ctx.platform.clock.now();
  const before = q.before ? readCursor(ctx, q.before) : null;
  const rows = await db
    .select()
    .from(auditEntry)
    .where(
      and(
        isNotNull(auditEntry.seq), // linked into the chain (a change still being linked shows a moment later)
        readableBy(actor),
        disclosed(now),
        q.subjectType ? eq(auditEntry.subjectType, q.subjectType) : undefined,
        q.subjectId ? eq(auditEntry.subjectId, q.subjectId) : undefined,
        q.action ? ilike(auditEntry.action, `${q.action}%`) : undefined,
        q.actor ? ilike(auditEntry.actorLabel, `%${q.actor}%`) : undefined,
        q.from ? gte(auditEntry.occurredAt, new Date(q.from)) : undefined,
        q.to ? lte(auditEntry.occurredAt, new Date(q.to)) : undefined,
        before !== null ? lt(auditEntry.seq, before) : undefined,
      ),
    )
    .orderBy(desc(auditEntry.seq))
    .limit(q.limit);
  const labelOf = await subjectLabels(db, actor, rows);
  const last = rows.at(-1);
  return {
    items: rows.map((r) => entryView(r, labelOf(r), oversees(actor.roles))),
    next: rows.length === q.limit && last ? ctx.platform.sealer.seal(`audit-cursor:${last.seq}`) : null,
  };
}

function readCursor(ctx: Context, cursor: string): number {
  try {
    const [kind, seq] = ctx.platform.sealer.unseal(cursor).split(':');
    if (kind === 'audit-cursor' && Number.isSafeInteger(Number(seq))) return Number(seq);
  } catch {
    // answered below
  }
  throw new DomainError('BAD_CURSOR', bilingual('翻页参数无效，请从第一页重新查询', 'The page cursor is not valid; search again from the first page'), 400, { field: 'before' });
}

/**
 * Queues a full recomputation of the chain up to the current head; the UI follows its progress.
 * One at a time per person: while the person's earlier one is queued or running, the answer is
 * that one (409 with its id) instead of another pass over the whole trail.
 */
export async function requestVerification(ctx: Context): Promise<string> {
  const db = ctx.platform.database.db;
  const personId = ctx.actor!.personId;
  const head = await auditHead(db);
  return inTransaction(ctx, async (tx, audit) => {
    const running = await activeJobOf(tx, AUDIT_VERIFY_JOB, personId);
    if (running)
      throw conflict('VERIFICATION_RUNNING', bilingual('您的上一次审计链校验尚未完成，请等待其结果', 'Your previous verification of the audit trail is still queued or running; wait for its outcome'), { jobId: running.id });
    const now = ctx.platform.clock.now();
    const jobId = await enqueueJob(tx, now, { kind: AUDIT_VERIFY_JOB, payload: { upTo: head.seq }, runAt: now, createdBy: personId, maxAttempts: 1 });
    audit.record({ action: 'audit.verification_requested', subjectType: 'job', subjectId: jobId, detail: { upTo: head.seq } });
    return jobId;
  });
}

export function auditVerifyHandler(platform: Platform): JobHandler {
  return async (payload, control, row) => {
    const outcome = await verifyAuditChain(platform.database.db, {
      upTo: Number(payload.upTo),
      onProgress: (done, total) => control.progress(done, total),
    });
    await recordAuditEvent(systemContext(platform), {
      action: 'audit.verified',
      subjectType: 'job',
      subjectId: row.id,
      result: outcome.ok ? 'success' : 'failure',
      detail: outcome,
    });
    return outcome;
  };
}
