// npm run bench:auction [-- bidders]   (DATABASE_URL=… to measure a PostgreSQL server)
//
// The last seconds of a live auction (挂牌、拍卖, docs/LISTINGS.md): N qualified bidders (default 200)
// bid over HTTP as fast as they can for 10 seconds of the server's clock, inside the 限时竞价 window
// (N = 10 s, so the end keeps moving), while each of them listens to the live view (server-sent
// events). Printed: accepted bids per second, the p50/p99 time from sending a bid to the moment every
// listening client has seen it (or a later one), and a check that every acknowledged bid is stored at
// the sequence number it was acknowledged with, in ascending order, none lost. Beside it, the same
// machine's baseline measured in this run: one plain INSERT per accepted bid.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createPlatform } from '../src/app';
import { DEMO_PASSWORD } from '../src/demo/demo-accounts';
import { seedDemoData } from '../src/demo/seed-demo';
import { createEntityWithAccounts, completeCreditCode } from '../src/identity';
import { ManualClock } from '../src/platform/clock';
import { loadConfig } from '../src/platform/config';
import { systemContext } from '../src/platform/context';
import { writeSetting } from '../src/platform/settings/settings';
import { listingSettingKey } from '../src/trading/listings/asset-types';
import { demoSignIn, httpClient, type ApiClient } from '../test/support/api-client';
import { serverEnvironment, spawnServer } from '../test/support/server-process';

const N = Number(process.argv[2] ?? 200);
const BURST_MS = 10_000;
const SIGN_IN_CONCURRENCY = 8;
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'yiwang-auction-'));
const environment = await serverEnvironment(dataDir, `yiwang_bench_auction_${process.pid}`, { TEST_CLOCK: '1', DEMO_DATA: '0' });
const { env, databaseUrl } = environment;
const log = (s: string) => process.stderr.write(`${s}\n`);
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function inBatches<T>(items: T[], size: number, work: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  }));
}

// 1. Set-up through the platform's own use cases and API (in this process, on a manual clock):
// N suppliers, a state-owned property listing with a 10-second 限时竞价 window, every bidder
// registered, its deposit in and its qualification confirmed; then the listing period ends.
log(`set-up: ${N} bidders…`);
let listingId = '';
let auctionEndsAt = '';
const clock = new ManualClock('2026-03-02T02:00:00Z');
{
  const running = await createPlatform({ config: loadConfig(env), clock });
  await seedDemoData(running.platform, { projects: false });
  const ctx = systemContext(running.platform);
  await writeSetting(ctx, listingSettingKey('propertyRights', 'extensionSeconds'), 10, 0);
  for (let i = 0; i < N; i++) {
    const first17 = `91310115AU${String(i).padStart(7, '0')}`;
    await createEntityWithAccounts(
      ctx,
      { name: `竞买基准测试${i}有限公司`, entityType: 'supplier', creditCode: completeCreditCode(first17), regionCode: '310115', smeSize: 'small', contactName: '测试', contactPhone: '021-00000000', address: '上海市' },
      [{ username: `bidder${i}`, displayName: `bidder${i}`, roles: ['supplier'], password: DEMO_PASSWORD }],
    );
  }
  const api: ApiClient['api'] = async (method, url, { body, cookie } = {}) => {
    const r = await running.app.inject({ method: method as never, url, headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, payload: body === undefined ? undefined : JSON.stringify(body) });
    const sid = r.cookies.find((c) => c.name === 'sid');
    return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null, cookie: sid ? `sid=${sid.value}` : undefined, headers: {} };
  };
  const signIn = (u: string) => demoSignIn(api, u, DEMO_PASSWORD, () => clock.now());
  const purchaser = await signIn('purchaser');
  const operator = await signIn('operator');
  const created = await api('POST', '/api/listings', {
    cookie: purchaser,
    body: { assetType: 'propertyRights', title: '基准测试：某国有企业股权', description: '基准测试', qualification: '', listedPriceFen: 100_000_000, incrementFen: 100_000, depositFen: 1_000_000, endsOn: '2026-03-30' },
  });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  listingId = created.body.id;
  await inBatches(Array.from({ length: N }, (_, i) => i), 4, async (i) => {
    const cookie = await signIn(`bidder${i}`);
    const r = await api('POST', `/api/listings/${listingId}/bidders`, { cookie });
    await api('POST', `/api/listings/${listingId}/bidders/${r.body.id}/deposit`, { cookie: operator, body: { amountFen: 1_000_000, reference: `BENCH-${i}` } });
    const q = await api('POST', `/api/listings/${listingId}/bidders/${r.body.id}/qualification`, { cookie: purchaser });
    if (q.status !== 200) throw new Error(JSON.stringify(q.body));
  });
  clock.set('2026-03-30T16:00:00.000Z');
  await running.jobs.runDue();
  const view = await api('GET', `/api/listings/${listingId}`, { cookie: await signIn('purchaser') });
  if (view.body.status !== 'auction') throw new Error(`not in auction: ${view.body.status}`);
  auctionEndsAt = view.body.auction.endsAt;
  await running.close();
}

// 2. The platform as a process; its clock 10 s before the end of the auction.
const server = await spawnServer(env);
process.once('uncaughtException', () => log(server.output().slice(-5000)));
const client = httpClient(server.baseUrl);
const burstStart = Date.parse(auctionEndsAt) - BURST_MS;
await client.api('PUT', '/api/test/clock', { body: { now: new Date(burstStart - 60_000).toISOString() } });
log('sign-in and live views…');
const cookies: string[] = new Array(N);
await inBatches(Array.from({ length: N }, (_, i) => i), SIGN_IN_CONCURRENCY, async (i) => {
  cookies[i] = await client.signIn(`bidder${i}`);
});

// Each bidder listens: the highest sequence it has seen, and when it saw each.
const seenAt: Map<number, number>[] = Array.from({ length: N }, () => new Map());
const latest = Array.from({ length: N }, () => ({ seq: 0, priceFen: 0, minimumNextFen: 100_000_000 }));
const streams: AbortController[] = [];
await Promise.all(Array.from({ length: N }, async (_, i) => {
  const abort = new AbortController();
  streams.push(abort);
  const res = await fetch(`${server.baseUrl}/api/listings/${listingId}/live`, { headers: { cookie: cookies[i]! }, signal: abort.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ready!: () => void;
  const first = new Promise<void>((r) => (ready = r));
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (!block.startsWith('event: state')) continue;
          const data = JSON.parse(block.slice(block.indexOf('data: ') + 6));
          const now = performance.now();
          if (data.seq > latest[i]!.seq) {
            for (let s = latest[i]!.seq + 1; s <= data.seq; s++) seenAt[i]!.set(s, now);
            latest[i] = { seq: data.seq, priceFen: data.currentPriceFen ?? 0, minimumNextFen: data.minimumNextFen };
          }
          ready();
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  await first;
}));

// 3. The burst: the server's clock follows real time through the last 10 seconds (and the extensions).
log(`burst: ${N} bidders for ${BURST_MS / 1000} s…`);
await client.api('PUT', '/api/test/clock', { body: { now: new Date(burstStart).toISOString() } });
const t0 = performance.now();
let ticking = true;
const ticker = (async () => {
  while (ticking) {
    await new Promise((r) => setTimeout(r, 100));
    await client.api('PUT', '/api/test/clock', { body: { now: new Date(burstStart + (performance.now() - t0)).toISOString() } });
  }
})();
const acks: { seq: number; bidderNo: string; amountFen: number; sentAt: number }[] = [];
const refusals: Record<string, number> = {};
await Promise.all(Array.from({ length: N }, async (_, i) => {
  while (performance.now() - t0 < BURST_MS) {
    const viewed = latest[i]!.seq;
    const amountFen = latest[i]!.minimumNextFen + 100_000 * Math.floor(Math.random() * 3);
    const sentAt = performance.now();
    const r = await client.api('POST', `/api/listings/${listingId}/bids`, { cookie: cookies[i], body: { amountFen } });
    if (r.status === 201) acks.push({ seq: r.body.seq, bidderNo: r.body.bidderNo, amountFen, sentAt });
    else refusals[r.body.code] = (refusals[r.body.code] ?? 0) + 1;
    // A bidder reads the live price before its next bid: after its own bid, until its view shows it; after a
    // refusal, until its view shows a newer price than the one it bid on (at most 1 s either way).
    const waitFor = r.status === 201 ? r.body.seq : viewed + 1;
    const waitUntil = performance.now() + 1000;
    while (latest[i]!.seq < waitFor && performance.now() < waitUntil) await new Promise((res) => setTimeout(res, 5));
  }
}));
const burstSeconds = (performance.now() - t0) / 1000;
ticking = false;
await ticker;
// Let every view catch up (at most 5 s).
const lastSeq = Math.max(0, ...acks.map((a) => a.seq));
for (const until = performance.now() + 5000; performance.now() < until && latest.some((l) => l.seq < lastSeq); ) await new Promise((r) => setTimeout(r, 20));
for (const s of streams) s.abort();

// 4. Checks: what the server stored against what it acknowledged.
const purchaser = await client.signIn('purchaser');
const stored: { seq: number; bidderNo: string; amountFen: number }[] = (await client.api('GET', `/api/listings/${listingId}`, { cookie: purchaser })).body.bids;
const bySeq = new Map(stored.map((b) => [b.seq, b]));
const lost = acks.filter((a) => { const s = bySeq.get(a.seq); return !s || s.bidderNo !== a.bidderNo || s.amountFen !== a.amountFen; });
const contiguous = stored.every((b, k) => b.seq === k + 1);
const ascending = stored.every((b, k) => k === 0 || b.amountFen > stored[k - 1]!.amountFen);
const latencies = acks.map((a) => Math.max(...seenAt.map((m) => m.get(a.seq) ?? Number.POSITIVE_INFINITY)) - a.sentAt);
const unseen = latencies.filter((l) => !Number.isFinite(l)).length;
const finite = latencies.filter(Number.isFinite);
await server.stop();

// 5. Baseline: one plain INSERT per accepted bid, as many at once as the bidders.
const insertLatencies: number[] = [];
let insertSeconds: number;
if (databaseUrl) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_bid (id uuid PRIMARY KEY, listing_id uuid NOT NULL, seq int NOT NULL, amount_fen bigint NOT NULL, at timestamptz NOT NULL DEFAULT now())');
  const t = performance.now();
  await Promise.all(acks.map(async (a) => {
    const s = performance.now();
    await pool.query('INSERT INTO bench_bid (id, listing_id, seq, amount_fen) VALUES ($1, $2, $3, $4)', [randomUUID(), listingId, a.seq, a.amountFen]);
    insertLatencies.push(performance.now() - s);
  }));
  insertSeconds = (performance.now() - t) / 1000;
  await pool.end();
} else {
  const db = new PGlite(path.join(dataDir, 'baseline-pglite'));
  await db.exec('CREATE TABLE bench_bid (id uuid PRIMARY KEY, listing_id uuid NOT NULL, seq int NOT NULL, amount_fen bigint NOT NULL, at timestamptz NOT NULL DEFAULT now())');
  const t = performance.now();
  await Promise.all(acks.map(async (a) => {
    const s = performance.now();
    await db.query('INSERT INTO bench_bid (id, listing_id, seq, amount_fen) VALUES ($1, $2, $3, $4)', [randomUUID(), listingId, a.seq, a.amountFen]);
    insertLatencies.push(performance.now() - s);
  }));
  insertSeconds = (performance.now() - t) / 1000;
  await db.close();
}
await environment.drop();
await fs.rm(dataDir, { recursive: true, force: true });

console.log(`bench:auction — ${N} bidders, ${BURST_MS / 1000} s of 限时竞价 (N = 10 s), ${N} live views, ${databaseUrl ? 'PostgreSQL' : 'PGlite'}`);
console.log(`  accepted bids            ${acks.length}   (${(acks.length / burstSeconds).toFixed(1)} /s)   refused: ${JSON.stringify(refusals)}`);
console.log(`  bid → every view saw it  p50 ${percentile(finite, 50).toFixed(0)} ms   p99 ${percentile(finite, 99).toFixed(0)} ms   (never seen by some view: ${unseen})`);
console.log(`  stored ${stored.length} bids, seq 1..${stored.length} contiguous: ${contiguous}, amounts ascending: ${ascending}, acknowledged but lost or changed: ${lost.length}`);
console.log(`  baseline: one plain INSERT per bid ${(acks.length / insertSeconds).toFixed(1)} /s   p50 ${percentile(insertLatencies, 50).toFixed(1)} ms   p99 ${percentile(insertLatencies, 99).toFixed(1)} ms`);
if (lost.length > 0 || !contiguous || !ascending || stored.length !== acks.length) process.exitCode = 1;
process.exit();
