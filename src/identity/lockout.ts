import ipaddr from 'ipaddr.js';
import type { SecurityProfile } from './security-profile';

/**
 * Limits on failed sign-ins, counted per account name and per source address. MLPS level 3
 * by default: 5 failures within 15 minutes lock an account for 30 minutes; besides, 10
 * failures from one source within 15 minutes block that source for 15 minutes, so that one
 * source cannot lock out many accounts. Names are counted whether or not an account has
 * them, so the answer never reveals which names are real.
 *
 * An attempt is counted when it is admitted, before its password is checked, so that
 * simultaneous guesses cannot overrun the limit; a successful attempt is then withdrawn.
 */
export interface FailureLimit {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** What is kept per account name and per source. Times are epoch milliseconds. */
export interface FailureCount {
  /** Failures within the window, and admitted attempts still being checked, oldest first. */
  failures: number[];
  lockedUntil: number | null;
}

export type Admission = { admitted: true; count: FailureCount } | { admitted: false; retryAfterMs: number };

const MINUTE = 60_000;

export const accountLimit = (p: SecurityProfile): FailureLimit => ({
  maxFailures: p.lockoutThreshold,
  windowMs: p.lockoutWindowMinutes * MINUTE,
  lockMs: p.lockoutMinutes * MINUTE,
});

export const sourceLimit = (p: SecurityProfile): FailureLimit => ({
  maxFailures: p.sourceFailureLimit,
  windowMs: p.sourceWindowMinutes * MINUTE,
  lockMs: p.sourceBlockMinutes * MINUTE,
});

const isLocked = (count: FailureCount, now: number) => count.lockedUntil !== null && count.lockedUntil > now;
const recent = (count: FailureCount, now: number, limit: FailureLimit) => count.failures.filter((f) => f > now - limit.windowMs);

export function admitAttempt(count: FailureCount, now: number, limit: FailureLimit): Admission {
  if (isLocked(count, now)) return { admitted: false, retryAfterMs: count.lockedUntil! - now };
  const failures = recent(count, now, limit);
  // Without a lock the window is full only of attempts still being checked; a place frees
  // when the oldest of the last maxFailures leaves the window.
  if (failures.length >= limit.maxFailures) return { admitted: false, retryAfterMs: failures[failures.length - limit.maxFailures]! + limit.windowMs - now };
  return { admitted: true, count: { failures: [...failures, now], lockedUntil: null } };
}

/** The admitted attempt failed. At the limit the lock starts now, and the count starts afresh after it. */
export function attemptFailed(count: FailureCount, now: number, limit: FailureLimit): { count: FailureCount; lockedNow: boolean } {
  if (isLocked(count, now)) return { count, lockedNow: false };
  const failures = recent(count, now, limit);
  if (failures.length < limit.maxFailures) return { count: { failures, lockedUntil: null }, lockedNow: false };
  return { count: { failures: [], lockedUntil: now + limit.lockMs }, lockedNow: true };
}

/** The attempt admitted at `at` succeeded: it is no failure. */
export function attemptWithdrawn(count: FailureCount, at: number): FailureCount {
  const i = count.failures.indexOf(at);
  return i < 0 ? count : { ...count, failures: count.failures.filter((_, j) => j !== i) };
}

/** After this the count says nothing any more, and may be forgotten. */
export function countExpiresAt(count: FailureCount, limit: FailureLimit): number {
  return Math.max(count.lockedUntil ?? 0, ...count.failures.map((f) => f + limit.windowMs));
}

/**
 * The source an attempt is counted against: an IPv4 address, or an IPv6 /64, which a single
 * host or customer usually controls whole.
 */
export function sourceOf(ip: string | null): string {
  if (!ip || !ipaddr.isValid(ip)) return ip ?? 'unknown';
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/64`).toString()}/64`;
}
