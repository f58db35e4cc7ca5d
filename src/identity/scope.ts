import type { Context } from '../platform/context';
import type { EntityScope } from './entity/entity.store';
import type { PersonScope } from './person/person.store';
import { ACCOUNT_ADMIN_ROLES, isGovernmentActor, type Role } from './roles';

const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * The rows an actor may read (ARCHITECTURE.md, Permissions): government roles read their
 * region (a municipal body reads every district under it), everyone else their own entity.
 */
export function actorEntityScope(ctx: Context): EntityScope {
  const actor = ctx.actor;
  if (!actor) return { entityId: NOBODY };
  return isGovernmentActor(actor.roles) ? { regionCode: actor.regionCode } : { entityId: actor.entityId };
}

/**
 * Whose accounts an actor may list: the account administrators those of their region, a
 * market entity's own administrator its people, everyone else (experts, staff, supervisors)
 * only its own account. The expert library is not a staff list.
 */
export function actorPersonScope(ctx: Context): PersonScope {
  const actor = ctx.actor;
  if (!actor) return { personId: NOBODY };
  if (actor.roles.some((r) => ACCOUNT_ADMIN_ROLES.includes(r as Role))) return { regionCode: actor.regionCode };
  if (actor.entityAdmin && !isGovernmentActor(actor.roles)) return { entityId: actor.entityId };
  return { personId: actor.personId };
}
