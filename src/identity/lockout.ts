import type { SecurityProfile } from './security-profile';

/**
 * Account lock-out after repeated failures (MLPS level 3: by default 5 failures within
 * 15 minutes lock the account for 30 minutes). Computed from the login events recorded in
 * the audit trail for a user name, whether or not an account with that name exists, so the
 * answer never reveals which names are real.
 */
export type LoginEventKind = 'failure' | 'refusedWhileLocked' | 'success' | 'unlock';

export interface LoginEvent {
  at: Date;
  kind: LoginEventKind;
}

export interface LockoutState {
  lockedUntil: Date | null;
  /** Failures that count towards the next lock. */
  recentFailures: number;
}

/** How far back the events must reach to decide the state now. */
export function lockoutLookbackMs(profile: SecurityProfile): number {
  return (profile.lockoutWindowMinutes + profile.lockoutMinutes) * 60_000;
}

export function lockoutState(events: LoginEvent[], now: Date, profile: SecurityProfile): LockoutState {
  const windowMs = profile.lockoutWindowMinutes * 60_000;
  let lockedUntil: number | null = null;
  let failures: number[] = [];
  for (const event of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const t = event.at.getTime();
    if (event.kind === 'success' || event.kind === 'unlock') {
      lockedUntil = null;
      failures = [];
    } else if (event.kind === 'failure') {
      if (lockedUntil !== null && t < lockedUntil) continue;
      failures = [...failures.filter((f) => f > t - windowMs), t];
      if (failures.length >= profile.lockoutThreshold) {
        lockedUntil = t + profile.lockoutMinutes * 60_000;
        failures = [];
      }
    }
  }
  const n = now.getTime();
  return {
    lockedUntil: lockedUntil !== null && lockedUntil > n ? new Date(lockedUntil) : null,
    recentFailures: failures.filter((f) => f > n - windowMs).length,
  };
}
