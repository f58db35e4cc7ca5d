import { createHash, randomUUID } from 'node:crypto';
import { regionExists } from '../../catalogue';
import { canonicalJson } from '../../platform/audit/audit-chain';
import type { Context } from '../../platform/context';
import { bilingual, DomainError } from '../../platform/errors';
import { inTransaction } from '../../platform/unit-of-work';
import { appendExternalReleases, owners, storedHashes, type NewRelease } from '../external/external.store';
import { lockFeed } from '../feed/feed';
import { externalProcurement, ocdsImport } from '../ocds/ocds.schema';
import { schemaProblems } from '../ocds/validate';
import { inArray } from 'drizzle-orm';
import { classify, parseOcdsFile, summariseSkips, type Candidate, type ImportFormat, type Owner, type Skip, type SkipReason } from './import.parse';

export interface ImportInput {
  fileName: string;
  content: Buffer | string;
  /** The publisher's name as the portal shows it; default: the package's publisher.name. */
  publisherName?: string | null;
  /** Where a release without its own regionCode belongs; default: the operator's region. */
  regionCode?: string | null;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportSummary {
  /** The run's id (null when nothing was written: a damaged file, or nothing new). */
  importId: string | null;
  fileName: string;
  fileSha256: string;
  format: ImportFormat;
  publisherName: string;
  regionCode: string;
  /** Releases found in the file. */
  found: number;
  imported: number;
  /** Procurements (ocids) the imported releases created or updated. */
  procurements: number;
  skipped: { reason: SkipReason; count: number; examples: string[] }[];
  /** True when the file is damaged (a line is not JSON): nothing of it was imported. */
  refused: boolean;
}

const hashOf = (release: unknown) => createHash('sha256').update(canonicalJson(release)).digest('hex');
const key = (r: Record<string, unknown>) => `${String(r.ocid)}\u0000${String(r.id)}`;
const problemText = (release: unknown) => {
  const [first] = schemaProblems(release);
  return first ? `${first.path} ${first.message['en-US']}` : null;
};

/**
 * Loads OCDS data published by others as read-only external procurements (origin 'import'). All or
 * nothing per file: a damaged file (a line that is not JSON) loads nothing; otherwise every release
 * that passes the OCDS schema and is new is stored, in one transaction with the run's record and its
 * audit entry, and every other release is counted by reason. Importing the same file again finds
 * only duplicates and writes nothing. Foreign data answers to the OCDS schema only, not to the
 * sub-platforms' rules (SYNC-02…09); imported releases stay out of the public change feed.
 */
export async function importOcds(ctx: Context, input: ImportInput): Promise<ImportSummary> {
  const { database, clock, config } = ctx.platform;
  const db = database.db;
  const buffer = typeof input.content === 'string' ? Buffer.from(input.content, 'utf8') : input.content;
  const fileSha256 = createHash('sha256').update(buffer).digest('hex');
  const parsed = parseOcdsFile(buffer.toString('utf8'));
  const publisherName = input.publisherName?.trim() || parsed.publisherName;
  if (!publisherName) throw new DomainError('IMPORT_PUBLISHER', bilingual('文件未注明发布者（publisher.name），请用 --publisher 指定', 'The file names no publisher (publisher.name): give one with --publisher'), 400);
  const regionCode = input.regionCode?.trim() || config.operator.regionCode;
  if (!(await regionExists(db, regionCode))) throw new DomainError('IMPORT_REGION', bilingual(`行政区划代码 ${regionCode} 不在平台的区划表中`, `The region code ${regionCode} is not one of the platform’s regions`), 400);

  const base = { importId: null, fileName: input.fileName, fileSha256, format: parsed.format, publisherName, regionCode, found: parsed.candidates.length, imported: 0, procurements: 0 };
  if (parsed.invalidLines.length) return { ...base, skipped: summariseSkips([...parsed.invalidLines, ...parsed.skipped]), refused: true };

  const total = parsed.candidates.length;
  const hashes = parsed.candidates.map((c) => hashOf(c.release));
  // The schema is checked outside the transaction: it is the slow part, and reads nothing stored.
  const problems: (string | null)[] = [];
  parsed.candidates.forEach((c, i) => {
    problems.push(problemText(c.release));
    if (i % 50 === 0) input.onProgress?.(i, total);
  });
  input.onProgress?.(total, total);
  const ocids = [...new Set(parsed.candidates.map((c) => c.release.ocid).filter((o): o is string => typeof o === 'string'))];

  const decide = async (tx: typeof db) => {
    const stored = await storedHashes(tx, ocids);
    const owned = await ownersOf(tx, ocids);
    const fresh: { candidate: Candidate; hash: string }[] = [];
    const skips: Skip[] = [...parsed.skipped];
    const seen = new Map<string, string>();
    parsed.candidates.forEach((c, i) => {
      const k = key(c.release);
      const outcome = classify(c, hashes[i]!, { schemaProblem: problems[i]!, stored: stored.get(k), seen: seen.get(k), owner: owned.get(String(c.release.ocid)), publisherName });
      if (!outcome.ok) return skips.push(outcome.skip);
      seen.set(k, hashes[i]!);
      fresh.push({ candidate: c, hash: hashes[i]! });
    });
    return { fresh, skips };
  };

  // Nothing new (e.g. the same file again): nothing to write, no transaction.
  const before = await decide(db);
  if (before.fresh.length === 0) return { ...base, skipped: summariseSkips(before.skips), refused: false };

  return inTransaction(ctx, async (tx, audit) => {
    await lockFeed(tx); // before looking for duplicates: no other writer interleaves until the commit
    const { fresh, skips } = await decide(tx);
    const importId = randomUUID();
    const now = clock.now();
    const procurements = new Set(fresh.map((f) => String(f.candidate.release.ocid))).size;
    const skipped = summariseSkips(skips);
    await tx.insert(ocdsImport).values({ id: importId, fileName: input.fileName, fileSha256, publisherName, regionCode, startedAt: now, finishedAt: now, releases: fresh.length, procurements, skipped });
    await appendExternalReleases(tx, { origin: 'import', sourceEntityId: null, importId, platformName: publisherName, regionCode }, fresh.map((f) => ({ release: f.candidate.release as NewRelease['release'], hash: f.hash })), now);
    audit.record({
      action: 'ocds.import',
      subjectType: 'ocdsImport',
      subjectId: importId,
      regionCode,
      after: { fileName: input.fileName, fileSha256, publisherName, releases: fresh.length, procurements, skipped: skipped.map((s) => ({ reason: s.reason, count: s.count })) },
    });
    return { ...base, importId, imported: fresh.length, procurements, skipped, refused: false };
  });
}

/** Who holds each ocid: the platform's own, a sub-platform, or an import under a publisher's name. */
async function ownersOf(tx: Context['platform']['database']['db'], ocids: string[]): Promise<Map<string, Owner>> {
  const out = new Map<string, Owner>();
  const held = await owners(tx, ocids);
  const names = new Map<string, string>();
  for (let i = 0; i < ocids.length; i += 500)
    for (const r of await tx.select({ ocid: externalProcurement.ocid, platformName: externalProcurement.platformName }).from(externalProcurement).where(inArray(externalProcurement.ocid, ocids.slice(i, i + 500)))) names.set(r.ocid, r.platformName);
  for (const [ocid, h] of held) out.set(ocid, { origin: h.origin, platformName: names.get(ocid) ?? null });
  return out;
}
