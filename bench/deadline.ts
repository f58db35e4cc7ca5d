// npm run bench:deadline [-- suppliers] [--processes 1,2]   (DATABASE_URL=… to measure a PostgreSQL server)
//
// The deadline surge: N suppliers (default 500) submit 1 MB sealed bids at the same moment to a
// running platform (WEB_CONCURRENCY API processes, default 1 and then 2); printed beside the same
// machine's baselines measured in this run:
//   - hashing and durably writing the same bytes with plain Node (sha256, write, fsync, rename);
//   - Node's own http server receiving the same parts, hashing and durably writing them
//     (bench/naive-receiver.ts): HTTP's own cost, with no database and no checks;
//   - a plain INSERT per bid.
// Then 2N bids (two lots) are opened and decrypted, beside a raw AES-256-GCM decrypt and SHA-256 of
// the same bytes on one thread. Also printed: statements sent to the database per bid (one process)
// the server's peak memory (resident set, all its processes) during the surge, and the CPU each bid
// cost the platform, PostgreSQL and the benchmark's own client.
// Sealing happens before the clock starts (it is the browsers' work); the suppliers share one RSA
// key pair to keep the set-up short (the server's work does not depend on it).
import { createDecipheriv, createHash, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createPlatform } from '../src/app';
import { DEMO_PASSWORD } from '../src/demo/demo-accounts';
import { seedDemoData } from '../src/demo/seed-demo';
import { createEntityWithAccounts, completeCreditCode } from '../src/identity';
import { shanghaiInstant } from '../src/platform/calendar/calendar';
import { ManualClock } from '../src/platform/clock';
import { loadConfig } from '../src/platform/config';
import { systemContext } from '../src/platform/context';
import { sealWithKeyFile, uploadSealed } from '../src/trading/bids/bid-client';
import { exportPublicKey, generateBidKeyPair, unwrapContentKey } from '../src/trading/bids/sealing';
import { httpClient } from '../test/support/api-client';
import { serverEnvironment, spawnServer } from '../test/support/server-process';
import { priceSchedule, publishProject } from '../test/support/tendering';
import { cpuMsOf, postgresPids } from './cpu';

const args = process.argv.slice(2);
const flag = args.indexOf('--processes');
const processCounts = (flag >= 0 ? args.splice(flag, 2)[1]! : '1,2').split(',').map(Number);
const N = Number(args[0] ?? 500);
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
      { name: `基准测试供应商${i}有限公司`, entityType: 'supplier', creditCode: completeCreditCode(first17), regionCode: '310115', smeSize: 'small', contactName: '测试', contactPhone: '021-00000000', address: '上海市' },
      [{ username: `bench${i}`, displayName: `bench${i}`, roles: ['supplier'], password: DEMO_PASSWORD }],
    );
  }
  await running.close();
}

// The server's processes: the process and, under WEB_CONCURRENCY, its workers (Linux /proc).
const serverPids = (pid: number) => [pid, ...readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)];

// Its peak resident memory.
function peakRssBytes(pid: number): number {
  const hwm = (p: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  return serverPids(pid).reduce((sum, p) => sum + hwm(p), 0);
}

// Where the machine's CPU went during the surge: the server's processes, the PostgreSQL server's
// (every process named postgres: run on a quiet machine), and this client. On two cores the three
// share what the baseline has to itself.
interface CpuPerBid { server: number; database: number | null; client: number }
function cpuMeter(server: () => number[]) {
  const before = { server: cpuMsOf(server()), database: databaseUrl ? cpuMsOf(postgresPids()) : 0, client: process.cpuUsage() };
  return {
    perBid(bids: number): CpuPerBid {
      const client = process.cpuUsage(before.client);
      return {
        server: (cpuMsOf(server()) - before.server) / bids,
        database: databaseUrl ? (cpuMsOf(postgresPids()) - before.database) / bids : null,
        client: (client.user + client.system) / 1000 / bids,
      };
    },
  };
}

// One key pair for every bench supplier (each registers it): what the bench measures is the upload.
const keyPair = await generateBidKeyPair();
const keyFile = { publicKey: await exportPublicKey(keyPair.publicKey) };
const filler = new Uint8Array(BID_BYTES - 300).map((_, i) => i % 251);
const kind = databaseUrl ? 'postgres' : 'pglite';

interface Round {
  processes: number;
  surgeSeconds: number;
  latencies: number[];
  accepted: number;
  statementsPerBid: number | null;
  peakRss: number;
  cpu: CpuPerBid;
  decrypted: number;
  decryptSeconds: number;
  rawDecryptSeconds: number;
  status: string;
}
const rounds: Round[] = [];
// The baselines write and insert the first round's bids.
let baselineBids: Awaited<ReturnType<typeof sealWithKeyFile>>[] = [];
// Each round on a fresh project, four weeks after the last (Mondays, so the documents period ends on a working day).
const roundStarts = ['2026-03-02', '2026-03-30', '2026-04-27'];

for (const processes of processCounts) {
  if (processes > 1 && !databaseUrl) {
    log(`PGlite runs one process: --processes ${processes} skipped`);
    continue;
  }
  // 2. The platform as a process (or a cluster of them), with the test clock at 10:00 on a Monday.
  const server = await spawnServer({ ...env, WEB_CONCURRENCY: String(processes) });
  // A failure mid-run shows what the server said about it.
  process.once('uncaughtException', () => log(server.output().slice(-5000)));
  process.once('unhandledRejection', () => log(server.output().slice(-5000)));
  const client = httpClient(server.baseUrl);
  const start = shanghaiInstant(roundStarts[rounds.length]!, '10:00');
  await client.api('PUT', '/api/test/clock', { body: { now: start.toISOString() } });
  const deadline = new Date(start.getTime() + 21 * 86_400_000).toISOString();
  const p = await publishProject(client, { deadline, documentsUntil: new Date(start.getTime() + 11 * 86_400_000 + 7 * 3_600_000).toISOString(), lots: 2, budgetYuan: 6_000_000 });
  const lotIds: string[] = ((await client.api('GET', `/api/public/projects/${p.projectId}`)).body.lots as { id: string }[]).map((l) => l.id);
  const docId = (await client.api('GET', `/api/public/projects/${p.projectId}/documents`)).body[0].id;

  const cookies: string[] = new Array(N);
  let next = 0;
  await Promise.all(
    Array.from({ length: SIGN_IN_CONCURRENCY }, async () => {
      for (let i = next++; i < N; i = next++) {
        const cookie = await client.signIn(`bench${i}`);
        await client.api('GET', `/api/projects/${p.projectId}/documents/${docId}/content`, { cookie });
        if (rounds.length === 0) await client.api('POST', '/api/bid-keys', { cookie, body: { algorithm: 'RSA-OAEP-SHA256', publicKey: keyFile.publicKey } });
        cookies[i] = cookie;
      }
    }),
  );
  log(`${processes} process(es): sealing bids…`);
  const seal = async (lotId: string, i: number) =>
    sealWithKeyFile({ baseUrl: client.baseUrl, headers: { cookie: cookies[i]! } }, keyFile, [
      { name: 'priceSchedule', fileName: '开标一览表.json', bytes: priceSchedule(lotId, 3_000_000 + i) },
      { name: 'file-1', fileName: '响应文件.bin', bytes: filler },
    ]);
  const sealed = await Promise.all(cookies.map((_, i) => seal(lotIds[0]!, i)));
  if (rounds.length === 0) baselineBids = sealed;

  // 3. The surge.
  log(`${processes} process(es): surge of ${N} concurrent 1 MB submissions…`);
  const statementsBefore = (await client.api('GET', '/api/test/stats')).body.statements as number;
  const latencies: number[] = [];
  let accepted = 0;
  const cpu = cpuMeter(() => serverPids(server.process.pid!));
  const surgeStart = performance.now();
  await Promise.all(
    cookies.map(async (cookie, i) => {
      const t0 = performance.now();
      await uploadSealed({ baseUrl: client.baseUrl, headers: { cookie } }, { lotId: lotIds[0]!, sealed: sealed[i]!, idempotencyKey: randomUUID() });
      latencies.push(performance.now() - t0);
      accepted++;
    }),
  );
  const surgeSeconds = (performance.now() - surgeStart) / 1000;
  const cpuPerBid = cpu.perBid(N);
  // With one process every statement of the surge was sent by the process that answers (less this request's own).
  const statementsPerBid = processes === 1 ? ((await client.api('GET', '/api/test/stats')).body.statements - statementsBefore) / N : null;
  const peakRss = peakRssBytes(server.process.pid!);

  // 5. 2N bids opened and decrypted: the second lot gets the other N bids first (not timed).
  log(`${processes} process(es): second lot…`);
  const sealed2 = await Promise.all(cookies.map((_, i) => seal(lotIds[1]!, i)));
  await Promise.all(cookies.map((cookie, i) => uploadSealed({ baseUrl: client.baseUrl, headers: { cookie } }, { lotId: lotIds[1]!, sealed: sealed2[i]!, idempotencyKey: randomUUID() })));
  await client.api('PUT', '/api/test/clock', { body: { now: deadline } });
  for (let i = 0; i < 100 && (await client.api('GET', `/api/public/projects/${p.projectId}`)).body.status !== 'opening'; i++) await new Promise((r) => setTimeout(r, 300));
  // Three weeks passed on the server's clock: sign in again.
  next = 0;
  await Promise.all(
    Array.from({ length: SIGN_IN_CONCURRENCY }, async () => {
      for (let i = next++; i < N; i = next++) cookies[i] = await client.signIn(`bench${i}`);
    }),
  );
  const decryptions: { lotId: string; cookie: string; bidId: string; key: string; parts: { iv: string; sha256: string; ciphertext: Uint8Array }[] }[] = [];
  for (const [i, cookie] of cookies.entries()) {
    const mine = (await client.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie })).body as { id: string; lotId: string; wrappedKey: string; parts: { sha256: string }[] }[];
    for (const b of mine) {
      const own = (b.lotId === lotIds[0] ? sealed : sealed2)[i]!;
      decryptions.push({ lotId: b.lotId, cookie, bidId: b.id, key: await unwrapContentKey(keyPair.privateKey, b.wrappedKey), parts: own.parts });
    }
  }
  log(`${processes} process(es): decrypting ${decryptions.length} bids…`);
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
  const status = (await client.api('GET', `/api/public/projects/${p.projectId}`)).body.status as string;
  await server.stop();

  // The opening's baseline: the same bytes hashed and decrypted on one thread, nothing else.
  const rawStart = performance.now();
  for (const x of decryptions) {
    const key = Buffer.from(x.key, 'base64');
    for (const part of x.parts) {
      if (createHash('sha256').update(part.ciphertext).digest('hex') !== part.sha256) throw new Error('hash');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(part.iv, 'base64'));
      decipher.setAuthTag(part.ciphertext.subarray(part.ciphertext.length - 16));
      decipher.update(part.ciphertext.subarray(0, part.ciphertext.length - 16));
      decipher.final();
    }
  }
  const rawDecryptSeconds = (performance.now() - rawStart) / 1000;
  rounds.push({ processes, surgeSeconds, latencies, accepted, statementsPerBid, peakRss, cpu: cpuPerBid, decrypted: decryptions.length, decryptSeconds, rawDecryptSeconds, status });
}

// 4. Baselines on the same bytes, same concurrency.
log('baselines…');
const sealed = baselineBids;
const baselineDir = path.join(dataDir, 'baseline');
await fs.mkdir(baselineDir);

// The naive HTTP receiver (bench/naive-receiver.ts) in a process of its own, as the platform is:
// each bid's parts PUT one after the other, all bids at once, as the platform's client sends them.
const naive = await (async () => {
  const dir = path.join(dataDir, 'naive');
  await fs.mkdir(dir);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'naive-receiver.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
  const latencies: number[] = [];
  const cpu = cpuMeter(() => [child.pid!]);
  const t = performance.now();
  await Promise.all(
    sealed.map(async (s) => {
      const t0 = performance.now();
      for (const part of s.parts) {
        const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: part.ciphertext });
        if ((await response.json()).sha256 !== part.sha256) throw new Error('naive receiver: hash');
      }
      latencies.push(performance.now() - t0);
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  const used = cpu.perBid(N);
  child.kill();
  return { seconds, latencies, used };
})();

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

await fs.rm(dataDir, { recursive: true, force: true });
await environment.drop();

const writeRate = N / writeSeconds;
const ms = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)} ms`);
const writeP99 = percentile(writeLatencies, 99);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(`\n投标截止高峰基准 / deadline surge — ${kind}, ${N} suppliers × 1 MB, all at once, ${new Date().toISOString()}`);
console.log(`  baseline: sha256 + write + fsync   ${writeRate.toFixed(1).padStart(8)} /s   p50 ${percentile(writeLatencies, 50).toFixed(0)} ms   p99 ${writeP99.toFixed(0)} ms`);
console.log(`  baseline: Node http + sha256 + write + fsync ${(N / naive.seconds).toFixed(1).padStart(8)} /s   p50 ${percentile(naive.latencies, 50).toFixed(0)} ms   p99 ${percentile(naive.latencies, 99).toFixed(0)} ms   (2 requests per bid, no database; CPU per bid: receiver ${ms(naive.used.server)}, client ${ms(naive.used.client)})`);
console.log(`  baseline: one plain INSERT per bid ${(N / insertSeconds).toFixed(1).padStart(8)} /s   p50 ${percentile(insertLatencies, 50).toFixed(0)} ms   p99 ${percentile(insertLatencies, 99).toFixed(0)} ms`);
for (const r of rounds) {
  const rate = r.accepted / r.surgeSeconds;
  const p99 = percentile(r.latencies, 99);
  console.log(`  ${r.processes} process${r.processes > 1 ? 'es' : ''}:`);
  console.log(`    accepted bids          ${rate.toFixed(1).padStart(8)} /s   p50 ${percentile(r.latencies, 50).toFixed(0)} ms   p99 ${p99.toFixed(0)} ms to receipt (${r.surgeSeconds.toFixed(1)} s for ${r.accepted})`);
  console.log(`    against the baseline   throughput ${((100 * rate) / writeRate).toFixed(0)} %   p99 ${(p99 / writeP99).toFixed(2)} ×`);
  console.log(`    CPU per bid            platform ${ms(r.cpu.server)}, PostgreSQL ${databaseUrl ? ms(r.cpu.database) : '(inside the platform)'}, bench client ${ms(r.cpu.client)}; the machine has ${os.availableParallelism()} cores`);
  console.log(`    statements per bid     ${r.statementsPerBid === null ? '— (counted with one process)' : r.statementsPerBid.toFixed(1)}`);
  console.log(`    peak memory (RSS)      ${mb(r.peakRss)} during the surge, all processes`);
  console.log(`    opening                ${r.decrypted} bids decrypted and checked in ${r.decryptSeconds.toFixed(2)} s; raw decrypt + SHA-256 of the same bytes ${r.rawDecryptSeconds.toFixed(2)} s (${(r.decryptSeconds / r.rawDecryptSeconds).toFixed(1)} ×); project ${r.status}`);
}
