import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * 监管功能设置前台化 (seed 003, issue 13): the security administrator decides in the UI which
 * supervision functions each supervision role has, and the API follows at once.
 */
let t: TestPlatform;
const as = async (username: string) => ({ cookie: await t.signIn(username) });

beforeAll(async () => {
  t = await startTestPlatform({ demo: true });
});
afterAll(async () => t?.close());

describe('supervision functions set by the security administrator', () => {
  it('by default the trading centre reads alerts but does not investigate them', async () => {
    expect((await t.api('GET', '/api/supervision/my-functions', await as('operator'))).body).toEqual(['dashboard', 'alerts', 'network', 'credit', 'screeningQueue', 'reports']);
    expect((await t.api('GET', '/api/supervision/my-functions', await as('supervisor'))).body).toContain('investigation');
    expect((await t.api('GET', '/api/supervision/alerts', await as('operator'))).status).toBe(200);
  });

  it('only the security administrator reads and sets them', async () => {
    expect((await t.api('GET', '/api/settings/supervision-functions', await as('supervisor'))).status).toBe(403);
    expect((await t.api('GET', '/api/settings/supervision-functions', await as('sysadmin'))).status).toBe(403);
    const read = await t.api('GET', '/api/settings/supervision-functions', await as('secadmin'));
    expect(read.body).toMatchObject({ revision: 0, roles: { operator: ['dashboard', 'alerts', 'network', 'credit', 'screeningQueue', 'reports'] } });
    expect(read.body.functions.find((f: { key: string }) => f.key === 'investigation').name['zh-CN']).toContain('核查');
  });

  it('taking alerts away from the trading centre refuses its calls at once, with the reason; the supervisors keep theirs', async () => {
    const admin = await as('secadmin');
    const body = { revision: 0, supervisor: ['dashboard', 'alerts', 'investigation', 'network', 'credit', 'creditMeasures', 'screeningQueue'], authority: ['dashboard', 'alerts', 'investigation'], operator: ['dashboard'] };
    const saved = await t.api('PUT', '/api/settings/supervision-functions', { ...admin, body });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ revision: 1, roles: { operator: ['dashboard'] } });
    const refused = await t.api('GET', '/api/supervision/alerts', await as('operator'));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'FUNCTION_NOT_ENABLED', details: { feature: 'alerts' } });
    expect(refused.body.messages['zh-CN']).toContain('安全管理员');
    expect((await t.api('GET', '/api/supervision/dashboard', await as('operator'))).status).toBe(200);
    expect((await t.api('GET', '/api/supervision/my-functions', await as('operator'))).body).toEqual(['dashboard']);
    // The authority lost the credit functions, the supervisor did not.
    expect((await t.api('GET', '/api/supervision/screening-queue', await as('authority'))).status).toBe(403);
    expect((await t.api('GET', '/api/supervision/screening-queue', await as('supervisor'))).status).toBe(200);
    // The change is in the audit trail.
    const audit = (await t.api('GET', '/api/audit/entries?action=setting.update&limit=5', await as('auditadmin'))).body.items;
    expect(audit[0]).toMatchObject({ action: 'setting.update', subjectId: 'supervision.functions@000000' });
  });

  it('refuses a stale revision and investigating without reading', async () => {
    const admin = await as('secadmin');
    const base = { supervisor: ['alerts'], authority: ['alerts'], operator: [] };
    expect((await t.api('PUT', '/api/settings/supervision-functions', { ...admin, body: { ...base, revision: 0 } })).status).toBe(409);
    const bad = await t.api('PUT', '/api/settings/supervision-functions', { ...admin, body: { ...base, operator: ['investigation'], revision: 1 } });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('FUNCTION_NEEDS_ALERTS');
  });
});
