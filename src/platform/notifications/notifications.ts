import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../database/database';
import { notification } from './notifications.schema';

export interface NewNotification {
  entityId: string;
  personId?: string | null;
  title: string;
  body: string;
  link?: string | null;
}

/** Writes inbox entries in the caller's transaction (SMS and e-mail adapters come later, from an outbox). */
export async function notify(tx: Db, now: Date, items: NewNotification[]): Promise<void> {
  if (items.length === 0) return;
  await tx.insert(notification).values(items.map((n) => ({ id: randomUUID(), entityId: n.entityId, personId: n.personId ?? null, title: n.title, body: n.body, link: n.link ?? null, createdAt: now })));
}

export async function inbox(db: Db, entityId: string, onlyUnread = false) {
  return db
    .select()
    .from(notification)
    .where(and(eq(notification.entityId, entityId), onlyUnread ? isNull(notification.readAt) : undefined))
    .orderBy(desc(notification.createdAt))
    .limit(100);
}
