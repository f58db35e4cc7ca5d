// npm run bench:deadline [-- suppliers]        (DATABASE_URL=… to measure a PostgreSQL server)
//
// The deadline surge: N suppliers (default 500) submit 1 MB sealed bids at the same moment to a
// running platform process; printed beside the same machine's baselines measured in this run:
//   - hashing and durably writing the same bytes with plain Node (sha256, write, fsync, rename);
//   - a plain INSERT per bid.
// Then 1,000 bids (two lots) are opened and decrypted: seconds in total.
// Sealing happens before the clock starts (it is the browsers' work); the suppliers share one RSA
// key pair to keep the set-up short (the server's work does not depend on it).
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createPlatform } from '../src/app';
import { DEMO_PASSWORD } from '../src/demo/demo-accounts';
import { seedDemoData } from '../src/demo/seed-demo';
import { createEntityWithAccounts, creditCodeCheckCharacter } from '../src/identity';
import { shanghaiInstant } from '../src/platform/calendar/calendar';
import { ManualClock } from '../src/platform/clock';
import { loadConfig } from '../src/platform/config';
import { systemContext } from '../src/platform/context';
import { sealWithKeyFile, uploadSealed } from '../src/trading/bids/bid-client';
import { exportPublicKey, generateBidKeyPair, unwrapContentKey } from '../src/trading/bids/sealing';
import { httpClient } from '../test/support/api-client';
import { serverEnvironment, spawnServer } from '../test/support/server-process';
import { priceSchedule, publishProject } from '../test/support/tendering';

const N = Number(process.argv[2] ?? 500);
const BID_BYTES = 1024 * 1024;
// Sign-ins in flight count against their source until they pass (login throttle, issue 8): stay under its limit.
const SIGN_IN_CONCURRENCY = 8;
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'yiwang-deadline-'));
const environment = await serverEnvironment(dataDir, `yiwang_bench_deadline_${process.pid}`, { TEST_CLOCK: '1', DEMO_DATA: '0' });
const { env, databaseUrl } = environment;
const log = (s: string) => process.stderr.write(`${s}\n`);
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

// 1. Set-up: demo organisations and N suppliers, written directly by the platform's own use cases.
log(`set-up: ${N} suppliers…`);
{
  const config = loadConfig(env);
  const running = await createPlatform({ config, clock: new ManualClock('2026-03-02T02:00:00Z') });
  await seedDemoData(running.platform, { projects: false });
  const ctx = systemContext(running.platform);
  for (let i = 0; i < N; i++) {
    const first17 = `91310115BM${String(i).padStart(7, '0')}`;
    await createEntityWithAccounts(
      ctx,
      { name: `基准测试供应商${i}有限公司`, entityType: 'supplier', creditCode: first17 + creditCodeCheckCharacter(first17), regionCode: '310115', smeSize: 'small', contactName: '测试', contactPhone: '021-00000000', address: '上海市' },
      [{ username: `bench${i}`, displayName: `bench${i}`, roles: ['supplier'], password: DEMO_PASSWORD }],
    );
  }
  await running.close();
}

// 2. The platform as a process, with the test clock at 10:00 on 2 March 2026.
const server = await spawnServer(env);
const client = httpClient(server.baseUrl);
await client.api('PUT', '/api/test/clock', { body: { now: '2026-03-02T02:00:00.000Z' } });
const deadline = shanghaiInstant('2026-03-23', '10:00').toISOString();
const p = await publishProject(client, { deadline, documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), lots: 2, budgetYuan: 6_000_000 });
const lotIds: string[] = ((await client.api('GET', `/api/public/projects/${p.projectId}`)).body.lots as { id: string }[]).map((l) => l.id);
// One key pair for every bench supplier (each registers it): what the bench measures is the upload.
const keyPair = await generateBidKeyPair();
const keyFile = { publicKey: await exportPublicKey(keyPair.publicKey) };
const docId = (await client.api('GET', `/api/public/projects/${p.projectId}/documents`)).body[0].id;

interface Supplier {
  cookie: string;
}
const suppliers: Supplier[] = new Array(N);
let next = 0;
await Promise.all(
  Array.from({ length: SIGN_IN_CONCURRENCY }, async () => {
    for (let i = next++; i < N; i = next++) {
      const cookie = await client.signIn(`bench${i}`);
      await client.api('GET', `/api/projects/${p.projectId}/documents/${docId}/content`, { cookie });
      await client.api('POST', '/api/bid-keys', { cookie, body: { algorithm: 'RSA-OAEP-SHA256', publicKey: keyFile.publicKey } });
      suppliers[i] = { cookie };
    }
  }),
);
log('sealing bids…');
const filler = new Uint8Array(BID_BYTES - 300).map((_, i) => i % 251);
const seal = async (lotId: string, i: number) =>
  sealWithKeyFile({ baseUrl: client.baseUrl, headers: { cookie: suppliers[i]!.cookie } }, keyFile, [
    { name: 'priceSchedule', fileName: '开标一览表.json', bytes: priceSchedule(lotId, 3_000_000 + i) },
    { name: 'file-1', fileName: '响应文件.bin', bytes: filler },
  ]);
const sealed = await Promise.all(suppliers.map((_, i) => seal(lotIds[0]!, i)));

// 3. The surge.
log(`surge: ${N} concurrent 1 MB submissions…`);
const latencies: number[] = [];
let accepted = 0;
const surgeStart = performance.now();
await Promise.all(
  suppliers.map(async (s, i) => {
    const t0 = performance.now();
    await uploadSealed({ baseUrl: client.baseUrl, headers: { cookie: s.cookie } }, { lotId: lotIds[0]!, sealed: sealed[i]!, idempotencyKey: randomUUID() });
    latencies.push(performance.now() - t0);
    accepted++;
  }),
);
const surgeSeconds = (performance.now() - surgeStart) / 1000;

// 4. Baselines on the same bytes, same concurrency.
log('baselines…');
const baselineDir = path.join(dataDir, 'baseline');
await fs.mkdir(baselineDir);
const writeLatencies: number[] = [];
const writeStart = performance.now();
await Promise.all(
  sealed.map(async (s) => {
    const t0 = performance.now();
    for (const part of s.parts) {
      const sha = createHash('sha256').update(part.ciphertext).digest('hex');
      const tmp = path.join(baselineDir, `${randomUUID()}.tmp`);
      const h = await fs.open(tmp, 'w');
      await h.writeFile(part.ciphertext);
      await h.sync();
      await h.close();
      await fs.rename(tmp, path.join(baselineDir, sha));
    }
    const d = await fs.open(baselineDir, 'r');
    await d.sync();
    await d.close();
    writeLatencies.push(performance.now() - t0);
  }),
);
const writeSeconds = (performance.now() - writeStart) / 1000;

const insertLatencies: number[] = [];
let insertSeconds: number;
{
  const rows = sealed.map((s) => JSON.stringify(s.parts.map(({ name, size, sha256 }) => ({ name, size, sha256 }))));
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    await pool.query('CREATE TABLE IF NOT EXISTS bench_bid (id uuid PRIMARY KEY, parts jsonb NOT NULL, received_at timestamptz NOT NULL DEFAULT now())');
    const t = performance.now();
    await Promise.all(rows.map(async (r) => {
      const t0 = performance.now();
      await pool.query('INSERT INTO bench_bid (id, parts) VALUES ($1, $2)', [randomUUID(), r]);
      insertLatencies.push(performance.now() - t0);
    }));
    insertSeconds = (performance.now() - t) / 1000;
    await pool.end();
  } else {
    const db = new PGlite(path.join(dataDir, 'baseline-pglite'));
    await db.exec('CREATE TABLE bench_bid (id uuid PRIMARY KEY, parts jsonb NOT NULL, received_at timestamptz NOT NULL DEFAULT now())');
    const t = performance.now();
    await Promise.all(rows.map(async (r) => {
      const t0 = performance.now();
      await db.query('INSERT INTO bench_bid (id, parts) VALUES ($1, $2)', [randomUUID(), r]);
      insertLatencies.push(performance.now() - t0);
    }));
    insertSeconds = (performance.now() - t) / 1000;
    await db.close();
  }
}

// 5. 1,000 bids opened and decrypted: the second lot gets the other N bids first (not timed).
log('second lot…');
const sealed2 = await Promise.all(suppliers.map((_, i) => seal(lotIds[1]!, i)));
await Promise.all(suppliers.map((s, i) => uploadSealed({ baseUrl: client.baseUrl, headers: { cookie: s.cookie } }, { lotId: lotIds[1]!, sealed: sealed2[i]!, idempotencyKey: randomUUID() })));
await client.api('PUT', '/api/test/clock', { body: { now: deadline } });
for (let i = 0; i < 100 && (await client.api('GET', `/api/public/projects/${p.projectId}`)).body.status !== 'opening'; i++) await new Promise((r) => setTimeout(r, 300));
// Three weeks passed on the server's clock: sign in again.
next = 0;
await Promise.all(
  Array.from({ length: SIGN_IN_CONCURRENCY }, async () => {
    for (let i = next++; i < N; i = next++) suppliers[i]!.cookie = await client.signIn(`bench${i}`);
  }),
);
const decryptions: { lotId: string; cookie: string; bidId: string; key: string }[] = [];
for (const s of suppliers) {
  const mine = (await client.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie: s.cookie })).body as { id: string; lotId: string; wrappedKey: string }[];
  for (const b of mine) decryptions.push({ lotId: b.lotId, cookie: s.cookie, bidId: b.id, key: await unwrapContentKey(keyPair.privateKey, b.wrappedKey) });
}
log(`decrypting ${decryptions.length} bids…`);
const decryptStart = performance.now();
let d = 0;
await Promise.all(
  Array.from({ length: 32 }, async () => {
    for (let i = d++; i < decryptions.length; i = d++) {
      const x = decryptions[i]!;
      const res = await client.api('POST', `/api/lots/${x.lotId}/bids/${x.bidId}/decryption`, { cookie: x.cookie, body: { contentKey: x.key } });
      if (res.body.status !== 'decrypted') throw new Error(JSON.stringify(res.body));
    }
  }),
);
const decryptSeconds = (performance.now() - decryptStart) / 1000;
const status = (await client.api('GET', `/api/public/projects/${p.projectId}`)).body.status;

await server.stop();
await fs.rm(dataDir, { recursive: true, force: true });
await environment.drop();

const kind = databaseUrl ? 'postgres' : 'pglite';
console.log(`\n投标截止高峰基准 / deadline surge — ${kind}, ${N} suppliers × 1 MB, all at once, ${new Date().toISOString()}`);
console.log(`  platform: accepted bids           ${(accepted / surgeSeconds).toFixed(1).padStart(8)} /s   p50 ${percentile(latencies, 50).toFixed(0)} ms   p99 ${percentile(latencies, 99).toFixed(0)} ms to receipt (${surgeSeconds.toFixed(1)} s for ${accepted})`);
console.log(`  baseline: sha256 + write + fsync   ${(N / writeSeconds).toFixed(1).padStart(8)} /s   p50 ${percentile(writeLatencies, 50).toFixed(0)} ms   p99 ${percentile(writeLatencies, 99).toFixed(0)} ms`);
console.log(`  baseline: one plain INSERT per bid ${(N / insertSeconds).toFixed(1).padStart(8)} /s   p50 ${percentile(insertLatencies, 50).toFixed(0)} ms   p99 ${percentile(insertLatencies, 99).toFixed(0)} ms`);
console.log(`  opening: ${decryptions.length} bids decrypted and checked in ${decryptSeconds.toFixed(1)} s (${(decryptions.length / decryptSeconds).toFixed(1)} /s); project ${status}`);
