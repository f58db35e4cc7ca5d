import { refuseIfDebarred } from '../../supervision/credit/credit';
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { entityNames } from '../../identity';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { DomainError, bilingual, notFound } from '../../platform/errors';
import { pdfText } from '../../platform/pdf';
import { inTransaction } from '../../platform/unit-of-work';
import { documentDownload, tenderDocument } from '../trading.schema';
import { loadManagedProject, loadReadableProject } from './project';
import { managesProject, supervisesProject } from './project.access';
import { hiddenRow } from '../../platform/deny';
import { prequalificationDocumentsOpen, refuseUnlessPrequalified } from '../prequalification/prequalification';
import { refuseUnlessInvited } from '../publicity/publicity';

const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

/** The agency (or purchaser) attaches the procurement documents to a draft project. */
export async function uploadDocument(ctx: Context, projectId: string, name: string, content: Buffer) {
  const db = ctx.platform.database.db;
  const row = await loadManagedProject(db, ctx.actor, projectId);
  if (row.status !== 'draft')
    throw new DomainError('PROJECT_PUBLISHED', bilingual('已发布项目的采购文件不能直接替换，请发布更正公告', 'Documents of a published project change only through a correction notice'), 409);
  if (content.length === 0 || content.length > MAX_DOCUMENT_BYTES) throw new DomainError('DOCUMENT_SIZE', bilingual('文件为空或超过50MB', 'The file is empty or larger than 50 MB'), 422);
  if (!content.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new DomainError('DOCUMENT_NOT_PDF', bilingual('采购文件须为PDF格式', 'Procurement documents must be PDF files'), 422);
  const blob = await ctx.platform.blobs.put(content);
  // Read before the transaction: PDF.js takes tens of milliseconds a page.
  const extractedText = await pdfText(content);
  return inTransaction(ctx, async (tx, audit) => {
    const id = randomUUID();
    const [doc] = await tx
      .insert(tenderDocument)
      .values({ id, projectId, name, blobSha256: blob.sha256, size: blob.size, uploadedAt: ctx.platform.clock.now(), uploadedBy: ctx.actor!.personId, extractedText })
      .returning();
    audit.record({ action: 'project.document_upload', subjectType: 'project', subjectId: projectId, regionCode: row.regionCode, after: { documentId: id, name, sha256: blob.sha256, size: blob.size } });
    return documentView(doc!);
  });
}

const documentView = (d: typeof tenderDocument.$inferSelect) => ({ id: d.id, name: d.name, sha256: d.blobSha256, size: d.size, uploadedAt: d.uploadedAt.toISOString() });

export async function listDocuments(db: Db, ctx: Context, projectId: string) {
  await loadReadableProject(db, ctx.actor, projectId);
  return (await db.select().from(tenderDocument).where(eq(tenderDocument.projectId, projectId)).orderBy(asc(tenderDocument.uploadedAt))).map(documentView);
}

/**
 * A supplier obtains the documents (recorded: who, when, from where). Those who obtained
 * them are the ones told about clarifications and the ones who may bid.
 */
export async function downloadDocument(ctx: Context, projectId: string, documentId: string): Promise<{ name: string; content: Buffer }> {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const row = await loadReadableProject(db, actor, projectId);
  const [doc] = await db.select().from(tenderDocument).where(and(eq(tenderDocument.id, documentId), eq(tenderDocument.projectId, projectId)));
  if (!doc) throw notFound(bilingual('采购文件', 'Document'));
  const now = ctx.platform.clock.now();
  if (actor.roles.includes('supplier') && !managesProject(actor, row)) {
    // WK-02: a prequalifying draft's documents are obtained from its notice until the sale stops.
    const prequalifying = row.status === 'draft' && (await prequalificationDocumentsOpen(db, row, now));
    if (!prequalifying) {
      if (row.status !== 'published' || !row.documentsUntil || now >= row.documentsUntil)
        throw new DomainError('DOCUMENTS_NOT_AVAILABLE', bilingual('不在采购文件提供期内', 'The documents are not available at this time'), 409);
      await refuseUnlessPrequalified(db, row, actor.entityId);
      await refuseUnlessInvited(row, actor.entityId);
    }
    await refuseIfDebarred(db, actor.entityId, row, now);
    await inTransaction(ctx, async (tx, audit) => {
      await tx.insert(documentDownload).values({ projectId, documentId, supplierEntityId: actor.entityId, personId: actor.personId, downloadedAt: now, ip: ctx.ip });
      audit.record({ action: 'project.document_download', subjectType: 'project', subjectId: projectId, regionCode: row.regionCode, detail: { documentId, supplierEntityId: actor.entityId } });
    });
  }
  return { name: doc.name, content: await ctx.platform.blobs.read(doc.blobSha256) };
}

export async function hasDownloaded(db: Db, projectId: string, supplierEntityId: string): Promise<boolean> {
  const [row] = await db.select({ id: documentDownload.id }).from(documentDownload).where(and(eq(documentDownload.projectId, projectId), eq(documentDownload.supplierEntityId, supplierEntityId))).limit(1);
  return Boolean(row);
}

export async function downloaders(db: Db, projectId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ id: documentDownload.supplierEntityId }).from(documentDownload).where(eq(documentDownload.projectId, projectId));
  return rows.map((r) => r.id);
}

/**
 * EB-08 / GP-07: who obtained the documents is known to the purchaser and its agency only
 * until the deadline; supervisors read it once the opening has started.
 */
export async function listDownloads(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const row = await loadReadableProject(db, ctx.actor, projectId);
  const afterDeadline = row.deadline !== null && ctx.platform.clock.now() >= row.deadline && row.status !== 'published';
  if (!managesProject(ctx.actor, row) && !(afterDeadline && supervisesProject(ctx.actor, row))) throw hiddenRow('project', projectId, bilingual('下载记录', 'Download records'));
  const rows = await db.select().from(documentDownload).where(eq(documentDownload.projectId, projectId)).orderBy(asc(documentDownload.downloadedAt));
  const names = await entityNames(db, rows.map((r) => r.supplierEntityId));
  return rows.map((r) => ({ supplierEntityId: r.supplierEntityId, supplierName: names.get(r.supplierEntityId) ?? '', documentId: r.documentId, downloadedAt: r.downloadedAt.toISOString(), ip: r.ip }));
}
