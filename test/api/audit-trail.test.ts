import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/database/database';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ demo: true });
});
afterAll(() => t.close());

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.platform.database.db, query);

async function verifyThroughTheApi(cookie: string) {
  const started = await t.api('POST', '/api/audit/verifications', { cookie });
  expect(started.status).toBe(202);
  await t.jobs.runDue();
  return (await t.api('GET', `/api/audit/verifications/${started.body.id}`, { cookie })).body;
}

describe('audit trail', () => {
  it('records who, which role, from where, when, what, the result and the data before and after', async () => {
    const operator = await t.signIn('operator');
    const pending = (await t.api('GET', '/api/entities?status=pending', { cookie: operator })).body.items[0];
    await t.api('POST', `/api/entities/${pending.id}/reject`, { cookie: operator, body: { revision: pending.revision, reason: '营业执照信息与名称不符' } });
    const [entry] = await rows<Record<string, any>>(sql`select * from audit_entry where action = 'entity.reject'`);
    expect(entry).toMatchObject({
      actor_label: '王晓东 (operator)',
      actor_role: 'operator',
      ip: '127.0.0.1',
      subject_type: 'entity',
      subject_id: pending.id,
      region_code: '310117',
      result: 'success',
      before: expect.objectContaining({ status: 'pending' }),
      after: expect.objectContaining({ status: 'rejected', statusReason: '营业执照信息与名称不符' }),
    });
    expect(new Date(entry!.occurred_at).toISOString()).toBe(t.clock.now().toISOString());
  });

  it('chains each entry to the previous one, with no gaps', async () => {
    const chain = await rows<{ seq: string; prev_hash: string; hash: string }>(sql`select seq, prev_hash, hash from audit_entry order by seq`);
    expect(chain.length).toBeGreaterThan(50);
    chain.forEach((entry, i) => {
      expect(Number(entry.seq)).toBe(i + 1);
      if (i > 0) expect(entry.prev_hash).toBe(chain[i - 1]!.hash);
    });
  });

  it('cannot be changed or deleted by the application', async () => {
    await expect(t.platform.database.db.execute(sql`update audit_entry set action = 'x' where seq = 1`)).rejects.toThrow();
    await expect(t.platform.database.db.execute(sql`delete from audit_entry where seq = 1`)).rejects.toThrow();
    // Not even the owner, short of disabling triggers.
    await expect(t.platform.database.execAsOwner(`update audit_entry set action = 'x' where seq = 1`)).rejects.toThrow(/append-only/);
  });

  it('verifies intact, then names the first entry changed behind the platform’s back', async () => {
    const auditor = await t.signIn('auditadmin');
    const intact = await verifyThroughTheApi(auditor);
    expect(intact.status).toBe('succeeded');
    expect(intact.outcome).toMatchObject({ ok: true });
    expect(intact.progress.done).toBe(intact.progress.total);

    const [target] = await rows<{ seq: string }>(sql`select seq from audit_entry where action = 'entity.reject'`);
    await t.platform.database.execAsOwner(
      `SET session_replication_role = replica; UPDATE audit_entry SET after = jsonb_set(after, '{status}', '"active"') WHERE seq = ${target!.seq}; SET session_replication_role = origin`,
    );
    const broken = await verifyThroughTheApi(auditor);
    expect(broken.outcome).toMatchObject({ ok: false, break: { seq: Number(target!.seq), reason: 'hashMismatch' } });
    const [recorded] = await rows<{ result: string }>(sql`select result from audit_entry where action = 'audit.verified' order by seq desc limit 1`);
    expect(recorded!.result).toBe('failure');
  });

  it('lets a supervisor read its region’s entries but not the platform-wide sign-in records', async () => {
    const supervisor = await t.signIn('supervisor');
    const entries = (await t.api('GET', '/api/audit/entries?limit=500', { cookie: supervisor })).body.items as { regionCode: string | null }[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.regionCode?.startsWith('31'))).toBe(true);
    const supplier = await t.signIn('supplier1');
    expect((await t.api('GET', '/api/audit/entries', { cookie: supplier })).status).toBe(403);
  });
});

describe('npm run audit:verify', () => {
  it('reports the broken entry and exits with 1', async () => {
    const [target] = await rows<{ seq: string }>(sql`select seq from audit_entry where action = 'entity.reject'`);
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: t.dataDir, DEMO_DATA: '0' };
    if (t.databaseUrl) env.DATABASE_URL = t.databaseUrl;
    else return; // PGlite is in memory in this test; the PGlite path is covered by the start-up test.
    const result = await promisify(execFile)('npx', ['tsx', 'src/platform/audit/verify-cli.ts'], { cwd: path.resolve(import.meta.dirname, '../..'), env }).catch((e) => e);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`BROKEN at entry #${target!.seq}`);
  });
});
