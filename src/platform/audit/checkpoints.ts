import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import { systemContext, type Platform } from '../context';
import type { Db } from '../database/database';
import { DomainError, bilingual } from '../errors';
import { ensureRecurringJob, type JobHandler } from '../jobs/jobs';
import { job } from '../jobs/jobs.schema';
import { inTransaction, type AuditRecorder } from '../unit-of-work';
import { CHECKPOINT_STATEMENT, compareWithCheckpoints, nextCheckpointAt, type CheckpointComparison, type CheckpointStatement, type PublishedCheckpoint } from './audit-checkpoint';
import { auditHead, linkAuditEntriesIn } from './audit-trail';
import { auditCheckpoint, auditEntry } from './audit.schema';
import { auditPath, leafHash, merkleRoot, receiptTreeLeaves, type InclusionProof } from './merkle';

export const AUDIT_CHECKPOINT_JOB = 'audit.checkpoint';

// Checkpoints are made one at a time, so each covers the entries after the previous one.
const CHECKPOINT_LOCK = 7_311_002;

type CheckpointRow = typeof auditCheckpoint.$inferSelect;

const published = (row: CheckpointRow): PublishedCheckpoint => ({
  statement: CHECKPOINT_STATEMENT,
  seq: row.seq,
  headHash: row.headHash,
  receiptsRoot: row.receiptsRoot,
  createdAt: row.createdAt.toISOString(),
  signingKeyId: row.signingKeyId,
  signature: row.signature,
});

/** The receipt hashes that entries after #from up to #to carry (an audit record's `detail.receiptSha256`). */
async function receiptDigestsBetween(db: Db, from: number, to: number): Promise<string[]> {
  const digest = sql<string>`${auditEntry.detail}->>'receiptSha256'`;
  const rows = await db
    .select({ digest })
    .from(auditEntry)
    .where(and(gt(auditEntry.seq, from), lte(auditEntry.seq, to), sql`${digest} IS NOT NULL`));
  return rows.map((r) => r.digest);
}

/**
 * Signs a checkpoint of the chain as it stands in `tx`, with the receipts issued since the previous
 * one, and records it. Runs inside the caller's transaction: the hourly job's, or an opening's, so
 * every bid of the lot is in a checkpoint that exists exactly when the opening does.
 */
export async function recordCheckpoint(tx: Db, platform: Platform, audit: AuditRecorder): Promise<PublishedCheckpoint> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHECKPOINT_LOCK})`);
  const [previous] = await tx.select({ seq: auditCheckpoint.seq }).from(auditCheckpoint).orderBy(desc(auditCheckpoint.seq)).limit(1);
  // A bid committed just before the opening may not be linked yet: link it here, or its receipt
  // would be missing from the opening's checkpoint, as if it had been slipped in later.
  await linkAuditEntriesIn(tx);
  const head = await auditHead(tx);
  const fillerSeed = randomBytes(32).toString('hex');
  const leaves = receiptTreeLeaves(await receiptDigestsBetween(tx, previous?.seq ?? 0, head.seq), fillerSeed);
  const statement: CheckpointStatement = { statement: CHECKPOINT_STATEMENT, seq: head.seq, headHash: head.hash, receiptsRoot: merkleRoot(leaves), createdAt: platform.clock.now().toISOString() };
  const signature = platform.signer.sign(statement);
  const [row] = await tx
    .insert(auditCheckpoint)
    .values({ seq: head.seq, headHash: head.hash, receiptsRoot: statement.receiptsRoot, createdAt: new Date(statement.createdAt), signingKeyId: platform.signer.keyId, signature, fillerSeed })
    .returning();
  // The statement only: no count of receipts, no lot, no bidder.
  audit.record({ action: 'audit.checkpoint', subjectType: 'auditCheckpoint', subjectId: String(head.seq), after: statement });
  return published(row!);
}

/** Oldest first, after a seq: a third party polls with the last seq it holds. */
export async function listCheckpoints(db: Db, afterSeq: number, limit: number): Promise<PublishedCheckpoint[]> {
  const rows = await db.select().from(auditCheckpoint).where(gt(auditCheckpoint.seq, afterSeq)).orderBy(asc(auditCheckpoint.seq)).limit(limit);
  return rows.map(published);
}

/**
 * Where a receipt recorded in the trail (by the entry about `subjectType`/`subjectId` carrying its
 * hash) sits in the first checkpoint after it: that checkpoint and the path from the receipt's leaf
 * to its root. `null` when no entry carries the receipt; no checkpoint yet when none covers it.
 */
export async function receiptInclusion(
  db: Db,
  subject: { subjectType: string; subjectId: string },
  receiptSha256: string,
): Promise<{ checkpoint: PublishedCheckpoint | null; proof: InclusionProof | null } | null> {
  const [entry] = await db
    .select({ seq: auditEntry.seq })
    .from(auditEntry)
    .where(and(eq(auditEntry.subjectType, subject.subjectType), eq(auditEntry.subjectId, subject.subjectId), sql`${auditEntry.detail}->>'receiptSha256' = ${receiptSha256}`))
    .limit(1);
  // An entry not linked yet is in no checkpoint yet (the receipt was answered only after its linking, so this is a race at most).
  if (!entry) return null;
  if (entry.seq === null) return { checkpoint: null, proof: null };
  const [checkpoint] = await db.select().from(auditCheckpoint).where(gte(auditCheckpoint.seq, entry.seq)).orderBy(asc(auditCheckpoint.seq)).limit(1);
  if (!checkpoint) return { checkpoint: null, proof: null };
  const [previous] = await db.select({ seq: auditCheckpoint.seq }).from(auditCheckpoint).where(lt(auditCheckpoint.seq, checkpoint.seq)).orderBy(desc(auditCheckpoint.seq)).limit(1);
  const leaves = receiptTreeLeaves(await receiptDigestsBetween(db, previous?.seq ?? 0, checkpoint.seq), checkpoint.fillerSeed);
  const leafIndex = leaves.indexOf(leafHash(Buffer.from(receiptSha256, 'hex')));
  // Only a trail changed since the checkpoint was signed gets here; say so rather than hand out a proof that fails.
  if (leafIndex < 0 || merkleRoot(leaves) !== checkpoint.receiptsRoot)
    throw new DomainError('CHECKPOINT_MISMATCH', bilingual('审计记录与已签署的检查点不一致，请联系监管部门', 'The audit trail no longer matches the signed checkpoint; please report this to the supervisor'), 500);
  return { checkpoint: published(checkpoint), proof: { leafIndex, treeSize: leaves.length, auditPath: auditPath(leaves, leafIndex) } };
}

/** Compares the chain in `db` with checkpoints saved earlier (their signatures already checked). */
export async function compareChainWithCheckpoints(db: Db, checkpoints: PublishedCheckpoint[]): Promise<CheckpointComparison> {
  const head = await auditHead(db);
  const hashes = new Map<number, string>();
  const seqs = [...new Set(checkpoints.map((c) => c.seq))];
  for (let i = 0; i < seqs.length; i += 1000) {
    const rows = await db.select({ seq: auditEntry.seq, hash: auditEntry.hash }).from(auditEntry).where(inArray(auditEntry.seq, seqs.slice(i, i + 1000)));
    for (const r of rows) hashes.set(r.seq!, r.hash!);
  }
  return compareWithCheckpoints(checkpoints, (seq) => hashes.get(seq), head.seq);
}

/** The hourly checkpoint: one durable job that reschedules itself to the next full hour. */
export function checkpointJobHandler(platform: Platform): JobHandler {
  return async (_payload, control) => {
    const made = await inTransaction(systemContext(platform), (tx, audit) => recordCheckpoint(tx, platform, audit));
    control.reschedule(nextCheckpointAt(platform.clock.now()));
    return made;
  };
}

/** At start-up: the hourly job exists and is waiting (a failed one is queued again). */
export async function scheduleCheckpoints(platform: Platform): Promise<void> {
  const [current] = await platform.database.db.select({ status: job.status }).from(job).where(eq(job.dedupeKey, AUDIT_CHECKPOINT_JOB));
  if (current && ['queued', 'running'].includes(current.status)) return;
  await inTransaction(systemContext(platform), async (tx, audit) => {
    const runAt = nextCheckpointAt(platform.clock.now());
    const id = await ensureRecurringJob(tx, platform.clock.now(), { kind: AUDIT_CHECKPOINT_JOB, runAt });
    audit.record({ action: 'job.scheduled', subjectType: 'job', subjectId: id, detail: { kind: AUDIT_CHECKPOINT_JOB, runAt } });
  });
}
