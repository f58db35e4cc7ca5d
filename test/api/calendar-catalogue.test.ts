import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let t: TestPlatform;
let operator: string;
beforeAll(async () => {
  // 10:00 on Monday 23 November 2026: the 2027 schedule is not known yet.
  t = await startTestPlatform({ demo: true, now: '2026-11-23T02:00:00.000Z' });
  operator = await t.signIn('operator');
});
afterAll(() => t.close());

const schedule2027 = {
  source: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-05', to: '2027-02-13' },
  ],
  makeupWorkdays: ['2027-02-14'],
  revision: 0,
};

describe('working-day calendar', () => {
  it('answers for covered years, counting from the day after', async () => {
    const res = await t.api('GET', '/api/public/calendar/count?from=2026-02-12&days=5&unit=workingDays');
    expect(res.body).toMatchObject({ end: '2026-02-26', endIsWorkingDay: true });
    const days = await t.api('GET', '/api/public/calendar/count?from=2026-01-26&days=20&unit=days');
    expect(days.body).toMatchObject({ end: '2026-02-15', periodEnd: '2026-02-24', endIsWorkingDay: false });
  });

  it('refuses to count into a year with no published schedule, naming the year', async () => {
    const res = await t.api('GET', '/api/public/calendar/count?from=2026-12-28&days=5&unit=workingDays');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'CALENDAR_YEAR_NOT_COVERED', ruleId: 'CAL-03', details: { year: 2027 } });
    expect((await t.api('GET', '/api/public/calendar')).body.coveredThrough).toBe(2026);
  });

  it('lets only the operator add next year, refusing a gap or a weekday make-up day', async () => {
    const purchaser = await t.signIn('purchaser');
    expect((await t.api('PUT', '/api/calendar/schedules/2027', { cookie: purchaser, body: schedule2027 })).status).toBe(403);
    const gap = await t.api('PUT', '/api/calendar/schedules/2028', { cookie: operator, body: { ...schedule2027, holidays: [], makeupWorkdays: [] } });
    expect(gap.status).toBe(422);
    expect(gap.body.messages['zh-CN']).toContain('2027');
    const weekday = await t.api('PUT', '/api/calendar/schedules/2027', { cookie: operator, body: { ...schedule2027, makeupWorkdays: ['2027-02-15'] } });
    expect(weekday.status).toBe(422);
    expect(weekday.body.details.field).toBe('makeupWorkdays.0');

    const saved = await t.api('PUT', '/api/calendar/schedules/2027', { cookie: operator, body: schedule2027 });
    expect(saved.status).toBe(200);
    const counted = await t.api('GET', '/api/public/calendar/count?from=2026-12-28&days=5&unit=workingDays');
    // 29, 30, 31 Dec, then 1–3 Jan off, Monday 4 Jan, Tuesday 5 Jan.
    expect(counted.body.end).toBe('2027-01-05');
  });

  it('never rewrites a year already in use', async () => {
    const res = await t.api('PUT', '/api/calendar/schedules/2026', { cookie: operator, body: { ...schedule2027, holidays: [], makeupWorkdays: [], revision: 1 } });
    expect(res.status).toBe(422);
    expect(res.body.messages['en-US']).toContain('2026 has started');
  });
});

describe('catalogues and lists (1+6+N)', () => {
  it('shows the public the six catalogues in force', async () => {
    const overview = await t.api('GET', '/api/public/catalogues');
    expect(overview.body.map((c: { kind: string }) => c.kind)).toEqual(['tradingCatalogue', 'rulesCatalogue', 'platformCatalogue', 'disclosureCatalogue', 'serviceList', 'dutyList']);
    expect(overview.body.every((c: { current: unknown; itemCount: number }) => c.current && c.itemCount > 0)).toBe(true);
    const platforms = await t.api('GET', '/api/public/catalogues/platformCatalogue');
    expect(platforms.body.items.map((i: { data: { unifiedName: string } }) => i.data.unifiedName)).toContain('上海市公共资源交易平台（政府采购分平台）');
    expect(platforms.body.fields.find((f: { name: string }) => f.name === 'unifiedName').pattern).toBeTruthy();
  });

  it('publishes a new version on its effective date and keeps the old one retrievable', async () => {
    const draft = await t.api('POST', '/api/catalogues/serviceList/versions', { cookie: operator, body: { title: '服务清单（2027版）', effectiveFrom: '2026-12-01' } });
    expect(draft.status).toBe(201);
    const full = await t.api('GET', `/api/catalogues/versions/${draft.body.id}`, { cookie: operator });
    expect(full.body.items.length).toBe(7);
    const items = [...full.body.items, { code: 'S08', data: { name: '远程异地评标', category: 'venue', provider: '上海市公共资源交易中心', online: true, charge: '免费' } }];

    const invalid = await t.api('PUT', `/api/catalogues/versions/${draft.body.id}`, {
      cookie: operator,
      body: { title: '服务清单（2027版）', effectiveFrom: '2026-12-01', revision: draft.body.revision, items: [...items, { code: 'S09', data: { name: '' } }] },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.details.problems[0]).toMatchObject({ index: 8 });

    const updated = await t.api('PUT', `/api/catalogues/versions/${draft.body.id}`, { cookie: operator, body: { title: '服务清单（2027版）', effectiveFrom: '2026-12-01', revision: draft.body.revision, items } });
    expect(updated.status).toBe(200);
    const published = await t.api('POST', `/api/catalogues/versions/${draft.body.id}/publish`, { cookie: operator, body: { revision: updated.body.revision } });
    expect(published.status).toBe(200);

    expect((await t.api('GET', '/api/public/catalogues/serviceList')).body.items).toHaveLength(7);
    t.clock.set('2026-11-30T16:00:00.000Z'); // 00:00 on 1 December in Shanghai
    expect((await t.api('GET', '/api/public/catalogues/serviceList')).body.items).toHaveLength(8);
    expect((await t.api('GET', '/api/public/catalogues/serviceList?date=2026-11-30')).body.items).toHaveLength(7);
    expect((await t.api('GET', '/api/public/catalogues/serviceList/versions')).body.map((v: { versionNo: number }) => v.versionNo)).toEqual([2, 1]);
  });

  it('refuses a retroactive effective date and any change to a published version', async () => {
    operator = await t.signIn('operator'); // the clock moved a week: the old session is gone
    const draft = await t.api('POST', '/api/catalogues/dutyList/versions', { cookie: operator, body: { title: '权责清单', effectiveFrom: '2026-11-01' } });
    const refused = await t.api('POST', `/api/catalogues/versions/${draft.body.id}/publish`, { cookie: operator, body: { revision: draft.body.revision } });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CATALOGUE_EFFECTIVE_DATE_PAST');
    const current = (await t.api('GET', '/api/public/catalogues/dutyList')).body;
    const change = await t.api('PUT', `/api/catalogues/versions/${current.id}`, { cookie: operator, body: { title: 'x', effectiveFrom: '2026-12-31', revision: current.revision, items: [] } });
    expect(change.status).toBe(409);
    expect(change.body.code).toBe('CATALOGUE_VERSION_PUBLISHED');
  });
});
