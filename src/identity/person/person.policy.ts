import type { Actor } from '../../platform/context';
import type { EntityType, Role } from '../roles';

/**
 * Who may manage whom. Account administration is split along the three duties: the system
 * administrator creates and disables accounts, the security administrator grants roles,
 * unlocks accounts and resets second factors. A market entity's own administrator manages
 * the people of that entity only, and only with the entity's own role.
 */
export type PersonAction = 'create' | 'setRoles' | 'disable' | 'enable' | 'unlock' | 'resetSecondFactor';

export interface PersonTarget {
  personId: string | null;
  entityId: string;
  entityType: EntityType;
}

const ownEntityAdmin = (actor: Actor, target: PersonTarget) => actor.entityAdmin && actor.entityId === target.entityId;
const MARKET_TYPES: readonly EntityType[] = ['purchaser', 'supplier', 'agency'];

export function mayManagePerson(actor: Actor, action: PersonAction, target: PersonTarget, roles: readonly Role[] = []): boolean {
  const has = (role: Role) => actor.roles.includes(role);
  const self = target.personId === actor.personId;
  const marketEntityAdmin = ownEntityAdmin(actor, target) && MARKET_TYPES.includes(target.entityType);
  switch (action) {
    case 'create':
      return has('systemAdmin') || marketEntityAdmin;
    case 'disable':
    case 'enable':
      return !self && (has('systemAdmin') || marketEntityAdmin);
    case 'setRoles':
      return !self && (has('securityAdmin') || (marketEntityAdmin && roles.every((r) => r === target.entityType)));
    case 'unlock':
    case 'resetSecondFactor':
      return !self && has('securityAdmin');
  }
}

/** The roles a new account starts with: its market entity's role, or none until the security administrator grants them. */
export function initialRoles(actor: Actor, target: PersonTarget): Role[] {
  return actor.roles.includes('systemAdmin') && !ownEntityAdmin(actor, target) ? [] : [target.entityType as Role];
}
