import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { renderPdf } from '../../src/platform/pdf';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { awardLot, bid, evaluateLot, prepareBidder, publishProject, startEvaluation, type Bidder, type PublishedProject } from '../support/tendering';

/**
 * The procurement documents' text is searchable (issue 11), but only once the documents are
 * public: as the result notice's attachments, not while suppliers obtain them through the
 * recorded route (EB-08). The PDF is printed by Chromium, as a Chinese office document would be.
 */
let t: TestPlatform;
let p: PublishedProject;
const deadline = shanghaiInstant('2026-03-23', '10:00');

const search = async (q: string) => {
  const res = await t.api('GET', `/api/public/search?${new URLSearchParams({ q })}`);
  expect(res.status).toBe(200);
  return res.body as { total: number; items: { noticeType: string; projectId: string; highlight: string | null; attachmentHighlight: string | null }[] };
};

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  const document = await renderPdf(
    '<h1>招标文件</h1><h2>第三章 采购需求</h2><p>教室照明灯具须具备防眩光设计，统一眩光值不大于19，色温4000K至5000K。</p><p>投标人须提供样品。</p>',
  );
  p = await publishProject(t, { title: '徐汇区中小学教室照明改造', document, documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: deadline.toISOString() });
});
afterAll(() => t?.close());

describe("the procurement documents' text in the search", () => {
  it('is not searchable while the tender runs: the tender notice carries only their names', async () => {
    expect((await search('眩光')).total).toBe(0);
    const byName = await search('招标文件 照明改造');
    expect(byName.items.map((i) => i.noticeType)).toContain('tender');
  });

  it('is found through the result notice, with the fragment of the document where the word is', async () => {
    const bidders: Bidder[] = [];
    for (const [i, name] of ['supplier1', 'supplier2', 'supplier4'].entries()) {
      bidders.push(await prepareBidder(t, name, p.projectId));
      await bid(t, bidders[i]!, p.lotId, 2_300_000 + i * 10_000);
    }
    const members = await startEvaluation(t, p.projectId, bidders, { deadline, start: shanghaiInstant('2026-03-23', '11:00') });
    await evaluateLot(t, p.projectId, p.lotId, members);
    await awardLot(t, p.projectId, p.lotId);

    const found = await search('眩光');
    expect(found.items.map((i) => [i.noticeType, i.projectId])).toEqual([['award', p.projectId]]);
    expect(found.items[0]!.highlight).toBeNull();
    expect(found.items[0]!.attachmentHighlight).toContain('统一<mark>眩光</mark>值不大于19');
    // Words the notice itself says are shown from the notice, not the attachment.
    const inNotice = (await search('照明改造')).items.find((i) => i.noticeType === 'award')!;
    expect(inNotice.highlight).toContain('<mark>');
    expect(inNotice.attachmentHighlight).toBeNull();
  });
});
