import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoSignIn, httpClient, type ApiClient } from '../support/api-client';
import { serverEnvironment, spawnServer, type ServerEnvironment, type ServerProcess } from '../support/server-process';

/**
 * A platform process killed (SIGKILL) while three bidders bid as fast as they can: after the restart
 * every acknowledged bid is stored at the sequence number it was acknowledged with, and the auction
 * resumes with the same highest bid and the same end (docs/LISTINGS.md, "Bids and the clock").
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-auction-crash-'));
let environment: ServerEnvironment | undefined;
let server: ServerProcess | null = null;

afterAll(async () => {
  await server?.stop('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
  await environment?.drop();
});

const BIDDERS = ['supplier1', 'supplier2', 'supplier3'];

describe('a server killed in the middle of an auction', () => {
  it('resumes with every acknowledged bid, the same highest bid and the same end', async () => {
    environment = await serverEnvironment(dataDir, `yiwang_auction_crash_${process.pid}`, { TEST_CLOCK: '1' });
    server = await spawnServer(environment.env, 300_000);
    let client: ApiClient = httpClient(server.baseUrl);
    // The one-time codes follow the server's clock.
    let serverNow = '2026-03-02T02:00:00.000Z';
    const setClock = async (now: string) => {
      serverNow = now;
      await client.api('PUT', '/api/test/clock', { body: { now } });
    };
    const signIn = (u: string) => demoSignIn(client.api, u, undefined, () => new Date(serverNow));
    await setClock(serverNow);
    const cookies: Record<string, string> = {};
    for (const u of ['purchaser', 'operator', ...BIDDERS]) cookies[u] = await signIn(u);
    const created = await client.api('POST', '/api/listings', {
      cookie: cookies.purchaser,
      body: { assetType: 'propertyRights', title: '某国有企业持有的物流公司股权', description: '51%股权', qualification: '', listedPriceFen: 50_000_000, incrementFen: 500_000, depositFen: 5_000_000, endsOn: '2026-03-30' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    for (const u of BIDDERS) {
      const r = await client.api('POST', `/api/listings/${id}/bidders`, { cookie: cookies[u] });
      await client.api('POST', `/api/listings/${id}/bidders/${r.body.id}/deposit`, { cookie: cookies.operator, body: { amountFen: 5_000_000, reference: `CRASH-${u}` } });
      expect((await client.api('POST', `/api/listings/${id}/bidders/${r.body.id}/qualification`, { cookie: cookies.purchaser })).status).toBe(200);
    }
    await setClock('2026-03-30T16:00:00.000Z');
    for (const u of ['purchaser', ...BIDDERS]) cookies[u] = await signIn(u);
    // The listing's job starts the auction within a second or two of the end of the listing.
    let started = await client.api('GET', `/api/listings/${id}`, { cookie: cookies.purchaser });
    for (const until = Date.now() + 15_000; started.body.status !== 'auction' && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 200));
      started = await client.api('GET', `/api/listings/${id}`, { cookie: cookies.purchaser });
    }
    expect(started.body.status).toBe('auction');
    // Into the 限时竞价 window: every bid moves the end.
    await setClock(new Date(Date.parse(started.body.auction.endsAt) - 60_000).toISOString());

    const acks: { seq: number; bidderNo: string; amountFen: number; endsAt: string }[] = [];
    let killing: Promise<void> | null = null;
    await Promise.all(
      BIDDERS.map(async (u) => {
        for (let round = 0; round < 200 && !killing; round++) {
          try {
            const live = await client.api('GET', `/api/listings/${id}`, { cookie: cookies[u] });
            const current = live.body.auction?.currentPriceFen;
            const amountFen = current === null || current === undefined ? 50_000_000 : current + 500_000;
            const r = await client.api('POST', `/api/listings/${id}/bids`, { cookie: cookies[u], body: { amountFen } });
            if (r.status === 201) acks.push(r.body);
            if (acks.length >= 6 && !killing) killing = server!.stop('SIGKILL');
          } catch {
            return; // the server is gone
          }
        }
      }),
    );
    await killing;
    expect(acks.length).toBeGreaterThanOrEqual(6);

    server = await spawnServer(environment.env, 300_000);
    client = httpClient(server.baseUrl);
    const purchaser = await signIn('purchaser');
    const after = (await client.api('GET', `/api/listings/${id}`, { cookie: purchaser })).body;
    expect(after.status).toBe('auction');
    const bySeq = new Map(after.bids.map((b: { seq: number }) => [b.seq, b]));
    for (const a of acks) expect(bySeq.get(a.seq)).toMatchObject({ bidderNo: a.bidderNo, amountFen: a.amountFen });
    const last = after.bids.at(-1);
    const lastAck = acks.reduce((x, y) => (y.seq > x.seq ? y : x));
    expect(last.seq).toBeGreaterThanOrEqual(lastAck.seq);
    expect(after.auction).toMatchObject({ currentPriceFen: last.amountFen, leadingBidderNo: last.bidderNo, endsAt: lastAck.endsAt });

    // And it goes on: the next bid is the next in sequence.
    const bidderNos = new Map<string, string>();
    for (const u of BIDDERS) {
      cookies[u] = await signIn(u);
      bidderNos.set(u, (await client.api('GET', `/api/listings/${id}`, { cookie: cookies[u] })).body.me.bidderNo);
    }
    const other = BIDDERS.find((u) => bidderNos.get(u) !== last.bidderNo)!;
    const more = await client.api('POST', `/api/listings/${id}/bids`, { cookie: cookies[other], body: { amountFen: last.amountFen + 500_000 } });
    expect(more.status).toBe(201);
    expect(more.body.seq).toBe(last.seq + 1);
  }, 900_000);
});
