import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/database';
import { entity, person, personRole } from '../identity.schema';
import { inRegion } from '../region-sql';
import type { Role } from '../roles';
import type { EntityScope } from '../entity/entity.store';

export type PersonRow = typeof person.$inferSelect;
export type EntityRow = typeof entity.$inferSelect;

export interface PersonWithEntity {
  person: PersonRow;
  entity: EntityRow;
  roles: Role[];
}

export const normalizeUsername = (username: string) => username.trim().toLowerCase();

async function rolesOf(db: Db, personIds: string[]): Promise<Map<string, Role[]>> {
  const map = new Map<string, Role[]>();
  if (personIds.length === 0) return map;
  const rows = await db.select().from(personRole).where(inArray(personRole.personId, personIds)).orderBy(asc(personRole.role));
  for (const row of rows) map.set(row.personId, [...(map.get(row.personId) ?? []), row.role as Role]);
  return map;
}

async function withEntityAndRoles(db: Db, where: SQL | undefined, forUpdate = false): Promise<PersonWithEntity | undefined> {
  const query = db.select({ person, entity }).from(person).innerJoin(entity, eq(person.entityId, entity.id)).where(where);
  const [row] = forUpdate ? await query.for('update', { of: person }) : await query;
  if (!row) return undefined;
  return { ...row, roles: (await rolesOf(db, [row.person.id])).get(row.person.id) ?? [] };
}

export function findPersonByUsername(db: Db, username: string) {
  return withEntityAndRoles(db, sql`lower(${person.username}) = ${normalizeUsername(username)}`);
}

/** Unscoped: for the session's own person only. Anything a user asked for goes through findPerson. */
export function findPersonById(db: Db, id: string, forUpdate = false) {
  return withEntityAndRoles(db, eq(person.id, id), forUpdate);
}

/** The people one may list: of an entity, of every entity in a region, or oneself. */
export type PersonScope = EntityScope | { personId: string };

const personScope = (scope: PersonScope) =>
  'personId' in scope ? eq(person.id, scope.personId) : 'entityId' in scope ? eq(person.entityId, scope.entityId) : inRegion(entity.regionCode, scope.regionCode);

export function findPerson(db: Db, id: string, scope: EntityScope, forUpdate = false) {
  return withEntityAndRoles(db, and(eq(person.id, id), personScope(scope)), forUpdate);
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const [row] = await db.select({ id: person.id }).from(person).where(sql`lower(${person.username}) = ${normalizeUsername(username)}`);
  return Boolean(row);
}

export async function insertPerson(tx: Db, values: typeof person.$inferInsert, roles: readonly Role[]): Promise<void> {
  await tx.insert(person).values(values);
  if (roles.length) await tx.insert(personRole).values(roles.map((role) => ({ personId: values.id, role })));
}

export async function replaceRoles(tx: Db, personId: string, roles: readonly Role[]): Promise<void> {
  await tx.delete(personRole).where(eq(personRole.personId, personId));
  if (roles.length) await tx.insert(personRole).values(roles.map((role) => ({ personId, role })));
}

/** Updates a person at the revision the caller read; returns false when someone else changed it first. */
export async function updatePerson(tx: Db, id: string, revision: number, values: Partial<typeof person.$inferInsert>): Promise<boolean> {
  const rows = await tx
    .update(person)
    .set({ ...values, revision: revision + 1 })
    .where(and(eq(person.id, id), eq(person.revision, revision)))
    .returning({ id: person.id });
  return rows.length === 1;
}

export async function listPersons(db: Db, scope: PersonScope, entityId?: string): Promise<PersonWithEntity[]> {
  const rows = await db
    .select({ person, entity })
    .from(person)
    .innerJoin(entity, eq(person.entityId, entity.id))
    .where(and(personScope(scope), entityId ? eq(person.entityId, entityId) : undefined))
    .orderBy(asc(entity.name), asc(person.username))
    .limit(500);
  const roles = await rolesOf(db, rows.map((r) => r.person.id));
  return rows.map((r) => ({ ...r, roles: roles.get(r.person.id) ?? [] }));
}

/** What the API shows of a person, and what the audit trail records: never the secrets. */
export function personView({ person: p, entity: e, roles }: PersonWithEntity) {
  return {
    id: p.id,
    entityId: p.entityId,
    entityName: e.name,
    username: p.username,
    displayName: p.displayName,
    mobile: p.mobile,
    email: p.email,
    roles,
    isEntityAdmin: p.isEntityAdmin,
    status: p.status,
    secondFactorEnrolled: p.totpEnabled,
    mustChangePassword: p.mustChangePassword,
    passwordChangedAt: p.passwordChangedAt.toISOString(),
    revision: p.revision,
  };
}

/** People's names by id ("张伟 (expert3)"), for views that name who a row is about. */
export async function personNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: person.id, displayName: person.displayName, username: person.username }).from(person).where(inArray(person.id, unique));
  return new Map(rows.map((r) => [r.id, `${r.displayName} (${r.username})`]));
}
