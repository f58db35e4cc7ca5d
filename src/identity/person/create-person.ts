import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Context } from '../../platform/context';
import { deny } from '../../platform/deny';
import { DomainError, bilingual, notFound } from '../../platform/errors';
import { inTransaction } from '../../platform/unit-of-work';
import { accountInput } from '../entity/register-entity';
import { findEntity } from '../entity/entity.store';
import * as messages from '../identity.messages';
import { hashPassword } from '../passwords';
import { passwordProblemMessage, passwordProblems } from '../password-policy';
import type { EntityType } from '../roles';
import { actorEntityScope } from '../scope';
import { loadSecurityProfile } from '../security-profile.store';
import { initialRoles, mayManagePerson } from './person.policy';
import { findPersonById, insertPerson, personView, usernameTaken } from './person.store';

export const createPersonInput = accountInput.extend({ entityId: z.uuid() }).meta({ id: 'PersonCreation' });

/** A new account with an initial password its holder must change at first sign-in. */
export async function createPerson(ctx: Context, input: z.infer<typeof createPersonInput>) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const target = await findEntity(db, input.entityId, actorEntityScope(ctx));
  if (!target) throw notFound(bilingual('单位', 'Entity'));
  const targetRef = { personId: null, entityId: target.id, entityType: target.entityType as EntityType };
  if (!mayManagePerson(actor, 'create', targetRef)) throw deny('entity', target.id, 'person.create');
  const { value: profile } = await loadSecurityProfile(db);
  const problems = passwordProblems(input.password, profile, input.username);
  if (problems.length) throw new DomainError('PASSWORD_POLICY', passwordProblemMessage(problems, profile), 422, { field: 'password', problems });
  if (await usernameTaken(db, input.username)) throw messages.usernameTaken();

  const id = randomUUID();
  const roles = initialRoles(actor, targetRef);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.platform.clock.now();
  await inTransaction(ctx, async (tx, audit) => {
    await insertPerson(
      tx,
      {
        id,
        entityId: target.id,
        username: input.username,
        displayName: input.displayName,
        mobile: input.mobile,
        email: input.email ?? null,
        passwordHash,
        passwordChangedAt: now,
        mustChangePassword: true,
        status: 'active',
        createdAt: now,
      },
      roles,
    );
    audit.record({
      action: 'person.create',
      subjectType: 'person',
      subjectId: id,
      regionCode: target.regionCode,
      after: { username: input.username, displayName: input.displayName, entityId: target.id, roles },
    });
  });
  return personView((await findPersonById(db, id))!);
}
