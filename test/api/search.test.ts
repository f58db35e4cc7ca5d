import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { indexMissingNotices } from '../../src/trading';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { publishProject } from '../support/tendering';

/**
 * 公告检索 as a visitor uses it (issue 11): Chinese words found inside longer words, facets that
 * narrow with the right counts, a half-remembered purchaser name. The suite runs this file on
 * PGlite and on PostgreSQL (DATABASE_URL), so the same answers hold on both.
 */
let t: TestPlatform;
const dates = { deadline: shanghaiInstant('2026-03-30', '09:30').toISOString(), documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString() };
// The two purchasers of maintenance projects (demo entities); an intention belongs to a plan, not yet a project.
const ROAD = '上海市公路事务中心';
const PARK = '上海市浦东新区卫生健康委员会';
let park = '';

interface Result {
  total: number;
  items: { id: string; noticeType: string; title: string; projectId: string | null; purchaserName: string | null; agencyName: string | null; regionCode: string; regionName: string | null; categoryName: string | null; highlight: string | null; titleHighlight: string | null; publishedAt: string }[];
  facets: Record<'noticeType' | 'regionCode' | 'categoryCode' | 'method' | 'purchaser' | 'agency', { value: string; label: string; count: number }[]>;
}
const search = async (query: Record<string, string>) => {
  const res = await t.api('GET', `/api/public/search?${new URLSearchParams(query)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Result;
};
const count = (facet: { value: string; count: number }[], value: string) => facet.find((f) => f.value === value)?.count ?? 0;

beforeAll(async () => {
  t = await startTestPlatform({ demo: true });
  // Each project publishes its procurement intention (30 days ahead) and its tender notice.
  await (publishProject(t, { title: '公路日常养护工程', purchaser: 'purchaser-road', ...dates }));
  park = (await publishProject(t, { title: '世纪公园绿化养护服务', purchaser: 'purchaser-pd', ...dates })).projectId;
  await publishProject(t, { title: '中小学智慧教室设备采购', ...dates });
});
afterAll(() => t.close());

describe('searching notices in Chinese', () => {
  it('finds 公路日常养护工程 for 公路养护, and both maintenance projects for 养护 alone', async () => {
    const roadOnly = await search({ q: '公路养护' });
    expect(new Set(roadOnly.items.map((i) => i.purchaserName))).toEqual(new Set([ROAD]));
    expect(roadOnly.items.map((i) => i.noticeType).sort()).toEqual(['intention', 'tender']);
    // The title names the project: it ranks above the intention, which mentions it in its table.
    expect(roadOnly.items[0]!.title).toBe('公路日常养护工程招标公告');
    expect(roadOnly.items[0]!.titleHighlight).toBe('<mark>公路</mark>日常<mark>养护</mark>工程招标公告');
    expect(roadOnly.items[0]!.highlight).toContain('<mark>养护</mark>');

    const both = await search({ q: '养护' });
    expect(new Set(both.items.map((i) => i.purchaserName))).toEqual(new Set([ROAD, PARK]));
    expect(both.total).toBe(4);
    expect(count(both.facets.noticeType, 'tender')).toBe(2);
    expect(count(both.facets.noticeType, 'intention')).toBe(2);
  });

  it('narrows by facets, counting each facet with the others applied', async () => {
    const tenders = await search({ q: '养护', noticeType: 'tender' });
    expect(tenders.total).toBe(2);
    expect(tenders.items.every((i) => i.noticeType === 'tender')).toBe(true);
    // The notice-type facet still offers the intentions (its own filter is not applied to it)…
    expect(count(tenders.facets.noticeType, 'intention')).toBe(2);
    // …while the region facet counts only tenders: one in Shanghai as a whole, one in Pudong.
    expect(tenders.facets.regionCode.reduce((s, f) => s + f.count, 0)).toBe(2);
    expect(count(tenders.facets.regionCode, '310115')).toBe(1);
    expect(tenders.facets.regionCode.find((f) => f.value === '310115')!.label).toBe('浦东新区');

    const pudong = await search({ q: '养护', noticeType: 'tender', regionCode: '310115' });
    expect(pudong.items.map((i) => i.projectId)).toEqual([park]);
    expect(pudong.items[0]).toMatchObject({ purchaserName: '上海市浦东新区卫生健康委员会', regionName: '浦东新区', categoryName: '货物' });
    // The whole of Shanghai includes Pudong.
    expect((await search({ q: '养护', noticeType: 'tender', regionCode: '310000' })).total).toBe(2);

    // Pudong's purchaser facet leaves out the road authority (its notices are Shanghai-wide); the tenders' facet has it once.
    expect(pudong.facets.purchaser.map((f) => f.label)).toEqual([PARK]);
    const purchaser = tenders.facets.purchaser.find((f) => f.label === ROAD)!;
    expect(purchaser.count).toBe(1);
    const byPurchaser = await search({ q: '养护', purchaserId: purchaser.value });
    expect(new Set(byPurchaser.items.map((i) => i.purchaserName))).toEqual(new Set([ROAD]));
    expect(byPurchaser.total).toBe(2);

    const goods = await search({ q: '养护', categoryCode: 'A' });
    expect(goods.total).toBe(4);
    expect(count(goods.facets.categoryCode, 'A')).toBe(4);
    expect((await search({ q: '养护', categoryCode: 'C' })).total).toBe(0);
  });

  it('filters by Shanghai days and amounts', async () => {
    // The intentions went out 30 days before the tenders (GP-08); the tenders on the test's first day.
    const today = await search({ q: '养护', from: '2026-03-02', to: '2026-03-02' });
    expect(today.items.map((i) => i.noticeType)).toEqual(['tender', 'tender']);
    const before = await search({ q: '养护', to: '2026-03-01' });
    expect(before.items.map((i) => i.noticeType)).toEqual(['intention', 'intention']);
    expect((await search({ q: '养护', minFen: String(3_000_000_00) })).total).toBe(4);
    expect((await search({ q: '养护', minFen: String(3_000_000_01) })).total).toBe(0);
  });

  it('finds a purchaser by a misspelt name', async () => {
    // 建康 for 健康: no word of the query matches, the name's trigrams do.
    const result = await search({ q: '上海市浦东新区卫生建康委员会' });
    expect(result.total).toBe(2);
    expect(new Set(result.items.map((i) => i.purchaserName))).toEqual(new Set([PARK]));
  });

  it('sorts by date when asked, and pages', async () => {
    const byDate = await search({ q: '养护', sort: 'date', pageSize: '3' });
    expect(byDate.items).toHaveLength(3);
    expect(byDate.total).toBe(4);
    const times = byDate.items.map((i) => i.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
    const second = await search({ q: '养护', sort: 'date', pageSize: '3', page: '2' });
    expect(second.items).toHaveLength(1);
    expect(byDate.items.map((i) => i.id)).not.toContain(second.items[0]!.id);
    // Without words: every published notice, newest first.
    expect((await search({})).total).toBe(6);
  });

  it('escapes the text around the marks', async () => {
    const result = await search({ q: '<script>养护' });
    for (const item of result.items) expect(item.highlight ?? '').not.toMatch(/<(?!\/?mark>)/);
  });

  it('indexes at start-up the notices of a database from before the search', async () => {
    const before = await search({ q: '养护' });
    await t.platform.database.execAsOwner('DELETE FROM notice_search');
    expect((await search({ q: '养护' })).total).toBe(0);
    expect(await indexMissingNotices(t.platform.database.db)).toBe(6);
    const after = await search({ q: '养护' });
    expect(after).toEqual(before);
    expect(await indexMissingNotices(t.platform.database.db)).toBe(0);
  });

  it('refuses bad parameters in both languages', async () => {
    for (const query of ['q=%00', 'pageSize=51', 'regionCode=31', 'from=2026-02-30', 'noticeType=nope', 'categoryCode=Z01', 'minFen=-1']) {
      const res = await t.api('GET', `/api/public/search?${query}`);
      expect(res.status, query).toBe(400);
    }
    const range = await t.api('GET', '/api/public/search?from=2026-03-02&to=2026-03-01');
    expect(range.status).toBe(400);
    expect(range.body.messages['zh-CN']).toContain('开始日期');
    expect(range.body.messages['en-US']).toContain('start date');
  });
});
