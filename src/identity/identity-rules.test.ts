import { describe, expect, it } from 'vitest';
import { lockoutState, type LoginEvent } from './lockout';
import { passwordProblems } from './password-policy';
import { regionCovers } from './region-scope';
import { checkRoles } from './roles';
import { DEFAULT_SECURITY_PROFILE, securityProfileSchema } from './security-profile';

const profile = DEFAULT_SECURITY_PROFILE;
const t0 = new Date('2026-11-22T01:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const failures = (...minutes: number[]): LoginEvent[] => minutes.map((m) => ({ at: at(m), kind: 'failure' }));

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
  it('does not lock after 4 failures', () => {
    expect(lockoutState(failures(0, 1, 2, 3), at(4), profile)).toEqual({ lockedUntil: null, recentFailures: 4 });
  });
  it('locks at the 5th failure within 15 minutes, for 30 minutes from it', () => {
    const state = lockoutState(failures(0, 1, 2, 3, 14), at(15), profile);
    expect(state.lockedUntil).toEqual(at(44));
    expect(lockoutState(failures(0, 1, 2, 3, 14), at(43.99), profile).lockedUntil).toEqual(at(44));
    expect(lockoutState(failures(0, 1, 2, 3, 14), at(44), profile).lockedUntil).toBeNull();
  });
  it('does not lock when the 5 failures span more than 15 minutes', () => {
    expect(lockoutState(failures(0, 1, 2, 3, 15), at(16), profile).lockedUntil).toBeNull();
  });
  it('is reset by a success or an unlock, and ignores attempts made while locked', () => {
    expect(lockoutState([...failures(0, 1, 2, 3), { at: at(4), kind: 'success' }, ...failures(5)], at(6), profile).recentFailures).toBe(1);
    expect(lockoutState([...failures(0, 1, 2, 3, 4), { at: at(10), kind: 'unlock' }], at(11), profile).lockedUntil).toBeNull();
    // Attempts during the lock (minutes 20–24) neither extend it nor count towards the next one.
    const events = [...failures(0, 1, 2, 3, 4), ...failures(20, 21, 22, 23, 24)];
    expect(lockoutState(events, at(33), profile).lockedUntil).toEqual(at(34));
    expect(lockoutState(events, at(34), profile)).toEqual({ lockedUntil: null, recentFailures: 0 });
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
});
