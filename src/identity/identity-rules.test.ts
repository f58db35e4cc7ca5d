import { describe, expect, it } from 'vitest';
import { accountLimit, admitAttempt, attemptFailed, attemptWithdrawn, countExpiresAt, sourceLimit, sourceOf, type FailureCount, type FailureLimit } from './lockout';
import { passwordProblems } from './password-policy';
import { regionCovers } from './region-scope';
import { checkRoles, GOVERNMENT_ROLES, SELF_REGISTERED_ENTITY_TYPES } from './roles';
import { DEFAULT_SECURITY_PROFILE, securityProfileSchema } from './security-profile';

const profile = DEFAULT_SECURITY_PROFILE;
const t0 = new Date('2026-11-22T01:00:00Z');
const at = (minutes: number) => t0.getTime() + minutes * 60_000;
const none: FailureCount = { failures: [], lockedUntil: null };

/** Admits and fails an attempt at each minute, as sign-ins one after another do; returns the count and whether the last one locked. */
function failAt(limit: FailureLimit, count: FailureCount, ...minutes: number[]) {
  let lockedNow = false;
  for (const m of minutes) {
    const admission = admitAttempt(count, at(m), limit);
    if (!admission.admitted) {
      lockedNow = false;
      continue;
    }
    ({ count, lockedNow } = attemptFailed(admission.count, at(m), limit));
  }
  return { count, lockedNow };
}

describe('password policy (MLPS level 3 default: 8 characters of 3 classes)', () => {
  it('accepts 8 characters of 3 classes and refuses 7', () => {
    expect(passwordProblems('Abcdef12', profile)).toEqual([]);
    expect(passwordProblems('Abcde12', profile)).toEqual(['tooShort']);
  });
  it('refuses two classes and a password containing the user name', () => {
    expect(passwordProblems('abcdefgh12', profile)).toEqual(['tooFewClasses']);
    expect(passwordProblems('Zhangsan#2026', profile, 'zhangsan')).toEqual(['containsUsername']);
  });
});

describe('lock-out (5 failures in 15 minutes lock for 30 minutes)', () => {
  const limit = accountLimit(profile);
  const failed = (count: FailureCount, ...minutes: number[]) => failAt(limit, count, ...minutes).count;

  it('does not lock after 4 failures, and admits the 5th attempt', () => {
    const count = failed(none, 0, 1, 2, 3);
    expect(count.lockedUntil).toBeNull();
    expect(admitAttempt(count, at(4), limit).admitted).toBe(true);
  });
  it('locks at the 5th failure within 15 minutes, for 30 minutes from it', () => {
    const fifth = failAt(limit, none, 0, 1, 2, 3, 14);
    expect(fifth).toEqual({ count: { failures: [], lockedUntil: at(44) }, lockedNow: true });
    expect(admitAttempt(fifth.count, at(43.5), limit)).toEqual({ admitted: false, retryAfterMs: 30_000 });
    expect(admitAttempt(fifth.count, at(44), limit).admitted).toBe(true);
  });
  it('does not lock when the 5 failures span more than 15 minutes', () => {
    expect(failed(none, 0, 1, 2, 3, 15).lockedUntil).toBeNull();
  });
  it('ignores attempts while locked: they neither extend the lock nor count towards the next', () => {
    const locked = failed(none, 0, 1, 2, 3, 4);
    expect(failed(locked, 20, 21, 22, 23, 24)).toEqual(locked);
    expect(failed(locked, 34)).toEqual({ failures: [at(34)], lockedUntil: null });
  });
  it('admits no more attempts than the limit while earlier ones are still being checked', () => {
    let count = none;
    for (let i = 0; i < 5; i++) {
      const admission = admitAttempt(count, at(0), limit);
      if (!admission.admitted) throw new Error(`attempt ${i + 1} is admitted`);
      count = admission.count;
    }
    // The sixth may try when the oldest of the five in flight leaves the 15-minute window.
    expect(admitAttempt(count, at(1), limit)).toEqual({ admitted: false, retryAfterMs: 14 * 60_000 });
    // One of the five was right: its place is given back.
    expect(admitAttempt(attemptWithdrawn(count, at(0)), at(1), limit).admitted).toBe(true);
  });
  it('forgets a count once its last failure has left the window and its lock has ended', () => {
    expect(countExpiresAt(failed(none, 0, 3), limit)).toBe(at(18));
    expect(countExpiresAt(failed(none, 0, 1, 2, 3, 4), limit)).toBe(at(34));
  });
});

describe('sign-in limit per source (10 failures in 15 minutes block it for 15 minutes)', () => {
  it('blocks a source at its 10th failure', () => {
    const limit = sourceLimit(profile);
    const nine = failAt(limit, none, 0, 1, 2, 3, 4, 5, 6, 7, 8);
    expect(nine.count.lockedUntil).toBeNull();
    const tenth = failAt(limit, nine.count, 9);
    expect(tenth.lockedNow).toBe(true);
    expect(admitAttempt(tenth.count, at(10), limit)).toEqual({ admitted: false, retryAfterMs: 14 * 60_000 });
  });
  it('counts an IPv4 address as itself and an IPv6 address by its /64', () => {
    expect(sourceOf('203.0.113.7')).toBe('203.0.113.7');
    expect(sourceOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(sourceOf('2001:db8:aa:bb::1')).toBe(sourceOf('2001:db8:aa:bb:ffff:1:2:3'));
    expect(sourceOf('2001:db8:aa:bb::1')).not.toBe(sourceOf('2001:db8:aa:bc::1'));
  });
});

describe('roles', () => {
  it('never lets one account combine two administrator duties', () => {
    expect(checkRoles(['systemAdmin', 'auditAdmin'], 'operator')).toEqual({ code: 'ADMIN_DUTIES_COMBINED', roles: ['systemAdmin', 'auditAdmin'] });
    expect(checkRoles(['systemAdmin', 'operator'], 'operator')).toBeNull();
  });
  it('ties roles to the kind of entity', () => {
    expect(checkRoles(['supplier'], 'purchaser')).toEqual({ code: 'ROLE_NOT_FOR_ENTITY_TYPE', role: 'supplier' });
    expect(checkRoles(['purchaser', 'expert'], 'purchaser')).toBeNull();
    expect(checkRoles([], 'purchaser')).toEqual({ code: 'NO_ROLE' });
  });
  it('gives the guarantee issuer’s role to people of an issuer only, an issuer the platform sets up (GP-21, PAY-06)', () => {
    expect(checkRoles(['guarantor'], 'guarantor')).toBeNull();
    expect(checkRoles(['guarantor'], 'supplier')).toEqual({ code: 'ROLE_NOT_FOR_ENTITY_TYPE', role: 'guarantor' });
    expect(checkRoles(['supplier'], 'guarantor')).toEqual({ code: 'ROLE_NOT_FOR_ENTITY_TYPE', role: 'supplier' });
    expect(SELF_REGISTERED_ENTITY_TYPES).not.toContain('guarantor');
    expect(GOVERNMENT_ROLES).not.toContain('guarantor');
    // A bank's credit officer (contract financing): only a person of a registered bank.
    expect(checkRoles(['financier'], 'bank')).toBeNull();
    expect(checkRoles(['financier'], 'supplier')).toEqual({ code: 'ROLE_NOT_FOR_ENTITY_TYPE', role: 'financier' });
    expect(checkRoles(['financier'], 'guarantor')).toEqual({ code: 'ROLE_NOT_FOR_ENTITY_TYPE', role: 'financier' });
    expect(SELF_REGISTERED_ENTITY_TYPES).not.toContain('bank');
    expect(GOVERNMENT_ROLES).not.toContain('financier');
  });
});

describe('region scope (GB/T 2260)', () => {
  it('lets the municipality cover its districts, and a district only itself', () => {
    expect(regionCovers('310000', '310104')).toBe(true);
    expect(regionCovers('310104', '310104')).toBe(true);
    expect(regionCovers('310104', '310115')).toBe(false);
    expect(regionCovers('310000', '370102')).toBe(false);
    expect(regionCovers('370100', '370102')).toBe(true);
    expect(regionCovers('000000', '370102')).toBe(true);
  });
});

describe('security profile bounds', () => {
  it('cannot be configured below the level-3 baseline', () => {
    expect(securityProfileSchema.safeParse(profile).success).toBe(true);
    expect(securityProfileSchema.safeParse({ ...profile, passwordMinLength: 6 }).success).toBe(false);
    expect(securityProfileSchema.safeParse({ ...profile, secondFactorRoles: ['operator'] }).success).toBe(false);
    expect(securityProfileSchema.safeParse({ ...profile, idleTimeoutMinutes: 60 }).success).toBe(false);
  });
  it('keeps one source from locking out more than a handful of accounts', () => {
    expect(securityProfileSchema.safeParse({ ...profile, sourceFailureLimit: 50 }).success).toBe(true);
    expect(securityProfileSchema.safeParse({ ...profile, sourceFailureLimit: 51 }).success).toBe(false);
    expect(securityProfileSchema.safeParse({ ...profile, sourceBlockMinutes: 14 }).success).toBe(false);
  });
  it('reads a profile stored before the source limits existed with their defaults', () => {
    const { sourceFailureLimit, sourceWindowMinutes, sourceBlockMinutes, ...older } = profile;
    expect(securityProfileSchema.parse(older)).toEqual(profile);
  });
});
