import type { Actor } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { findPersonByUsername } from '../person/person.store';
import { loadSecurityProfile } from '../security-profile.store';
import { ADMIN_DUTIES, type Role } from '../roles';
import type { SecurityProfile } from '../security-profile';
import type { PersonWithEntity } from '../person/person.store';

const DAY_MS = 86_400_000;

export function passwordExpired(found: PersonWithEntity, profile: SecurityProfile, now: Date): boolean {
  return now.getTime() - found.person.passwordChangedAt.getTime() >= profile.passwordMaxAgeDays * DAY_MS;
}

export function needsSecondFactor(roles: readonly Role[], profile: SecurityProfile): boolean {
  return roles.some((r) => profile.secondFactorRoles.includes(r));
}

/** Administrators get the shorter idle timeout (MLPS level 3: 15 minutes by default). */
export function idleTimeoutMinutes(roles: readonly Role[], profile: SecurityProfile): number {
  return roles.some((r) => (ADMIN_DUTIES as readonly Role[]).includes(r)) ? profile.adminIdleTimeoutMinutes : profile.idleTimeoutMinutes;
}

export function actorOf(found: PersonWithEntity, stage: Actor['sessionStage'], profile: SecurityProfile, now: Date): Actor {
  return {
    personId: found.person.id,
    username: found.person.username,
    displayName: found.person.displayName,
    entityId: found.entity.id,
    entityType: found.entity.entityType,
    regionCode: found.entity.regionCode,
    roles: found.roles,
    entityAdmin: found.person.isEntityAdmin,
    actingRole: found.roles[0] ?? null,
    sessionStage: stage,
    mustChangePassword: found.person.mustChangePassword || passwordExpired(found, profile, now),
  };
}

/** The actor of a named account, for work done on someone's behalf outside a request (demo data, imports). */
export async function actorFor(db: Db, username: string): Promise<Actor> {
  const found = await findPersonByUsername(db, username);
  if (!found) throw new Error(`no account ${username}`);
  const { value: profile } = await loadSecurityProfile(db);
  return { ...actorOf(found, 'active', profile, new Date(0)), mustChangePassword: false };
}
