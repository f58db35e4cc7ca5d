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
afterAll(() => t.close());

const MINUTE = 60_000;
const registration = (creditCode: string, username: string) => ({
  entity: {
    creditCode,
    name: '上海测试供应链管理有限公司',
    entityType: 'supplier',
    regionCode: '310115',
    smeSize: 'small',
    contactName: '钱伟',
    contactPhone: '021-58880000',
    contactEmail: 'qian@example.com',
    address: '上海市浦东新区世纪大道100号',
  },
  account: { username, displayName: '钱伟', mobile: '13912345678', password: 'Supply#2026' },
});
const count = async (table: string) => (await queryRows<{ n: number }>(t.platform.database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

describe('registration of a market entity', () => {
  it('refuses a wrong check character in the credit code with a bilingual message, and changes nothing', async () => {
    const [entities, audit] = [await count('entity'), await count('audit_entry')];
    const res = await t.api('POST', '/api/entities', { body: registration('91310115MA1H0009X8', 'qianwei') });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'CREDIT_CODE_INVALID', details: { field: 'entity.creditCode', problem: 'checkCharacter' } });
    expect(res.body.messages['zh-CN']).toContain('校验位');
    expect(res.body.messages['en-US']).toContain('check character');
    expect(await count('entity')).toBe(entities);
    expect(await count('audit_entry')).toBe(audit);
  });

  it('refuses malformed input field by field, in both languages', async () => {
    const body = registration('91350100M000100Y43', 'qianwei');
    const res = await t.api('POST', '/api/entities', { body: { ...body, entity: { ...body.entity, regionCode: 'Shanghai', contactPhone: '12' } } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION');
    const paths = res.body.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.entity.regionCode', 'body.entity.contactPhone']));
    expect(res.body.fields[0].messages['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });

  it('registers a supplier that can sign in only after the operator approves it', async () => {
    const res = await t.api('POST', '/api/entities', { body: registration('91350100M000100Y43', 'qianwei') });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending', smeSize: 'small', creditCode: '91350100M000100Y43' });

    const early = await t.api('POST', '/api/session', { body: { username: 'qianwei', password: 'Supply#2026' } });
    expect(early.status).toBe(403);
    expect(early.body.details.reason).toBe('entityPending');

    const operator = await t.signIn('operator');
    const approved = await t.api('POST', `/api/entities/${res.body.id}/approve`, { cookie: operator, body: { revision: res.body.revision } });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('active');
    const again = await t.api('POST', `/api/entities/${res.body.id}/approve`, { cookie: operator, body: { revision: approved.body.revision } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ENTITY_TRANSITION_NOT_ALLOWED');

    const login = await t.api('POST', '/api/session', { body: { username: 'qianwei', password: 'Supply#2026' } });
    expect(login.status).toBe(200);
    expect(login.body.stage).toBe('active');
  });

  it('refuses a credit code registered twice', async () => {
    const res = await t.api('POST', '/api/entities', { body: registration('91350100M000100Y43', 'another') });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CREDIT_CODE_TAKEN');
  });

  it('refuses a stale revision', async () => {
    const operator = await t.signIn('operator');
    const list = await t.api('GET', '/api/entities?status=pending', { cookie: operator });
    const pending = list.body.items[0];
    const res = await t.api('POST', `/api/entities/${pending.id}/approve`, { cookie: operator, body: { revision: pending.revision + 5 } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('STALE_REVISION');
  });
});

describe('sign-in', () => {
  it('gives the same answer for an unknown name and a wrong password', async () => {
    const unknown = await t.api('POST', '/api/session', { body: { username: 'nobody-here', password: 'x' } });
    const wrong = await t.api('POST', '/api/session', { body: { username: 'supplier3', password: 'x' } });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('locks an account for 30 minutes at the 5th failure within 15 minutes, and not before', async () => {
    // Each lock-out scenario comes from an address of its own, within that address's budget.
    const ip = '192.0.2.2';
    for (let i = 0; i < 4; i++) expect((await t.api('POST', '/api/session', { body: { username: 'supplier2', password: 'wrong' }, ip })).status).toBe(401);
    // Four failures: the right password still works and resets the count.
    expect((await t.api('POST', '/api/session', { body: { username: 'supplier2', password: DEMO_PASSWORD }, ip })).status).toBe(200);

    for (let i = 0; i < 5; i++) {
      await t.api('POST', '/api/session', { body: { username: 'supplier2', password: 'wrong' }, ip });
      t.clock.advance(MINUTE);
    }
    const locked = await t.api('POST', '/api/session', { body: { username: 'supplier2', password: DEMO_PASSWORD }, ip });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('TOO_MANY_ATTEMPTS');
    // Locked at the 5th failure (4 minutes after the first); 30 minutes later it opens again.
    t.clock.advance(30 * MINUTE - 2 * MINUTE);
    expect((await t.api('POST', '/api/session', { body: { username: 'supplier2', password: DEMO_PASSWORD }, ip })).status).toBe(429);
    t.clock.advance(MINUTE);
    expect((await t.api('POST', '/api/session', { body: { username: 'supplier2', password: DEMO_PASSWORD }, ip })).status).toBe(200);
  });

  it('treats unknown names exactly like real ones, lock-out included', async () => {
    const ip = '192.0.2.1';
    for (let i = 0; i < 5; i++) await t.api('POST', '/api/session', { body: { username: 'ghost', password: 'wrong' }, ip });
    const sixth = await t.api('POST', '/api/session', { body: { username: 'ghost', password: 'wrong' }, ip });
    const entries = await queryRows<{ action: string }>(t.platform.database.db, sql`select action from audit_entry where subject_type = 'login' and subject_id = 'ghost' order by seq`);
    expect(entries.map((e) => e.action)).toEqual([...Array(5).fill('session.login_failed'), 'session.locked', 'session.login_refused_locked']);
    expect(sixth.status).toBe(429);
    expect(sixth.body.details).toMatchObject({ scope: 'account' });
  });

  it('requires a second factor for privileged roles, and a code works only once', async () => {
    const login = await t.api('POST', '/api/session', { body: { username: 'supervisor', password: DEMO_PASSWORD } });
    expect(login.body.stage).toBe('secondFactor');
    const blocked = await t.api('GET', '/api/entities', { cookie: login.cookie });
    expect(blocked.status).toBe(401);
    expect(blocked.body.code).toBe('SECOND_FACTOR_REQUIRED');
    expect((await t.api('POST', '/api/session/second-factor', { cookie: login.cookie, body: { code: '000000' } })).status).toBe(401);

    t.clock.advance(30_000);
    const code = totpCode(DEMO_TOTP_SECRET, t.clock.now());
    const verified = await t.api('POST', '/api/session/second-factor', { cookie: login.cookie, body: { code } });
    expect(verified.status).toBe(200);
    // A new session id once the second factor is checked: the one issued before it no longer works.
    expect(verified.cookie).toMatch(/^sid=/);
    expect(verified.cookie).not.toBe(login.cookie);
    expect((await t.api('GET', '/api/entities', { cookie: verified.cookie })).status).toBe(200);
    expect((await t.api('GET', '/api/entities', { cookie: login.cookie })).status).toBe(401);
    expect((await t.api('GET', '/api/session', { cookie: login.cookie })).body).toBeNull();

    const second = await t.api('POST', '/api/session', { body: { username: 'supervisor', password: DEMO_PASSWORD } });
    const replay = await t.api('POST', '/api/session/second-factor', { cookie: second.cookie, body: { code } });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('INVALID_SECOND_FACTOR');
  });

  it('ends an idle session after 30 minutes, an administrator’s after 15, and any session after 12 hours', async () => {
    const purchaser = await t.signIn('purchaser');
    t.clock.advance(29 * MINUTE);
    expect((await t.api('GET', '/api/session', { cookie: purchaser })).status).toBe(200);
    t.clock.advance(30 * MINUTE);
    expect((await t.api('GET', '/api/session', { cookie: purchaser })).body).toBeNull();

    const admin = await t.signIn('sysadmin');
    t.clock.advance(14 * MINUTE);
    expect((await t.api('GET', '/api/session', { cookie: admin })).status).toBe(200);
    t.clock.advance(15 * MINUTE);
    expect((await t.api('GET', '/api/session', { cookie: admin })).body).toBeNull();

    const busy = await t.signIn('agency');
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      t.clock.advance(20 * MINUTE);
      expect((await t.api('GET', '/api/session', { cookie: busy })).status).toBe(200);
    }
    t.clock.advance(20 * MINUTE);
    expect((await t.api('GET', '/api/session', { cookie: busy })).body).toBeNull();
  });

  it('signs out', async () => {
    const cookie = await t.signIn('supplier4');
    expect((await t.api('DELETE', '/api/session', { cookie })).status).toBe(204);
    expect((await t.api('GET', '/api/session', { cookie })).body).toBeNull();
    expect((await t.api('GET', '/api/inbox', { cookie })).status).toBe(401);
  });

  it('answers who is signed in without an error when nobody is', async () => {
    const res = await t.api('GET', '/api/session');
    expect(res.status).toBe(200);
    expect(res.body).toBeNull();
  });
});

describe('accounts and separated administrator duties', () => {
  it('lets the system administrator create an account and only the security administrator grant its roles', async () => {
    const sysadmin = await t.signIn('sysadmin');
    const secadmin = await t.signIn('secadmin');
    const operatorEntity = (await t.api('GET', '/api/entities?entityType=operator', { cookie: sysadmin })).body.items[0];
    const created = await t.api('POST', '/api/persons', {
      cookie: sysadmin,
      body: { entityId: operatorEntity.id, username: 'newadmin', displayName: '新管理员', mobile: '13700000000', password: 'Initial#2026' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ roles: [], mustChangePassword: true });

    const bySysadmin = await t.api('PUT', `/api/persons/${created.body.id}/roles`, { cookie: sysadmin, body: { roles: ['auditAdmin'], revision: created.body.revision } });
    expect(bySysadmin.status).toBe(403);

    const combined = await t.api('PUT', `/api/persons/${created.body.id}/roles`, { cookie: secadmin, body: { roles: ['systemAdmin', 'auditAdmin'], revision: created.body.revision } });
    expect(combined.status).toBe(422);
    expect(combined.body.code).toBe('ADMIN_DUTIES_COMBINED');

    const granted = await t.api('PUT', `/api/persons/${created.body.id}/roles`, { cookie: secadmin, body: { roles: ['auditAdmin'], revision: created.body.revision } });
    expect(granted.status).toBe(200);
    expect(granted.body.roles).toEqual(['auditAdmin']);

    // First sign-in: the second factor must be set up, then the password changed.
    const login = await t.api('POST', '/api/session', { body: { username: 'newadmin', password: 'Initial#2026' } });
    expect(login.body).toMatchObject({ stage: 'secondFactor', secondFactorEnrolled: false, mustChangePassword: true });
    const enrolment = await t.api('POST', '/api/session/second-factor/enrollment', { cookie: login.cookie });
    expect(enrolment.body.uri).toMatch(/^otpauth:\/\/totp\//);
    t.clock.advance(30_000);
    const verified = await t.api('POST', '/api/session/second-factor', { cookie: login.cookie, body: { code: totpCode(enrolment.body.secret, t.clock.now()) } });
    expect(verified.status).toBe(200);
    expect((await t.api('GET', '/api/audit/head', { cookie: verified.cookie })).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await t.api('POST', '/api/session/password', { cookie: verified.cookie, body: { currentPassword: 'Initial#2026', newPassword: 'short' } });
    expect(weak.status).toBe(422);
    expect(weak.body.code).toBe('PASSWORD_POLICY');
    const changed = await t.api('POST', '/api/session/password', { cookie: verified.cookie, body: { currentPassword: 'Initial#2026', newPassword: 'Audit#Trail2026' } });
    expect(changed.status).toBe(204);
    expect((await t.api('GET', '/api/audit/head', { cookie: verified.cookie })).status).toBe(200);
  });

  it('stops the database itself from giving one person two administrator duties', async () => {
    const [secadminRow] = await queryRows<{ id: string }>(t.platform.database.db, sql`select id from person where username = 'secadmin'`);
    await expect(t.platform.database.db.execute(sql`insert into person_role (person_id, role) values (${secadminRow!.id}, 'systemAdmin')`)).rejects.toThrow();
  });

  it('keeps passwords and second-factor secrets out of the database in plain text', async () => {
    const [row] = await queryRows<{ password_hash: string; totp_secret_sealed: string }>(t.platform.database.db, sql`select password_hash, totp_secret_sealed from person where username = 'operator'`);
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(row!.password_hash).not.toContain(DEMO_PASSWORD);
    expect(row!.totp_secret_sealed).toMatch(/^v1\./);
    expect(row!.totp_secret_sealed).not.toContain(DEMO_TOTP_SECRET);
    const leaks = await queryRows<{ n: number }>(
      t.platform.database.db,
      sql`select count(*)::int as n from audit_entry where coalesce(before::text, '') || coalesce(after::text, '') || coalesce(detail::text, '') like ${'%' + DEMO_PASSWORD + '%'} or coalesce(after::text, '') like '%argon2%'`,
    );
    expect(leaks[0]!.n).toBe(0);
  });
});

describe('rows are filtered on the server', () => {
  it('shows a supplier only its own entity, and refuses another’s', async () => {
    const supplier = await t.signIn('supplier1');
    const list = await t.api('GET', '/api/entities', { cookie: supplier });
    expect(list.body.items.map((e: { name: string }) => e.name)).toEqual(['上海申联信息科技有限公司']);
    const operator = await t.signIn('operator');
    const other = (await t.api('GET', '/api/entities?entityType=purchaser', { cookie: operator })).body.items[0];
    const refused = await t.api('GET', `/api/entities/${other.id}`, { cookie: supplier });
    expect(refused.status).toBe(404);
    const denied = await queryRows<{ subject_id: string }>(t.platform.database.db, sql`select subject_id from audit_entry where action = 'access.denied' and subject_type = 'entity' order by seq desc limit 1`);
    expect(denied[0]?.subject_id).toBe(other.id);
  });

  it('refuses a supplier an operator route, and records the refusal', async () => {
    const supplier = await t.signIn('supplier1');
    const res = await t.api('POST', '/api/catalogues/tradingCatalogue/versions', { cookie: supplier, body: { title: 'x', effectiveFrom: '2026-04-01' } });
    expect(res.status).toBe(403);
    const [entry] = await queryRows<{ subject_id: string; result: string; actor_role: string }>(
      t.platform.database.db,
      sql`select subject_id, result, actor_role from audit_entry where action = 'access.denied' order by seq desc limit 1`,
    );
    expect(entry).toMatchObject({ subject_id: 'POST /api/catalogues/:kind/versions', result: 'denied' });
  });
});
