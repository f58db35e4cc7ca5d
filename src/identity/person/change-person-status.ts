import { endSsoSessionsOfEndedSessions } from '../sso/sso-sessions';
import type { Context } from '../../platform/context';
import { deny } from '../../platform/deny';
import { bilingual, notFound, staleRevision } from '../../platform/errors';
import { inTransaction } from '../../platform/unit-of-work';
import type { EntityType } from '../roles';
import { actorEntityScope } from '../scope';
import { LOGIN_ACTIONS, LOGIN_SUBJECT } from '../session/login-events';
import { clearAccountFailures, lockedAccounts } from '../session/login-throttle';
import { endSessionsOf } from '../session/session.store';
import type { PersonAction } from './person.policy';
import { mayManagePerson } from './person.policy';
import { findPerson, findPersonById, normalizeUsername, personView, updatePerson, type PersonRow } from './person.store';

type StatusAction = Extract<PersonAction, 'disable' | 'enable' | 'unlock' | 'resetSecondFactor'>;

const CHANGES: Record<StatusAction, { values: Partial<PersonRow>; endSessions: boolean; action: string }> = {
  disable: { values: { status: 'disabled' }, endSessions: true, action: 'person.disable' },
  enable: { values: { status: 'active' }, endSessions: false, action: 'person.enable' },
  // The lock-out is the account name's failure count, forgotten on unlock.
  unlock: { values: {}, endSessions: false, action: LOGIN_ACTIONS.unlock },
  resetSecondFactor: { values: { totpEnabled: false, totpSecretSealed: null, totpLastStep: null }, endSessions: true, action: 'person.reset_second_factor' },
};

export async function changePersonStatus(ctx: Context, personId: string, what: StatusAction, revision: number) {
  const change = CHANGES[what];
  const result = await inTransaction(ctx, async (tx, audit) => {
    const found = await findPerson(tx, personId, actorEntityScope(ctx), true);
    if (!found) throw notFound(bilingual('人员', 'Person'));
    if (!mayManagePerson(ctx.actor!, what, { personId, entityId: found.entity.id, entityType: found.entity.entityType as EntityType }))
      throw deny('person', personId, change.action);
    if (!(await updatePerson(tx, personId, revision, change.values))) throw staleRevision();
    const now = ctx.platform.clock.now();
    const username = normalizeUsername(found.person.username);
    if (change.endSessions) await endSessionsOf(tx, personId, now, what);
    const lockedBefore = (await lockedAccounts(tx, [username], now)).get(username) ?? null;
    if (what === 'unlock') await clearAccountFailures(tx, username);
    const before = personView(found, lockedBefore);
    const after = personView((await findPersonById(tx, personId))!, what === 'unlock' ? null : lockedBefore);
    audit.record({
      action: change.action,
      // An unlock is a login event of the account's name, like the failures it clears.
      subjectType: what === 'unlock' ? LOGIN_SUBJECT : 'person',
      subjectId: what === 'unlock' ? username : personId,
      regionCode: found.entity.regionCode,
      before,
      after,
      detail: { personId },
    });
    return after;
  });
  // Their sign-ins to sub-platforms end with the sessions (single sign-on).
  if (change.endSessions) await endSsoSessionsOfEndedSessions(ctx, personId);
  return result;
}
