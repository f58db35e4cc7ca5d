/** Identity: market entities, people, roles, sessions. The only module other areas import. */
import type { RouteModule } from '../platform/http/server';
import { entityRoutes } from './entity/entity.routes';
import { entityLookupRoutes } from './entity/entity-lookup';
import { personRoutes } from './person/person.routes';
import { securityProfileRoutes } from './security-profile.routes';
import { sessionRoutes } from './session/session.routes';
import { ssoRoutes } from './sso/sso.routes';

export { authenticate, actorForToken, SESSION_COOKIE } from './session/authenticate';
export { completeCreditCode, validateCreditCode, creditCodeCheckCharacter } from './credit-code';
export { actorEntityScope } from './scope';
export { provinceOf, regionCovers, regionPrefix } from './region-scope';
export { inRegion } from './region-sql';
export { ROLES, isGovernmentActor, oversees, PROCUREMENT_OVERSIGHT_ROLES, type Role, type EntityType } from './roles';

export { identityGuards } from './identity.guards';
export const identityRoutes: RouteModule[] = [sessionRoutes, entityRoutes, personRoutes, securityProfileRoutes, entityLookupRoutes, ssoRoutes];
export { bootstrapOperator, createEntityWithAccounts, operatorExists, type NewAccount, type NewEntity } from './bootstrap';
export { entityNames, entitySummaries } from './entity/entity.store';
export { personNames } from './person/person.store';
export { actorFor } from './session/actor';
