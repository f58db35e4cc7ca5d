import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, draftProject, prepareBidder, publishProject, type DraftOptions } from '../support/tendering';

/**
 * What each method changes in the shared steps: a request for quotations takes one price per supplier
 * (RQ-02) and buys goods only (RQ-05); a consultation declared for research goes on with two
 * suppliers (CS-06), one without the declaration fails with two (CS-10).
 */
let t: TestPlatform;
const deadline = shanghaiInstant('2026-03-23', '10:00');
const schedule = { documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: deadline.toISOString() };

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
}, 300_000);
afterAll(() => t?.close());

describe('询价 (request for quotations)', () => {
  it('refuses services (RQ-05) and a second quotation, even after a withdrawal (RQ-02)', async () => {
    await expect(draftProject(t, { method: 'rfq', category: 'services' })).rejects.toThrow(/RQ-05|询价方式仅适用于货物采购/);
    const p = await publishProject(t, { title: '区属学校复印纸采购', method: 'rfq', sme: { measure: 'reserved' }, ...schedule });
    // The notice speaks the method's words: its documents are a 询价通知书, its responses 报价文件.
    const [notice] = (await t.api('GET', `/api/public/projects/${p.projectId}/notices`)).body;
    expect(notice.title).toBe('区属学校复印纸采购询价公告');
    const html = (await t.api('GET', `/api/public/notices/${notice.id}`)).body.renderedHtml as string;
    expect(html).toContain('三、获取询价通知书');
    expect(html).toContain('四、提交报价文件截止时间、开启时间和地点');
    const supplier1 = await prepareBidder(t, 'supplier1', p.projectId);
    await bid(t, supplier1, p.lotId, 2_500_000);
    await expect(bid(t, supplier1, p.lotId, 2_400_000)).rejects.toThrow('询价采购中供应商只能一次报出不得更改的价格');
    // Another supplier's first quotation is taken as usual; withdrawn, it cannot be replaced.
    const supplier2 = await prepareBidder(t, 'supplier2', p.projectId);
    const first = await bid(t, supplier2, p.lotId, 2_450_000);
    expect(first.receipt.submissionNo).toBe(1);
    expect((await t.api('DELETE', `/api/lots/${p.lotId}/bids/current`, { cookie: supplier2.cookie })).status).toBe(200);
    await expect(bid(t, supplier2, p.lotId, 2_300_000)).rejects.toThrow('询价采购中供应商只能一次报出不得更改的价格');
  });
});

describe('竞争性磋商 with two suppliers (CS-06)', () => {
  async function consultationWithTwo(extra: Partial<DraftOptions>) {
    const p = await publishProject(t, { title: '区教育局课题研究服务', method: 'consultation', category: 'services', sme: { measure: 'reserved' }, ...schedule, ...extra });
    for (const [name, price] of [['supplier1', 2_600_000], ['supplier2', 2_700_000]] as const) await bid(t, await prepareBidder(t, name, p.projectId), p.lotId, price);
    return p;
  }

  it('is allowed only for consultations, with the reason recorded', async () => {
    await expect(draftProject(t, { twoSupplierException: 'research' })).rejects.toThrow(/EXCEPTION_NOT_ALLOWED|仅竞争性磋商/);
    await expect(draftProject(t, { method: 'consultation', category: 'services', sme: { measure: 'reserved' }, twoSupplierException: 'research' })).rejects.toThrow(/适用两家供应商例外情形的理由/);
  });

  it('opens a declared research consultation with two responses, and fails an undeclared one (CS-10)', async () => {
    t.clock.set(shanghaiInstant('2026-03-02', '10:00'));
    const declared = await consultationWithTwo({ twoSupplierException: 'research', methodJustification: '市场竞争不充分的科研项目（214号 第三条第四项）' });
    const undeclared = await consultationWithTwo({});
    t.clock.set(deadline);
    await t.jobs.runDue();
    const lotOf = async (projectId: string) => (await t.api('GET', `/api/public/projects/${projectId}`)).body.lots[0];
    expect(await lotOf(declared.projectId)).toMatchObject({ status: 'decrypting' });
    expect(await lotOf(undeclared.projectId)).toMatchObject({ status: 'failed', failureRuleId: 'CS-10' });
    expect((await t.api('GET', `/api/public/projects/${declared.projectId}`)).body.twoSupplierException).toBe('research');
  });

  it('draws a consultation panel of three (CS-03), where a tender committee needs five (GP-40)', async () => {
    t.clock.set(shanghaiInstant('2026-03-02', '10:00'));
    const agency = await t.signIn('agency');
    const p = await publishProject(t, { title: '区属学校心理健康服务', method: 'consultation', category: 'services', sme: { measure: 'reserved' }, ...schedule });
    expect((await t.api('GET', `/api/public/projects/${p.projectId}`, { cookie: agency })).body.panel).toEqual({ name: { 'zh-CN': '磋商小组', 'en-US': 'consultation panel' }, minimumMembers: 3, ruleId: 'CS-03' });
    const panelOf = (size: number) => ({ size, experts: size, purchaserRepresentativeIds: [], specialities: ['A02'], complex: false, evaluationStartsAt: shanghaiInstant('2026-03-23', '14:00').toISOString(), evaluationEndsAt: shanghaiInstant('2026-03-23', '18:00').toISOString() });
    expect((await t.api('POST', `/api/projects/${p.projectId}/committee`, { cookie: agency, body: panelOf(3) })).status).toBe(201);
    const tender = await publishProject(t, { ...schedule });
    const refused = await t.api('POST', `/api/projects/${tender.projectId}/committee`, { cookie: agency, body: panelOf(3) });
    expect(refused.body).toMatchObject({ code: 'COMMITTEE_COMPOSITION', ruleId: 'GP-40' });
  });
});
