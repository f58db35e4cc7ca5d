import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { queryRows } from '../../src/platform/database/database';
import { portalFigures, smePolicies } from '../../src/trading/portal/portal.rules';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { publishProject, yuan } from '../support/tendering';

/**
 * The public portal's own answers on the demo data: this year's figures from published notices
 * only, the entity lookup without personal data, the SME window and the fee schedule.
 */
let t: TestPlatform;
let reservedProjectId = '';
beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-23T02:00:00.000Z' });
  await seedDemoData(t.platform, { payments: false });
}, 120_000);
afterAll(() => t?.close());

const get = async (url: string) => {
  const res = await t.api('GET', url);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('home page figures', () => {
  it('adds up this year’s award notices against their budgets, and the SME share of what was awarded', async () => {
    const summary = await get('/api/public/portal/summary');
    expect(summary.year).toBe(2026);
    // By hand from what a visitor can read: each award notice's amount, and its lot's budget on the project page.
    const awards = (await get('/api/public/notices?noticeType=award&pageSize=100')).items as { projectId: string; fields: { lots: { lotNo: number; amountFen: number; winnerName: string }[] } }[];
    expect(awards.length).toBeGreaterThan(0);
    let awarded = 0;
    let budget = 0;
    let sme = 0;
    for (const a of awards) {
      const project = await get(`/api/public/projects/${a.projectId}`);
      for (const l of a.fields.lots) {
        awarded += l.amountFen;
        budget += project.lots.find((x: { lotNo: number }) => x.lotNo === l.lotNo).budgetFen;
        const [winner] = await queryRows<{ sme_size: string | null }>(t.platform.database.db, sql`SELECT sme_size FROM entity WHERE name = ${l.winnerName}`);
        if (winner!.sme_size) sme += l.amountFen;
      }
    }
    expect(summary.awardedFen).toBe(awarded);
    expect(summary.budgetFen).toBe(budget);
    expect(summary.savingsFen).toBe(budget - awarded);
    expect(summary.smeAwardedFen).toBe(sme);
    expect(summary.smeShareBp).toBe(Math.round((sme * 10_000) / awarded));
    expect(summary.awardedProjects).toBe(new Set(awards.map((a) => a.projectId)).size);
    const tenders = (await get('/api/public/notices?noticeType=tender&pageSize=100')).items as { projectId: string }[];
    expect(summary.projectsPublished).toBe(new Set(tenders.map((n) => n.projectId)).size);
    // The trading catalogue's types, with this platform's projects under government procurement.
    const gp = summary.byTradingType.find((x: { tradingType: string }) => x.tradingType === 'governmentProcurement');
    expect(gp.projectsThisYear).toBe(summary.projectsPublished);
    expect(summary.byTradingType.map((x: { tradingType: string }) => x.tradingType)).toContain('construction');
  });

  it('does not count a tender that is still sealed', async () => {
    const before = await get('/api/public/portal/summary');
    await publishProject(t, { title: '徐汇区图书馆书架采购', budgetYuan: 2_500_000, deadline: '2026-12-28T02:00:00.000Z', documentsUntil: '2026-12-10T09:00:00.000Z' });
    const after = await get('/api/public/portal/summary');
    expect(after.projectsPublished).toBe(before.projectsPublished + 1);
    expect({ ...after, projectsPublished: 0, noticesPublished: 0, byTradingType: null }).toEqual({ ...before, projectsPublished: 0, noticesPublished: 0, byTradingType: null });
  });

  it('computes savings and the SME share as plain rules', () => {
    const f = portalFigures([
      { projectId: 'a', budgetFen: yuan(100), awardFen: yuan(80), winnerIsSme: true },
      { projectId: 'a', budgetFen: yuan(50), awardFen: yuan(50), winnerIsSme: false },
      { projectId: 'b', budgetFen: yuan(200), awardFen: yuan(190), winnerIsSme: false },
    ]);
    expect(f).toEqual({ awardedProjects: 2, awardedLots: 3, awardedFen: yuan(320), budgetFen: yuan(350), savingsFen: yuan(30), savingsRateBp: 857, smeAwardedFen: yuan(80), smeShareBp: 2500 });
    expect(portalFigures([]).smeShareBp).toBe(0);
  });
});

describe('market entity lookup', () => {
  it('finds organisations by part of the name or the credit code, and shows nothing about people', async () => {
    const byName = await get(`/api/public/entities?q=${encodeURIComponent('徐汇区教育局')}`);
    expect(byName.items.map((e: { name: string }) => e.name)).toContain('上海市徐汇区教育局');
    const one = byName.items.find((e: { name: string }) => e.name === '上海市徐汇区教育局');
    expect(Object.keys(one).sort()).toEqual(['creditCode', 'entityType', 'id', 'name', 'regionCode', 'regionName', 'status']);
    const byCode = await get(`/api/public/entities?q=${one.creditCode}`);
    expect(byCode.items).toEqual([one]);
    const raw = JSON.stringify(await get('/api/public/entities?pageSize=50'));
    const personal = await queryRows<{ v: string }>(t.platform.database.db, sql`SELECT contact_phone AS v FROM entity UNION SELECT contact_name FROM entity UNION SELECT address FROM entity UNION SELECT mobile FROM person WHERE mobile IS NOT NULL UNION SELECT display_name FROM person`);
    expect(personal.length).toBeGreaterThan(10);
    const names = (await queryRows<{ name: string }>(t.platform.database.db, sql`SELECT name FROM entity`)).map((e) => e.name);
    // (a person called like part of a company's name, e.g. 齐鲁, is not a leak)
    for (const { v } of personal.filter((p) => !names.some((n) => n.includes(p.v)))) expect(raw).not.toContain(v);
  });

  it('lists no entity still waiting for approval, and filters by type and region', async () => {
    expect((await get(`/api/public/entities?q=${encodeURIComponent('上海待审')}`)).total).toBe(0);
    const suppliers = await get('/api/public/entities?type=supplier&pageSize=50');
    expect(suppliers.total).toBeGreaterThan(0);
    expect(suppliers.items.every((e: { entityType: string }) => e.entityType === 'supplier')).toBe(true);
    const shandong = await get('/api/public/entities?regionCode=370000&pageSize=50');
    expect(shandong.total).toBeGreaterThan(0);
    expect(shandong.items.every((e: { regionCode: string }) => e.regionCode.startsWith('37'))).toBe(true);
    expect((await get(`/api/public/entities?q=${encodeURIComponent('%')}`)).total).toBe(0); // a wildcard is a character, not "everything"
  });
});

describe('SME window', () => {
  it('states the deductions in force with their rules, and lists the lots open to SMEs', async () => {
    const before = await get('/api/public/sme');
    const goods = before.deductions.find((d: { category: string; kind: string }) => d.category === 'goods' && d.kind === 'smallMicro');
    expect(goods).toMatchObject({ minBp: 1000, maxBp: 2000, ruleId: 'SME-04' });
    expect(goods.citation['zh-CN']).toContain('财库〔2022〕19号');
    expect(before.deductions).toEqual(smePolicies('2026-11-23').deductions.map((d) => expect.objectContaining(d)));
    expect(before.reservationCeilings.find((c: { category: string }) => c.category === 'works')).toMatchObject({ ceilingFen: yuan(4_000_000), ruleId: 'SME-01' });
    // The demo's tenders open for bids take a price deduction; none is reserved yet.
    expect(before.deductionLots.length).toBeGreaterThan(0);
    expect(before.deductionLots.every((l: { deductionBp: number }) => l.deductionBp >= 1000)).toBe(true);

    const reserved = await publishProject(t, { title: '徐汇区小学课桌椅采购', budgetYuan: 1_500_000, sme: { measure: 'reserved' }, deadline: '2026-12-29T02:00:00.000Z', documentsUntil: '2026-12-10T09:00:00.000Z' });
    const after = await get('/api/public/sme');
    expect(after.reservedLots).toHaveLength(before.reservedLots.length + 1);
    expect(after.reservedLots.find((l: { projectId: string }) => l.projectId === reserved.projectId)).toMatchObject({ projectTitle: '徐汇区小学课桌椅采购', budgetFen: yuan(1_500_000), measure: 'reserved' });
    // Financing: no product catalogue yet, but the registered bank offering 政采贷.
    expect(after.financing.products).toEqual([]);
    expect(after.financing.banks.map((b: { name: string }) => b.name)).toContain('上海演示银行股份有限公司');
    reservedProjectId = reserved.projectId;
  });
});

describe('malformed requests', () => {
  it('refuses a parameter a route does not know or a value out of range, in both languages', async () => {
    for (const url of ['/api/public/portal/summary?year=2025', '/api/public/sme?x=1', '/api/public/fees?x=1', '/api/public/entities?type=person', '/api/public/entities?regionCode=31', '/api/public/entities?page=0', `/api/public/entities?q=${'名'.repeat(101)}`]) {
      const res = await t.api('GET', url);
      expect(res.status, url).toBe(400);
      expect(res.body.messages['zh-CN'], url).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body.messages['en-US'], url).toMatch(/[a-z]/);
    }
  });
});

describe('fee schedule', () => {
  it('lists every service of the service list in force with its charge', async () => {
    const fees = await get('/api/public/fees');
    const list = await get('/api/public/catalogues/serviceList');
    expect(fees.version.title).toBe(list.title);
    expect(fees.items.map((i: { code: string; charge: string }) => [i.code, i.charge])).toEqual(list.items.map((i: { code: string; data: { charge: string } }) => [i.code, i.data.charge]));
    expect(fees.items.filter((i: { free: boolean }) => i.free).length).toBe(list.items.filter((i: { data: { charge: string } }) => i.data.charge === '免费').length);
  });
});

// Last, since the clock only moves forward: a new year in Shanghai, after the reserved lot's deadline.
describe('when time has passed', () => {
  it('starts the figures afresh in a new year and no longer lists a lot whose deadline passed', async () => {
    t.clock.set(new Date('2026-12-31T16:00:00.000Z')); // 00:00 on 1 January 2027 in Shanghai
    const nextYear = await get('/api/public/portal/summary');
    expect(nextYear).toMatchObject({ year: 2027, projectsPublished: 0, awardedProjects: 0, awardedFen: 0, savingsFen: 0, smeShareBp: 0 });
    const sme = await get('/api/public/sme');
    expect(sme.reservedLots.find((l: { projectId: string }) => l.projectId === reservedProjectId)).toBeUndefined();
  });
});
