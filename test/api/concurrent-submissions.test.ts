import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { sealWithKeyFile } from '../../src/trading/bids/bid-client';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { prepareBidder, priceSchedule, publishProject, samplePdf } from '../support/tendering';

/**
 * A supplier submits twice to one lot at the same moment (two tabs, a double click): both are
 * receipted, the later one is the live bid and supersedes the other, as if they came one after
 * the other. Both finalisations count the supplier's bids before either commits; the loser of
 * the race (the one-live-bid-per-supplier constraint) is tried again and sees the winner.
 */
let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
});
afterAll(() => t?.close());

it('receipts two submissions of one supplier finalised at once, and keeps the later one live', async () => {
  const p = await publishProject(t, { deadline: shanghaiInstant('2026-03-23', '10:00').toISOString(), documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString() });
  const bidder = await prepareBidder(t, 'supplier1', p.projectId);
  const uploads = await Promise.all(
    [2_100_000, 2_200_000].map(async (price) => {
      const sealed = await sealWithKeyFile({ baseUrl: t.baseUrl, headers: { cookie: bidder.cookie } }, bidder.keyFile, [
        { name: 'priceSchedule', fileName: '开标一览表.json', bytes: priceSchedule(p.lotId, price) },
        { name: 'file-1', fileName: '响应文件.pdf', bytes: await samplePdf(`Response ${price}`) },
      ]);
      const started = await t.api('POST', `/api/lots/${p.lotId}/bid-uploads`, {
        cookie: bidder.cookie,
        body: { idempotencyKey: randomUUID(), keyId: sealed.keyId, wrappedKey: sealed.wrappedKey, parts: sealed.parts.map(({ name, fileName, size, sha256, iv }) => ({ name, fileName, size, sha256, iv })) },
      });
      for (const [index, part] of sealed.parts.entries())
        expect((await t.api('PUT', `/api/bid-uploads/${started.body.uploadId}/parts/${index}?offset=0`, { cookie: bidder.cookie, raw: Buffer.from(part.ciphertext) })).status).toBe(200);
      return started.body.uploadId as string;
    }),
  );
  const receipts = await Promise.all(uploads.map((id) => t.api('POST', `/api/bid-uploads/${id}/finalize`, { cookie: bidder.cookie })));
  expect(receipts.map((r) => r.status)).toEqual([200, 200]);
  expect(receipts.map((r) => r.body.receipt.submissionNo).sort()).toEqual([1, 2]);
  const mine = (await t.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie: bidder.cookie })).body as { status: string; submissionNo: number }[];
  expect(mine.map((b) => [b.submissionNo, b.status]).sort()).toEqual([
    [1, 'superseded'],
    [2, 'submitted'],
  ]);
});
