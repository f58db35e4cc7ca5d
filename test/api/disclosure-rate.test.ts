import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { DAY } from '../../src/platform/clock';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * The disclosure rate (seeds 001, 002: 公开为常态, disclosure rate 100 %): on the demo platform every
 * notice the disclosure catalogue makes due has been published; an acceptance whose notice is skipped
 * drops the rate once its limit has passed, naming the entry and the contract.
 */
let t: TestPlatform;
let purchaser = '';
type Entry = { code: string; item: string; rule: unknown; due: number; published: number; late: number; rate: number | null; measured: boolean; pending: number; missing: { projectLabel: string; dueBy: string }[] };

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-23T02:00:00.000Z' });
  await seedDemoData(t.platform, { payments: false });
  purchaser = await t.signIn('purchaser');
}, 240_000);
afterAll(() => t?.close());

const rate = async (query = '') => {
  const r = await t.api('GET', `/api/public/disclosure-rate${query}`);
  expect(r.status).toBe(200);
  return r.body as { due: number; published: number; late: number; rate: number | null; entries: Entry[] };
};
const entry = (r: { entries: Entry[] }, item: string) => r.entries.find((e) => e.item === item)!;

describe('the disclosure rate', () => {
  it('is 100 % on the demo platform, with every step it measures published', async () => {
    const r = await rate();
    expect(r.due).toBeGreaterThan(0);
    expect(r.published).toBe(r.due);
    expect(r.rate).toBe(100);
    // The demo carried a project through award, contract and two acceptances, and one failed (GP-33).
    for (const item of ['中标（成交）结果公告', '合同公告', '履约验收结果公告', '废标公告（终止公告）']) expect(entry(r, item).due, item).toBeGreaterThan(0);
    // The tender notice is the step itself; the opening record is public live from the opening's start (EB-07).
    expect(entry(r, '招标公告').measured).toBe(false);
    // Each entry names its legal basis, not the rule ID alone.
    expect(entry(r, '合同公告').rule).toMatchObject({ id: 'GP-76', citation: { 'zh-CN': '《政府采购法实施条例》第五十条' }, verified: true });
    expect(entry(r, '开标记录').measured).toBe(false);
    expect(entry(r, '单一来源采购公示')).toMatchObject({ due: 0, rate: null });
  });

  it('published the acceptance verdicts as 履约验收结果公告 with their mandatory sections', async () => {
    const list = (await t.api('GET', '/api/public/notices?noticeType=acceptance')).body;
    expect(list.total).toBe(2);
    const html: string = list.items[0].renderedHtml;
    const sections = ['一、合同编号', '五、合同主体', '六、合同主要信息', '七、本次验收内容', '八、验收日期', '九、验收组成员', '十、验收意见'];
    expect(sections.map((s) => html.indexOf(s)).every((at, i, all) => at >= 0 && (i === 0 || at > all[i - 1]!))).toBe(true);
  });

  it('drops below 100 % when an acceptance is recorded without its notice and the limit passes', async () => {
    const before = await rate();
    const [c] = (await t.api('GET', '/api/contracts', { cookie: purchaser })).body;
    // An acceptance recorded with its notice suppressed (as a sub-platform that never published would leave it).
    const now = t.clock.now().toISOString();
    await t.platform.database.execAsOwner(
      `INSERT INTO acceptance (id, contract_id, milestone_no, result, payable_fen, findings, accepted_by, members, recorded_at) VALUES ('${randomUUID()}', '${c.id}', 2, 'pass', 0, '复验合格', '${randomUUID()}', '["赵丽"]', '${now}')`,
    );
    // Not yet due: the limit (2 working days) has not passed.
    const same = await rate();
    expect(entry(same, '履约验收结果公告').pending).toBe(1);
    expect(same.rate).toBe(100);

    t.clock.set(t.clock.now().getTime() + 7 * DAY);
    const after = await rate();
    const acceptance = entry(after, '履约验收结果公告');
    expect(acceptance.due).toBe(entry(before, '履约验收结果公告').due + 1);
    expect(acceptance.published).toBe(acceptance.due - 1);
    expect(acceptance.rate!).toBeLessThan(100);
    expect(acceptance.missing).toHaveLength(1);
    expect(acceptance.missing[0]!.projectLabel).toContain(c.contractNumber);
    const project = (await t.api('GET', `/api/public/projects/${c.projectId}`)).body;
    expect(acceptance.missing[0]!.projectLabel).toContain(project.title);
    expect(after.rate!).toBeLessThan(100);
    // The other entries are untouched.
    expect(entry(after, '合同公告').rate).toBe(100);
  });

  it('can be read for a region: a region with no trading has nothing due', async () => {
    const elsewhere = await rate('?regionCode=110000');
    expect(elsewhere).toMatchObject({ due: 0, rate: null });
    const shanghai = await rate('?regionCode=310000');
    expect(shanghai.due).toBeGreaterThan(0);
  });
});
