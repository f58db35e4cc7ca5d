import { endSsoSessionsOfEndedSessions } from '../sso/sso-sessions';
import type { Context } from '../../platform/context';
import { deny } from '../../platform/deny';
import { DomainError, bilingual, notFound, staleRevision } from '../../platform/errors';
import { inTransaction } from '../../platform/unit-of-work';
import { checkRoles, roleProblemMessage, type EntityType, type Role } from '../roles';
import { actorEntityScope } from '../scope';
import { endSessionsOf } from '../session/session.store';
import { mayManagePerson } from './person.policy';
import { findPerson, personView, replaceRoles, updatePerson } from './person.store';

/** Grants and withdraws roles. The person's open sessions end, so new rights apply at next sign-in. */
export async function setPersonRoles(ctx: Context, personId: string, input: { roles: Role[]; revision: number }) {
  const actor = ctx.actor!;
  const roles = [...new Set(input.roles)].sort();
  const result = await inTransaction(ctx, async (tx, audit) => {
    const found = await findPerson(tx, personId, actorEntityScope(ctx), true);
    if (!found) throw notFound(bilingual('人员', 'Person'));
    const target = { personId, entityId: found.entity.id, entityType: found.entity.entityType as EntityType };
    if (!mayManagePerson(actor, 'setRoles', target, roles)) throw deny('person', personId, 'person.set_roles');
    const problem = checkRoles(roles, target.entityType);
    if (problem) throw new DomainError(problem.code, roleProblemMessage(problem), 422, { field: 'roles' });
    if (!(await updatePerson(tx, personId, input.revision, {}))) throw staleRevision();
    await replaceRoles(tx, personId, roles);
    await endSessionsOf(tx, personId, ctx.platform.clock.now(), 'rolesChanged');
    audit.record({
      action: 'person.set_roles',
      subjectType: 'person',
      subjectId: personId,
      regionCode: found.entity.regionCode,
      before: { roles: found.roles },
      after: { roles },
    });
    return personView({ ...found, person: { ...found.person, revision: input.revision + 1 }, roles });
  });
  // Their sign-ins to sub-platforms end with the sessions (single sign-on).
  await endSsoSessionsOfEndedSessions(ctx, personId);
  return result;
}
