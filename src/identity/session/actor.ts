import type { Actor } from '../../platform/context';
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
