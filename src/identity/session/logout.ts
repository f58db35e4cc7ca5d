import type { Context } from '../../platform/context';
import { inTransaction } from '../../platform/unit-of-work';
import { LOGIN_SUBJECT } from './login-events';
import { endSsoSessions } from '../sso/sso-sessions';
import { hashToken, updateSession } from './session.store';

export async function logout(ctx: Context, token: string): Promise<void> {
  const actor = ctx.actor!;
  await inTransaction(ctx, async (tx, audit) => {
    await updateSession(tx, hashToken(token), { endedAt: ctx.platform.clock.now(), endReason: 'logout' });
    audit.record({ action: 'session.logout', subjectType: LOGIN_SUBJECT, subjectId: actor.username.toLowerCase(), detail: { personId: actor.personId } });
  });
  // Signing out of the platform signs out of the sub-platforms entered through it (single sign-on).
  await endSsoSessions(ctx, hashToken(token));
}
