import { and, eq } from 'drizzle-orm';
import type { Context } from '../../platform/context';
import { DomainError, bilingual } from '../../platform/errors';
import { inTransaction } from '../../platform/unit-of-work';
import { person } from '../identity.schema';
import * as messages from '../identity.messages';
import { findPersonById, normalizeUsername } from '../person/person.store';
import { loadSecurityProfile } from '../security-profile.store';
import { acceptedTotpStep, newTotpSecret, totpUri } from '../totp';
import { LOGIN_ACTIONS, LOGIN_SUBJECT } from './login-events';
import { admitSignInAttempt, recordFailedAttempt, recordPassedAttempt } from './login-throttle';
import { hashToken, newSessionToken, rotateSession } from './session.store';

const alreadyEnrolled = () =>
  new DomainError('SECOND_FACTOR_ENROLLED', bilingual('已绑定动态口令，如需更换请联系安全管理员', 'A second factor is already set up; ask the security administrator to reset it'), 409);

/**
 * First sign-in of a privileged account: the platform makes a TOTP secret, shows it once
 * (as a QR code) and keeps it sealed. It takes effect when the first code is confirmed.
 */
export async function startSecondFactorEnrollment(ctx: Context) {
  const actor = ctx.actor!;
  const secret = newTotpSecret();
  await inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx.select({ enabled: person.totpEnabled }).from(person).where(eq(person.id, actor.personId)).for('update');
    if (row?.enabled) throw alreadyEnrolled();
    await tx.update(person).set({ totpSecretSealed: ctx.platform.sealer.seal(secret) }).where(eq(person.id, actor.personId));
    audit.record({ action: 'person.second_factor_enrollment_started', subjectType: 'person', subjectId: actor.personId });
  });
  return { secret, uri: totpUri(secret, actor.username) };
}

/**
 * Checks a TOTP code and completes the sign-in (and an enrolment, the first time). The
 * session continues under a new id: one that was seen before the second factor was checked
 * (a fixed or stolen cookie) opens nothing.
 */
export async function verifySecondFactor(ctx: Context, token: string, code: string): Promise<{ token: string }> {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const username = normalizeUsername(actor.username);
  const { value: profile } = await loadSecurityProfile(db);
  const found = await findPersonById(db, actor.personId);
  if (!found?.person.totpSecretSealed)
    throw new DomainError('SECOND_FACTOR_NOT_ENROLLED', bilingual('请先绑定动态口令', 'Set up the second factor first'), 409);
  const attempt = await admitSignInAttempt(ctx, username, profile);
  const now = ctx.platform.clock.now();
  const step = acceptedTotpStep(ctx.platform.sealer.unseal(found.person.totpSecretSealed), code, now);
  if (step === null || step <= (found.person.totpLastStep ?? -1)) {
    await recordFailedAttempt(ctx, attempt, LOGIN_ACTIONS.secondFactorFailure, { personId: actor.personId, entityId: actor.entityId });
    throw messages.invalidSecondFactor();
  }
  const enrolling = !found.person.totpEnabled;
  const newToken = newSessionToken();
  await inTransaction(ctx, async (tx, audit) => {
    // The step guard in the WHERE clause stops two concurrent uses of one code.
    const updated = await tx
      .update(person)
      .set({ totpLastStep: step, totpEnabled: true, revision: found.person.revision + 1 })
      .where(and(eq(person.id, actor.personId), eq(person.revision, found.person.revision)))
      .returning({ id: person.id });
    if (updated.length !== 1) throw messages.invalidSecondFactor();
    await rotateSession(tx, hashToken(token), hashToken(newToken), now, new Date(now.getTime() + profile.absoluteSessionHours * 3600_000));
    await recordPassedAttempt(tx, attempt, now, true);
    audit.record({ action: 'session.second_factor', subjectType: LOGIN_SUBJECT, subjectId: username, detail: { personId: actor.personId, enrolled: enrolling } });
  });
  return { token: newToken };
}
