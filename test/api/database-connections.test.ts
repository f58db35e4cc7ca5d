import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let t: TestPlatform;
beforeAll(async () => (t = await startTestPlatform({ demo: true })));
afterAll(() => t?.close());

// Only meaningful on a PostgreSQL server: PGlite has no connections to lose.
describe.runIf(process.env.DATABASE_URL)('connections the PostgreSQL server drops', () => {
  it('keeps serving when the server terminates the idle pooled connections (restart, failover)', async () => {
    expect(await t.signIn('purchaser')).toMatch(/^sid=/); // the pool now holds idle connections
    const admin = new pg.Client({ connectionString: t.databaseUrl });
    await admin.connect();
    const { rowCount } = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    await admin.end();
    expect(rowCount).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the 'error' event arrives on the idle client
    expect((await t.api('GET', '/api/health')).status).toBe(200);
    expect(await t.signIn('agency')).toMatch(/^sid=/);
  });
});
