import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { queryRows } from '../../src/platform/database/database';
import { sealWithKeyFile, uploadSealed, type SealedBid } from '../../src/trading/bids/bid-client';
import { INLINE_PART_BYTES } from '../../src/trading/bids/bid.rules';
import { toBase64 } from '../../src/trading/bids/sealing';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { prepareBidder, priceSchedule, publishProject, type Bidder, type PublishedProject } from '../support/tendering';

/**
 * The deadline surge is made of requests (issue 9): a bid of a price schedule and one file is
 * started with the schedule inline and submitted by its last chunk, two requests in all, with
 * every check the four-request path makes.
 */
let t: TestPlatform;
let p: PublishedProject;
let bidder: Bidder;

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  p = await publishProject(t, { deadline: shanghaiInstant('2026-03-23', '10:00').toISOString(), documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString() });
  bidder = await prepareBidder(t, 'supplier1', p.projectId);
});
afterAll(() => t?.close());

const client = (fetchImpl?: typeof fetch) => ({ baseUrl: t.baseUrl, headers: { cookie: bidder.cookie }, fetch: fetchImpl });

/** A sealed bid whose second part's ciphertext is `fileCiphertextBytes` long (AES-GCM adds a 16-byte tag). */
const sealedBid = (fileCiphertextBytes: number, totalYuan = 2_000_000) =>
  sealWithKeyFile(client(), bidder.keyFile, [
    { name: 'priceSchedule', fileName: '开标一览表.json', bytes: priceSchedule(p.lotId, totalYuan) },
    { name: 'file-1', fileName: '响应文件.pdf', bytes: new Uint8Array(randomBytes(fileCiphertextBytes - 16)) },
  ]);

/** The start request as a client sends it, with the parts named in `inline` carried inside it. */
const startBody = (sealed: SealedBid, inline: number[], idempotencyKey = randomUUID()) => ({
  idempotencyKey,
  keyId: sealed.keyId,
  wrappedKey: sealed.wrappedKey,
  parts: sealed.parts.map(({ name, fileName, size, sha256, iv, ciphertext }, i) => ({ name, fileName, size, sha256, iv, ...(inline.includes(i) ? { content: toBase64(ciphertext) } : {}) })),
});

const uploadsOf = async (idempotencyKey: string) =>
  queryRows<{ id: string }>(t.platform.database.db, sql`SELECT id FROM bid_upload WHERE idempotency_key = ${idempotencyKey}`);

describe('a bid in two requests', () => {
  it('is started with its price schedule inline and submitted by its last chunk', async () => {
    const sealed = await sealedBid(300_000);
    const requests: string[] = [];
    const counting: typeof fetch = (input, init) => {
      requests.push(`${init?.method} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    };
    const receipt = await uploadSealed(client(counting), { lotId: p.lotId, sealed, idempotencyKey: randomUUID() });
    expect(requests).toEqual([`POST /api/lots/${p.lotId}/bid-uploads`, expect.stringMatching(/^PUT \/api\/bid-uploads\/[0-9a-f-]+\/parts\/1$/)]);
    expect(receipt.receipt.parts.map((part) => part.sha256)).toEqual(sealed.parts.map((part) => part.sha256));
    const mine = (await t.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie: bidder.cookie })).body;
    expect(mine[0]).toMatchObject({ id: receipt.receipt.bidId, status: 'submitted' });
  });

  it('refuses a start whose inline part does not match its SHA-256, and keeps nothing of it', async () => {
    const sealed = await sealedBid(1000);
    const body = startBody(sealed, [0]);
    const tampered = Buffer.from(sealed.parts[0]!.ciphertext);
    tampered[0]! ^= 1;
    body.parts[0]!.content = toBase64(tampered);
    const refused = await t.api('POST', `/api/lots/${p.lotId}/bid-uploads`, { cookie: bidder.cookie, body });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('PART_HASH_MISMATCH');
    expect(refused.body.messages['zh-CN']).toContain('开标一览表.json');
    expect(refused.body.messages['en-US']).toContain('SHA-256');
    expect(await uploadsOf(body.idempotencyKey)).toEqual([]);
  });

  it(`carries a part of ${INLINE_PART_BYTES} bytes inline, and refuses one a byte longer`, async () => {
    const atLimit = await sealedBid(INLINE_PART_BYTES);
    const accepted = await t.api('POST', `/api/lots/${p.lotId}/bid-uploads`, { cookie: bidder.cookie, body: startBody(atLimit, [0, 1]) });
    expect(accepted.status).toBe(200);
    expect(accepted.body.parts.map((part: { received: number }) => part.received)).toEqual(atLimit.parts.map((part) => part.size));

    const over = await sealedBid(INLINE_PART_BYTES + 1);
    const body = startBody(over, [0, 1]);
    const refused = await t.api('POST', `/api/lots/${p.lotId}/bid-uploads`, { cookie: bidder.cookie, body });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'PART_HASH_MISMATCH', details: { partIndex: 1 } });
    expect(await uploadsOf(body.idempotencyKey)).toEqual([]);
  });

  it('answers a retried start with the same upload, the inline part already there', async () => {
    const sealed = await sealedBid(2000);
    const body = startBody(sealed, [0]);
    const first = await t.api('POST', `/api/lots/${p.lotId}/bid-uploads`, { cookie: bidder.cookie, body });
    const again = await t.api('POST', `/api/lots/${p.lotId}/bid-uploads`, { cookie: bidder.cookie, body });
    expect(again.body.uploadId).toBe(first.body.uploadId);
    expect(again.body.parts.map((part: { received: number }) => part.received)).toEqual([sealed.parts[0]!.size, 0]);
  });

  it('leaves the bid unsubmitted when the chunk asking to finalise does not complete every part', async () => {
    const sealed = await sealedBid(3000);
    const started = await t.api('POST', `/api/lots/${p.lotId}/bid-uploads`, { cookie: bidder.cookie, body: startBody(sealed, []) });
    const uploadId = started.body.uploadId;
    const file = Buffer.from(sealed.parts[1]!.ciphertext);
    const chunk = await t.api('PUT', `/api/bid-uploads/${uploadId}/parts/1?offset=0&finalize=true`, { cookie: bidder.cookie, raw: file });
    expect(chunk.body).toEqual({ partIndex: 1, received: file.length, receipt: null });
    expect((await t.api('GET', `/api/bid-uploads/${uploadId}`, { cookie: bidder.cookie })).body.status).toBe('open');

    const schedule = Buffer.from(sealed.parts[0]!.ciphertext);
    const last = await t.api('PUT', `/api/bid-uploads/${uploadId}/parts/0?offset=0&finalize=true`, { cookie: bidder.cookie, raw: schedule });
    expect(last.body.receipt.receipt.parts.map((part: { sha256: string }) => part.sha256)).toEqual(sealed.parts.map((part) => part.sha256));
    // The same receipt to a retry of the finalising, by either route.
    expect((await t.api('POST', `/api/bid-uploads/${uploadId}/finalize`, { cookie: bidder.cookie })).body).toEqual(last.body.receipt);
  });
});
