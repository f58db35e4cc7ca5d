import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/demo/demo-accounts';
import { totpCode } from '../../src/identity/totp';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ demo: true });
});
afterAll(() => t?.close());

const directives = (csp: string | undefined) => new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));

describe('headers on every answer', () => {
  it('sends a Content-Security-Policy that runs scripts from the platform only, on the web app and the API', async () => {
    for (const url of ['/', '/login', '/api/health']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = directives(res.headers['content-security-policy'] as string);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'self'"]);
      expect(csp.get('form-action')).toEqual(["'self'"]);
    }
  });

  it('turns off camera, microphone and geolocation with a Permissions-Policy', async () => {
    const policy = String((await t.app.inject({ method: 'GET', url: '/' })).headers['permissions-policy']);
    for (const feature of ['camera=()', 'microphone=()', 'geolocation=()']) expect(policy).toContain(feature);
  });

  it('asks browsers and proxies not to store what a signed-in person was shown, and any session answer', async () => {
    const anonymous = await t.api('GET', '/api/session');
    expect(anonymous.headers['cache-control']).toBe('no-store');
    const cookie = await t.signIn('supplier1');
    for (const url of ['/api/session', '/api/entities', '/api/inbox', '/api/public/catalogues']) {
      const res = await t.api('GET', url, { cookie });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const login = await t.api('POST', '/api/session', { body: { username: 'supplier2', password: DEMO_PASSWORD } });
    expect(login.headers['cache-control']).toBe('no-store');
  });

  it('sends no Strict-Transport-Security and no Secure cookie when the platform is not behind HTTPS', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: 'supplier3', password: DEMO_PASSWORD }) });
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.cookies.find((c) => c.name === 'sid')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(res.cookies.find((c) => c.name === 'sid')!.secure).toBeFalsy();
  });
});

describe('behind HTTPS (COOKIE_SECURE=1)', () => {
  let https: TestPlatform;
  beforeAll(async () => {
    https = await startTestPlatform({ demo: true, env: { COOKIE_SECURE: '1' } });
  });
  afterAll(() => https?.close());

  it('sends Strict-Transport-Security and marks the session cookie Secure, before and after the second factor', async () => {
    const health = await https.app.inject({ method: 'GET', url: '/api/health' });
    const hsts = String(health.headers['strict-transport-security']);
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(365 * 86_400);

    const login = await https.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: 'operator', password: DEMO_PASSWORD }) });
    const first = login.cookies.find((c) => c.name === 'sid')!;
    expect(first).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
    https.clock.advance(30_000);
    const verified = await https.app.inject({
      method: 'POST',
      url: '/api/session/second-factor',
      headers: { 'content-type': 'application/json', cookie: `sid=${first.value}` },
      payload: JSON.stringify({ code: totpCode(DEMO_TOTP_SECRET, https.clock.now()) }),
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.cookies.find((c) => c.name === 'sid')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
  });
});
