import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { sealWithKeyFile, type SealedBid } from '../../src/trading/bids/bid-client';
import { MAX_CHUNK_BYTES } from '../../src/trading/bids/bid.rules';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { prepareBidder, priceSchedule, publishProject, type Bidder, type PublishedProject } from '../support/tendering';

/**
 * A bid chunk goes from the request to the part on disk as it arrives (issue 9): the server
 * never holds a whole chunk, limits its size while it streams, and a chunk it refuses leaves
 * the part as it was.
 */
let t: TestPlatform;
let p: PublishedProject;
let bidder: Bidder;
let sealed: SealedBid;
let uploadId: string;
/** The response documents: a part a little over one chunk, so a chunk can be too large and still fit the part. */
const LARGE = MAX_CHUNK_BYTES + 100_000;

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  p = await publishProject(t, { deadline: shanghaiInstant('2026-03-23', '10:00').toISOString(), documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString() });
  bidder = await prepareBidder(t, 'supplier1', p.projectId);
  sealed = await sealWithKeyFile({ baseUrl: t.baseUrl, headers: { cookie: bidder.cookie } }, bidder.keyFile, [
    { name: 'priceSchedule', fileName: '开标一览表.json', bytes: priceSchedule(p.lotId, 2_000_000) },
    { name: 'file-1', fileName: '响应文件.pdf', bytes: new Uint8Array(randomBytes(LARGE - 16)) },
  ]);
  expect(sealed.parts[1]!.size).toBe(LARGE);
  const started = await t.api('POST', `/api/lots/${p.lotId}/bid-uploads`, {
    cookie: bidder.cookie,
    body: { idempotencyKey: randomUUID(), keyId: sealed.keyId, wrappedKey: sealed.wrappedKey, parts: sealed.parts.map(({ name, fileName, size, sha256, iv }) => ({ name, fileName, size, sha256, iv })) },
  });
  uploadId = started.body.uploadId;
});
afterAll(() => t?.close());

const bytesOf = (part: number, from: number, to?: number) => Buffer.from(sealed.parts[part]!.ciphertext.subarray(from, to));
const received = async (part: number) => (await t.api('GET', `/api/bid-uploads/${uploadId}`, { cookie: bidder.cookie })).body.parts[part].received as number;

/** A chunk over HTTP without a declared length (chunked transfer): the server learns its size only by reading it. */
function streamedChunk(part: number, offset: number) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const answer = fetch(`${t.baseUrl}/api/bid-uploads/${uploadId}/parts/${part}?offset=${offset}`, {
    method: 'PUT',
    headers: { cookie: bidder.cookie, 'content-type': 'application/octet-stream' },
    body,
    duplex: 'half',
  } as RequestInit);
  return {
    send: (bytes: Buffer) => controller.enqueue(new Uint8Array(bytes)),
    end: () => controller.close(),
    // Status 0: the connection was dropped without an answer.
    answer: answer.then(
      async (r) => ({ status: r.status, body: await r.json() }),
      () => ({ status: 0, body: null }),
    ),
  };
}

async function until(condition: () => Promise<boolean>) {
  for (let tries = 0; tries < 200; tries++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('timed out');
}

describe('a chunk streamed to disk', () => {
  it('is written as it arrives, before the rest of it has been sent', async () => {
    const chunk = streamedChunk(1, 0);
    chunk.send(bytesOf(1, 0, 300_000));
    await until(async () => (await received(1)) === 300_000);
    chunk.send(bytesOf(1, 300_000, 1_000_000));
    chunk.end();
    expect(await chunk.answer).toEqual({ status: 200, body: { partIndex: 1, received: 1_000_000 } });
  });

  it('refuses a chunk over the limit, declared or found while streaming, and leaves the part as it was', async () => {
    // Sent again from the start: the part has room for it, but a chunk is at most 8 MB.
    const declared = await t.api('PUT', `/api/bid-uploads/${uploadId}/parts/1?offset=0`, { cookie: bidder.cookie, raw: bytesOf(1, 0, MAX_CHUNK_BYTES + 1) });
    expect(declared.status).toBe(413);
    expect(declared.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', messages: { 'zh-CN': expect.any(String), 'en-US': expect.any(String) } });
    const chunk = streamedChunk(1, 0);
    chunk.send(bytesOf(1, 0, LARGE));
    chunk.end();
    expect(await chunk.answer).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await received(1)).toBe(1_000_000);
  });

  it('refuses a chunk running past the part’s declared size, declared or found while streaming, and leaves the part as it was', async () => {
    const size = sealed.parts[0]!.size;
    expect((await t.api('PUT', `/api/bid-uploads/${uploadId}/parts/0?offset=0`, { cookie: bidder.cookie, raw: bytesOf(0, 0, 100) })).status).toBe(200);
    const declared = await t.api('PUT', `/api/bid-uploads/${uploadId}/parts/0?offset=100`, { cookie: bidder.cookie, raw: Buffer.concat([bytesOf(0, 100), Buffer.alloc(1)]) });
    expect(declared.status).toBe(409);
    expect(declared.body).toMatchObject({ code: 'CHUNK_OUT_OF_ORDER', details: { received: 100 }, messages: { 'zh-CN': expect.any(String), 'en-US': expect.any(String) } });
    const chunk = streamedChunk(0, 100);
    chunk.send(bytesOf(0, 100, size));
    await until(async () => (await received(0)) === size);
    chunk.send(Buffer.alloc(1));
    chunk.end();
    expect(await chunk.answer).toMatchObject({ status: 409, body: { code: 'CHUNK_OUT_OF_ORDER', details: { received: 100 } } });
    expect(await received(0)).toBe(100);
  });

  it('refuses an empty chunk as before', async () => {
    const empty = await t.api('PUT', `/api/bid-uploads/${uploadId}/parts/0?offset=100`, { cookie: bidder.cookie, raw: Buffer.alloc(0) });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'body' }] });
  });

  it('lets a retry take over from a chunk still arriving on a stalled connection', async () => {
    const stalled = streamedChunk(0, 100);
    stalled.send(bytesOf(0, 100, 150));
    await until(async () => (await received(0)) === 150);
    const retry = await t.api('PUT', `/api/bid-uploads/${uploadId}/parts/0?offset=100`, { cookie: bidder.cookie, raw: bytesOf(0, 100) });
    expect(retry.body).toEqual({ partIndex: 0, received: sealed.parts[0]!.size });
    expect(await stalled.answer).toEqual({ status: 0, body: null });
    expect(await received(0)).toBe(sealed.parts[0]!.size);
  });

  it('finalises what the refusals left in place: every part matches its SHA-256', async () => {
    for (let offset = 1_000_000; offset < LARGE; offset += 4 * 1024 * 1024)
      expect((await t.api('PUT', `/api/bid-uploads/${uploadId}/parts/1?offset=${offset}`, { cookie: bidder.cookie, raw: bytesOf(1, offset, Math.min(offset + 4 * 1024 * 1024, LARGE)) })).status).toBe(200);
    // A writer that still holds a part open (a stalled request in another process, which this
    // process's one-at-a-time rule does not reach) writes and cuts it after the receipt…
    const stale = await fs.open(path.join(t.dataDir, 'uploads', uploadId, '1.part'), 'r+');
    const receipt = await t.api('POST', `/api/bid-uploads/${uploadId}/finalize`, { cookie: bidder.cookie });
    expect(receipt.status).toBe(200);
    expect(receipt.body.receipt.parts.map((x: { sha256: string }) => x.sha256)).toEqual(sealed.parts.map((x) => x.sha256));
    await stale.write(Buffer.from('overwritten'), 0, 11, 0);
    await stale.truncate(1000);
    await stale.close();
    // …and the stored bid is untouched: the store keeps a copy, not the part.
    const stored = await t.platform.blobs.read(sealed.parts[1]!.sha256);
    expect(createHash('sha256').update(stored).digest('hex')).toBe(sealed.parts[1]!.sha256);
  });
});
