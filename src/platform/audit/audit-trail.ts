import { and, asc, desc, gt, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Context } from '../context';
import type { Database, Db } from '../database/database';
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

// Any constant works; it only has to be the same for every process linking the chain.
const AUDIT_CHAIN_LOCK = 7_311_001;
const LINK_BATCH = 1000;

/**
 * Writes the entries in the transaction that made the change, as its last statement, unlinked:
 * no lock, so concurrent changes commit (and share their fsyncs) in parallel. The sequencer links
 * them into the chain after the commit (linkAuditEntries); inTransaction waits for that before it
 * answers, so what a user is told has happened is in the chain.
 */
export async function appendAuditEntries(tx: Db, ctx: Context, records: AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  const occurredAt = ctx.platform.clock.now();
  const actor = ctx.actor;
  await tx.insert(auditEntry).values(
    records.map((r) => {
      const projectId = r.projectId ?? (r.subjectType === 'project' ? (r.subjectId ?? null) : null);
      return {
        occurredAt,
        actorPersonId: actor?.personId ?? null,
        actorLabel: actor ? `${actor.displayName} (${actor.username})` : null,
        actorRole: actor?.actingRole ?? null,
        actorEntityId: actor?.entityId ?? null,
        ip: ctx.ip,
        action: r.action,
        subjectType: r.subjectType,
        subjectId: r.subjectId ?? null,
        // What a person does belongs to its region unless the change says otherwise; only the
        // platform's own work (jobs, start-up) has none.
        regionCode: r.regionCode ?? actor?.regionCode ?? null,
        projectId,
        sealed: sealOf(r, projectId, actor?.actingRole ?? null),
        result: r.result ?? 'success',
        before: asStoredJson(withoutSecrets(r.before)),
        after: asStoredJson(withoutSecrets(r.after)),
        detail: asStoredJson(withoutSecrets(r.detail)),
      };
    }),
  );
}

/**
 * The sequencer: gives entries written but not yet linked the next seq, the previous entry's hash
 * and their own, oldest first, in batches. One linker at a time across all processes (the lock);
 * each entry is hashed as stored, exactly as verification reads it. Returns how many it linked.
 */
export async function linkAuditEntries(db: Db): Promise<number> {
  let linked = 0;
  for (;;) {
    // READ COMMITTED (whatever the server's default): each statement after the lock sees every commit before it.
    const batch = await db.transaction(linkBatch, { isolationLevel: 'read committed' });
    linked += batch;
    if (batch < LINK_BATCH) return linked;
  }
}

/**
 * Links everything committed so far, inside the caller's transaction, which then holds the
 * linker's lock to its end: a checkpoint signs a head that no entry committed before it is missing from.
 */
export async function linkAuditEntriesIn(tx: Db): Promise<void> {
  while ((await linkBatch(tx)) === LINK_BATCH);
}

async function linkBatch(tx: Db): Promise<number> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const pending = await tx.select().from(auditEntry).where(isNull(auditEntry.seq)).orderBy(asc(auditEntry.entryNo)).limit(LINK_BATCH);
  if (pending.length === 0) return 0;
  let head = await auditHead(tx);
  const links = pending.map((row) => {
    const entry = { ...row, seq: head.seq + 1, prevHash: head.hash } as AuditEntry;
    head = { seq: entry.seq, hash: hashEntry(entry) };
    return sql`(${row.entryNo}::bigint, ${head.seq}::bigint, ${entry.prevHash}, ${head.hash})`;
  });
  await tx.execute(
    sql`UPDATE audit_entry AS e SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
        FROM (VALUES ${sql.join(links, sql`, `)}) AS v(entry_no, seq, prev_hash, hash)
        WHERE e.entry_no = v.entry_no`,
  );
  return pending.length;
}

/**
 * Group linking: everyone who committed entries waits for one pass of the sequencer that starts
 * after its commit; a pass already running may have read the pending entries before that commit,
 * so later arrivals share the next pass. One database round of locking and writing then serves
 * every change committed meanwhile, instead of one chain lock per change.
 */
class AuditSequencer {
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  linked(): Promise<void> {
    if (this.next) return this.next;
    if (this.running) {
      this.next = this.running.then(() => {
        this.next = null;
        return this.linked();
      });
      return this.next;
    }
    this.running = this.pass().finally(() => (this.running = null));
    return this.running;
  }

  /** A pass, tried again a few times: what a user is told has happened should be in the chain. */
  private async pass(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await linkAuditEntries(this.db);
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // Still durable with its change: the next pass anywhere (any process, any write) links it.
        if (attempt === LINK_ATTEMPTS) return void console.error(`audit sequencer: linking failed ${attempt} times, left to the next write: ${message}`);
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }
}

const LINK_ATTEMPTS = 3;

const sequencers = new WeakMap<Database, AuditSequencer>();

/** Waits until what this process committed so far is linked into the chain. */
export function auditEntriesLinked(database: Database): Promise<void> {
  let sequencer = sequencers.get(database);
  if (!sequencer) sequencers.set(database, (sequencer = new AuditSequencer(database.db)));
  return sequencer.linked();
}

/** For events that are not part of a business transaction: logins, refusals. */
export async function recordAuditEvent(ctx: Context, record: AuditRecord): Promise<void> {
  await ctx.platform.database.db.transaction(async (tx) => {
    await appendAuditEntries(tx, ctx, [record]);
  });
  await auditEntriesLinked(ctx.platform.database);
}

/** The last linked entry. */
export async function auditHead(db: Db): Promise<{ seq: number; hash: string }> {
  const [head] = await db.select({ seq: auditEntry.seq, hash: auditEntry.hash }).from(auditEntry).where(isNotNull(auditEntry.seq)).orderBy(desc(auditEntry.seq)).limit(1);
  return head ? { seq: head.seq!, hash: head.hash! } : { seq: 0, hash: GENESIS_HASH };
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
