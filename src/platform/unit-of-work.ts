import { appendAuditEntries, auditEntriesLinked, type AuditRecord } from './audit/audit-trail';
import type { Context } from './context';
import type { Db } from './database/database';

export interface AuditRecorder {
  record(entry: AuditRecord): void;
}

/**
 * Runs one use case's writes in one transaction and appends what it recorded to the audit
 * trail in that same transaction: either the change and its audit entries commit together,
 * or neither does. A write that records nothing is a programming error. It returns once the
 * entries are linked into the hash chain (the sequencer, audit-trail.ts).
 */
export async function inTransaction<T>(ctx: Context, work: (tx: Db, audit: AuditRecorder) => Promise<T>): Promise<T> {
  const result = await ctx.platform.database.db.transaction(async (tx) => {
    const records: AuditRecord[] = [];
    const result = await work(tx, { record: (entry) => void records.push(entry) });
    if (records.length === 0) throw new Error('a write transaction must record its change in the audit trail');
    for (const hook of ctx.platform.beforeCommit ?? []) await hook(tx, ctx, records);
    await appendAuditEntries(tx, ctx, records);
    return result;
  });
  await auditEntriesLinked(ctx.platform.database);
  return result;
}
