import type { Clock } from './clock';
import type { PlatformConfig } from './config';
import type { BlobStore } from './blobs/blob-store';
import type { ReceiptSigner } from './crypto/receipt-signer';
import type { Sealer } from './crypto/sealer';
import type { Database, Db } from './database/database';
import type { AuditRecord } from './audit/audit-trail';

/** Who is acting. Roles are identity's vocabulary; the platform only carries them. */
export interface Actor {
  personId: string;
  username: string;
  displayName: string;
  entityId: string;
  entityType: string;
  /** The region of the actor's entity: the rows a government role may read (GB/T 2260). */
  regionCode: string;
  roles: string[];
  /** Manages the people of its own entity (the account that registered a market entity). */
  entityAdmin: boolean;
  /** The role under which the current request was allowed (recorded in the audit trail). */
  actingRole: string | null;
  sessionStage: 'secondFactor' | 'active';
  mustChangePassword: boolean;
}

/** Shared infrastructure handed to every use case. */
export interface Platform {
  config: PlatformConfig;
  database: Database;
  clock: Clock;
  sealer: Sealer;
  signer: ReceiptSigner;
  blobs: BlobStore;
  /**
   * Work that follows from what a transaction recorded, done in that same transaction just before
   * it commits (e.g. the OCDS release of a step just published). Set by the wiring (app.ts).
   */
  beforeCommit?: CommitHook[];
}

export type CommitHook = (tx: Db, ctx: Context, records: readonly AuditRecord[]) => Promise<void>;

export interface Context {
  platform: Platform;
  actor: Actor | null;
  ip: string | null;
  userAgent: string | null;
  /**
   * What the route's row guard read about the object it let through (platform/http/subjects.ts),
   * for the use case to reuse instead of reading the same row again.
   */
  subject?: { type: string; id: string; facts: unknown };
}

/** The facts the row guard read for this object, if it guarded this request. */
export function guardedFacts<Facts>(ctx: Context, type: string, id: string): Facts | undefined {
  return ctx.subject?.type === type && ctx.subject.id === id ? (ctx.subject.facts as Facts) : undefined;
}

/** A context for work the platform does on its own (jobs, start-up, demo data). */
export function systemContext(platform: Platform): Context {
  return { platform, actor: null, ip: null, userAgent: null };
}
