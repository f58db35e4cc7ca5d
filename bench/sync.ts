// npm run bench:sync [-- --releases 10000] [--batch 500] [--writers 4]
//   (DATABASE_URL=… to measure a PostgreSQL server; PGlite in a temporary directory otherwise)
//
// The sub-platform sync and the change feed (issue 15), each figure beside a baseline measured in
// the same run on the same database through the same driver:
//   1. sync: `releases` releases of works tenders (a tender and an award release each) sent over HTTP
//      to POST /api/sync/releases in signed batches of `batch` by `writers` concurrent sub-platform
//      clients: schema and rule checks, the feed lock, the append, each procurement recompiled,
//      one audit entry per batch. Baseline: the same releases as plain INSERTs of (ocid, id, jsonb)
//      into a plain table, one transaction per batch, same concurrency, no checks.
//   2. a retry of everything (all duplicates: answered without a write).
//   3. the feed: a reader following GET /api/feed?after=… in pages of 1,000 over HTTP until it has
//      every change. Baseline: the same rows by SELECT … WHERE seq > $1 ORDER BY seq LIMIT 1000.
// The demo set-up is not timed. The figures go to stdout as JSON.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createPlatform } from '../src/app';
import { seedDemoData } from '../src/demo/seed-demo';
import { signedFetch } from '../src/demo/subplatform/sync-client';
import { worksTenderReleases } from '../src/demo/subplatform/works-releases';
import { completeCreditCode } from '../src/identity';
import { demoApiKey } from '../src/identity/api-keys/api-keys';
import { ManualClock } from '../src/platform/clock';
import { loadConfig } from '../src/platform/config';
import { queryRows } from '../src/platform/database/database';
import { serverEnvironment } from '../test/support/server-process';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const RELEASES = option('releases', 10_000);
const BATCH = option('batch', 500);
const WRITERS = option('writers', 4);
const log = (s: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s}\n`);
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'yiwang-sync-'));
const environment = await serverEnvironment(dataDir, `yiwang_bench_sync_${process.pid}`, { TEST_CLOCK: '1', DEMO_DATA: '0' });
const config = loadConfig(environment.env);
const kind = config.databaseUrl ? 'postgres' : 'pglite';
const clock = new ManualClock('2026-06-01T02:00:00Z');
const running = await createPlatform({ config, clock });
const { platform } = running;
const db = platform.database.db;
await seedDemoData(platform, { projects: false });
await running.app.listen({ port: 0, host: '127.0.0.1' });
const address = running.app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const key = (await demoApiKey(db, platform.sealer, 'subPlatform'))!;
const buyerCode = (await queryRows<{ credit_code: string }>(db, sql`SELECT credit_code FROM entity WHERE name = '上海市公路事务中心'`))[0]!.credit_code;

const contractor = (n: number) => {
  const first17 = `91310100M${String(n).padStart(8, '0')}`;
  return { name: `上海第${n}市政养护有限公司`, creditCode: completeCreditCode(first17) };
};
const releases: Record<string, unknown>[] = [];
for (let n = 0; releases.length < RELEASES; n++) {
  const [tender, award] = worksTenderReleases({
    prefix: 'ocds-shjs01',
    number: `BENCH-${n}`,
    title: `公路养护工程（第${n}标段）`,
    buyer: { name: '上海市公路事务中心', creditCode: buyerCode },
    bidders: [0, 1, 2].map((k) => ({ ...contractor(n * 3 + k), priceFen: 10_000_000 + ((n * 7 + k * 13) % 97) * 1000 })),
    winner: contractor(n * 3).creditCode,
    budgetFen: 12_000_000,
    publishedAt: new Date(Date.parse('2026-01-05T01:00:00Z') + (n % 100) * 86_400_000).toISOString(),
  });
  releases.push(tender!, award!);
}
const batches: Record<string, unknown>[][] = [];
for (let i = 0; i < releases.length; i += BATCH) batches.push(releases.slice(i, i + BATCH));

/** Runs `work` over the batches with `WRITERS` concurrent workers; returns seconds and per-batch latencies. */
async function concurrently(work: (batch: Record<string, unknown>[], index: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let i = next++; i < batches.length; i = next++) {
        const t = performance.now();
        await work(batches[i]!, i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { seconds: seconds(t0), latencies };
}

log(`${kind}: syncing ${releases.length} releases in ${batches.length} batches of ${BATCH}, ${WRITERS} writers`);
const sync = await concurrently(async (batch) => {
  const res = await signedFetch(base, key, 'POST', '/api/sync/releases', { releases: batch }, clock.now());
  if (res.status !== 200 || res.body.accepted !== batch.length) throw new Error(`sync: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
});
log(`sync: ${sync.seconds.toFixed(1)} s`);
const retry = await concurrently(async (batch) => {
  const res = await signedFetch(base, key, 'POST', '/api/sync/releases', { releases: batch }, clock.now());
  if (res.status !== 200 || res.body.duplicates !== batch.length) throw new Error(`retry: ${res.status}`);
});

await platform.database.execAsOwner(
  `CREATE TABLE bench_sync_baseline (seq bigserial PRIMARY KEY, ocid text NOT NULL, release_id text NOT NULL, release jsonb NOT NULL, UNIQUE (ocid, release_id)); GRANT ALL ON bench_sync_baseline, bench_sync_baseline_seq_seq TO ${config.appRole}`,
);
const baseline = await concurrently(async (batch) => {
  await db.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO bench_sync_baseline (ocid, release_id, release) SELECT r->>'ocid', r->>'id', r FROM jsonb_array_elements(${JSON.stringify(batch)}::jsonb) r`);
  });
});
log(`baseline: ${baseline.seconds.toFixed(1)} s`);

let t = performance.now();
let after = 0;
let read = 0;
for (;;) {
  const page = (await (await fetch(`${base}/api/feed?after=${after}&limit=1000`)).json()) as { next: number; changes: unknown[] };
  if (page.changes.length === 0) break;
  read += page.changes.length;
  after = page.next;
}
const feedSeconds = seconds(t);
t = performance.now();
let rawRead = 0;
for (let cursor = 0; ; ) {
  const rows = await queryRows<{ seq: number; release: unknown }>(db, sql`SELECT seq::int AS seq, release FROM ocds_release WHERE seq > ${cursor} ORDER BY seq LIMIT 1000`);
  if (rows.length === 0) break;
  rawRead += rows.length;
  cursor = rows.at(-1)!.seq;
}
const rawSeconds = seconds(t);

const result = {
  database: kind,
  releases: releases.length,
  batch: BATCH,
  writers: WRITERS,
  sync: { seconds: +sync.seconds.toFixed(2), releasesPerSecond: Math.round(releases.length / sync.seconds), batchP50Ms: Math.round(percentile(sync.latencies, 50)), batchP99Ms: Math.round(percentile(sync.latencies, 99)) },
  retryAllDuplicates: { seconds: +retry.seconds.toFixed(2), releasesPerSecond: Math.round(releases.length / retry.seconds) },
  baselinePlainInsert: { seconds: +baseline.seconds.toFixed(2), releasesPerSecond: Math.round(releases.length / baseline.seconds) },
  feed: { changes: read, seconds: +feedSeconds.toFixed(2), changesPerSecond: Math.round(read / feedSeconds) },
  baselineRawSelect: { rows: rawRead, seconds: +rawSeconds.toFixed(2), rowsPerSecond: Math.round(rawRead / rawSeconds) },
};
console.log(JSON.stringify(result, null, 2));
await running.close();
await environment.drop();
await fs.rm(dataDir, { recursive: true, force: true });
