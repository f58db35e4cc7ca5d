import { createHash } from 'node:crypto';
import { z } from 'zod';
import { listRegions, MAIN_PLATFORM_CODE, platformRegistry } from '../../catalogue';
import { entitySummaries } from '../../identity';
import { canonicalJson } from '../../platform/audit/audit-chain';
import { shanghaiDate } from '../../platform/calendar/calendar';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { bilingual, DomainError } from '../../platform/errors';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import { registerContractIn } from '../../trading';
import { appendExternalReleases, externalOf, owners, storedHashes, type NewRelease } from '../external/external.store';
import { lockFeed } from '../feed/feed';
import type { JsonObject } from '../ocds/merge';
import { schemaProblems, type FieldProblem } from '../ocds/validate';
import { contractRegistrations } from './sync.contracts';
import { dispositionOf, orderProblems, releaseProblems } from './sync.rules';

/** At most this many releases in one batch: a batch is one transaction. */
export const MAX_BATCH = 1000;

/** A release package as a sub-platform sends it: the package's metadata is optional, its releases are what count. */
export const syncPackage = z
  .strictObject({
    // The release package's metadata (OCDS 1.1), optional here: the sub-platform is known by its key.
    uri: z.string().max(2000).optional(),
    version: z.string().max(20).optional(),
    extensions: z.array(z.string().max(2000)).max(50).optional(),
    publishedDate: z.iso.datetime({ offset: true }).optional(),
    publisher: z.record(z.string(), z.unknown()).optional(),
    license: z.string().max(2000).optional(),
    publicationPolicy: z.string().max(2000).optional(),
    releases: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_BATCH),
  })
  .describe('OCDS 1.1 release package (releases in date order; each release’s ocid and id are its idempotency key)');

/** One refused field of one release of a batch. */
export interface SyncError extends FieldProblem {
  index: number;
  ocid: string | null;
  id: string | null;
}

export type ReleaseOutcome = { index: number; ocid: string; id: string; status: 'accepted'; seq: number } | { index: number; ocid: string; id: string; status: 'duplicate' };

const hashOf = (release: unknown) => createHash('sha256').update(canonicalJson(release)).digest('hex');
const key = (r: JsonObject) => `${String(r.ocid)}\u0000${String(r.id)}`;
const str = (v: unknown) => (typeof v === 'string' ? v : null);

function rejected(errors: SyncError[]): DomainError {
  const releases = new Set(errors.map((e) => e.index)).size;
  return new DomainError(
    'SYNC_REJECTED',
    bilingual(`${releases} 条发布有误（共 ${errors.length} 处），整批未接收；请改正后重新发送整批`, `${releases} release(s) have ${errors.length} error(s); nothing in the batch was applied: correct them and send the batch again`),
    422,
    { errors },
  );
}

/**
 * A sub-platform's batch of releases (seed 001: sub-platforms sync their trades into the main
 * platform). All or nothing: every release is checked against the OCDS schema and the platform's
 * rules (docs/SYNC.md), and one error refuses the batch with every error listed by release and field.
 * A release received before (same ocid, id and content) is a duplicate and changes nothing.
 */
export async function syncReleases(ctx: Context, sourceEntityId: string, batch: Record<string, unknown>[]) {
  const releases = batch as JsonObject[];
  const { database, clock } = ctx.platform;
  const db = database.db;
  const now = clock.now();
  const registry = await platformRegistry(db, shanghaiDate(now));
  const errors: SyncError[] = [];
  const fail = (index: number, r: JsonObject, problems: FieldProblem[]) => errors.push(...problems.map((p) => ({ index, ocid: str(r.ocid), id: str(r.id), ...p })));
  const hashes = releases.map(hashOf);
  const firstOfKey = new Map<string, number>();
  releases.forEach((r, index) => {
    fail(index, r, [...schemaProblems(r), ...releaseProblems(r, now)]);
    const code = str(r.tradingPlatform);
    if (!code || !registry.has(code) || code === MAIN_PLATFORM_CODE)
      fail(index, r, [{ path: '/tradingPlatform', ruleId: 'SYNC-05', message: bilingual('应注明交易发生的子平台在平台目录中的编号', 'The platform-catalogue code of the sub-platform the trade took place on must be given') }]);
    const first = firstOfKey.get(key(r));
    if (first === undefined) firstOfKey.set(key(r), index);
    else {
      const again = dispositionOf(hashes[index]!, { hash: hashes[first]! });
      if (again.kind === 'conflict') fail(index, r, [again.problem]);
    }
  });
  if (errors.length) throw rejected(errors);

  const ocids = [...new Set(releases.map((r) => String(r.ocid)))];
  // A retry of a batch already received needs no transaction (and writes nothing).
  const before = await storedHashes(db, ocids);
  if (releases.every((r, i) => before.get(key(r)) === hashes[i])) return outcome(releases.map((r, index) => ({ index, ocid: String(r.ocid), id: String(r.id), status: 'duplicate' as const })));

  const source = (await entitySummaries(db, [sourceEntityId])).get(sourceEntityId)!;
  const regions = new Set((await listRegions(db)).map((r) => r.code));
  return inTransaction(ctx, async (tx, audit) => {
    await lockFeed(tx); // from here to the commit, no other batch or publication interleaves
    const stored = await storedHashes(tx, ocids);
    const owned = await owners(tx, ocids);
    const fresh: { index: number; release: JsonObject; hash: string }[] = [];
    const results: ReleaseOutcome[] = [];
    const seen = new Set<string>();
    releases.forEach((r, index) => {
      const k = key(r);
      const disposition = dispositionOf(hashes[index]!, stored.has(k) ? { hash: stored.get(k)! } : undefined);
      if (disposition.kind === 'conflict') return fail(index, r, [disposition.problem]);
      if (disposition.kind === 'duplicate' || seen.has(k)) return results.push({ index, ocid: String(r.ocid), id: String(r.id), status: 'duplicate' });
      seen.add(k);
      const problems = orderProblems(String(r.date), owned.get(String(r.ocid)), sourceEntityId);
      if (!regions.has(String(r.regionCode))) problems.push({ path: '/regionCode', ruleId: 'SYNC-05', message: bilingual('行政区划代码不在平台的区划表中', 'The region code is not one of the platform’s regions') });
      if (problems.length) return fail(index, r, problems);
      owned.set(String(r.ocid), { sourceEntityId, lastDate: new Date(String(r.date)), origin: 'subPlatform' });
      fresh.push({ index, release: r, hash: hashes[index]! });
    });
    if (errors.length) throw rejected(errors);

    // Releases of different sub-platforms' codes are filed under each one's unified name.
    for (const code of new Set(fresh.map((f) => String(f.release.tradingPlatform)))) {
      const group = fresh.filter((f) => f.release.tradingPlatform === code);
      const seqs = await appendExternalReleases(tx, { origin: 'subPlatform', sourceEntityId, importId: null, platformName: registry.get(code)!.unifiedName, regionCode: source.regionCode }, group as NewRelease[], now);
      group.forEach((f, i) => results.push({ index: f.index, ocid: String(f.release.ocid), id: String(f.release.id), status: 'accepted', seq: seqs[i]! }));
    }
    const contracts = await registerContracts(tx, audit, ctx, sourceEntityId, fresh, errors);
    if (errors.length) throw rejected(errors);
    const accepted = results.filter((r) => r.status === 'accepted');
    audit.record({
      action: 'sync.receive',
      subjectType: 'entity',
      subjectId: sourceEntityId,
      regionCode: source.regionCode,
      after: { accepted: accepted.length, duplicates: results.length - accepted.length, releases: fresh.map((f) => ({ ocid: f.release.ocid, id: f.release.id, sha256: f.hash })) },
    });
    return { ...outcome(results), contracts };
  });
}

function outcome(results: ReleaseOutcome[]) {
  const sorted = [...results].sort((a, b) => a.index - b.index);
  return { accepted: sorted.filter((r) => r.status === 'accepted').length, duplicates: sorted.filter((r) => r.status === 'duplicate').length, results: sorted, contracts: [] as { ocid: string; contractId: string; registeredContractId: string; contractNumber: string }[] };
}

/** Where a field of the contract registration sits in an OCDS contract. */
const REGISTRATION_FIELD: Record<string, string> = { supplierCreditCode: '/awardID', contractNumber: '/id', signedOn: '/dateSigned', priceFen: '/value', milestones: '/milestones', paymentTermDays: '/paymentTermDays' };

/** SYNC-09: each newly signed contract the batch brings is registered for acceptance and payment, in the batch's transaction. */
async function registerContracts(tx: Db, audit: AuditRecorder, ctx: Context, sourceEntityId: string, fresh: { index: number; release: JsonObject }[], errors: SyncError[]) {
  const out: { ocid: string; contractId: string; registeredContractId: string; contractNumber: string }[] = [];
  for (const f of fresh) {
    const pushed = Array.isArray(f.release.contracts) ? (f.release.contracts as JsonObject[]) : [];
    if (pushed.length === 0) continue;
    const ocid = String(f.release.ocid);
    const [procurement] = await externalOf(tx, ocid);
    const pathOf = (contractId: string) => `/contracts/${pushed.findIndex((c) => String(c.id) === contractId)}`;
    const pushedIds = new Set(pushed.map((c) => String(c.id)));
    for (const c of contractRegistrations(procurement!.compiled, pathOf).filter((c) => pushedIds.has(c.contractId))) {
      const at = { index: f.index, ocid, id: str(f.release.id) };
      if ('problems' in c) {
        errors.push(...c.problems.map((p) => ({ ...at, ...p })));
        continue;
      }
      try {
        const registered = await registerContractIn(tx, audit, ctx, sourceEntityId, c.input);
        out.push({ ocid, contractId: c.contractId, registeredContractId: registered.id, contractNumber: registered.contractNumber });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const field = typeof error.details.field === 'string' ? error.details.field : '';
        const path = field === 'purchaserCreditCode' ? '/buyer' : `${pathOf(c.contractId)}${REGISTRATION_FIELD[field.split('.')[0]!] ?? (field ? `/${field}` : '')}`;
        errors.push({ ...at, path, ruleId: error.ruleId ?? 'SYNC-09', message: error.messages });
      }
    }
  }
  return out;
}
