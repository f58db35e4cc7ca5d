import { createHash, randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { inRegion } from '../../identity';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import { notice } from '../trading.schema';
import { NOTICE_FIELD_SCHEMAS } from './notice-fields';
import { renderNotice } from './render';
import { indexNotice } from '../search/search.store';

export type NoticeRow = typeof notice.$inferSelect;

export interface NewNotice {
  noticeType: NoticeRow['noticeType'];
  projectId: string | null;
  planId: string | null;
  regionCode: string;
  fields: Record<string, unknown>;
}

export const noticeView = (n: NoticeRow) => ({
  id: n.id,
  noticeType: n.noticeType,
  projectId: n.projectId,
  planId: n.planId,
  regionCode: n.regionCode,
  title: n.title,
  fields: n.fields,
  renderedHtml: n.renderedHtml,
  contentHash: n.contentHash,
  publishedAt: n.publishedAt.toISOString(),
});

/** Renders and stores a notice inside the caller's transaction; it can never be edited after. */
export async function insertNotice(tx: Db, ctx: Context, audit: AuditRecorder, input: NewNotice): Promise<NoticeRow> {
  // A notice of the 2020 types is refused if a mandatory section is missing (a programming error, not user input).
  NOTICE_FIELD_SCHEMAS[input.noticeType]?.parse(input.fields);
  const { title, html } = renderNotice(input.noticeType, input.fields);
  const [row] = await tx
    .insert(notice)
    .values({
      id: randomUUID(),
      ...input,
      title,
      renderedHtml: html,
      contentHash: createHash('sha256').update(html).digest('hex'),
      status: 'published',
      publishedAt: ctx.platform.clock.now(),
      publishedBy: ctx.actor?.personId ?? null,
    })
    .returning();
  // Findable the moment it is published: the search row commits or rolls back with the notice.
  await indexNotice(tx, row!);
  audit.record({ action: `notice.publish_${input.noticeType}`, subjectType: 'notice', subjectId: row!.id, regionCode: input.regionCode, projectId: input.projectId ?? null, after: { ...noticeView(row!), renderedHtml: undefined } });
  return row!;
}

export function publishNotice(ctx: Context, input: NewNotice) {
  return inTransaction(ctx, async (tx, audit) => noticeView(await insertNotice(tx, ctx, audit, input)));
}

export async function noticesOf(db: Db, filter: { projectId?: string; planId?: string; noticeType?: string }) {
  return db
    .select()
    .from(notice)
    .where(
      and(
        filter.projectId ? eq(notice.projectId, filter.projectId) : undefined,
        filter.planId ? eq(notice.planId, filter.planId) : undefined,
        filter.noticeType ? eq(notice.noticeType, filter.noticeType as never) : undefined,
      ),
    )
    .orderBy(desc(notice.publishedAt));
}

export async function listPublicNotices(db: Db, q: { noticeType?: string; regionCode?: string; keyword?: string; limit: number; offset: number }) {
  const where = and(
    q.noticeType ? eq(notice.noticeType, q.noticeType as never) : undefined,
    q.regionCode ? inRegion(notice.regionCode, q.regionCode) : undefined,
    q.keyword ? sql`${notice.title} ILIKE ${'%' + q.keyword + '%'}` : undefined,
  );
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(notice).where(where);
  const rows = await db.select().from(notice).where(where).orderBy(desc(notice.publishedAt)).limit(q.limit).offset(q.offset);
  return { total: total?.n ?? 0, items: rows.map(noticeView) };
}

export async function findNotice(db: Db, id: string) {
  const [row] = await db.select().from(notice).where(eq(notice.id, id));
  return row;
}
