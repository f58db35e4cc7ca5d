import type { Context } from '../../platform/context';
import { inTransaction } from '../../platform/unit-of-work';
import * as messages from '../identity.messages';
import { verifyPassword } from '../passwords';
import { findPersonByUsername, normalizeUsername } from '../person/person.store';
import { loadSecurityProfile } from '../security-profile.store';
import { actorOf, idleTimeoutMinutes, needsSecondFactor } from './actor';
import { LOGIN_ACTIONS, LOGIN_SUBJECT } from './login-events';
import { admitSignInAttempt, recordFailedAttempt, recordPassedAttempt } from './login-throttle';
import { hashToken, insertSession, newSessionToken } from './session.store';

/** A session waiting for its second factor lives only this long. */
export const SECOND_FACTOR_WINDOW_MS = 5 * 60_000;

export interface LoginResult {
  token: string;
  stage: 'secondFactor' | 'active';
  secondFactorEnrolled: boolean;
  mustChangePassword: boolean;
}

/**
 * Password sign-in. A wrong user name and a wrong password get the same answer; a locked
 * name or a blocked source gets 429 before anything is checked.
 */
export async function login(ctx: Context, input: { username: string; password: string }): Promise<LoginResult> {
  const db = ctx.platform.database.db;
  const username = normalizeUsername(input.username);
  const { value: profile } = await loadSecurityProfile(db);

  const attempt = await admitSignInAttempt(ctx, username, profile);
  const found = await findPersonByUsername(db, username);
  const passwordOk = await verifyPassword(found?.person.passwordHash ?? null, input.password);
  if (!found || !passwordOk) {
    await recordFailedAttempt(ctx, attempt, LOGIN_ACTIONS.failure, found ? { personId: found.person.id, entityId: found.entity.id } : null);
    throw messages.invalidCredentials(profile.lockoutThreshold, profile.lockoutMinutes);
  }
  const now = ctx.platform.clock.now();
  const inactive =
    found.person.status !== 'active'
      ? 'personDisabled'
      : found.entity.status === 'pending'
        ? 'entityPending'
        : found.entity.status === 'rejected'
          ? 'entityRejected'
          : found.entity.status !== 'active'
            ? 'entitySuspended'
            : null;
  if (inactive) {
    await inTransaction(ctx, async (tx, audit) => {
      await recordPassedAttempt(tx, attempt, now, false);
      audit.record({ action: 'session.login_refused_inactive', subjectType: LOGIN_SUBJECT, subjectId: username, result: 'denied', detail: { reason: inactive } });
    });
    throw messages.accountNotActive(inactive);
  }

  const stage = needsSecondFactor(found.roles, profile) ? 'secondFactor' : 'active';
  const actor = actorOf(found, stage, profile, now);
  const token = newSessionToken();
  await inTransaction({ ...ctx, actor }, async (tx, audit) => {
    await recordPassedAttempt(tx, attempt, now, stage === 'active');
    await insertSession(tx, {
      tokenHash: hashToken(token),
      personId: found.person.id,
      stage,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + (stage === 'active' ? profile.absoluteSessionHours * 3600_000 : SECOND_FACTOR_WINDOW_MS)),
      idleTimeoutSeconds: idleTimeoutMinutes(found.roles, profile) * 60,
      ip: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 500) ?? null,
    });
    audit.record({
      action: LOGIN_ACTIONS.success,
      subjectType: LOGIN_SUBJECT,
      subjectId: username,
      regionCode: found.entity.regionCode,
      detail: { personId: found.person.id, stage, userAgent: ctx.userAgent?.slice(0, 200) ?? null },
    });
  });
  return { token, stage, secondFactorEnrolled: found.person.totpEnabled, mustChangePassword: actor.mustChangePassword };
}
