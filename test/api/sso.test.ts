import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entity } from '../../src/identity/identity.schema';
import { auditEntry } from '../../src/platform/audit/audit.schema';
import { DEMO_PASSWORD } from '../../src/demo/demo-accounts';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * Single sign-on at the protocol level: a browser is played by a cookie jar over the platform's
 * inject, the sub-platform by a small server that records the logout tokens it is sent.
 */
let t: TestPlatform;
let receiver: http.Server;
let receiverUrl: string;
const logoutTokens: string[] = [];
let client: { clientId: string; clientSecret: string };

const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

class Browser {
  jar = new Map<string, string>();
  async go(method: 'GET' | 'POST' | 'DELETE', url: string, options: { json?: unknown; form?: Record<string, string>; origin?: boolean; auth?: string } = {}) {
    const response = await t.app.inject({
      method,
      url,
      headers: {
        host: 'localhost:3000',
        cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(options.origin ? { origin: 'http://localhost:3000' } : {}),
        ...(options.auth ? { authorization: options.auth } : {}),
        ...(options.json !== undefined ? { 'content-type': 'application/json' } : options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      payload: options.json !== undefined ? JSON.stringify(options.json) : options.form ? new URLSearchParams(options.form).toString() : undefined,
    });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (!c.value || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    const location = response.headers.location ? String(response.headers.location) : undefined;
    return { status: response.statusCode, location, body: response.body, json: () => JSON.parse(response.body) };
  }
  async signIn(username: string) {
    const r = await this.go('POST', '/api/session', { json: { username, password: DEMO_PASSWORD }, origin: true });
    expect(r.status).toBe(200);
    return r.json() as { stage: string };
  }
}

function authorizeUrl(redirectUri: string, verifier: string) {
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const q = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile entity',
    state: randomBytes(8).toString('hex'),
    nonce: randomBytes(8).toString('hex'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `/oidc/auth?${q}`;
}

/** Starts a sign-in as a sub-platform would and returns the interaction's address on the portal. */
async function startSignIn(browser: Browser, verifier = randomBytes(32).toString('base64url')) {
  const r = await browser.go('GET', authorizeUrl(`${receiverUrl}/callback`, verifier));
  expect(r.status).toBe(303);
  expect(r.location).toMatch(/^\/sso\/interaction\/[\w-]+$/);
  return { interaction: r.location!, verifier };
}

beforeAll(async () => {
  t = await startTestPlatform({ demo: true });
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/backchannel-logout') logoutTokens.push(new URLSearchParams(Buffer.concat(chunks).toString()).get('logout_token') ?? '');
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;

  const [sub] = await t.platform.database.db.select({ id: entity.id }).from(entity).where(eq(entity.entityType, 'subPlatform'));
  const operator = await t.signIn('operator');
  const registered = await t.api('POST', '/api/sso/clients', {
    cookie: operator,
    body: {
      entityId: sub!.id,
      name: '上海市公共资源交易平台（建设工程招投标分平台）',
      catalogueCode: 'P02',
      redirectUris: [`${receiverUrl}/callback`],
      postLogoutRedirectUris: [`${receiverUrl}/`],
      backchannelLogoutUri: `${receiverUrl}/backchannel-logout`,
      initiateLoginUri: `${receiverUrl}/login`,
    },
  });
  expect(registered.status).toBe(201);
  client = registered.body;
  expect(client.clientSecret.length).toBeGreaterThan(30);
});

afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('single sign-on (OpenID Connect)', () => {
  it('keeps the client secret sealed and lists the registration without it', async () => {
    const rows = await t.platform.database.db.execute<{ secret_sealed: string }>(`SELECT secret_sealed FROM sso_client WHERE id = '${client.clientId}'` as never);
    const sealed = (rows as unknown as { rows: { secret_sealed: string }[] }).rows[0]!.secret_sealed;
    expect(sealed).not.toContain(client.clientSecret);
    const list = await t.api('GET', '/api/sso/clients', { cookie: await t.signIn('operator') });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(client.clientSecret);
    const links = await t.api('GET', '/api/sso/sub-platforms', { cookie: await t.signIn('supplier1') });
    expect(links.body).toContainEqual({ clientId: client.clientId, name: '上海市公共资源交易平台（建设工程招投标分平台）', url: `${receiverUrl}/login` });
  });

  it('refuses a redirect address the sub-platform did not register, without redirecting there', async () => {
    const r = await new Browser().go('GET', authorizeUrl('http://127.0.0.1:9/steal', randomBytes(32).toString('base64url')));
    expect(r.status).toBe(400);
    expect(r.location).toBeUndefined();
    expect(r.body).toContain('redirect_uri');
  });

  it('sends a person not signed in to the portal sign-in page, and back', async () => {
    const browser = new Browser();
    const { interaction } = await startSignIn(browser);
    const page = await browser.go('GET', interaction);
    expect(page.status).toBe(200);
    expect(page.body).toContain('/sso/interaction.js');
    const r = await browser.go('POST', `${interaction}/continue`, { json: {}, origin: true });
    expect(r.status).toBe(401);
    expect(r.json()).toMatchObject({ code: 'NOT_SIGNED_IN', signIn: `/login?next=${encodeURIComponent(interaction)}` });
  });

  it('does not complete a sign-in while the platform session waits for its second factor', async () => {
    const browser = new Browser();
    expect((await browser.signIn('operator')).stage).toBe('secondFactor');
    const { interaction } = await startSignIn(browser);
    const r = await browser.go('POST', `${interaction}/continue`, { json: {}, origin: true });
    expect(r.status).toBe(401);
    expect(r.json()).toMatchObject({ code: 'SECOND_FACTOR_REQUIRED' });
    expect(r.json().redirectTo).toBeUndefined();
  });

  it('refuses to finish an interaction for another browser', async () => {
    const attacker = new Browser();
    const { interaction } = await startSignIn(attacker);
    const victim = new Browser();
    await victim.signIn('supplier1');
    const r = await victim.go('POST', `${interaction}/continue`, { json: {}, origin: true });
    expect(r.status).toBe(404);
  });

  it('signs a platform user in with their entity as claims, and tells the sub-platform when they sign out of the platform', async () => {
    const browser = new Browser();
    await browser.signIn('supplier1');
    const { interaction, verifier } = await startSignIn(browser);
    const done = await browser.go('POST', `${interaction}/continue`, { json: {}, origin: true });
    expect(done.status).toBe(200);
    const resumed = await browser.go('GET', done.json().redirectTo);
    expect(resumed.status).toBe(303);
    const callback = new URL(resumed.location!);
    expect(callback.origin + callback.pathname).toBe(`${receiverUrl}/callback`);
    const code = callback.searchParams.get('code')!;

    const tokenResponse = await new Browser().go('POST', '/oidc/token', {
      form: { grant_type: 'authorization_code', code, redirect_uri: `${receiverUrl}/callback`, code_verifier: verifier },
      auth: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`,
    });
    expect(tokenResponse.status).toBe(200);
    const tokens = tokenResponse.json() as { id_token: string; refresh_token?: string };
    expect(tokens.refresh_token).toBeUndefined();
    const claims = decode(tokens.id_token);
    const session = await t.api('GET', '/api/session', { cookie: `sid=${browser.jar.get('sid')}` });
    expect(claims).toMatchObject({ sub: session.body.person.id, preferred_username: 'supplier1', entity_name: session.body.entity.name, roles: ['supplier'], amr: ['pwd'] });
    expect(claims.unified_social_credit_code).toMatch(/^[0-9A-Z]{18}$/);

    const signedOut = await browser.go('DELETE', '/api/session', { origin: true });
    expect(signedOut.status).toBe(204);
    expect(logoutTokens).toHaveLength(1);
    const logout = decode(logoutTokens[0]!);
    expect(logout).toMatchObject({ sub: session.body.person.id, aud: client.clientId, events: { 'http://schemas.openid.net/event/backchannel-logout': {} } });

    // The provider issues nothing more on the old OIDC session: the next sign-in asks the platform again.
    const again = await startSignIn(browser);
    const refused = await browser.go('POST', `${again.interaction}/continue`, { json: {}, origin: true });
    expect(refused.status).toBe(401);

    const actions = await t.platform.database.db.select({ action: auditEntry.action }).from(auditEntry).where(and(eq(auditEntry.subjectType, 'ssoClient'), eq(auditEntry.subjectId, client.clientId)));
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['sso.client_register', 'sso.sign_in', 'sso.sign_out']));
  });

  it('tells the sub-platform when the platform ends the session for another reason (a password changed elsewhere)', async () => {
    const browser = new Browser();
    await browser.signIn('supplier4');
    const { interaction } = await startSignIn(browser);
    const done = await browser.go('POST', `${interaction}/continue`, { json: {}, origin: true });
    expect((await browser.go('GET', done.json().redirectTo)).location).toContain('code=');
    const told = logoutTokens.length;

    const elsewhere = new Browser();
    await elsewhere.signIn('supplier4');
    const changed = await elsewhere.go('POST', '/api/session/password', { json: { currentPassword: DEMO_PASSWORD, newPassword: 'Sso#Change2026x' }, origin: true });
    expect(changed.status).toBe(204);
    expect(logoutTokens).toHaveLength(told + 1);
    const session = await t.api('GET', '/api/session', { cookie: `sid=${elsewhere.jar.get('sid')}` });
    expect(decode(logoutTokens.at(-1)!).sub).toBe(session.body.person.id);
  });

  it('issues nothing silently once the platform session has timed out (MLPS idle timeout)', async () => {
    const browser = new Browser();
    await browser.signIn('supplier1');
    const first = await startSignIn(browser);
    const done = await browser.go('POST', `${first.interaction}/continue`, { json: {}, origin: true });
    expect((await browser.go('GET', done.json().redirectTo)).location).toContain('code=');

    t.clock.advance(31 * 60_000);
    // Without asking the person, the provider cannot check the platform session: it says a sign-in is needed.
    const silent = await browser.go('GET', `${authorizeUrl(`${receiverUrl}/callback`, randomBytes(32).toString('base64url'))}&prompt=none`);
    expect(silent.status).toBe(303);
    expect(new URL(silent.location!).searchParams.get('error')).toBe('login_required');
    // And asking, the portal finds no session: back to its sign-in page.
    const again = await startSignIn(browser);
    const refused = await browser.go('POST', `${again.interaction}/continue`, { json: {}, origin: true });
    expect(refused.status).toBe(401);
    expect(refused.json().code).toBe('NOT_SIGNED_IN');
  });
});
