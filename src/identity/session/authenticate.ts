import type { FastifyRequest } from 'fastify';
import type { Actor, Context } from '../../platform/context';
import { findPersonById } from '../person/person.store';
import { loadSecurityProfile } from '../security-profile.store';
import { actorOf } from './actor';
import { findSession, hashToken, updateSession } from './session.store';

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

export async function actorForToken(ctx: Context, token: string): Promise<Actor | null> {
  const db = ctx.platform.database.db;
  const tokenHash = hashToken(token);
  const row = await findSession(db, tokenHash);
  const now = ctx.platform.clock.now();
  if (!row || row.endedAt) return null;
  if (now >= row.expiresAt || now.getTime() - row.lastSeenAt.getTime() >= row.idleTimeoutSeconds * 1000) return null;
  const found = await findPersonById(db, row.personId);
  if (!found || found.person.status !== 'active' || found.entity.status !== 'active') return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_AFTER_MS) await updateSession(db, tokenHash, { lastSeenAt: now });
  const { value: profile } = await loadSecurityProfile(db);
  return actorOf(found, row.stage as Actor['sessionStage'], profile, now);
}

