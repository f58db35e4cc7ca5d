import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApiKey } from '../../src/identity/api-keys/api-keys';
import { signedFetch, type SubPlatformKey } from '../../src/demo/subplatform/sync-client';
import { queryRows } from '../../src/platform/database/database';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * The change feed under concurrent writers (issue 15): Prozorro's feed once lost objects because
 * it ordered changes by start time while writes overlapped. Four sub-platform writers push at a
 * steady ≥ 100 changes a second for FEED_RACE_SECONDS (60 by default) while three readers follow
 * `GET /api/feed?after=CURSOR`. Every reader must see every committed change exactly once, in
 * commit order, with nothing appearing behind its cursor later.
 */
const SECONDS = Number(process.env.FEED_RACE_SECONDS ?? 60);
const WRITERS = 4;
const RATE = 120; // changes a second, all writers together
const PER_BATCH = 5;

let t: TestPlatform;
let key: SubPlatformKey;
let buyer = '';

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true, now: '2026-06-01T02:00:00.000Z' });
  key = (await demoApiKey(t.platform.database.db, t.platform.sealer, 'subPlatform'))!;
  buyer = (await queryRows<{ credit_code: string }>(t.platform.database.db, sql`SELECT credit_code FROM entity WHERE name = '上海市公路事务中心'`))[0]!.credit_code;
}, 120_000);
afterAll(() => t?.close());

const release = (writer: number, n: number, k: number) => ({
  ocid: `ocds-shjs01-RACE-${writer}-${n}-${k}`,
  id: '1',
  date: '2026-05-01T00:00:00Z',
  tag: ['tender'],
  initiationType: 'tender',
  regionCode: '310000',
  tradingPlatform: 'P02',
  buyer: { id: `CN-USCC-${buyer}`, name: '上海市公路事务中心' },
  parties: [{ id: `CN-USCC-${buyer}`, name: '上海市公路事务中心', identifier: { scheme: 'CN-USCC', id: buyer }, roles: ['buyer'] }],
  tender: { id: `RACE-${writer}-${n}-${k}`, title: `竞速测试 ${writer}-${n}-${k}`, status: 'active', value: { amount: 1000 + n, currency: 'CNY' } },
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the change feed under concurrent writers', () => {
  it(`gives three readers every change once and in commit order while ${WRITERS} writers push ≥ 100 changes a second`, async () => {
    const until = Date.now() + SECONDS * 1000;
    let written = 0;
    // Each writer paces itself to its share of the rate, sending its next batch as soon as it is due.
    const interval = (1000 * PER_BATCH * WRITERS) / RATE;
    const writer = async (w: number) => {
      for (let n = 0, next = Date.now(); Date.now() < until; n++) {
        const res = await signedFetch(t.baseUrl, key, 'POST', '/api/sync/releases', { releases: Array.from({ length: PER_BATCH }, (_, k) => release(w, n, k)) }, t.clock.now());
        if (res.status !== 200) throw new Error(JSON.stringify(res.body));
        written += PER_BATCH;
        next += interval;
        await sleep(Math.max(0, next - Date.now()));
      }
    };
    let writing = true;
    const reader = async () => {
      const seen: number[] = [];
      let after = 0;
      let livePages = 0;
      for (;;) {
        const page = (await (await fetch(`${t.baseUrl}/api/feed?after=${after}&limit=200`)).json()) as { next: number; changes: { seq: number }[] };
        seen.push(...page.changes.map((c) => c.seq));
        if (writing && page.changes.length) livePages++;
        if (!writing && page.changes.length === 0) return { seen, livePages };
        after = page.next;
        if (page.changes.length < 200) await sleep(20);
      }
    };
    const readers = [reader(), reader(), reader()];
    const started = Date.now();
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    const rate = written / ((Date.now() - started) / 1000);
    writing = false;
    const results = await Promise.all(readers);

    const committed = (await queryRows<{ seq: number }>(t.platform.database.db, sql`SELECT seq::int AS seq FROM ocds_release ORDER BY seq`)).map((r) => r.seq);
    console.info(`feed race: ${written} changes by ${WRITERS} writers in ${SECONDS} s (${rate.toFixed(0)} a second); readers saw ${results.map((r) => r.seen.length).join(', ')} (pages read while writing: ${results.map((r) => r.livePages).join(', ')})`);
    expect(committed.length).toBe(written);
    for (const { seen, livePages } of results) {
      expect(livePages).toBeGreaterThan(0); // the readers followed the feed while it was being written
      expect(seen).toEqual(committed); // nothing missed, nothing repeated, in commit order
    }
  }, (SECONDS + 120) * 1000);
});
