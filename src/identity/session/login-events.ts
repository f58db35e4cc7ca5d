/** Login events are audit entries about the subject ('login', <user name>), for names that exist or not. */
export const LOGIN_SUBJECT = 'login';

export const LOGIN_ACTIONS = {
  success: 'session.login',
  failure: 'session.login_failed',
  secondFactorFailure: 'session.second_factor_failed',
  /** The account name is locked (too many failures for it). */
  refusedWhileLocked: 'session.login_refused_locked',
  /** The source is blocked (too many failures from it); the password was not checked. */
  throttled: 'session.login_throttled',
  locked: 'session.locked',
  unlock: 'person.unlock',
} as const;

/** The subject of a source's block: an IPv4 address or an IPv6 /64. */
export const SOURCE_SUBJECT = 'login_source';
export const SOURCE_BLOCKED = 'session.source_blocked';
