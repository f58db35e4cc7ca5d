import { asc, eq, sql } from 'drizzle-orm';
import { shanghaiDate } from '../../platform/calendar/calendar';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { bilingual, notFound } from '../../platform/errors';
import { findNotice, type NoticeRow } from '../notice/notices';
import { tenderDocument } from '../trading.schema';
import { noticeDownload } from './publication.schema';

/**
 * A notice's attachments, as the portal offers them for download. The opening record's PDF goes
 * with its notice; the procurement documents go with the result notice (GP-72: published alongside
 * the result). Before the result they are obtained by suppliers through the recorded route (EB-08),
 * never from a public notice.
 */
export interface NoticeAttachment {
  id: string;
  name: string;
  size: number | null;
  sha256: string;
  downloads: number;
}

async function attachmentsOf(db: Db, n: NoticeRow): Promise<Omit<NoticeAttachment, 'downloads'>[]> {
  if (n.noticeType === 'openingRecord' && typeof n.fields.pdfSha256 === 'string') return [{ id: 'record', name: `${n.title}.pdf`, size: null, sha256: n.fields.pdfSha256 }];
  if (n.noticeType === 'award' && n.projectId) {
    const docs = await db.select().from(tenderDocument).where(eq(tenderDocument.projectId, n.projectId)).orderBy(asc(tenderDocument.uploadedAt));
    return docs.map((d) => ({ id: d.id, name: d.name.endsWith('.pdf') ? d.name : `${d.name}.pdf`, size: d.size, sha256: d.blobSha256 }));
  }
  return [];
}

async function loadNotice(db: Db, id: string) {
  const n = await findNotice(db, id);
  if (!n) throw notFound(bilingual('公告', 'Notice'));
  return n;
}

export async function listNoticeAttachments(db: Db, noticeId: string): Promise<NoticeAttachment[]> {
  const n = await loadNotice(db, noticeId);
  const list = await attachmentsOf(db, n);
  const counts = await db
    .select({ attachmentId: noticeDownload.attachmentId, n: sql<number>`sum(${noticeDownload.count})::int` })
    .from(noticeDownload)
    .where(eq(noticeDownload.noticeId, noticeId))
    .groupBy(noticeDownload.attachmentId);
  return list.map((a) => ({ ...a, downloads: counts.find((c) => c.attachmentId === a.id)?.n ?? 0 }));
}

/** The attachment's content; the day's download count goes up by one. */
export async function downloadNoticeAttachment(ctx: Context, noticeId: string, attachmentId: string): Promise<{ name: string; content: Buffer }> {
  const db = ctx.platform.database.db;
  const a = (await attachmentsOf(db, await loadNotice(db, noticeId))).find((x) => x.id === attachmentId);
  if (!a) throw notFound(bilingual('附件', 'Attachment'));
  const content = await ctx.platform.blobs.read(a.sha256);
  await db
    .insert(noticeDownload)
    .values({ noticeId, attachmentId, day: shanghaiDate(ctx.platform.clock.now()), count: 1 })
    .onConflictDoUpdate({ target: [noticeDownload.noticeId, noticeDownload.attachmentId, noticeDownload.day], set: { count: sql`${noticeDownload.count} + 1` } });
  return { name: a.name, content };
}
