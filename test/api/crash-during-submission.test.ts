import { createHash, createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/platform/audit/audit-chain';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { sealWithKeyFile, uploadSealed, type Receipt, type SealedBid } from '../../src/trading/bids/bid-client';
import { httpClient, type ApiClient } from '../support/api-client';
import { serverEnvironment, spawnServer, type ServerEnvironment, type ServerProcess } from '../support/server-process';
import { prepareBidder, priceSchedule, publishProject, samplePdf, type Bidder } from '../support/tendering';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-crash-'));
let environment: ServerEnvironment | undefined;
let server: ServerProcess | null = null;

afterAll(async () => {
  await server?.stop('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
  await environment?.drop();
});

async function startServer(env: NodeJS.ProcessEnv): Promise<ApiClient> {
  server = await spawnServer(env);
  const client = httpClient(server.baseUrl);
  // The server's clock: 10:00 on 2 March 2026, as in the other tendering tests.
  await client.api('PUT', '/api/test/clock', { body: { now: '2026-03-02T02:00:00.000Z' } });
  return client;
}

interface Attempt {
  bidder: Bidder;
  idempotencyKey: string;
  sealed: SealedBid;
  receipt?: Receipt;
}

describe('a server killed (SIGKILL) in the middle of concurrent bid submissions', () => {
  it('backs every receipt it issued with a stored bid, and gives a retry the same receipt, never a second bid', async () => {
    environment = await serverEnvironment(dataDir, `yiwang_crash_${process.pid}`, { TEST_CLOCK: '1' });
    const env = environment.env;
    let client = await startServer(env);
    const p = await publishProject(client, { deadline: shanghaiInstant('2026-03-23', '10:00').toISOString(), documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString() });
    const bidders = [];
    for (const name of ['supplier1', 'supplier2', 'supplier3', 'supplier4']) bidders.push(await prepareBidder(client, name, p.projectId));

    // Each supplier seals three successive versions of its bid (about 1 MB each) and submits them one after another.
    const attempts: Attempt[] = [];
    for (const bidder of bidders)
      for (let version = 0; version < 3; version++)
        attempts.push({
          bidder,
          idempotencyKey: `${bidder.username}-v${version}`,
          sealed: await sealWithKeyFile({ baseUrl: client.baseUrl, headers: { cookie: bidder.cookie } }, bidder.keyFile, [
            { name: 'priceSchedule', fileName: '开标一览表.json', bytes: priceSchedule(p.lotId, 2_500_000 + version) },
            { name: 'file-1', fileName: '响应文件.pdf', bytes: new Uint8Array([...(await samplePdf(`${bidder.username} v${version}`)), ...new Uint8Array(1_000_000).fill(version + 1)]) },
          ]),
        });
    const submit = (a: Attempt, c: ApiClient) =>
      uploadSealed({ baseUrl: c.baseUrl, headers: { cookie: a.bidder.cookie }, chunkSize: 128 * 1024 }, { lotId: p.lotId, sealed: a.sealed, idempotencyKey: a.idempotencyKey });

    let receiptsSoFar = 0;
    const killed = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (receiptsSoFar >= 3) {
          clearInterval(check);
          void server!.stop('SIGKILL').then(resolve);
        }
      }, 5);
    });
    await Promise.all(
      bidders.map(async (bidder) => {
        for (const a of attempts.filter((x) => x.bidder === bidder)) {
          try {
            a.receipt = await submit(a, client);
            receiptsSoFar++;
          } catch {
            return; // the server is gone
          }
        }
      }),
    );
    await killed;
    const issued = attempts.filter((a) => a.receipt);
    expect(issued.length).toBeGreaterThanOrEqual(3);
    expect(issued.length).toBeLessThan(attempts.length);

    client = await startServer(env);
    for (const b of bidders) b.cookie = await client.signIn(b.username);
    const { publicKeyPem } = (await client.api('GET', '/api/public/receipt-key')).body;
    for (const a of issued) {
      const r = a.receipt!;
      expect(verify(null, Buffer.from(canonicalJson(r.receipt)), createPublicKey(publicKeyPem), Buffer.from(r.signature, 'base64'))).toBe(true);
      const mine = (await client.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie: a.bidder.cookie })).body as { id: string; parts: { sha256: string }[] }[];
      const stored = mine.find((b) => b.id === r.receipt.bidId);
      expect(stored, `bid ${r.receipt.bidId} behind a receipt`).toBeDefined();
      for (const part of r.receipt.parts) {
        const file = path.join(dataDir, 'blobs', part.sha256.slice(0, 2), part.sha256.slice(2, 4), part.sha256);
        expect(createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(part.sha256);
      }
      // The same idempotency key gets the same receipt, byte for byte.
      expect(await submit(a, client)).toEqual(r);
    }
    // Every interrupted submission can be completed by retrying it, and each upload became one bid.
    for (const a of attempts.filter((x) => !x.receipt)) a.receipt = await submit(a, client);
    for (const bidder of bidders) {
      const mine = (await client.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie: bidder.cookie })).body as { id: string; status: string }[];
      expect(mine).toHaveLength(3);
      expect(mine.filter((b) => b.status === 'submitted')).toHaveLength(1);
      expect(new Set(mine.map((b) => b.id)).size).toBe(3);
    }
  }, 240_000);
});
