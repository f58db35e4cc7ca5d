import type { FastifyRequest } from 'fastify';
import type { Actor, Context } from '../../platform/context';
import { actorOf } from './actor';
import { findSessionWithPerson, hashToken, updateSession } from './session.store';

export const SESSION_COOKIE = 'sid';

// Writing last-seen on every request would double the writes; a minute's precision is plenty
// against a 15- or 30-minute idle timeout.
const TOUCH_AFTER_MS = 60_000;

/** Finds the actor behind the session cookie, enforcing idle and absolute timeouts. */
export async function authenticate(request: FastifyRequest, ctx: Context): Promise<Actor | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  return actorForToken(ctx, token);
}

/**
 * Every request authenticates, so it is one round trip: the session with its person, entity,
 * roles and the security profile (sessionWithPerson). Last-seen is written at most once a minute.
 */
export async function actorForToken(ctx: Context, token: string): Promise<Actor | null> {
  const db = ctx.platform.database.db;
  const tokenHash = hashToken(token);
  const found = await findSessionWithPerson(db, tokenHash);
  const now = ctx.platform.clock.now();
  if (!found) return null;
  const { session: row } = found;
  if (row.endedAt || now >= row.expiresAt || now.getTime() - row.lastSeenAt.getTime() >= row.idleTimeoutSeconds * 1000) return null;
  if (found.person.status !== 'active' || found.entity.status !== 'active') return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_AFTER_MS) await updateSession(db, tokenHash, { lastSeenAt: now });
  return actorOf(found, row.stage as Actor['sessionStage'], found.securityProfile, now);
}

