import { describe, expect, it } from 'vitest';
import { acceptableClientUri, authenticationMethods, SSO_SCOPE_CLAIMS, ssoClaims } from './sso-claims';

describe('single sign-on claims', () => {
  const person = {
    personId: 'p-1',
    username: 'supplier1',
    displayName: '张三',
    entity: { name: '上海某某科技有限公司', entityType: 'supplier', creditCode: '91310000MA1FL0000X', regionCode: '310104' },
    roles: ['supplier'],
  };

  it('gives every claim its scope names, from the person and the entity they act for', () => {
    const claims = ssoClaims(person);
    const named = Object.values(SSO_SCOPE_CLAIMS).flat().filter((c) => c !== 'amr');
    expect(Object.keys(claims).sort()).toEqual([...named].sort());
    expect(claims.unified_social_credit_code).toBe(person.entity.creditCode);
    expect(claims.roles).toEqual(['supplier']);
  });

  it('says a second factor was used only when the roles needed one', () => {
    expect(authenticationMethods(false)).toEqual(['pwd']);
    expect(authenticationMethods(true)).toContain('otp');
  });

  it('accepts https addresses, and http only on this machine unless allowed', () => {
    expect(acceptableClientUri('https://sub.example.cn/callback', false)).toBe(true);
    expect(acceptableClientUri('http://127.0.0.1:3100/callback', false)).toBe(true);
    expect(acceptableClientUri('http://sub.example.cn/callback', false)).toBe(false);
    expect(acceptableClientUri('http://sub.example.cn/callback', true)).toBe(true);
    expect(acceptableClientUri('https://sub.example.cn/cb#x', false)).toBe(false);
    expect(acceptableClientUri('javascript:alert(1)', true)).toBe(false);
  });
});
