import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { openedProject } from '../support/tendering';

/**
 * GP-58: the committee corrects a price in the legal order; it binds once the bidder confirms,
 * and a bidder who does not confirm has an invalid bid. (The test bids list 120 units at the
 * total ÷ 120 rounded down, so a total not divisible by 120 disagrees with its unit prices.)
 */
let t: TestPlatform;
let p: Awaited<ReturnType<typeof openedProject>>;
const cookies: Record<string, string> = {};
let members: string[] = [];

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  const start = shanghaiInstant('2026-03-23', '11:00');
  p = await openedProject(t, { supplier1: 2_640_000, supplier2: 2_720_000, supplier3: 2_590_000, supplier4: 2_700_000 }, {
    beforeDeadline: async (project) => {
      const agency = await t.signIn('agency');
      const body = { size: 5, experts: 5, purchaserRepresentativeIds: [], specialities: ['A02'], complex: false, evaluationStartsAt: start.toISOString(), evaluationEndsAt: shanghaiInstant('2026-03-23', '17:00').toISOString() };
      expect((await t.api('POST', `/api/projects/${project.projectId}/committee`, { cookie: agency, body })).status).toBe(201);
    },
  });
  const signInAll = async () => {
    for (const name of ['expert1', 'expert2', 'expert3', 'expert4', 'expert5', 'expert6']) cookies[name] = await t.signIn(name);
  };
  await signInAll();
  for (const name of Object.keys(cookies)) {
    if ((await t.api('GET', '/api/evaluations', { cookie: cookies[name] })).body.length === 0) continue;
    await t.api('POST', `/api/evaluations/${p.projectId}/response`, { cookie: cookies[name], body: { accept: true } });
    members.push(name);
  }
  t.clock.set(start);
  await t.jobs.runDue();
  await signInAll();
});
afterAll(() => t?.close());

const sheet = async (name: string) => (await t.api('GET', `/api/evaluations/${p.projectId}/sheet`, { cookie: cookies[name] })).body.lots[0];
const correct = (name: string, bid: string, body: object = {}) => t.api('POST', `/api/evaluations/${p.projectId}/bids/${p.bidIds[bid]}/price-correction`, { cookie: cookies[name], body });

describe('arithmetic correction (GP-58)', () => {
  let chair = '';
  it('is recorded by the chair only, and only where the figures disagree', async () => {
    for (const m of members) if ((await sheet(m)).isChair) chair = m;
    const other = members.find((m) => m !== chair)!;
    expect((await correct(other, 'supplier2')).status).toBe(403);
    const none = await correct(chair, 'supplier1'); // 2,640,000 = 120 × 22,000: nothing to correct
    expect(none.status).toBe(422);
    expect(none.body.ruleId).toBe('GP-58');
  });

  it('applies the steps in order: the schedule over the body (1), then the unit prices over the total (4)', async () => {
    const res = await correct(chair, 'supplier2', { bodyTotalFen: 270_000_000 });
    expect(res.status).toBe(200);
    expect(res.body.corrections.map((c: { step: number }) => c.step)).toEqual([1, 4]);
    expect(res.body).toMatchObject({ fromFen: 272_000_000, correctedFen: 271_999_920, confirmed: null });
    expect((await correct(chair, 'supplier3')).body.correctedFen).toBe(258_999_960);
  });

  it('waits for the bidders: the report comes only after both answered; the refusing bid is invalid, the confirmed price binds', async () => {
    for (const m of members) {
      const s = await sheet(m);
      const reviews = s.bids.flatMap((b: { bidId: string }) => ['qualification', 'compliance'].map((criterion) => ({ bidId: b.bidId, criterion, passed: true })));
      const scores = s.bids.flatMap((b: { bidId: string }) => [
        { bidId: b.bidId, criterion: '技术', points: 40 },
        { bidId: b.bidId, criterion: '商务', points: 15 },
      ]);
      expect((await t.api('PUT', `/api/evaluations/${p.projectId}/lots/${p.lotId}/sheet`, { cookie: cookies[m], body: { reviews, scores } })).status).toBe(200);
      expect((await t.api('POST', `/api/evaluations/${p.projectId}/lots/${p.lotId}/submission`, { cookie: cookies[m] })).body.report).toBeNull();
    }
    const s2 = await t.signIn('supplier2');
    const requests = (await t.api('GET', `/api/projects/${p.projectId}/my-committee-requests`, { cookie: s2 })).body;
    expect(requests.corrections).toHaveLength(1);
    expect((await t.api('POST', `/api/bids/${p.bidIds.supplier2}/correction-answer`, { cookie: s2, body: { confirmed: true } })).status).toBe(200);
    expect((await sheet(members[0]!)).report).toBeNull(); // supplier3 has not answered
    const s3 = await t.signIn('supplier3');
    expect((await t.api('POST', `/api/bids/${p.bidIds.supplier2}/correction-answer`, { cookie: s3, body: { confirmed: false } })).status).toBe(404); // not its bid
    expect((await t.api('POST', `/api/bids/${p.bidIds.supplier3}/correction-answer`, { cookie: s3, body: { confirmed: false } })).status).toBe(200);
    const report = (await sheet(members[0]!)).report;
    const byName = Object.fromEntries(report.result.bids.map((b: { supplierName: string }) => [b.supplierName, b]));
    expect(byName['上海浦江数据服务有限公司']).toMatchObject({ priceFen: 271_999_920, valid: true });
    expect(byName['上海华东智能设备股份有限公司']).toMatchObject({ valid: false, invalidReasons: ['投标人不确认评标委员会的报价修正，按GP-58作无效投标处理'] });
    expect(report.result.candidates).toHaveLength(3);
  });
});
