import { and, desc, eq, isNull } from 'drizzle-orm';
import { inRegion } from '../../identity';
import type { AuditRecord } from '../../platform/audit/audit-trail';
import type { Context, Platform } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { enqueueJob, type JobHandler } from '../../platform/jobs/jobs';
import { notice } from '../../trading/trading.schema';
import { noticeOutbox } from '../ocds/ocds.schema';

/** A notice as an outside medium receives it: the frozen text and where the portal shows it. */
export interface NoticeForMedium {
  id: string;
  noticeType: string;
  title: string;
  regionCode: string;
  publishedAt: string;
  html: string;
  contentHash: string;
  url: string;
}

/**
 * 指定媒体 (seed 003): an outside medium the notices must also appear on. `deliver` resolves with
 * the medium's acknowledgement (its reference for the notice) or throws; the push job retries.
 */
export interface PublicationMedium {
  code: string;
  name: string;
  deliver(notice: NoticeForMedium): Promise<{ reference: string }>;
}

/**
 * The built-in medium: the national government procurement website (中国政府采购网). It has no
 * public push API to call, so the built-in adapter acknowledges what the outbox hands it with a
 * reference of its own; an installation connected to the medium's interface replaces it
 * (setPublicationMedia) and keeps the outbox, the job and the page.
 */
export const nationalPortal: PublicationMedium = {
  code: 'ccgp',
  name: '中国政府采购网',
  async deliver(n) {
    return { reference: `CCGP-${n.publishedAt.slice(0, 10).replaceAll('-', '')}-${n.id.slice(0, 8)}` };
  },
};

const media = new WeakMap<Platform, PublicationMedium[]>();
/** The designated media of this platform (default: the national website). */
export const publicationMedia = (platform: Platform) => media.get(platform) ?? [nationalPortal];
export function setPublicationMedia(platform: Platform, list: PublicationMedium[]) {
  media.set(platform, list);
}

export const NOTICE_PUSH_JOB = 'notice.push';
/** After this many failed pushes the job gives up; the operator sees the notice as failed. */
export const MAX_PUSH_ATTEMPTS = 10;

/** Commit hook: every notice the transaction published goes into the outbox of each medium, with its push job. */
export async function queueNoticePushes(tx: Db, ctx: Context, records: readonly AuditRecord[]) {
  const now = ctx.platform.clock.now();
  for (const r of records) {
    if (!r.action.startsWith('notice.publish_') || !r.subjectId) continue;
    for (const m of publicationMedia(ctx.platform)) {
      await tx.insert(noticeOutbox).values({ noticeId: r.subjectId, medium: m.code, queuedAt: now }).onConflictDoNothing();
      await enqueueJob(tx, now, { kind: NOTICE_PUSH_JOB, payload: { noticeId: r.subjectId, medium: m.code }, runAt: now, dedupeKey: `${NOTICE_PUSH_JOB}:${r.subjectId}:${m.code}`, maxAttempts: MAX_PUSH_ATTEMPTS });
    }
  }
}

/** One push of one notice to one medium; a failure is written to the outbox and thrown, so the job runner retries with backoff. */
export const noticePushHandler =
  (platform: Platform): JobHandler =>
  async (payload) => {
    const db = platform.database.db;
    const { noticeId, medium } = payload as { noticeId: string; medium: string };
    const [row] = await db.select().from(noticeOutbox).where(and(eq(noticeOutbox.noticeId, noticeId), eq(noticeOutbox.medium, medium)));
    if (!row || row.acknowledgedAt) return { acknowledged: true };
    const m = publicationMedia(platform).find((x) => x.code === medium);
    const [n] = await db.select().from(notice).where(eq(notice.id, noticeId));
    const attemptAt = platform.clock.now();
    const where = and(eq(noticeOutbox.noticeId, noticeId), eq(noticeOutbox.medium, medium), isNull(noticeOutbox.acknowledgedAt));
    try {
      if (!m) throw new Error(`no adapter for the medium ${medium}`);
      if (!n) throw new Error(`notice ${noticeId} not found`);
      const ack = await m.deliver({
        id: n.id,
        noticeType: n.noticeType,
        title: n.title,
        regionCode: n.regionCode,
        publishedAt: n.publishedAt.toISOString(),
        html: n.renderedHtml,
        contentHash: n.contentHash,
        url: `${platform.config.publicUrl}/notices/${n.id}`,
      });
      await db.update(noticeOutbox).set({ attempts: row.attempts + 1, lastAttemptAt: attemptAt, acknowledgedAt: platform.clock.now(), reference: ack.reference }).where(where);
      return { reference: ack.reference };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await db.update(noticeOutbox).set({ attempts: row.attempts + 1, lastAttemptAt: attemptAt, lastError: message.slice(0, 1000) }).where(where);
      throw error;
    }
  };

/** The operator's view of the outbox: the notices of its region, newest first. */
export async function listOutbox(ctx: Context, limit: number) {
  const rows = await ctx.platform.database.db
    .select({ o: noticeOutbox, title: notice.title, noticeType: notice.noticeType, regionCode: notice.regionCode, publishedAt: notice.publishedAt })
    .from(noticeOutbox)
    .innerJoin(notice, eq(notice.id, noticeOutbox.noticeId))
    .where(inRegion(notice.regionCode, ctx.actor!.regionCode))
    .orderBy(desc(noticeOutbox.queuedAt), desc(notice.publishedAt))
    .limit(limit);
  const names = new Map(publicationMedia(ctx.platform).map((m) => [m.code, m.name]));
  return rows.map(({ o, ...n }) => ({
    noticeId: o.noticeId,
    title: n.title,
    noticeType: n.noticeType,
    regionCode: n.regionCode,
    publishedAt: n.publishedAt.toISOString(),
    medium: o.medium,
    mediumName: names.get(o.medium) ?? o.medium,
    status: o.acknowledgedAt ? ('acknowledged' as const) : o.attempts >= MAX_PUSH_ATTEMPTS ? ('failed' as const) : o.lastError ? ('retrying' as const) : ('queued' as const),
    attempts: o.attempts,
    queuedAt: o.queuedAt.toISOString(),
    lastAttemptAt: o.lastAttemptAt?.toISOString() ?? null,
    acknowledgedAt: o.acknowledgedAt?.toISOString() ?? null,
    reference: o.reference,
    lastError: o.lastError,
  }));
}
