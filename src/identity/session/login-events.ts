import { auditActionsSince } from '../../platform/audit/audit-trail';
import type { Db } from '../../platform/database/database';
import { lockoutLookbackMs, lockoutState, type LoginEvent, type LoginEventKind } from '../lockout';
import type { SecurityProfile } from '../security-profile';

/**
 * Login events are audit entries about the subject ('login', <user name>): the lock-out
 * state is read back from the trail rather than kept in a second place.
 */
export const LOGIN_SUBJECT = 'login';

export const LOGIN_ACTIONS = {
  success: 'session.login',
  failure: 'session.login_failed',
  secondFactorFailure: 'session.second_factor_failed',
  refusedWhileLocked: 'session.login_refused_locked',
  unlock: 'person.unlock',
} as const;

const KIND_OF_ACTION: Record<string, LoginEventKind> = {
  [LOGIN_ACTIONS.success]: 'success',
  [LOGIN_ACTIONS.failure]: 'failure',
  [LOGIN_ACTIONS.secondFactorFailure]: 'failure',
  [LOGIN_ACTIONS.refusedWhileLocked]: 'refusedWhileLocked',
  [LOGIN_ACTIONS.unlock]: 'unlock',
};

export async function currentLockout(db: Db, username: string, profile: SecurityProfile, now: Date) {
  const rows = await auditActionsSince(db, LOGIN_SUBJECT, username, new Date(now.getTime() - lockoutLookbackMs(profile)));
  const events: LoginEvent[] = rows.filter((r) => KIND_OF_ACTION[r.action]).map((r) => ({ at: r.occurredAt, kind: KIND_OF_ACTION[r.action]! }));
  return lockoutState(events, now, profile);
}
