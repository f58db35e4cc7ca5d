import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBlobStore, type BlobEvent } from '../../src/platform/blobs/blob-store';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { queryRows } from '../../src/platform/database/database';
import { sealWithKeyFile, uploadSealed, type SealedBid } from '../../src/trading/bids/bid-client';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { prepareBidder, priceSchedule, publishProject, samplePdf, type Bidder, type PublishedProject } from '../support/tendering';

/**
 * Nothing is acknowledged before it is on disk (ARCHITECTURE.md, Durability; EB-01): the blob
 * store reports each durable step as it completes, the client notes when each answer arrives,
 * and the order is checked. The same reports let a test fail a step, or move the clock in the
 * middle of one.
 */
type Logged = BlobEvent | { step: 'answer'; method: string; path: string; status: number } | { step: 'bid.row'; uploadId: string; exists: boolean };

let t: TestPlatform;
let p: PublishedProject;
let bidder: Bidder;
const log: Logged[] = [];
/** What a test does at a step (after it is logged): throw to fail it, or move the clock. */
let atStep: ((event: BlobEvent) => void | Promise<void>) | null = null;

beforeAll(async () => {
  t = await startTestPlatform({
    demo: true,
    listen: true,
    blobs: (dataDir) =>
      createBlobStore(dataDir, {
        observe: async (event) => {
          log.push(event);
          await atStep?.(event);
        },
      }),
  });
  p = await publishProject(t, { deadline: shanghaiInstant('2026-03-23', '10:00').toISOString(), documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString() });
  bidder = await prepareBidder(t, 'supplier1', p.projectId);
});
afterAll(() => t?.close());
beforeEach(() => {
  log.length = 0;
  atStep = null;
});

/** Whether the bid of an upload is committed, read on a connection of the platform's own. */
async function bidRowExists(uploadId: string) {
  const rows = await queryRows<{ id: string }>(t.platform.database.db, sql`select b.id from bid b join bid_upload u on u.bid_id = b.id where u.id = ${uploadId}`);
  return rows.length > 0;
}

/** The client's fetch, noting when each answer arrives (and, for a receipt, whether the bid is committed by then). */
const loggingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const url = new URL(String(input));
  log.push({ step: 'answer', method: init?.method ?? 'GET', path: `${url.pathname}${url.search}`, status: response.status });
  // The receipt comes from …/finalize, or from the last chunk sent with finalize=true.
  const finalized = /^\/api\/bid-uploads\/([^/]+)\/(finalize$|parts\/)/.exec(url.pathname);
  if (finalized && finalized[2] !== 'finalize' && url.searchParams.get('finalize') !== 'true') return response;
  if (finalized) log.push({ step: 'bid.row', uploadId: finalized[1]!, exists: await bidRowExists(finalized[1]!) });
  return response;
};

async function seal(): Promise<SealedBid> {
  return sealWithKeyFile({ baseUrl: t.baseUrl, headers: { cookie: bidder.cookie } }, bidder.keyFile, [
    { name: 'priceSchedule', fileName: '开标一览表.json', bytes: priceSchedule(p.lotId, 2_000_000) },
    { name: 'file-1', fileName: '响应文件.pdf', bytes: new Uint8Array([...(await samplePdf('Response')), ...new Uint8Array(200_000).fill(7)]) },
  ]);
}

async function start(sealed: SealedBid) {
  const started = await t.api('POST', `/api/lots/${p.lotId}/bid-uploads`, {
    cookie: bidder.cookie,
    body: { idempotencyKey: randomUUID(), keyId: sealed.keyId, wrappedKey: sealed.wrappedKey, parts: sealed.parts.map(({ name, fileName, size, sha256, iv }) => ({ name, fileName, size, sha256, iv })) },
  });
  return started.body.uploadId as string;
}

const at = (matches: (e: Logged) => boolean) => log.findIndex(matches);

describe('the order of durable steps and answers', () => {
  it('acknowledges each chunk after it is synced, and sends the receipt after every part is placed and the bid committed', async () => {
    const sealed = await seal();
    const receipt = await uploadSealed({ baseUrl: t.baseUrl, headers: { cookie: bidder.cookie }, chunkSize: 64 * 1024, fetch: loggingFetch }, { lotId: p.lotId, sealed, idempotencyKey: randomUUID() });
    const uploadId = (log.find((e) => e.step === 'answer' && e.path.includes('/parts/')) as { path: string }).path.split('/')[3]!;

    // The price schedule rides in the start: synced, with its name, before the start is answered.
    const started = at((e) => e.step === 'answer' && e.method === 'POST' && e.path.endsWith('/bid-uploads'));
    const acks = [{ i: started, part: 0, offset: 0 }];
    for (const [i, e] of log.entries()) {
      if (e.step !== 'answer' || e.method !== 'PUT') continue;
      const [part, offset] = /\/parts\/(\d+)\?offset=(\d+)/.exec(e.path)!.slice(1).map(Number);
      acks.push({ i, part: part!, offset: offset! });
    }
    expect(acks.filter((a) => a.part === 1).length).toBeGreaterThan(1); // the response document takes several chunks
    for (const { i, part, offset } of acks) {
      const synced = at((e) => e.step === 'chunk.synced' && e.uploadId === uploadId && e.part === part && e.offset === offset);
      expect(synced, `chunk ${part}@${offset} synced`).toBeGreaterThanOrEqual(0);
      expect(synced, `chunk ${part}@${offset} synced before its acknowledgement`).toBeLessThan(i);
      expect(at((e) => e.step === 'chunk.written' && e.uploadId === uploadId && e.part === part && e.offset === offset)).toBeLessThan(synced);
      if (offset === 0) expect(at((e) => e.step === 'part.directory.synced' && e.uploadId === uploadId && e.part === part), `part ${part}'s name synced`).toBeLessThan(i);
    }

    // The last chunk submits the bid: no request of its own for the finalising.
    const receiptAt = at((e) => e.step === 'answer' && e.path.endsWith('&finalize=true'));
    expect(log.filter((e) => e.step === 'answer').map((e) => (e as { method: string }).method)).toEqual(['POST', ...acks.slice(1).map(() => 'PUT')]);
    expect((log[receiptAt] as { status: number }).status).toBe(200);
    for (const part of receipt.receipt.parts) {
      const steps = (['blob.synced', 'blob.renamed', 'blob.directory.synced'] as const).map((step) => at((e) => e.step === step && e.sha256 === part.sha256));
      expect(steps.every((i) => i >= 0), `${part.name}: ${steps}`).toBe(true);
      expect([...steps].sort((a, b) => a - b)).toEqual(steps);
      expect(steps[2]).toBeLessThan(receiptAt);
    }
    expect(log[receiptAt + 1]).toEqual({ step: 'bid.row', uploadId, exists: true });
  });

  it('commits the bid only after its parts are placed', async () => {
    const sealed = await seal();
    const uploadId = await start(sealed);
    for (const [index, part] of sealed.parts.entries())
      expect((await t.api('PUT', `/api/bid-uploads/${uploadId}/parts/${index}?offset=0`, { cookie: bidder.cookie, raw: Buffer.from(part.ciphertext) })).status).toBe(200);
    const last = sealed.parts.at(-1)!.sha256;
    atStep = async (e) => {
      if (e.step === 'blob.directory.synced' && e.sha256 === last) log.push({ step: 'bid.row', uploadId, exists: await bidRowExists(uploadId) });
    };
    expect((await t.api('POST', `/api/bid-uploads/${uploadId}/finalize`, { cookie: bidder.cookie })).status).toBe(200);
    expect(log.find((e) => e.step === 'bid.row')).toEqual({ step: 'bid.row', uploadId, exists: false });
    expect(await bidRowExists(uploadId)).toBe(true);
  });
});

describe('a step that fails, or a deadline that passes during one', () => {
  it('does not acknowledge a chunk whose sync fails, and keeps the part as it was', async () => {
    const sealed = await seal();
    const uploadId = await start(sealed);
    const bytes = Buffer.from(sealed.parts[1]!.ciphertext);
    expect((await t.api('PUT', `/api/bid-uploads/${uploadId}/parts/1?offset=0`, { cookie: bidder.cookie, raw: bytes.subarray(0, 1000) })).status).toBe(200);
    atStep = (e) => {
      if (e.step === 'chunk.synced' && e.uploadId === uploadId) throw new Error('injected: the disk failed to sync');
    };
    const failed = await t.api('PUT', `/api/bid-uploads/${uploadId}/parts/1?offset=1000`, { cookie: bidder.cookie, raw: bytes.subarray(1000, 5000) });
    expect(failed.status).toBe(500);
    atStep = null;
    expect((await t.api('GET', `/api/bid-uploads/${uploadId}`, { cookie: bidder.cookie })).body.parts[1].received).toBe(1000);
  });

  // The check inside the finalising transaction: the one before the parts are moved in has passed.
  it('refuses a bid whose deadline passes while its parts are moved into the store, and records nothing', async () => {
    const deadline = new Date(p.deadline);
    t.clock.set(new Date(deadline.getTime() - 60_000));
    bidder.cookie = await t.signIn('supplier1');
    const sealed = await seal();
    const uploadId = await start(sealed);
    for (const [index, part] of sealed.parts.entries())
      expect((await t.api('PUT', `/api/bid-uploads/${uploadId}/parts/${index}?offset=0`, { cookie: bidder.cookie, raw: Buffer.from(part.ciphertext) })).status).toBe(200);
    const submissions = async () => (await queryRows<{ n: number }>(t.platform.database.db, sql`select count(*)::int as n from audit_entry where action = 'bid.submit'`))[0]!.n;
    const submittedBefore = await submissions();
    t.clock.set(new Date(deadline.getTime() - 1));
    atStep = (e) => {
      if (e.step === 'blob.directory.synced') t.clock.set(deadline);
    };
    const late = await t.api('POST', `/api/bid-uploads/${uploadId}/finalize`, { cookie: bidder.cookie });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'BID_DEADLINE_PASSED', ruleId: 'EB-02' });
    expect(await bidRowExists(uploadId)).toBe(false);
    expect(await submissions()).toBe(submittedBefore);
  });
});
