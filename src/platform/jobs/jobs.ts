import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/audit-trail';
import { MINUTE } from '../clock';
import { systemContext, type Platform } from '../context';
import { queryRows, type Db } from '../database/database';
import { job } from './jobs.schema';

export type JobRow = typeof job.$inferSelect;

export interface JobControl {
  /** Records how far a long job has got, for the progress bar in the UI. */
  progress(done: number, total: number): Promise<void>;
  /** Runs the job again at `at` instead of finishing it (e.g. its deadline moved later). */
  reschedule(at: Date): void;
}

export type JobHandler = (payload: Record<string, unknown>, control: JobControl, row: JobRow) => Promise<unknown>;

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  runAt: Date;
  dedupeKey?: string;
  createdBy?: string | null;
  maxAttempts?: number;
}

/** Schedules a job inside the caller's transaction, so it exists exactly when the change that needs it commits. */
export async function enqueueJob(tx: Db, now: Date, newJob: NewJob): Promise<string> {
  const id = randomUUID();
  const inserted = await tx
    .insert(job)
    .values({
      id,
      kind: newJob.kind,
      payload: newJob.payload,
      dedupeKey: newJob.dedupeKey ?? null,
      runAt: newJob.runAt,
      status: 'queued',
      maxAttempts: newJob.maxAttempts ?? 5,
      createdAt: now,
      createdBy: newJob.createdBy ?? null,
    })
    .onConflictDoNothing({ target: job.dedupeKey })
    .returning({ id: job.id });
  if (inserted[0]) return inserted[0].id;
  const [existing] = await tx.select({ id: job.id }).from(job).where(eq(job.dedupeKey, newJob.dedupeKey!));
  return existing!.id;
}

/**
 * A recurring job is one row keyed by its kind that reschedules itself after each run. Queues it
 * unless it is already waiting; one that failed (its retries used up) is queued again.
 */
export async function ensureRecurringJob(tx: Db, now: Date, recurring: { kind: string; runAt: Date }): Promise<string> {
  const id = await enqueueJob(tx, now, { kind: recurring.kind, payload: {}, runAt: recurring.runAt, dedupeKey: recurring.kind, maxAttempts: 10 });
  await tx
    .update(job)
    .set({ status: 'queued', runAt: recurring.runAt, attempts: 0, lockedUntil: null, finishedAt: null })
    .where(and(eq(job.id, id), inArray(job.status, ['failed', 'succeeded'])));
  return id;
}

// Any constant works; with the person it keys the lock below.
const PERSON_JOBS_LOCK = 7_311_003;

/**
 * Expensive jobs (a whole-chain verification, an archive package) run one at a time per person:
 * the person's job of this kind that is still queued or running, if any. Takes a lock on the
 * person held until commit, so two requests at once cannot both find none and both queue one.
 */
export async function activeJobOf(tx: Db, kind: string, personId: string): Promise<JobRow | undefined> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${PERSON_JOBS_LOCK}, hashtext(${personId}))`);
  const [row] = await tx.select().from(job).where(and(eq(job.kind, kind), eq(job.createdBy, personId), inArray(job.status, ['queued', 'running']))).limit(1);
  return row;
}

export async function findJob(db: Db, id: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(job).where(eq(job.id, id));
  return row;
}

const LEASE_MS = 5 * MINUTE;
// Real time, not the platform clock: how often a running job's lease is renewed.
const RENEW_EVERY_MS = 30_000;

export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly platform: Platform,
    private readonly handlers: Record<string, JobHandler>,
  ) {}

  start(intervalMs = 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.runDue().catch(() => undefined).finally(() => (this.running = null));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Claims and runs due jobs one at a time until none is due; returns how many ran. */
  async runDue(): Promise<number> {
    await this.platform.clock.refresh?.();
    let count = 0;
    for (let claimed = await this.claim(); claimed; claimed = await this.claim()) {
      await this.execute(claimed);
      count++;
    }
    return count;
  }

  private async claim(): Promise<JobRow | null> {
    const db = this.platform.database.db;
    const now = this.platform.clock.now();
    const kinds = Object.keys(this.handlers);
    if (kinds.length === 0) return null;
    const rows = await queryRows<{ id: string }>(
      db,
      sql`UPDATE job SET status = 'running', attempts = attempts + 1, locked_until = ${new Date(now.getTime() + LEASE_MS)}
          WHERE id = (
            SELECT id FROM job
            WHERE status IN ('queued', 'running') AND run_at <= ${now}
              AND (locked_until IS NULL OR locked_until < ${now})
              AND kind IN (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
            ORDER BY run_at
            FOR UPDATE SKIP LOCKED
            LIMIT 1)
          RETURNING id`,
    );
    return rows[0] ? ((await findJob(db, rows[0].id)) ?? null) : null;
  }

  private async execute(row: JobRow): Promise<void> {
    const db = this.platform.database.db;
    const ctx = systemContext(this.platform);
    let rescheduleAt: Date | null = null;
    const control: JobControl = {
      progress: async (done, total) => {
        await db.update(job).set({ progress: { done, total } }).where(eq(job.id, row.id));
      },
      reschedule: (at) => void (rescheduleAt = at),
    };
    // The lease lapses only when this process dies: a long job (a whole-chain verification, an
    // archive) is not claimed again by another process while it still runs here.
    const renewal = setInterval(() => {
      const lockedUntil = new Date(this.platform.clock.now().getTime() + LEASE_MS);
      void db.update(job).set({ lockedUntil }).where(and(eq(job.id, row.id), eq(job.status, 'running'), eq(job.attempts, row.attempts))).catch(() => undefined);
    }, RENEW_EVERY_MS);
    renewal.unref();
    try {
      const result = await this.handlers[row.kind]!(row.payload, control, row).finally(() => clearInterval(renewal));
      if (rescheduleAt) {
        await db.update(job).set({ status: 'queued', runAt: rescheduleAt, lockedUntil: null, attempts: row.attempts - 1 }).where(eq(job.id, row.id));
        return;
      }
      const finishedAt = this.platform.clock.now();
      await db.update(job).set({ status: 'succeeded', result: result ?? null, finishedAt, lockedUntil: null }).where(eq(job.id, row.id));
      await recordAuditEvent(ctx, { action: 'job.succeeded', subjectType: 'job', subjectId: row.id, detail: { kind: row.kind } });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const now = this.platform.clock.now();
      const exhausted = row.attempts >= row.maxAttempts;
      await db
        .update(job)
        .set(
          exhausted
            ? { status: 'failed', lastError: message, finishedAt: now, lockedUntil: null }
            : { status: 'queued', lastError: message, lockedUntil: null, runAt: new Date(now.getTime() + 2 ** row.attempts * 1000) },
        )
        .where(and(eq(job.id, row.id)));
      await recordAuditEvent(ctx, {
        action: exhausted ? 'job.failed' : 'job.retry_scheduled',
        subjectType: 'job',
        subjectId: row.id,
        result: 'failure',
        detail: { kind: row.kind, error: message, attempt: row.attempts },
      });
    }
  }
}
