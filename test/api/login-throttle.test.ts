import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/demo/demo-accounts';
import { totpCode } from '../../src/identity/totp';
import { queryRows } from '../../src/platform/database/database';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ demo: true });
});
afterAll(() => t?.close());

const MINUTE = 60_000;
const DEMO_NAMES = ['supplier1', 'supplier2', 'supplier3', 'supplier4', 'purchaser', 'agency', 'expert1', 'expert2', 'expert3', 'expert4', 'expert5', 'expert6'];
const ADMIN_NAMES = ['operator', 'supervisor', 'authority', 'treasury', 'sysadmin', 'secadmin', 'auditadmin'];

const attempt = (username: string, password: string, ip: string, client = t) => client.api('POST', '/api/session', { body: { username, password }, ip });
const retryAfter = (res: { headers: Record<string, string | undefined> }) => Number(res.headers['retry-after']);
const countedAccounts = async () =>
  (await queryRows<{ subject: string }>(t.platform.database.db, sql`select subject from login_throttle where scope = 'account' order by subject`)).map((r) => r.subject);

/** Each scenario starts after every earlier lock and block has run out. */
const later = () => t.clock.advance(24 * 60 * MINUTE);

describe('one source address', () => {
  it('gets 429 with Retry-After after 10 wrong passwords for 40 different names, and locks none of them', async () => {
    later();
    const ghosts = Array.from({ length: 40 - DEMO_NAMES.length - ADMIN_NAMES.length }, (_, i) => `ghost${i}`);
    // Real names among the first ten and among the rest, administrators included.
    const names = [...DEMO_NAMES.slice(0, 5), ...ADMIN_NAMES.slice(0, 2), ...ghosts.slice(0, 3), ...DEMO_NAMES.slice(5), ...ADMIN_NAMES.slice(2), ...ghosts.slice(3)];
    expect(new Set(names).size).toBe(40);
    const answers = [];
    for (const name of names) answers.push(await attempt(name, 'Wrong#2026', '203.0.113.7'));

    expect(answers.slice(0, 10).map((a) => a.status)).toEqual(Array(10).fill(401));
    expect(answers.slice(10).map((a) => a.status)).toEqual(Array(30).fill(429));
    const throttled = answers[10]!;
    expect(throttled.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(throttled.body.messages['zh-CN']).toContain('15分钟');
    expect(throttled.body.messages['en-US']).toContain('15 minutes');
    // Blocked for 15 minutes from the 10th failure.
    expect(retryAfter(throttled)).toBe(15 * 60);

    // The throttled attempts were not evaluated: the right password gets the same 429...
    expect((await attempt('supplier1', DEMO_PASSWORD, '203.0.113.7')).status).toBe(429);
    // ...and they counted against no account: only the first ten names have a failure recorded, in the database.
    expect(await countedAccounts()).toEqual([...names.slice(0, 10)].sort());

    // Every account can still sign in from elsewhere, administrators with their second factor.
    for (const name of [...DEMO_NAMES, ...ADMIN_NAMES]) expect(await t.signIn(name)).toMatch(/^sid=/);

    // The address may try again when Retry-After has passed (signing in moved the clock on).
    const again = await attempt('supplier1', DEMO_PASSWORD, '203.0.113.7');
    expect(retryAfter(again)).toBeLessThan(retryAfter(throttled));
    t.clock.advance(retryAfter(again) * 1000 - 1000);
    expect((await attempt('supplier1', DEMO_PASSWORD, '203.0.113.7')).status).toBe(429);
    t.clock.advance(1000);
    expect((await attempt('supplier1', DEMO_PASSWORD, '203.0.113.7')).status).toBe(200);
  });

  it('counts only failures: many successful sign-ins from one address are never throttled', async () => {
    later();
    for (let i = 0; i < 9; i++) expect((await attempt(`nobody${i}`, 'Wrong#2026', '198.51.100.20')).status).toBe(401);
    for (let i = 0; i < 25; i++) expect((await attempt('supplier4', DEMO_PASSWORD, '198.51.100.20')).status).toBe(200);
    expect((await attempt('nobody9', 'Wrong#2026', '198.51.100.20')).status).toBe(401);
    expect((await attempt('nobody10', 'Wrong#2026', '198.51.100.20')).status).toBe(429);
  });

  it('lets an office sign in at once while expired counts are being cleared, without a failed answer', async () => {
    // Found by bench:deadline: the clean-up of expired counts held the rows it deleted into the
    // counting transaction, so two attempts waited for each other (deadlock, 500), or one found its row gone.
    const accounts = ['supplier1', 'supplier2', 'supplier3', 'supplier4', 'purchaser', 'agency', 'expert1', 'expert2'];
    for (let round = 0; round < 10; round++) {
      later(); // every count from the round before has expired and is up for clearing
      // Two offices, each account from both (fewer in flight per address than its budget of ten);
      // time moves on between them, so the counts of one attempt expire while the next clears them.
      const answers = await Promise.all(
        accounts.flatMap((u) => ['198.51.100.30', '198.51.100.31'].map((ip) => (t.clock.advance(MINUTE), attempt(u, DEMO_PASSWORD, ip)))),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(accounts.length * 2).fill(200));
    }
  });

  it('cannot escape its budget by claiming another address in X-Forwarded-For', async () => {
    later();
    const statuses = [];
    for (let i = 0; i < 11; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress: '192.0.2.44',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.8.${i}` },
        payload: JSON.stringify({ username: `spoof${i}`, password: 'Wrong#2026' }),
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });

  it('shares one budget across an IPv6 /64, which any single host controls', async () => {
    later();
    for (let i = 0; i < 10; i++) expect((await attempt(`v6user${i}`, 'Wrong#2026', `2001:db8:aa:bb::${i + 1}`)).status).toBe(401);
    expect((await attempt('v6user10', 'Wrong#2026', '2001:db8:aa:bb:ffff:1:2:3')).status).toBe(429);
    expect((await attempt('v6user10', 'Wrong#2026', '2001:db8:aa:cc::1')).status).toBe(401);
  });
});

describe('one account', () => {
  it('is locked at the 5th failure from five different addresses; its holder is told and the security administrator lifts it', async () => {
    later();
    for (let i = 1; i <= 5; i++) {
      expect((await attempt('purchaser', 'Wrong#2026', `198.51.100.${i}`)).status).toBe(401);
      t.clock.advance(MINUTE);
    }
    const locked = await attempt('purchaser', DEMO_PASSWORD, '198.51.100.6');
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(locked.body.details.scope).toBe('account');
    // Locked for 30 minutes from the 5th failure, one minute ago.
    expect(retryAfter(locked)).toBe(29 * 60);
    // An unknown name is answered the same way, so a lock reveals nothing about which names exist.
    for (let i = 1; i <= 5; i++) await attempt('purchaser-x', 'Wrong#2026', `198.51.100.${10 + i}`);
    const ghost = await attempt('purchaser-x', 'Wrong#2026', '198.51.100.16');
    expect(ghost.status).toBe(429);
    expect(ghost.body.details.scope).toBe('account');

    const [message] = await queryRows<{ title: Record<string, string>; body: Record<string, string>; username: string }>(
      t.platform.database.db,
      sql`select n.title, n.body, p.username from notification n join person p on p.id = n.person_id where n.subject_type = 'person' and n.subject_id = p.id::text and p.username = 'purchaser'`,
    );
    expect(message!.title['zh-CN']).toContain('账户已锁定');
    expect(message!.title['en-US']).toContain('locked');
    expect(message!.body['zh-CN']).toContain('安全管理员');
    expect(message!.body['en-US']).toContain('security administrator');

    const secadmin = await t.signIn('secadmin');
    const people = (await t.api('GET', '/api/persons', { cookie: secadmin })).body.items as { id: string; username: string; revision: number; lockedUntil: string | null }[];
    const holder = people.find((p) => p.username === 'purchaser')!;
    expect(holder.lockedUntil).not.toBeNull();
    const unlocked = await t.api('POST', `/api/persons/${holder.id}/unlock`, { cookie: secadmin, body: { revision: holder.revision } });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.lockedUntil).toBeNull();

    const cookie = await t.signIn('purchaser');
    const inbox = await t.api('GET', '/api/inbox', { cookie });
    expect(inbox.body.items.map((m: { title: string }) => m.title)).toContain(message!.title['zh-CN']);
  });

  it('lets exactly five of twenty simultaneous guesses be checked', async () => {
    later();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt('agency', 'Wrong#2026', `192.0.2.${100 + i}`)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(15).fill(429)]);
    expect(answers.filter((a) => a.status === 429).every((a) => retryAfter(a) > 0 && retryAfter(a) <= 30 * 60)).toBe(true);
  });

  it('counts wrong one-time codes, and a correct password does not reset them', async () => {
    later();
    const ip = '198.51.100.77';
    let login = await attempt('supervisor', DEMO_PASSWORD, ip);
    expect(login.body.stage).toBe('secondFactor');
    for (let i = 0; i < 4; i++) expect((await t.api('POST', '/api/session/second-factor', { cookie: login.cookie, body: { code: '000000' }, ip })).status).toBe(401);
    // Signing in again with the password does not buy four more guesses.
    login = await attempt('supervisor', DEMO_PASSWORD, ip);
    expect(login.status).toBe(200);
    expect((await t.api('POST', '/api/session/second-factor', { cookie: login.cookie, body: { code: '000000' }, ip })).status).toBe(401);
    t.clock.advance(30_000);
    const right = await t.api('POST', '/api/session/second-factor', { cookie: login.cookie, body: { code: totpCode(DEMO_TOTP_SECRET, t.clock.now()) }, ip });
    expect(right.status).toBe(429);
    expect((await attempt('supervisor', DEMO_PASSWORD, '198.51.100.78')).status).toBe(429);
  });
});

describe.runIf(process.env.DATABASE_URL)('two platform processes on one database', () => {
  it('share the counts: failures spread over both lock the account and exhaust the address budget', async () => {
    later();
    const other = await startTestPlatform({ sameDatabaseAs: t });
    try {
      for (let i = 0; i < 5; i++) expect((await attempt('expert2', 'Wrong#2026', `198.51.100.${120 + i}`, i % 2 ? t : other)).status).toBe(401);
      expect((await attempt('expert2', DEMO_PASSWORD, '198.51.100.130', other)).status).toBe(429);
      expect((await attempt('expert2', DEMO_PASSWORD, '198.51.100.131', t)).status).toBe(429);

      for (let i = 0; i < 10; i++) expect((await attempt(`shared${i}`, 'Wrong#2026', '203.0.113.99', i % 2 ? t : other)).status).toBe(401);
      expect((await attempt('shared10', 'Wrong#2026', '203.0.113.99', t)).status).toBe(429);
      expect((await attempt('shared10', 'Wrong#2026', '203.0.113.99', other)).status).toBe(429);
    } finally {
      await other.close();
    }
  });
});
