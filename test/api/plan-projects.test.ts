import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { publishProject, yuan } from '../support/tendering';

/**
 * 立项 draws on the plan (TR-04): the lots of every project made from one plan never add up to
 * more than the plan, whether the projects come one after the other or at the same moment.
 */
let t: TestPlatform;
let purchaser = '';
beforeAll(async () => {
  t = await startTestPlatform({ demo: true });
  purchaser = await t.signIn('purchaser');
});
afterAll(() => t.close());

let lineNo = 0;
async function plan(amountYuan: number) {
  const line = (await t.api('POST', '/api/budget-lines', { cookie: purchaser, body: { fiscalYear: 2026, code: `PP-${++lineNo}`, name: '教学设备', category: 'goods', amountFen: yuan(amountYuan) } })).body;
  return (await t.api('POST', '/api/plans', { cookie: purchaser, body: { budgetLineId: line.id, title: '教学设备采购', category: 'goods', amountFen: yuan(amountYuan) } })).body.id as string;
}

const projectOn = (planId: string, ...lotsYuan: number[]) =>
  t.api('POST', '/api/projects', {
    cookie: purchaser,
    body: {
      planId,
      title: '教学设备采购',
      description: '教学设备一批',
      method: 'openTender',
      contactName: '赵丽',
      contactPhone: '021-64000000',
      lots: lotsYuan.map((amount, i) => ({ title: `设备（包${i + 1}）`, budgetFen: yuan(amount), depositFen: 0, evaluationMethod: 'lowestPrice', sme: { measure: 'reserved' } })),
    },
  });

describe('projects drawn on a plan', () => {
  it('lets one project use the whole plan and refuses a second one, naming what is left', async () => {
    const planId = await plan(1_000_000);
    expect((await projectOn(planId, 600_000, 400_000)).status).toBe(201);
    const second = await projectOn(planId, 1);
    expect(second.status).toBe(422);
    expect(second.body).toMatchObject({ code: 'LOTS_EXCEED_PLAN', ruleId: 'TR-04', details: { remainingFen: 0 } });
    expect(second.body.messages['zh-CN']).toContain('余额0.00元');
    expect(second.body.messages['en-US']).toContain('0.00 yuan left');
  });

  it('lets a plan be procured as two projects that fit in it, to the last fen', async () => {
    const planId = await plan(1_000_000);
    expect((await projectOn(planId, 700_000)).status).toBe(201);
    const over = await projectOn(planId, 300_000, 1);
    expect(over.body).toMatchObject({ code: 'LOTS_EXCEED_PLAN', details: { remainingFen: yuan(300_000) } });
    expect(over.body.messages['zh-CN']).toContain('余额300,000.00元');
    expect((await projectOn(planId, 300_000)).status).toBe(201);
  });

  it('lets exactly one of two projects made at the same moment draw on what is left', async () => {
    const planId = await plan(1_000_000);
    const results = await Promise.all([projectOn(planId, 600_000), projectOn(planId, 600_000)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    const mine = (await t.api('GET', '/api/projects?scope=mine', { cookie: purchaser })).body as { planId: string }[];
    expect(mine.filter((p) => p.planId === planId)).toHaveLength(1);
  });

  it('gives a failed lot’s budget back to the plan, to be procured again', async () => {
    const deadline = shanghaiInstant('2026-03-23', '10:00');
    const p = await publishProject(t, { documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: deadline.toISOString() });
    purchaser = await t.signIn('purchaser');
    const planId = (await t.api('GET', `/api/public/projects/${p.projectId}`)).body.planId;
    expect((await projectOn(planId, 1)).body.details).toMatchObject({ remainingFen: 0 });
    t.clock.set(deadline);
    await t.jobs.runDue(); // no bids: the lot fails at the opening (GP-33)
    purchaser = await t.signIn('purchaser');
    expect((await projectOn(planId, 3_000_000)).status).toBe(201);
  });
});
