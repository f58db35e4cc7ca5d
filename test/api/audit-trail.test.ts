import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntriesLinked, auditHead } from '../../src/platform/audit/audit-trail';
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

  it('lets the application link an entry once, and change nothing else, not even while linking', async () => {
    // Nobody writes an entry already linked: the links are the sequencer's.
    await expect(
      t.platform.database.db.execute(sql`insert into audit_entry (occurred_at, action, subject_type, result, seq, prev_hash, hash) values (now(), 'test.forged', 'test', 'success', 999999, repeat('a', 64), repeat('b', 64))`),
    ).rejects.toThrow();
    // An entry as a change writes it, before the sequencer links it.
    await t.platform.database.db.execute(sql`insert into audit_entry (occurred_at, action, subject_type, result) values (now(), 'test.unlinked', 'test', 'success')`);
    const [pending] = await rows<{ entry_no: string }>(sql`select entry_no from audit_entry where seq is null`);
    expect(pending).toBeDefined();
    // Linking may not smuggle in a change of content…
    await expect(t.platform.database.execAsOwner(`update audit_entry set seq = 999999, prev_hash = repeat('a', 64), hash = repeat('b', 64), action = 'test.forged' where entry_no = ${pending!.entry_no}`)).rejects.toThrow(/append-only/);
    // …and the application's role may not touch the content columns at all.
    await expect(t.platform.database.db.execute(sql`update audit_entry set action = 'test.forged' where entry_no = ${pending!.entry_no}`)).rejects.toThrow();
    // The sequencer links it at the head; a linked entry cannot be linked again.
    await auditEntriesLinked(t.platform.database);
    const [linked] = await rows<{ seq: string; hash: string }>(sql`select seq, hash from audit_entry where entry_no = ${pending!.entry_no}`);
    expect(Number(linked!.seq)).toBe((await auditHead(t.platform.database.db)).seq);
    await expect(t.platform.database.db.execute(sql`update audit_entry set seq = null, prev_hash = null, hash = null where entry_no = ${pending!.entry_no}`)).rejects.toThrow();
    await expect(t.platform.database.execAsOwner(`update audit_entry set hash = repeat('c', 64) where entry_no = ${pending!.entry_no}`)).rejects.toThrow(/append-only/);
  });

  it('links concurrent changes into one gapless chain, each acknowledged only once it is linked', async () => {
    const auditor = await t.signIn('auditadmin');
    const before = (await auditHead(t.platform.database.db)).seq;
    const purchaser = await t.signIn('purchaser');
    // 40 changes at once, each with its audit entry.
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.api('POST', '/api/budget-lines', { cookie: purchaser, body: { fiscalYear: 2026, code: `SEQ-${i}`, name: '并发审计', category: 'goods', amountFen: 100_000 } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(201));
    // Answered, so linked: nothing waits, and the head moved by every one of them.
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from audit_entry where seq is null`))[0]!.n).toBe(0);
    expect((await auditHead(t.platform.database.db)).seq - before).toBeGreaterThanOrEqual(40);
    expect((await verifyThroughTheApi(auditor)).outcome).toMatchObject({ ok: true });
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
