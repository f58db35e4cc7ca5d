import { createHash } from 'node:crypto';

/**
 * The audit trail's hash chain, as pure functions (ARCHITECTURE.md, Invariants: Audit).
 * Each entry's hash covers all of its fields and the previous entry's hash, so changing,
 * removing or reordering any entry breaks every hash after it.
 */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditResult = 'success' | 'failure' | 'denied';
/** 'offer': a framework member's second-round offer (FA-07), disclosed at its order's deadline; the entry's subject is the order. */
/** What an entry would disclose while sealed; 'listingBidder': who takes part in a listing or auction, until its result. */
export type AuditSeal = 'bidder' | 'committee' | 'offer' | 'listingBidder';

export interface AuditEntry {
  /** Order of arrival (the sequencer's); not part of the hash. */
  entryNo?: number;
  seq: number;
  occurredAt: Date;
  actorPersonId: string | null;
  actorLabel: string | null;
  actorRole: string | null;
  actorEntityId: string | null;
  ip: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  regionCode: string | null;
  projectId?: string | null;
  sealed?: AuditSeal | null;
  result: AuditResult;
  before: unknown;
  after: unknown;
  detail: unknown;
  prevHash: string;
  hash: string;
}

export type UnhashedEntry = Omit<AuditEntry, 'hash'>;

/**
 * JSON with object keys sorted at every level, so the same data always hashes the same,
 * whatever order the database returns jsonb keys in. BigInts become decimal strings.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What a jsonb column gives back for a value: used so the hash at write equals the hash at verify. */
export function asStoredJson(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(canonicalJson(value));
}

export function hashEntry(entry: UnhashedEntry | AuditEntry): string {
  const { prevHash, ...fields } = entry;
  delete (fields as Partial<AuditEntry>).hash;
  delete (fields as Partial<AuditEntry>).entryNo;
  // Fields added after the first entries were written count only when set, so every entry
  // hashes as it did when it was appended.
  if (fields.projectId == null) delete fields.projectId;
  if (fields.sealed == null) delete fields.sealed;
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

export type ChainBreak = { seq: number; reason: 'hashMismatch' | 'prevHashMismatch' | 'gap' };

/**
 * Checks a run of consecutive entries, given the hash and seq of the entry before the run.
 * Returns the first break, or the new head to continue from.
 */
export function verifyRun(
  entries: AuditEntry[],
  previous: { seq: number; hash: string },
): { ok: true; head: { seq: number; hash: string } } | { ok: false; break: ChainBreak } {
  let head = previous;
  for (const entry of entries) {
    if (entry.seq !== head.seq + 1) return { ok: false, break: { seq: head.seq + 1, reason: 'gap' } };
    if (entry.prevHash !== head.hash) return { ok: false, break: { seq: entry.seq, reason: 'prevHashMismatch' } };
    if (hashEntry(entry) !== entry.hash) return { ok: false, break: { seq: entry.seq, reason: 'hashMismatch' } };
    head = { seq: entry.seq, hash: entry.hash };
  }
  return { ok: true, head };
}
