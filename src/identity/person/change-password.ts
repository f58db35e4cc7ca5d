import { endSsoSessionsOfEndedSessions } from '../sso/sso-sessions';
import { z } from 'zod';
import type { Context } from '../../platform/context';
import { DomainError, staleRevision } from '../../platform/errors';
import { inTransaction } from '../../platform/unit-of-work';
import * as messages from '../identity.messages';
import { hashPassword, verifyPassword } from '../passwords';
import { passwordProblemMessage, passwordProblems } from '../password-policy';
import { loadSecurityProfile } from '../security-profile.store';
import { endSessionsOf, hashToken } from '../session/session.store';
import { findPersonById, updatePerson } from './person.store';

export const changePasswordInput = z.object({ currentPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) }).meta({ id: 'PasswordChange' });

/** Changes one's own password; every other session of the person ends. */
export async function changePassword(ctx: Context, sessionToken: string, input: z.infer<typeof changePasswordInput>): Promise<void> {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const found = (await findPersonById(db, actor.personId))!;
  if (!(await verifyPassword(found.person.passwordHash, input.currentPassword))) throw messages.wrongCurrentPassword();
  const { value: profile } = await loadSecurityProfile(db);
  const problems = passwordProblems(input.newPassword, profile, found.person.username);
  if (problems.length) throw new DomainError('PASSWORD_POLICY', passwordProblemMessage(problems, profile), 422, { field: 'newPassword', problems });
  if (await verifyPassword(found.person.passwordHash, input.newPassword)) throw messages.passwordReused();
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.platform.clock.now();
  await inTransaction(ctx, async (tx, audit) => {
    if (!(await updatePerson(tx, actor.personId, found.person.revision, { passwordHash, passwordChangedAt: now, mustChangePassword: false }))) throw staleRevision();
    const ended = await endSessionsOf(tx, actor.personId, now, 'passwordChanged', hashToken(sessionToken));
    audit.record({
      action: 'person.change_password',
      subjectType: 'person',
      subjectId: actor.personId,
      regionCode: found.entity.regionCode,
      before: { passwordChangedAt: found.person.passwordChangedAt },
      after: { passwordChangedAt: now },
      detail: { otherSessionsEnded: ended },
    });
  });
  await endSsoSessionsOfEndedSessions(ctx, actor.personId);
}
