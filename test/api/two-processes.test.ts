import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPlatform } from '../../src/app';
import { DEMO_PASSWORD } from '../../src/demo/demo-accounts';
import { seedDemoData } from '../../src/demo/seed-demo';
import { createEntityWithAccounts, completeCreditCode } from '../../src/identity';
import { verifyAuditChain } from '../../src/platform/audit/audit-trail';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { ManualClock } from '../../src/platform/clock';
import { loadConfig } from '../../src/platform/config';
import { systemContext } from '../../src/platform/context';
import { verifySignature } from '../../src/platform/crypto/receipt-signer';
import { openDatabase } from '../../src/platform/database/database';
import { sealWithKeyFile, uploadSealed, type Receipt } from '../../src/trading/bids/bid-client';
import { exportPublicKey, generateBidKeyPair } from '../../src/trading/bids/sealing';
import { httpClient, type ApiClient } from '../support/api-client';
import { DEFAULT_TEST_START } from '../support/platform';
import { serverEnvironment, spawnServer, type ServerEnvironment, type ServerProcess } from '../support/server-process';
import { priceSchedule, publishProject, samplePdf } from '../support/tendering';

const SUPPLIERS = 30;
// Sign-ins in flight count against their source address until they pass (login throttle): stay under its limit.
const SIGN_IN_CONCURRENCY = 6;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-processes-'));
let environment: ServerEnvironment | undefined;
const servers: ServerProcess[] = [];

afterAll(async () => {
  for (const server of servers) await server.stop('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
  await environment?.drop();
});

/** Runs `work` for 0…n-1, `width` at a time. */
async function inTurn(n: number, width: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    for (let i = next++; i < n; i = next++) await work(i);
  }));
}

const servedBy = async (client: ApiClient) => (await client.api('GET', '/api/health')).headers['x-test-process'];

// PGlite is PostgreSQL inside one process: several processes need a PostgreSQL server.
describe.runIf(process.env.DATABASE_URL)('API processes on one PostgreSQL database (skipped on PGlite, which one process opens)', () => {
  it('a cluster of two and a third process share sessions and the clock; a surge of sealed bids across them; the opening runs once', async () => {
    environment = await serverEnvironment(dataDir, `yiwang_processes_${process.pid}`, { TEST_CLOCK: '1', DEMO_DATA: '0' });
    const { env, databaseUrl } = environment;

    // Set-up: the demo organisations and the suppliers, by the platform's own use cases (as bench:deadline does).
    {
      const running = await createPlatform({ config: loadConfig(env), clock: new ManualClock(DEFAULT_TEST_START) });
      await seedDemoData(running.platform, { projects: false });
      for (let i = 0; i < SUPPLIERS; i++) {
        const first17 = `91310115PX${String(i).padStart(7, '0')}`;
        await createEntityWithAccounts(
          systemContext(running.platform),
          { name: `多进程测试供应商${i}有限公司`, entityType: 'supplier', creditCode: completeCreditCode(first17), regionCode: '310115', smeSize: 'small', contactName: '测试', contactPhone: '021-00000000', address: '上海市' },
          [{ username: `proc${i}`, displayName: `proc${i}`, roles: ['supplier'], password: DEMO_PASSWORD }],
        );
      }
      await running.close();
    }

    // One installation, three API processes: a cluster of two workers on one port, and one more process beside it.
    const cluster = await spawnServer({ ...env, WEB_CONCURRENCY: '2' });
    servers.push(cluster);
    const single = await spawnServer(env);
    servers.push(single);
    expect(cluster.output()).toContain('进程 Processes:   2');
    const a = httpClient(cluster.baseUrl);
    const b = httpClient(single.baseUrl);

    // Requests to the cluster's port reach both workers (concurrent requests open connections the primary deals out), never the primary.
    const workers = new Set(await Promise.all(Array.from({ length: 16 }, () => servedBy(a))));
    expect(workers.size).toBe(2);
    expect(workers.has(String(cluster.process.pid))).toBe(false);
    expect(await servedBy(b)).toBe(String(single.process.pid));

    // The clock is set through the cluster; the project is published through it (moving the clock back and forth for GP-08).
    await a.api('PUT', '/api/test/clock', { body: { now: DEFAULT_TEST_START } });
    const deadline = shanghaiInstant('2026-03-23', '10:00');
    const p = await publishProject(a, { deadline: deadline.toISOString(), documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString() });

    // A session begun on the other process holds on both workers, and ends there when the time set through
    // the other process says it has been idle too long (30 minutes): sessions and the clock are in the database.
    const probe = await b.signIn('proc0');
    const sessionOnEveryWorker = async () => {
      const answers = await Promise.all(Array.from({ length: 16 }, () => a.api('GET', '/api/session', { cookie: probe })));
      expect(new Set(answers.map((r) => r.headers['x-test-process']))).toEqual(workers);
      return [...new Set(answers.map((r) => r.body?.person.username ?? null))];
    };
    expect(await sessionOnEveryWorker()).toEqual(['proc0']);
    await b.api('PUT', '/api/test/clock', { body: { now: new Date(Date.parse(DEFAULT_TEST_START) + 31 * 60_000).toISOString() } });
    expect(await sessionOnEveryWorker()).toEqual([null]);

    // Each supplier signs in through one process and goes on through the other (sessions are rows, not memory).
    // One key pair for all of them: what is tested is the platform, not the browsers' key generation.
    const keyPair = await generateBidKeyPair();
    const keyFile = { publicKey: await exportPublicKey(keyPair.publicKey) };
    const docId = (await b.api('GET', `/api/public/projects/${p.projectId}/documents`)).body[0].id;
    const via = (i: number) => (i % 2 ? b : a);
    const other = (i: number) => (i % 2 ? a : b);
    const cookies: string[] = [];
    await inTurn(SUPPLIERS, SIGN_IN_CONCURRENCY, async (i) => {
      const cookie = await other(i).signIn(`proc${i}`);
      expect((await via(i).api('GET', `/api/projects/${p.projectId}/documents/${docId}/content`, { cookie })).status).toBe(200);
      expect((await via(i).api('POST', '/api/bid-keys', { cookie, body: { algorithm: 'RSA-OAEP-SHA256', publicKey: keyFile.publicKey } })).status).toBe(201);
      cookies[i] = cookie;
    });
    const pdf = await samplePdf('Response');
    const options = (i: number) => ({ baseUrl: via(i).baseUrl, headers: { cookie: cookies[i]! }, chunkSize: 32 * 1024 });
    const sealed = await Promise.all(
      cookies.map((_, i) =>
        sealWithKeyFile(options(i), keyFile, [
          { name: 'priceSchedule', fileName: '开标一览表.json', bytes: priceSchedule(p.lotId, 2_500_000 + i) },
          { name: 'file-1', fileName: '响应文件.pdf', bytes: new Uint8Array([...pdf, ...new Uint8Array(100_000).fill(i)]) },
        ]),
      ),
    );

    // The surge: every supplier at once, half through the cluster's port, half through the other process.
    const receipts: Receipt[] = await Promise.all(sealed.map((s, i) => uploadSealed(options(i), { lotId: p.lotId, sealed: s, idempotencyKey: `surge-bid-${i}` })));
    expect(new Set(receipts.map((r) => r.receipt.bidId)).size).toBe(SUPPLIERS);
    const keyA = (await a.api('GET', '/api/public/receipt-key')).body;
    const keyB = (await b.api('GET', '/api/public/receipt-key')).body;
    expect(keyB).toEqual(keyA);
    for (const r of receipts) {
      expect(r.signingKeyId).toBe(keyA.keyId);
      expect(verifySignature(keyA.publicKeyPem, r.receipt, r.signature)).toBe(true);
    }

    // The clock passes the deadline (set through the other process). Three job runners poll the same table; the opening starts once.
    await b.api('PUT', '/api/test/clock', { body: { now: new Date(deadline.getTime() + 1000).toISOString() } });
    let status = '';
    for (let i = 0; i < 100 && status !== 'opening'; i++) {
      status = (await a.api('GET', `/api/public/projects/${p.projectId}`)).body.status;
      if (status !== 'opening') await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe('opening');
    await new Promise((resolve) => setTimeout(resolve, 3000)); // a few more rounds of every runner

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const count = async (query: string, values: unknown[]) => Number((await db.query(query, values)).rows[0].count);
      expect(await count(`SELECT count(*) FROM opening WHERE project_id = $1`, [p.projectId])).toBe(1);
      expect(await count(`SELECT count(*) FROM audit_entry WHERE action = 'opening.start' AND subject_id = $1`, [p.lotId])).toBe(1);
      expect(await count(`SELECT count(*) FROM audit_entry WHERE action = 'project.opening_start' AND subject_id = $1`, [p.projectId])).toBe(1);
      expect(await count(`SELECT count(*) FROM audit_entry WHERE action = 'bid.submit' AND project_id = $1`, [p.projectId])).toBe(SUPPLIERS);
      const [openingJob] = (await db.query(`SELECT id, status, attempts FROM job WHERE dedupe_key = $1`, [`opening:${p.projectId}`])).rows;
      expect(openingJob).toMatchObject({ status: 'succeeded', attempts: 1 });
      expect(await count(`SELECT count(*) FROM audit_entry WHERE action LIKE 'job.%' AND subject_id = $1`, [openingJob.id])).toBe(1);
      const [started] = (await db.query(`SELECT after FROM audit_entry WHERE action = 'opening.start' AND subject_id = $1`, [p.lotId])).rows;
      expect(started.after).toMatchObject({ status: 'decrypting', bids: SUPPLIERS });
    } finally {
      await db.end();
    }

    // The chain, written by three processes at once, verifies end to end.
    const database = await openDatabase({ databaseUrl, pgliteDir: 'memory://', appRole: loadConfig(env).appRole, poolSize: 2 });
    try {
      const outcome = await verifyAuditChain(database.db);
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    } finally {
      await database.close();
    }

    // SIGTERM to the primary stops its workers too.
    const workerPids = [...workers].map(Number);
    await cluster.stop('SIGTERM');
    expect(cluster.process.exitCode).toBe(0);
    for (const pid of workerPids) expect(() => process.kill(pid, 0)).toThrow();
  }, 300_000);
});
