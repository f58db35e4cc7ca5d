import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { asc, desc, eq, gte } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptDigest, type PublishedCheckpoint } from '../../src/platform/audit/audit-checkpoint';
import { hashEntry, type AuditEntry } from '../../src/platform/audit/audit-chain';
import { auditEntry } from '../../src/platform/audit/audit.schema';
import { scheduleCheckpoints } from '../../src/platform/audit/checkpoints';
import { readCheckpointsFile, verifyAuditTrail, verifyReceipt } from '../../src/platform/audit/verify-command';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, prepareBidder, publishProject, type Bidder, type PublishedProject } from '../support/tendering';

/**
 * Issue 8 §3: the audit trail can be rewritten by a superuser who recomputes the hashes, and still
 * verify. Signed checkpoints published for anyone to keep catch that, and let a bidder prove its
 * bid was in before the deadline without trusting the platform.
 */
const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
let t: TestPlatform;
let publicKeyPem: string;
let p: PublishedProject;
const bidders: Record<string, Bidder> = {};
const bidIds: Record<string, string> = {};
const deadline = shanghaiInstant('2026-03-24', '09:30');

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  // As `npm start` does: the hourly checkpoint job, first due at 11:00 Beijing time.
  await scheduleCheckpoints(t.platform);
  publicKeyPem = (await t.api('GET', '/api/public/receipt-key')).body.publicKeyPem;
});
afterAll(() => t?.close());

const db = () => t.platform.database.db;
const checkpoints = async (): Promise<PublishedCheckpoint[]> => (await t.api('GET', '/api/public/audit/checkpoints')).body.items;
const proofOf = (name: string) => t.api('GET', `/api/bids/${bidIds[name]}/receipt-proof`, { cookie: bidders[name]!.cookie });
async function submit(name: string) {
  const receipt = await bid(t, bidders[name]!, p.lotId, 2_500_000 + Object.keys(bidIds).length * 10_000);
  bidIds[name] = receipt.receipt.bidId;
  return receipt;
}
function output() {
  const lines: string[] = [];
  return { print: (line: string) => void lines.push(line), text: () => lines.join('\n') };
}

describe('receipts in public checkpoints', () => {
  it('tells the bidder where its receipt will be proven, and shows that proof to the bidder alone', async () => {
    p = await publishProject(t, { title: '校园安防设备采购', deadline: deadline.toISOString(), documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString() });
    for (const name of ['supplier1', 'supplier2', 'supplier3']) bidders[name] = await prepareBidder(t, name, p.projectId);
    const receipt = await submit('supplier1');
    expect(receipt.receipt.receivedAt < '2026-03-02T02:59:00.000Z').toBe(true);
    expect(receipt.timestamp).toEqual({
      receiptSha256: receiptDigest(receipt.receipt),
      checkpointDueBy: '2026-03-02T03:00:00.000Z', // 11:00 Beijing time, the next hourly checkpoint
      proofUrl: `/api/bids/${bidIds.supplier1}/receipt-proof`,
      checkpointsUrl: '/api/public/audit/checkpoints',
    });
    const pending = await proofOf('supplier1');
    expect(pending.body).toMatchObject({ status: 'pending', checkpoint: null, proof: null, checkpointDueBy: '2026-03-02T03:00:00.000Z' });
    expect((await t.api('GET', `/api/bids/${bidIds.supplier1}/receipt-proof`, { cookie: bidders.supplier2!.cookie })).status).toBe(404);
    expect((await t.api('GET', `/api/bids/${bidIds.supplier1}/receipt-proof`, { cookie: await t.signIn('agency') })).status).toBe(403);
  });

  it('signs a checkpoint on the hour; the bidder checks receipt → proof → checkpoint offline, against a copy kept by someone else', async () => {
    t.clock.set('2026-03-02T03:00:00.000Z');
    await t.jobs.runDue();
    const saved = await checkpoints();
    expect(saved).toHaveLength(1);
    expect(saved[0]!.createdAt).toBe('2026-03-02T03:00:00.000Z');
    bidders.supplier1!.cookie = await t.signIn('supplier1');
    const proof = (await proofOf('supplier1')).body;
    expect(proof).toMatchObject({ status: 'included', checkpoint: saved[0] });
    const out = output();
    expect(verifyReceipt(proof, publicKeyPem, saved, out.print)).toBe(0);
    expect(out.text()).toContain('RECEIPT INCLUDED in the checkpoint of 2026-03-02T03:00:00.000Z');
    // A copy that does not hold this checkpoint does not vouch for it.
    expect(verifyReceipt(proof, publicKeyPem, [], output().print)).toBe(1);
  });

  it('publishes nothing sealed: no lot, project, bid or bidder, and no count of receipts', async () => {
    bidders.supplier2!.cookie = await t.signIn('supplier2');
    await submit('supplier2');
    t.clock.set('2026-03-02T04:00:00.000Z');
    await t.jobs.runDue();
    const answer = (await t.api('GET', '/api/public/audit/checkpoints')).body;
    expect(answer.items).toHaveLength(2);
    for (const item of answer.items) expect(Object.keys(item).sort()).toEqual(['createdAt', 'headHash', 'receiptsRoot', 'seq', 'signature', 'signingKeyId', 'statement']);
    const text = JSON.stringify(answer);
    for (const secret of [p.lotId, p.projectId, ...Object.values(bidIds), '上海申联信息科技有限公司', 'supplier']) expect(text).not.toContain(secret);
    // A proof is as long for one receipt as for several (the tree is filled up to 16 leaves).
    for (const name of ['supplier1', 'supplier2']) bidders[name]!.cookie = await t.signIn(name);
    const one = (await proofOf('supplier1')).body.proof;
    const other = (await proofOf('supplier2')).body.proof;
    expect([one.treeSize, other.treeSize]).toEqual([16, 16]);
  });

  it('puts the last receipts in a checkpoint signed at the opening', async () => {
    t.clock.set(new Date(deadline.getTime() - 10 * 60_000));
    await t.jobs.runDue(); // the hourly checkpoint, then none until 10:00
    bidders.supplier3!.cookie = await t.signIn('supplier3');
    await submit('supplier3');
    t.clock.set(deadline);
    await t.jobs.runDue();
    const proof = (await proofOf('supplier3')).body;
    expect(proof.status).toBe('included');
    expect(proof.checkpoint.createdAt).toBe(deadline.toISOString());
    expect(verifyReceipt(proof, publicKeyPem, await checkpoints(), output().print)).toBe(0);
    // Made in the opening's own transaction.
    const [start] = await db().select({ seq: auditEntry.seq }).from(auditEntry).where(eq(auditEntry.action, 'project.opening_start'));
    const [next] = await db().select({ action: auditEntry.action }).from(auditEntry).where(eq(auditEntry.seq, start!.seq! + 1));
    expect(next!.action).toBe('audit.checkpoint');
  });
});

describe('rewriting or cutting the trail behind the platform’s back', () => {
  const owner = (statements: string) => t.platform.database.execAsOwner(`SET session_replication_role = replica; ${statements}; SET session_replication_role = origin`);
  const literal = (v: string | null) => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);
  const write = (rows: AuditEntry[]) =>
    owner(
      rows
        .map((r) => `UPDATE audit_entry SET actor_label = ${literal(r.actorLabel)}, ip = ${literal(r.ip)}, occurred_at = '${r.occurredAt.toISOString()}', prev_hash = '${r.prevHash}', hash = '${r.hash}' WHERE seq = ${r.seq}`)
        .join('; '),
    );
  let file: string;
  let keyFile: string;
  let saved: PublishedCheckpoint[];
  let original: AuditEntry[];

  beforeAll(async () => {
    t.clock.set(shanghaiInstant('2026-03-24', '11:00'));
    await t.jobs.runDue(); // the end of the opening window, and an hourly checkpoint
    t.clock.set(shanghaiInstant('2026-03-24', '12:00'));
    await t.jobs.runDue(); // a checkpoint of everything so far
    // Someone outside keeps copies of what the platform publishes.
    file = path.join(t.dataDir, 'checkpoints.json');
    fs.writeFileSync(file, JSON.stringify((await t.api('GET', '/api/public/audit/checkpoints')).body));
    keyFile = path.join(t.dataDir, 'receipt-key.json');
    fs.writeFileSync(keyFile, JSON.stringify((await t.api('GET', '/api/public/receipt-key')).body));
    saved = readCheckpointsFile(file);
    expect(saved.length).toBeGreaterThanOrEqual(4);
    // Nothing after the last checkpoint but its own entry.
    const [head] = await db().select({ seq: auditEntry.seq }).from(auditEntry).orderBy(desc(auditEntry.seq)).limit(1);
    expect(head!.seq).toBe(saved.at(-1)!.seq + 1);
  });

  it('catches an entry rewritten with every later hash recomputed, which the chain alone calls intact', async () => {
    // supplier2's submission, made to look like another bidder's, from another address, an hour earlier.
    const [target] = await db().select({ seq: auditEntry.seq }).from(auditEntry).where(eq(auditEntry.subjectId, bidIds.supplier2!));
    original = (await db().select().from(auditEntry).where(gte(auditEntry.seq, target!.seq!)).orderBy(asc(auditEntry.seq))) as AuditEntry[];
    let prevHash = original[0]!.prevHash;
    const forged = original.map((row, i) => {
      const changed = i === 0 ? { actorLabel: '陈伟 (supplier4)', ip: '10.0.0.66', occurredAt: new Date(row.occurredAt.getTime() - 3_600_000) } : {};
      const entry = { ...row, ...changed, prevHash };
      entry.hash = hashEntry(entry);
      prevHash = entry.hash;
      return entry;
    });
    await write(forged);

    const plain = output();
    expect(await verifyAuditTrail(t.platform.database, {}, plain.print)).toBe(0);
    expect(plain.text()).toContain('INTACT'); // the weakness checkpoints exist for

    const checked = output();
    expect(await verifyAuditTrail(t.platform.database, { checkpoints: saved, publicKeyPem }, checked.print)).toBe(1);
    const before = saved.filter((c) => c.seq < target!.seq!).at(-1)!;
    const covering = saved.find((c) => c.seq >= target!.seq!)!;
    expect(checked.text()).toContain(`DISAGREES with the checkpoint of ${covering.createdAt}: entry #${covering.seq}`);
    expect(checked.text()).toContain(`An entry among #${before.seq + 1}–#${covering.seq} was rewritten`);

    if (t.databaseUrl) {
      // The command itself, as an operator runs it (PGlite here is in this process's memory).
      const env = { ...process.env, DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl, DEMO_DATA: '0' };
      const cli = await run('npx', ['tsx', 'src/platform/audit/verify-cli.ts', '--checkpoints', file, '--key', keyFile], { cwd: root, env }).catch((e) => e);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain('INTACT');
      expect(cli.stdout).toContain(`DISAGREES with the checkpoint of ${covering.createdAt}`);
    }
  });

  it('agrees again once the entry is put back', async () => {
    await write(original);
    const out = output();
    expect(await verifyAuditTrail(t.platform.database, { checkpoints: saved, publicKeyPem }, out.print)).toBe(0);
    expect(out.text()).toContain(`AGREES with ${saved.length} signed checkpoints`);
  });

  it('catches the last three entries deleted: a missing tail', async () => {
    const [head] = await db().select({ seq: auditEntry.seq }).from(auditEntry).orderBy(desc(auditEntry.seq)).limit(1);
    await owner(`DELETE FROM audit_entry WHERE seq > ${head!.seq! - 3}`);
    expect(await verifyAuditTrail(t.platform.database, {}, output().print)).toBe(0);
    const out = output();
    expect(await verifyAuditTrail(t.platform.database, { checkpoints: saved, publicKeyPem }, out.print)).toBe(1);
    const last = saved.at(-1)!;
    expect(out.text()).toContain(`MISSING TAIL: the chain ends at entry #${head!.seq! - 3}, but the checkpoint of ${last.createdAt} vouches for entry #${last.seq}`);
  });

  it('does not rely on a checkpoints file that the platform did not sign', async () => {
    const forged = saved.map((c, i) => (i === 1 ? { ...c, headHash: 'f'.repeat(64) } : c));
    const out = output();
    expect(await verifyAuditTrail(t.platform.database, { checkpoints: forged, publicKeyPem }, out.print)).toBe(2);
    expect(out.text()).toContain(`NOT SIGNED by the platform’s key: checkpoint #${saved[1]!.seq}`);
  });
});

describe('npm run audit:verify and a running platform (PGlite)', () => {
  it('refuses to open a data directory the platform holds, and leaves it untouched', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-live-'));
    // What a running platform leaves in its data directory: its pid (this very process, alive).
    fs.writeFileSync(path.join(dataDir, 'pglite.pid'), String(process.pid));
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DEMO_DATA: '0' };
    delete env.DATABASE_URL;
    const cli = await run('npx', ['tsx', 'src/platform/audit/verify-cli.ts'], { cwd: root, env }).catch((e) => e);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain(`is in use by process ${process.pid}`);
    expect(cli.stderr).toContain('正由进程');
    expect(fs.readdirSync(dataDir)).toEqual(['pglite.pid']);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('expensive jobs, one at a time per person', () => {
  it('answers a second verification while the first is queued with 409 and the first one’s id', async () => {
    const auditor = await t.signIn('auditadmin');
    const first = await t.api('POST', '/api/audit/verifications', { cookie: auditor });
    expect(first.status).toBe(202);
    const second = await t.api('POST', '/api/audit/verifications', { cookie: auditor });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'VERIFICATION_RUNNING', details: { jobId: first.body.id } });
    expect(second.body.messages['zh-CN']).toContain('尚未完成');
    // Someone else is not held up.
    expect((await t.api('POST', '/api/audit/verifications', { cookie: await t.signIn('operator') })).status).toBe(202);
    await t.jobs.runDue();
    expect((await t.api('POST', '/api/audit/verifications', { cookie: auditor })).status).toBe(202);
  });

  it('answers a second archive while the first is being built with 409 and its job', async () => {
    // Two projects nobody bid on: they fail at the opening (GP-33) and are complete, ready to archive.
    const projects = [];
    for (const title of ['档案柜采购', '办公家具采购'])
      projects.push(await publishProject(t, { title, deadline: shanghaiInstant('2026-04-20', '09:30').toISOString(), documentsUntil: shanghaiInstant('2026-04-01', '17:00').toISOString() }));
    t.clock.set(shanghaiInstant('2026-04-20', '09:30'));
    await t.jobs.runDue();
    const cookie = await t.signIn('agency');
    const first = await t.api('POST', `/api/projects/${projects[0]!.projectId}/archive`, { cookie });
    expect(first.status).toBe(202);
    const second = await t.api('POST', `/api/projects/${projects[1]!.projectId}/archive`, { cookie });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'ARCHIVE_BUILDING', details: { jobId: first.body.jobId } });
    expect((await t.api('GET', `/api/projects/${projects[1]!.projectId}/archive`, { cookie })).body.status).toBe('none');
    await t.jobs.runDue();
    expect((await t.api('POST', `/api/projects/${projects[1]!.projectId}/archive`, { cookie })).status).toBe(202);
  });
});
