import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, draftProject, prepareBidder, publishProject, type PublishedProject } from '../support/tendering';

/**
 * Regions are real boundaries (issue 8 §7): a district's supervisor reads its district, a
 * municipal one the whole city, and nobody in Shanghai reads Shandong's procurement, people,
 * audit trail or experts (nor the other way round): in lists, direct reads and searches.
 */
let t: TestPlatform;
let xuhui: PublishedProject; // 上海市徐汇区教育局 (310104), through its agency
let pudong: PublishedProject; // 上海市浦东新区卫生健康委员会 (310115), by itself
let shandong: PublishedProject; // 济南市教育局 (370100), by itself
let pudongDraft: Awaited<ReturnType<typeof draftProject>>;
const DEADLINE = shanghaiInstant('2026-03-23', '10:00');

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  const dates = { documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: DEADLINE.toISOString() };
  xuhui = await publishProject(t, { ...dates, title: '徐汇区中小学智慧教室设备采购' });
  pudong = await publishProject(t, { ...dates, title: '浦东新区社区卫生服务中心医疗设备采购', purchaser: 'purchaser-pd', agency: null });
  shandong = await publishProject(t, { ...dates, title: '济南市中小学教学设备采购', purchaser: 'purchaser-sd', agency: null });
  pudongDraft = await draftProject(t, { title: '浦东新区尚未发布的草稿', purchaser: 'purchaser-pd', agency: null });
  for (const [name, p] of [['supplier1', xuhui], ['supplier2', pudong], ['supplier-sd', shandong]] as const) await bid(t, await prepareBidder(t, name, p.projectId), p.lotId, 1_000_000);
  t.clock.set(DEADLINE);
  await t.jobs.runDue();
});
afterAll(() => t?.close());

const get = async (who: string, url: string) => t.api('GET', url, { cookie: await t.signIn(who) });
const titles = async (who: string) => ((await get(who, '/api/projects?scope=region')).body as { title: string }[]).map((p) => p.title).sort();

describe('lists', () => {
  it('shows each overseer the projects of its region only', async () => {
    expect(await titles('supervisor')).toEqual(['徐汇区中小学智慧教室设备采购', '浦东新区尚未发布的草稿', '浦东新区社区卫生服务中心医疗设备采购'].sort());
    expect(await titles('supervisor-xh')).toEqual(['徐汇区中小学智慧教室设备采购']);
    expect(await titles('supervisor-sd')).toEqual(['济南市中小学教学设备采购']);
    expect(await titles('operator-sd')).toEqual(['济南市中小学教学设备采购']);
  });

  it('shows the account administrators and overseers the people and entities of their region only', async () => {
    const shanghaiPeople = (await get('secadmin', '/api/persons')).body.items.map((x: { username: string }) => x.username);
    expect(shanghaiPeople).toContain('purchaser-pd');
    expect(shanghaiPeople).not.toContain('purchaser-sd');
    expect(shanghaiPeople).not.toContain('expert-sd');
    const entities = (await get('supervisor-sd', '/api/entities?pageSize=100')).body.items.map((e: { regionCode: string }) => e.regionCode);
    expect(entities.length).toBeGreaterThan(0);
    expect(entities.every((r: string) => r.startsWith('37'))).toBe(true);
    const district = (await get('supervisor-xh', '/api/entities?pageSize=100')).body.items.map((e: { regionCode: string }) => e.regionCode);
    expect(district.every((r: string) => r === '310104')).toBe(true);
  });

  it('gives each region’s operator and overseers its own expert library', async () => {
    const shanghai = (await get('operator', '/api/experts')).body.map((e: { regionCode: string }) => e.regionCode);
    expect(shanghai.length).toBeGreaterThan(0);
    expect(shanghai.every((r: string) => r.startsWith('31'))).toBe(true);
    expect((await get('operator-sd', '/api/experts')).body.map((e: { displayName: string }) => e.displayName)).toEqual(['孔德明']);
  });
});

describe('direct reads', () => {
  it('answers a project outside the region as if it did not exist, a draft and the bidder list alike', async () => {
    expect((await get('supervisor-xh', `/api/public/projects/${pudongDraft.projectId}`)).status).toBe(404);
    expect((await get('supervisor-sd', `/api/public/projects/${pudongDraft.projectId}`)).status).toBe(404);
    expect((await get('supervisor', `/api/public/projects/${pudongDraft.projectId}`)).status).toBe(200);
    for (const [who, p] of [['supervisor-xh', pudong], ['supervisor-sd', xuhui], ['supervisor', shandong], ['operator-sd', xuhui]] as const) {
      expect((await get(who, `/api/projects/${p.projectId}/downloads`)).status, `${who} downloads`).toBeGreaterThanOrEqual(403);
      expect((await get(who, `/api/projects/${p.projectId}/committee`)).status, `${who} committee`).toBeGreaterThanOrEqual(403);
      expect((await get(who, `/api/projects/${p.projectId}/archive`)).status, `${who} archive`).toBeGreaterThanOrEqual(403);
    }
    expect((await get('supervisor-xh', `/api/lots/${xuhui.lotId}/opening`)).body.entries).toHaveLength(1);
    expect((await get('supervisor-sd', `/api/projects/${shandong.projectId}/downloads`)).body).toHaveLength(1);
  });
});

describe('the audit trail', () => {
  it('shows each auditor the entries of its region only, searches included', async () => {
    const regions = async (who: string, query = '') => ((await get(who, `/api/audit/entries?limit=500${query}`)).body.items as { regionCode: string | null }[]).map((e) => e.regionCode);
    const sd = await regions('supervisor-sd');
    expect(sd.length).toBeGreaterThan(0);
    expect(sd.every((r) => r?.startsWith('37'))).toBe(true);
    // Of another region's project an auditor finds only refused attempts of its own region's people to read it.
    const ownAttempts = async (who: string, projectId: string) => {
      const items = (await get(who, `/api/audit/entries?subjectId=${projectId}`)).body.items as { action: string }[];
      return items.every((e) => e.action === 'access.denied');
    };
    expect(await ownAttempts('supervisor-sd', xuhui.projectId)).toBe(true);
    const xh = await regions('supervisor-xh');
    expect(xh.every((r) => r === '310104')).toBe(true);
    expect(await ownAttempts('supervisor-xh', pudong.projectId)).toBe(true);
    // A refused attempt on another region's draft is recorded in the reader's region, but never names that draft.
    await get('operator-sd', `/api/public/projects/${pudongDraft.projectId}`);
    const attempts = (await get('operator-sd', `/api/audit/entries?subjectId=${pudongDraft.projectId}`)).body.items as { subjectLabel: string | null }[];
    expect(attempts.length).toBeGreaterThan(0);
    expect(JSON.stringify(attempts)).not.toContain('浦东新区尚未发布的草稿');
    const operatorSd = await regions('operator-sd');
    expect(operatorSd.every((r) => r?.startsWith('37'))).toBe(true);
    expect((await regions('supervisor')).some((r) => r?.startsWith('37'))).toBe(false);
  });
});
