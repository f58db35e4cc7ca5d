import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { auditEntry } from '../../platform/audit/audit.schema';
import { canonicalJson } from '../../platform/audit/audit-chain';
import { addCalendarDays, shanghaiDate } from '../../platform/calendar/calendar';
import { systemContext, type Context, type Platform } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { hiddenRow } from '../../platform/deny';
import { bilingual, conflict } from '../../platform/errors';
import { activeJobOf, enqueueJob, findJob, type JobHandler } from '../../platform/jobs/jobs';
import { job } from '../../platform/jobs/jobs.schema';
import { inTransaction } from '../../platform/unit-of-work';
import { award, awardLetter } from '../../trading/award/award.schema';
import { acceptance, contract, performanceReview } from '../../trading/contract/contract.schema';
import { PROJECT_TRANSITIONS, projectTransition } from '../../trading/project/project.states';
import { bidReview, bidScore, evaluationReport, evaluationSubmission, priceCorrection, priceExplanation, reportSignature } from '../../trading/evaluation/evaluation.schema';
import { findProjectRow, loadManagedProject } from '../../trading/project/project';
import { managesProject, supervisesProject } from '../../trading/project/project.access';
import { bid, documentDownload, lot, notice, opening, openingSignoff, project, question, tenderDocument } from '../../trading/trading.schema';
import { chairVote, committee, committeeMember, samplingDraw } from '../experts/experts.schema';
import { archivePackage } from './archive.schema';
import { witnessRecordsForArchive } from '../venues/witness';

export const ARCHIVE_JOB = 'archive.build';
/** GP-81: procurement files are kept at least 15 years from the end of the procurement. */
const RETENTION_YEARS = 15;

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

interface ArchiveEntry {
  path: string;
  sha256: string;
  size: number;
}

/**
 * Closing a completed project freezes its record; the package is built by a job that reports progress.
 * One package at a time per person: while the person's earlier one is being built, 409 with its job.
 */
export async function closeProject(ctx: Context, projectId: string) {
  const personId = ctx.actor!.personId;
  return inTransaction(ctx, async (tx, audit) => {
    const p = await loadManagedProject(tx, ctx.actor, projectId, true);
    if (p.status === 'closed') throw conflict('ALREADY_CLOSED', bilingual('项目已归档', 'The project is already archived'));
    if (!(PROJECT_TRANSITIONS.archived.from as readonly string[]).includes(p.status))
      throw conflict('NOT_COMPLETE', bilingual('各标项合同全部验收合格（或废标）后方可归档', 'A project is archived once every lot’s contract has passed acceptance (or the lot failed)'));
    const building = await activeJobOf(tx, ARCHIVE_JOB, personId);
    if (building)
      throw conflict('ARCHIVE_BUILDING', bilingual('您发起的归档尚未完成，请待其完成后再发起', 'An archive you requested is still being built; request the next one when it is done'), { jobId: building.id, projectId: building.payload.projectId });
    const jobId = await enqueueJob(tx, ctx.platform.clock.now(), { kind: ARCHIVE_JOB, payload: { projectId }, runAt: ctx.platform.clock.now(), dedupeKey: `archive:${projectId}`, createdBy: personId });
    audit.record({ action: 'archive.request', subjectType: 'project', subjectId: projectId, regionCode: p.regionCode, after: { jobId } });
    return { jobId };
  });
}

/** Every record of the project, each as canonical JSON, plus the stored files they point to. */
async function collect(db: Db, projectId: string) {
  const lots = await db.select().from(lot).where(eq(lot.projectId, projectId));
  const lotIds = lots.map((l) => l.id);
  const bids = await db.select().from(bid).where(eq(bid.projectId, projectId));
  const contracts = await db.select().from(contract).where(eq(contract.projectId, projectId));
  const byLot = <T>(rows: Promise<T[]>) => (lotIds.length ? rows : Promise.resolve([] as T[]));
  const subjects = [projectId, ...lotIds, ...bids.map((b) => b.id), ...contracts.map((c) => c.id)];
  const records: Record<string, unknown> = {
    'project.json': (await db.select().from(project).where(eq(project.id, projectId)))[0],
    'lots.json': lots,
    'notices.json': await db.select().from(notice).where(eq(notice.projectId, projectId)).orderBy(asc(notice.publishedAt)),
    'documents.json': await db.select().from(tenderDocument).where(eq(tenderDocument.projectId, projectId)),
    'downloads.json': await db.select().from(documentDownload).where(eq(documentDownload.projectId, projectId)),
    'questions.json': await db.select().from(question).where(eq(question.projectId, projectId)),
    // Bids as received: hashes, receipts and what the opening revealed, never the key material.
    'bids.json': bids.map(({ wrappedKey: _k, ...b }) => b),
    'opening.json': await db.select().from(opening).where(eq(opening.projectId, projectId)),
    'opening-signoffs.json': await byLot(db.select().from(openingSignoff).where(inArray(openingSignoff.lotId, lotIds))),
    'committee.json': await db.select().from(committee).where(eq(committee.projectId, projectId)),
    'committee-members.json': await db.select().from(committeeMember).where(eq(committeeMember.projectId, projectId)),
    'sampling-draws.json': await db.select().from(samplingDraw).where(eq(samplingDraw.projectId, projectId)),
    'chair-votes.json': await db.select().from(chairVote).where(eq(chairVote.projectId, projectId)),
    'reviews.json': await byLot(db.select().from(bidReview).where(inArray(bidReview.lotId, lotIds))),
    'scores.json': await byLot(db.select().from(bidScore).where(inArray(bidScore.lotId, lotIds))),
    'submissions.json': await byLot(db.select().from(evaluationSubmission).where(inArray(evaluationSubmission.lotId, lotIds))),
    'explanations.json': await byLot(db.select().from(priceExplanation).where(inArray(priceExplanation.lotId, lotIds))),
    'price-corrections.json': await byLot(db.select().from(priceCorrection).where(inArray(priceCorrection.lotId, lotIds))),
    'evaluation-reports.json': await db.select().from(evaluationReport).where(eq(evaluationReport.projectId, projectId)),
    'report-signatures.json': await byLot(db.select().from(reportSignature).where(inArray(reportSignature.lotId, lotIds))),
    'awards.json': await db.select().from(award).where(eq(award.projectId, projectId)),
    'award-letters.json': await byLot(db.select().from(awardLetter).where(inArray(awardLetter.lotId, lotIds))),
    'contracts.json': contracts,
    'witness-records.json': await witnessRecordsForArchive(db, projectId),
    'acceptances.json': contracts.length ? await db.select().from(acceptance).where(inArray(acceptance.contractId, contracts.map((c) => c.id))) : [],
    'performance-reviews.json': contracts.length ? await db.select().from(performanceReview).where(inArray(performanceReview.contractId, contracts.map((c) => c.id))) : [],
    'audit-entries.json': await db
      .select()
      .from(auditEntry)
      .where(and(inArray(auditEntry.subjectId, subjects), isNotNull(auditEntry.seq)))
      .orderBy(asc(auditEntry.seq)),
  };
  const files: { path: string; sha256: string }[] = [];
  for (const d of records['documents.json'] as { id: string; name: string; blobSha256: string }[]) files.push({ path: `files/documents/${d.id}-${d.name}`, sha256: d.blobSha256 });
  for (const b of bids) {
    b.parts.forEach((part, i) => files.push({ path: `files/bids/${b.id}/sealed-${i}-${part.name}`, sha256: part.sha256 }));
    (b.plaintextParts ?? []).forEach((part, i) => files.push({ path: `files/bids/${b.id}/opened-${i}-${part.name}`, sha256: part.sha256 }));
  }
  for (const o of records['opening.json'] as { lotId: string; recordBlobSha256: string | null }[]) if (o.recordBlobSha256) files.push({ path: `files/opening/${o.lotId}.pdf`, sha256: o.recordBlobSha256 });
  return { records, files };
}

export function archiveHandler(platform: Platform): JobHandler {
  return async (payload, control) => {
    const projectId = String(payload.projectId);
    const db = platform.database.db;
    const { records, files } = await collect(db, projectId);
    const manifest: ArchiveEntry[] = [];
    const total = Object.keys(records).length + files.length;
    const content: Record<string, unknown> = {};
    for (const [path, value] of Object.entries(records)) {
      const text = canonicalJson(value);
      content[path] = JSON.parse(text);
      manifest.push({ path, sha256: sha256(text), size: Buffer.byteLength(text) });
    }
    await control.progress(manifest.length, total);
    for (const [i, f] of files.entries()) {
      // Each stored file is re-read and re-hashed: the package vouches for what is actually kept.
      const bytes = await platform.blobs.read(f.sha256);
      if (sha256(bytes) !== f.sha256) throw new Error(`stored file ${f.path} does not match its hash`);
      manifest.push({ path: f.path, sha256: f.sha256, size: bytes.length });
      if (i % 20 === 19) await control.progress(manifest.length, total);
    }
    const manifestSha256 = sha256(canonicalJson(manifest));
    const blob = await platform.blobs.put(Buffer.from(canonicalJson({ projectId, manifest, manifestSha256, records: content })));
    const now = platform.clock.now();
    const ctx = systemContext(platform);
    return inTransaction(ctx, async (tx, audit) => {
      const p = (await findProjectRow(tx, projectId, true))!;
      await tx.insert(archivePackage).values({ projectId, manifest, manifestSha256, packageBlobSha256: blob.sha256, createdAt: now, createdBy: null, retainUntil: addCalendarDays(shanghaiDate(now), Math.round(RETENTION_YEARS * 365.25)) });
      const status = projectTransition('archived', p.status);
      await tx.update(project).set({ status, revision: p.revision + 1 }).where(eq(project.id, projectId));
      audit.record({ action: 'archive.created', subjectType: 'project', subjectId: projectId, regionCode: p.regionCode, before: { status: p.status }, after: { status, manifestSha256, package: blob.sha256, entries: manifest.length } });
      return { manifestSha256, entries: manifest.length };
    });
  };
}

async function readableArchive(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const p = await findProjectRow(db, projectId);
  if (!p || !(managesProject(ctx.actor, p) || supervisesProject(ctx.actor, p))) throw hiddenRow('archive', projectId, bilingual('电子档案', 'Archive'));
  const [a] = await db.select().from(archivePackage).where(eq(archivePackage.projectId, projectId));
  const [building] = await db.select().from(job).where(eq(job.dedupeKey, `archive:${projectId}`));
  return { a, building };
}

export async function archiveStatus(ctx: Context, projectId: string) {
  const { a, building } = await readableArchive(ctx, projectId);
  const jobRow = building ? await findJob(ctx.platform.database.db, building.id) : undefined;
  return {
    status: a ? ('archived' as const) : jobRow ? (jobRow.status === 'failed' ? ('failed' as const) : ('building' as const)) : ('none' as const),
    progress: jobRow?.progress ?? null,
    manifestSha256: a?.manifestSha256 ?? null,
    packageSha256: a?.packageBlobSha256 ?? null,
    entries: a?.manifest.length ?? 0,
    createdAt: a?.createdAt.toISOString() ?? null,
    retainUntil: a?.retainUntil ?? null,
  };
}

/** Years later: re-reads the package and every file it lists and says whether anything changed. */
export async function verifyArchive(ctx: Context, projectId: string) {
  const { a } = await readableArchive(ctx, projectId);
  if (!a) throw conflict('NOT_ARCHIVED', bilingual('项目尚未归档', 'The project is not archived'));
  const problems: string[] = [];
  const bytes = await ctx.platform.blobs.read(a.packageBlobSha256).catch(() => null);
  if (!bytes || sha256(bytes) !== a.packageBlobSha256) problems.push('package');
  if (sha256(canonicalJson(a.manifest)) !== a.manifestSha256) problems.push('manifest');
  const pkg = bytes ? (JSON.parse(bytes.toString('utf8')) as { records: Record<string, unknown> }) : { records: {} };
  for (const entry of a.manifest) {
    if (entry.path.startsWith('files/')) {
      const file = await ctx.platform.blobs.read(entry.sha256).catch(() => null);
      if (!file || sha256(file) !== entry.sha256) problems.push(entry.path);
    } else if (sha256(canonicalJson(pkg.records[entry.path])) !== entry.sha256) problems.push(entry.path);
  }
  return { intact: problems.length === 0, checked: a.manifest.length, problems, manifestSha256: a.manifestSha256 };
}

export async function archivePackageBytes(ctx: Context, projectId: string) {
  const { a } = await readableArchive(ctx, projectId);
  if (!a) throw conflict('NOT_ARCHIVED', bilingual('项目尚未归档', 'The project is not archived'));
  return ctx.platform.blobs.read(a.packageBlobSha256);
}
