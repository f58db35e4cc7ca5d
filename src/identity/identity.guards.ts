import { eq } from 'drizzle-orm';
import type { Actor } from '../platform/context';
import { bilingual } from '../platform/errors';
import type { SubjectGuard, SubjectGuards } from '../platform/http/subjects';
import { entity, person } from './identity.schema';
import { mayManagePerson, type PersonAction } from './person/person.policy';
import { regionCovers } from './region-scope';
import { ACCOUNT_ADMIN_ROLES, isGovernmentActor, type EntityType, type Role } from './roles';

/** Row-level guards of identity (see platform/http/subjects.ts), from person.policy.ts and the entity scope. */
interface PersonFacts {
  personId: string;
  entityId: string;
  entityType: EntityType;
  regionCode: string;
}

const administersAccountsOf = (actor: Actor, regionCode: string) => actor.roles.some((r) => ACCOUNT_ADMIN_ROLES.includes(r as Role)) && regionCovers(actor.regionCode, regionCode);

const personGuard: SubjectGuard<PersonFacts> = {
  name: bilingual('人员', 'Person'),
  async load(db, id) {
    const [row] = await db
      .select({ personId: person.id, entityId: person.entityId, entityType: entity.entityType, regionCode: entity.regionCode })
      .from(person)
      .innerJoin(entity, eq(entity.id, person.entityId))
      .where(eq(person.id, id));
    return (row as PersonFacts | undefined) ?? null;
  },
  decide(actor, action, f) {
    if (!actor) return 'hidden';
    const visible = administersAccountsOf(actor, f.regionCode) || (actor.entityAdmin && actor.entityId === f.entityId);
    if (!visible) return 'hidden';
    return mayManagePerson(actor, action as PersonAction, f) ? 'allowed' : 'denied';
  },
};

const entityGuard: SubjectGuard<{ id: string; regionCode: string }> = {
  name: bilingual('单位', 'Entity'),
  async load(db, id) {
    const [row] = await db.select({ id: entity.id, regionCode: entity.regionCode }).from(entity).where(eq(entity.id, id));
    return row ?? null;
  },
  decide(actor, action, f) {
    if (!actor) return 'hidden';
    const reads = isGovernmentActor(actor.roles) ? regionCovers(actor.regionCode, f.regionCode) : actor.entityId === f.id;
    if (!reads) return 'hidden';
    if (action === 'read') return 'allowed';
    return actor.roles.includes('operator') ? 'allowed' : 'denied';
  },
};

export const identityGuards: SubjectGuards = { person: personGuard, entity: entityGuard };
