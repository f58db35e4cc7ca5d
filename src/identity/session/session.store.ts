import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { prepared, type Db } from '../../platform/database/database';
import { platformSettingSql, settingOrDefault } from '../../platform/settings/settings';
import { entity, person, personRole, session } from '../identity.schema';
import type { PersonWithEntity } from '../person/person.store';
import type { Role } from '../roles';
import { DEFAULT_SECURITY_PROFILE, SECURITY_PROFILE_KEY, securityProfileSchema, type SecurityProfile } from '../security-profile';

export type SessionRow = typeof session.$inferSelect;

/** The cookie holds 32 random bytes; the table only their SHA-256. */
export const newSessionToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function insertSession(tx: Db, row: typeof session.$inferInsert): Promise<void> {
  await tx.insert(session).values(row);
}

export async function findSession(db: Db, tokenHash: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(session).where(eq(session.tokenHash, tokenHash));
  return row;
}

const sessionWithPersonQuery = (db: Db) =>
  db
    .select({
      session,
      person,
      entity,
      roles: sql<Role[]>`ARRAY(SELECT ${personRole.role} FROM ${personRole} WHERE ${personRole.personId} = ${person.id} ORDER BY ${personRole.role})`,
      securityProfile: platformSettingSql(SECURITY_PROFILE_KEY),
    })
    .from(session)
    .innerJoin(person, eq(person.id, session.personId))
    .innerJoin(entity, eq(entity.id, person.entityId))
    .where(eq(session.tokenHash, sql.placeholder('tokenHash')))
    .prepare('session_with_person');
/**
 * A session with everything authentication needs, in one round trip. It runs on every request,
 * so it is a prepared statement: built once, and planned once per connection by PostgreSQL.
 */
export async function findSessionWithPerson(db: Db, tokenHash: string): Promise<(PersonWithEntity & { session: SessionRow; securityProfile: SecurityProfile }) | undefined> {
  const [row] = await prepared(db, sessionWithPersonQuery).execute({ tokenHash });
  if (!row) return undefined;
  return { ...row, securityProfile: settingOrDefault(row.securityProfile, securityProfileSchema, DEFAULT_SECURITY_PROFILE) };
}

export async function updateSession(db: Db, tokenHash: string, values: Partial<typeof session.$inferInsert>): Promise<void> {
  await db.update(session).set(values).where(eq(session.tokenHash, tokenHash));
}

/**
 * Ends a session and opens its successor under a new token, active from now until
 * `expiresAt`, for the same person with the same idle timeout.
 */
export async function rotateSession(tx: Db, tokenHash: string, newTokenHash: string, now: Date, expiresAt: Date): Promise<void> {
  const [ended] = await tx.update(session).set({ endedAt: now, endReason: 'rotated' }).where(eq(session.tokenHash, tokenHash)).returning();
  await tx.insert(session).values({ ...ended!, tokenHash: newTokenHash, stage: 'active', createdAt: now, lastSeenAt: now, expiresAt, endedAt: null, endReason: null });
}

/** Ends every open session of a person (password change, second factor reset, account disabled). */
export async function endSessionsOf(tx: Db, personId: string, now: Date, reason: string, exceptTokenHash?: string): Promise<number> {
  const rows = await tx
    .update(session)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(session.personId, personId), isNull(session.endedAt), exceptTokenHash ? ne(session.tokenHash, exceptTokenHash) : undefined))
    .returning({ tokenHash: session.tokenHash });
  return rows.length;
}
