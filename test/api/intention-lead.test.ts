import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { systemContext } from '../../src/platform/context';
import { writeSetting } from '../../src/platform/settings/settings';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { samplePdf, yuan } from '../support/tendering';

/**
 * GP-08: the procurement intention is public 30 days before the procurement starts, counted in
 * Shanghai from the day after it (T-01); a region may set its own lead time.
 */
let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ demo: true, now: shanghaiInstant('2026-03-02', '10:00').toISOString() });
});
afterAll(() => t.close());

/** A draft project with its documents, whose plan's intention is published now (2 March). */
async function draftWithIntentionNow(code: string) {
  const purchaser = await t.signIn('purchaser');
  const agency = await t.signIn('agency');
  const line = (await t.api('POST', '/api/budget-lines', { cookie: purchaser, body: { fiscalYear: 2026, code, name: '教学设备', category: 'goods', amountFen: yuan(3_000_000) } })).body;
  const plan = (await t.api('POST', '/api/plans', { cookie: purchaser, body: { budgetLineId: line.id, title: '教学设备采购', category: 'goods', amountFen: yuan(3_000_000) } })).body;
  expect((await t.api('POST', `/api/plans/${plan.id}/intention`, { cookie: purchaser, body: { summary: '教学设备一批', expectedMonth: '2026-04', smeOnly: false } })).status).toBe(201);
  const agencyId = (await t.api('GET', '/api/entities', { cookie: agency })).body.items[0].id;
  const project = (
    await t.api('POST', '/api/projects', {
      cookie: purchaser,
      body: {
        planId: plan.id,
        title: '教学设备采购',
        description: '教学设备一批',
        method: 'openTender',
        agencyEntityId: agencyId,
        contactName: '孙强',
        contactPhone: '021-62880000',
        lots: [{ title: '教学设备', budgetFen: yuan(3_000_000), depositFen: 0, evaluationMethod: 'lowestPrice', sme: { measure: 'priceDeduction', deductionBp: 1000 } }],
      },
    })
  ).body;
  await t.api('POST', `/api/projects/${project.id}/documents?name=${encodeURIComponent('招标文件')}`, { cookie: agency, raw: Buffer.from(await samplePdf('Tender documents')), contentType: 'application/pdf' });
  return project as { id: string; revision: number };
}

/** The agency publishes the tender notice at `at` (Beijing time), with a schedule the law allows from then. */
async function publishAt(project: { id: string; revision: number }, at: Date) {
  t.clock.set(at);
  return t.api('POST', `/api/projects/${project.id}/publication`, {
    cookie: await t.signIn('agency'),
    body: {
      revision: project.revision,
      documentsUntil: shanghaiInstant('2026-04-30', '17:00').toISOString(),
      deadline: shanghaiInstant('2026-05-11', '10:00').toISOString(),
      contractPeriod: '合同签订后60日内交付',
      consortiumAllowed: false,
      qualifications: ['满足《政府采购法》第二十二条规定'],
    },
  });
}

describe('GP-08: the intention goes out 30 days before the procurement', () => {
  it('refuses the tender notice on the 29th day after the intention, naming the rule and the first allowed day', async () => {
    const project = await draftWithIntentionNow('GP08-1');
    const early = await publishAt(project, shanghaiInstant('2026-03-31', '23:59'));
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'INTENTION_TOO_RECENT', ruleId: 'GP-08', details: { earliest: '2026-04-01' } });
    expect(early.body.messages['zh-CN']).toContain('2026-04-01');
    expect(early.body.messages['en-US']).toContain('GP-08');
    // Refused means unchanged: the project is still a draft, and no notice went out.
    expect((await t.api('GET', `/api/public/projects/${project.id}`, { cookie: await t.signIn('agency') })).body.status).toBe('draft');
    expect((await t.api('GET', `/api/public/projects/${project.id}/notices`, { cookie: await t.signIn('agency') })).body).toEqual([]);

    const onTime = await publishAt(project, shanghaiInstant('2026-04-01', '00:00'));
    expect(onTime.status).toBe(200);
    expect(onTime.body.status).toBe('published');
  });

  it('counts the lead time a region sets instead of 30 days', async () => {
    t.clock.set(shanghaiInstant('2026-03-02', '10:00'));
    await writeSetting(systemContext(t.platform), 'trading.intentionLeadDays', 20, 0, '310104');
    const project = await draftWithIntentionNow('GP08-2');
    expect((await publishAt(project, shanghaiInstant('2026-03-21', '12:00'))).body.details).toEqual({ earliest: '2026-03-22', leadDays: 20 });
    expect((await publishAt(project, shanghaiInstant('2026-03-22', '12:00'))).status).toBe(200);
  });
});
