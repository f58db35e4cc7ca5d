import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, isNull, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../context';
import type { Db } from '../database/database';
import type { Bilingual } from '../errors';
import { notification, notificationRead } from './notifications.schema';

/** One person, or everyone of an entity who holds a role there. */
export type Addressee = { personId: string; entityId: string } | { entityId: string; role: string };

export interface Message {
  to: Addressee;
  title: Bilingual;
  body: Bilingual;
  /** Where in the web app the object the message is about can be opened. */
  link?: string | null;
  subject?: { type: string; id: string } | null;
}

/** Writes inbox entries in the caller's transaction (SMS and e-mail adapters come later, from an outbox). */
export async function notify(tx: Db, now: Date, messages: Message[]): Promise<void> {
  if (messages.length === 0) return;
  await tx.insert(notification).values(
    messages.map((m) => ({
      id: randomUUID(),
      entityId: m.to.entityId,
      personId: 'personId' in m.to ? m.to.personId : null,
      role: 'role' in m.to ? m.to.role : null,
      title: m.title,
      body: m.body,
      link: m.link ?? null,
      subjectType: m.subject?.type ?? null,
      subjectId: m.subject?.id ?? null,
      createdAt: now,
    })),
  );
}

/** The messages addressed to this person: to it by name, or to a role it holds in its entity. */
function addressedTo(reader: Pick<Actor, 'personId' | 'entityId' | 'roles'>): SQL {
  const byRole = reader.roles.length ? and(isNull(notification.personId), eq(notification.entityId, reader.entityId), inArray(notification.role, reader.roles)) : undefined;
  return or(eq(notification.personId, reader.personId), byRole)!;
}

const unread = (personId: string) =>
  notExists(
    sql`(SELECT 1 FROM ${notificationRead} WHERE ${notificationRead.notificationId} = ${notification.id} AND ${notificationRead.personId} = ${personId})`,
  );

export type Language = keyof Bilingual;

/** The inbox in the reader's language, newest first. */
export async function inbox(db: Db, reader: Actor, language: Language, options: { onlyUnread?: boolean; limit?: number } = {}) {
  const rows = await db
    .select({
      n: notification,
      readAt: sql<Date | string | null>`(SELECT ${notificationRead.readAt} FROM ${notificationRead} WHERE ${notificationRead.notificationId} = ${notification.id} AND ${notificationRead.personId} = ${reader.personId})`,
    })
    .from(notification)
    .where(and(addressedTo(reader), options.onlyUnread ? unread(reader.personId) : undefined))
    .orderBy(desc(notification.createdAt), desc(notification.id))
    .limit(options.limit ?? 100);
  return rows.map(({ n, readAt }) => ({
    id: n.id,
    title: n.title[language],
    body: n.body[language],
    link: n.link,
    subject: n.subjectType && n.subjectId ? { type: n.subjectType, id: n.subjectId } : null,
    createdAt: n.createdAt.toISOString(),
    readAt: readAt === null ? null : new Date(readAt).toISOString(),
  }));
}

export async function unreadCount(db: Db, reader: Actor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notification).where(and(addressedTo(reader), unread(reader.personId)));
  return Number(row?.n ?? 0);
}

/**
 * Marks messages read for this reader. Only messages addressed to the reader can be marked;
 * returns how many were newly marked (others' message ids are ignored, never disclosed).
 */
export async function markRead(db: Db, reader: Actor, now: Date, ids: string[] | 'all'): Promise<number> {
  const targets = await db
    .select({ id: notification.id })
    .from(notification)
    .where(and(addressedTo(reader), unread(reader.personId), ids === 'all' ? undefined : inArray(notification.id, ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])));
  if (targets.length === 0) return 0;
  const inserted = await db
    .insert(notificationRead)
    .values(targets.map((t) => ({ notificationId: t.id, personId: reader.personId, readAt: now })))
    .onConflictDoNothing()
    .returning({ id: notificationRead.notificationId });
  return inserted.length;
}

/** The reader's language from the request (the web app sends its interface language). */
export function readerLanguage(acceptLanguage: string | undefined): Language {
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN';
}
