import { and, desc, eq, gte, ilike, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import { entityNames, inRegion, personNames } from '../../identity';
import { committeeDisclosed } from '../../services';
import { biddersDisclosed, projectTitles } from '../../trading';
import { auditEntry } from '../../platform/audit/audit.schema';
import { auditHead, recordAuditEvent, verifyAuditChain } from '../../platform/audit/audit-trail';
import type { Actor, Context, Platform } from '../../platform/context';
import { systemContext } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { enqueueJob, type JobHandler } from '../../platform/jobs/jobs';
import { inTransaction } from '../../platform/unit-of-work';

export const AUDIT_VERIFY_JOB = 'audit.verify';

/**
 * What an auditor may read: entries of its region; the platform-wide ones (sign-ins, jobs)
 * only for the operator's people, whose remit is the whole platform.
 */
function readableBy(actor: Actor): SQL {
  const ownRegion = inRegion(auditEntry.regionCode, actor.regionCode);
  const platformWide = actor.roles.some((r) => r === 'operator' || r === 'auditAdmin');
  return platformWide ? or(ownRegion, isNull(auditEntry.regionCode))! : ownRegion;
}

export interface AuditQuery {
  subjectType?: string;
  subjectId?: string;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  beforeSeq?: number;
  limit: number;
}

/**
 * Entries that would disclose a sealed fact are left out of every view until it is disclosed:
 * who bid, until the opening starts; who sits on the committee, until the evaluation starts.
 * Searches cannot find them either, so no count or time leaks through a filter. The stored
 * entry stays complete and the chain verifies as always.
 */
function disclosed(now: Date): SQL {
  return or(
    isNull(auditEntry.sealed),
    and(eq(auditEntry.sealed, 'bidder'), biddersDisclosed(auditEntry.projectId)),
    and(eq(auditEntry.sealed, 'committee'), committeeDisclosed(auditEntry.projectId, now)),
  )!;
}

/** What each entry is about, by name: the project's title, the person's or the entity's name. */
async function subjectLabels(db: Db, rows: { subjectType: string; subjectId: string | null; projectId: string | null }[]) {
  const ids = (type: string[]) => rows.filter((r) => type.includes(r.subjectType) && r.subjectId).map((r) => r.subjectId!);
  const [projects, persons, entities] = await Promise.all([
    projectTitles(db, rows.map((r) => r.projectId).filter((x): x is string => Boolean(x))),
    personNames(db, ids(['person', 'expert'])),
    entityNames(db, ids(['entity'])),
  ]);
  return (r: (typeof rows)[number]) =>
    (r.subjectId && (persons.get(r.subjectId) ?? entities.get(r.subjectId))) ?? (r.projectId ? (projects.get(r.projectId) ?? null) : null);
}

export async function searchAuditEntries(db: Db, actor: Actor, now: Date, q: AuditQuery) {
  const rows = await db
    .select()
    .from(auditEntry)
    .where(
      and(
        readableBy(actor),
        disclosed(now),
        q.subjectType ? eq(auditEntry.subjectType, q.subjectType) : undefined,
        q.subjectId ? eq(auditEntry.subjectId, q.subjectId) : undefined,
        q.action ? ilike(auditEntry.action, `${q.action}%`) : undefined,
        q.actor ? ilike(auditEntry.actorLabel, `%${q.actor}%`) : undefined,
        q.from ? gte(auditEntry.occurredAt, new Date(q.from)) : undefined,
        q.to ? lte(auditEntry.occurredAt, new Date(q.to)) : undefined,
        q.beforeSeq ? lt(auditEntry.seq, q.beforeSeq) : undefined,
      ),
    )
    .orderBy(desc(auditEntry.seq))
    .limit(q.limit);
  const labelOf = await subjectLabels(db, rows);
  return rows.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString(), subjectLabel: labelOf(r) }));
}

/** Queues a full recomputation of the chain up to the current head; the UI follows its progress. */
export async function requestVerification(ctx: Context): Promise<string> {
  const db = ctx.platform.database.db;
  const head = await auditHead(db);
  return inTransaction(ctx, async (tx, audit) => {
    const now = ctx.platform.clock.now();
    const jobId = await enqueueJob(tx, now, { kind: AUDIT_VERIFY_JOB, payload: { upTo: head.seq }, runAt: now, createdBy: ctx.actor?.personId ?? null, maxAttempts: 1 });
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
