import type { Context } from '../platform/context';
import type { EntityScope } from './entity/entity.store';
import { isGovernmentActor } from './roles';

/**
 * The rows an actor may read (ARCHITECTURE.md, Permissions): government roles read their
 * region (a municipal body reads every district under it), everyone else their own entity.
 */
export function actorEntityScope(ctx: Context): EntityScope {
  const actor = ctx.actor;
  if (!actor) return { entityId: '00000000-0000-0000-0000-000000000000' };
  return isGovernmentActor(actor.roles) ? { regionCode: actor.regionCode } : { entityId: actor.entityId };
}
