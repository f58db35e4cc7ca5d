import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { horizontalOverflow, launchBrowser, PHONE, pageErrors, signedInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { awardLot, bid, draftProject, evaluateLot, prepareBidder, publishProject, startEvaluation, type Bidder } from '../support/tendering';

/**
 * The methods' own steps in Chromium: a single-source project publicised with the professionals'
 * opinions, an objection filed from the notice page and reviewed after the publicity (DS-01, SS-03,
 * SS-04), then invited, its response opened, its price and terms agreed and recorded by its negotiators
 * (协商情况记录, SS-05, SS-07), awarded and contracted at the agreed price; a works tender whose candidates
 * are publicised before the award (WK-13). The project page
 * shows the method's steps and where the project stands.
 */
let t: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const currentStep = (page: Page) => page.locator('[data-testid^="step-"][data-state="current"]').getAttribute('data-testid');

describe('single source (单一来源)', () => {
  let projectId = '';
  let noticeId = '';

  it('the agency publicises the reasons and the one supplier from the project page', async () => {
    t.clock.set(shanghaiInstant('2026-04-20', '09:00'));
    const draft = await draftProject(t, { title: '录播系统原厂维保服务', method: 'singleSource', methodJustification: '录播系统核心软件仅原厂可维护升级', budgetYuan: 2_000_000, sme: { measure: 'none', notSuitableReason: '只能由原厂提供' } });
    projectId = draft.projectId;
    // The project names its one supplier at creation (supplier1, the test helper's default).
    const supplierName = (await t.api('GET', '/api/session', { cookie: await t.signIn('supplier1') })).body.entity.name as string;
    const page = await signedInPage(browser, t, 'agency');
    const errors = pageErrors(page, [404]);
    await page.goto(`${t.baseUrl}/workspace/projects/${projectId}`);
    await page.getByTestId('method-steps').waitFor();
    expect(await currentStep(page)).toBe('step-singleSourcePublicity');

    const form = page.getByTestId('single-source-publicity-form');
    await form.getByLabel('拟采购的货物或服务的说明').fill('区属学校录播系统三年原厂维保');
    await form.getByLabel('采用单一来源采购方式的原因及相关说明').fill('录播系统核心软件及加密模块只能由原厂维护升级（政府采购法第三十一条第一项）');
    await form.getByLabel('姓名').fill('周明');
    await form.getByLabel('工作单位').fill('上海市教育装备中心');
    await form.getByLabel('职称').fill('高级工程师');
    await form.getByLabel('论证意见').fill('核心软件为原厂专有，同意采用单一来源方式');
    await form.getByTestId('publish-publicity').click();
    const card = page.getByTestId('publicities');
    await card.getByText('公示中').waitFor();
    await expect.poll(() => card.textContent()).toContain('2026-04-27');
    await expect.poll(() => card.textContent()).toContain(supplierName);
    noticeId = ((await t.api('GET', `/api/public/projects/${projectId}/publicities`, { cookie: await t.signIn('agency') })).body[0].noticeId as string);
    expect(errors).toEqual([]);
  });

  it('another supplier objects in writing from the notice page, on a phone', async () => {
    const page = await signedInPage(browser, t, 'supplier4', PHONE);
    // The project is still a draft: its timeline is not public yet (404), and the notice page goes without it.
    const errors = pageErrors(page, [404]);
    await page.goto(`${t.baseUrl}/notices/${noticeId}`);
    await page.getByText('核心软件为原厂专有').waitFor();
    await page.getByTestId('objection-text').fill('我公司已取得该录播系统的原厂授权维保资质，可以提供同等服务。');
    await page.getByTestId('file-objection').click();
    await page.getByTestId('objection-outcome').getByText('异议已提交').waitFor();
    await page.getByText('待补充论证').waitFor();
    expect(await horizontalOverflow(page)).toBe('');
    expect(errors).toEqual([]);
  });

  it('after the publicity the agency reviews the objection, and the project moves on to its invitation', async () => {
    t.clock.set(shanghaiInstant('2026-04-28', '09:00'));
    const page = await signedInPage(browser, t, 'agency');
    await page.goto(`${t.baseUrl}/workspace/projects/${projectId}`);
    const objection = page.getByTestId('objection');
    await objection.getByText('已取得该录播系统的原厂授权').waitFor();
    await objection.getByLabel('补充论证意见').fill('原厂授权维保不含核心软件升级，异议不成立');
    await objection.getByTestId('dismiss-objection').click();
    await objection.getByText('异议不成立', { exact: true }).waitFor();
    await expect.poll(() => currentStep(page)).toBe('step-notice');
  });

  // The steps every method shares go through the API; the negotiation record (SS-05) is done in the browser.
  let negotiators: string[] = [];
  let lotId = '';
  it('invites the one supplier, takes its response and opens it for a panel of two negotiators', async () => {
    const agency = await t.signIn('agency');
    const project = (await t.api('GET', `/api/public/projects/${projectId}`, { cookie: agency })).body;
    lotId = project.lots[0].id;
    const deadline = shanghaiInstant('2026-05-11', '10:00');
    const published = await t.api('POST', `/api/projects/${projectId}/publication`, {
      cookie: agency,
      body: { revision: project.revision, documentsUntil: shanghaiInstant('2026-05-08', '17:00').toISOString(), deadline: deadline.toISOString(), contractPeriod: '合同签订后30日内', consortiumAllowed: false, qualifications: ['原厂授权'] },
    });
    expect(published.status).toBe(200);
    const supplier = await prepareBidder(t, 'supplier1', projectId);
    await bid(t, supplier, lotId, 1_950_000);
    negotiators = await startEvaluation(t, projectId, [supplier], { deadline, start: shanghaiInstant('2026-05-11', '14:00') }, { size: 2, experts: 2 });
    expect(negotiators).toHaveLength(2);
  });

  it('a negotiator writes the negotiation record on a phone; above the budget it is refused with SS-07', async () => {
    const page = await signedInPage(browser, t, negotiators[0]!, PHONE);
    // The price above the budget is refused by the server (422), as the test means it to be.
    const errors = pageErrors(page, [422]);
    await page.goto(`${t.baseUrl}/workspace/projects/${projectId}`);
    await page.getByTestId('method-steps').waitFor();
    expect(await currentStep(page)).toBe('step-evaluation');
    expect(await page.getByTestId('step-evaluation').textContent()).toBe('协商（协商情况记录）');
    const card = page.getByTestId('negotiation-record');
    // (一) the publicity's account comes from the publicity and its objection's review.
    await card.getByText('原厂授权维保不含核心软件升级，异议不成立', { exact: false }).waitFor();
    const form = card.getByTestId('negotiation-record-form');
    await form.getByLabel('协商日期').fill('2026-05-11');
    await form.getByLabel('协商地点').fill('区教育局采购中心会议室');
    await form.getByLabel('供应商成本情况').fill('原厂工程师人工及核心部件备件成本约占报价六成');
    await form.getByLabel('同类项目合同价格').fill('邻区同型号录播系统三年维保合同价182万元');
    await form.getByLabel('相关专利、专有技术等情况').fill('核心软件及加密模块为原厂专有技术');
    await form.getByLabel('合同主要条款').fill('三年原厂维保，4小时到场响应，每季度巡检一次');
    await form.getByLabel('商定的成交价格（元）').fill('2000000.01');
    await form.getByTestId('save-negotiation-record').click();
    const refusal = card.getByTestId('negotiation-refusal');
    await refusal.waitFor({ timeout: 30_000 });
    expect(await refusal.textContent()).toContain('终止采购活动');
    await form.getByLabel('商定的成交价格（元）').fill('1850000');
    await form.getByTestId('save-negotiation-record').click();
    await expect.poll(() => card.getByTestId('agreed-price').textContent(), { timeout: 30_000 }).toBe('185.00万元');
    await card.getByTestId('sign-negotiation-record').click();
    await expect.poll(() => card.getByTestId('negotiation-signatures').textContent(), { timeout: 30_000 }).toContain('同意');
    expect(await horizontalOverflow(page)).toBe('');
    expect(errors).toEqual([]);
  });

  it('the other negotiator signs a dissent with reasons; the record is the evaluation result and the project goes on to the award', async () => {
    const page = await signedInPage(browser, t, negotiators[1]!);
    const errors = pageErrors(page);
    await page.goto(`${t.baseUrl}/workspace/projects/${projectId}`);
    const card = page.getByTestId('negotiation-record');
    const sign = card.getByTestId('negotiation-sign-form');
    await sign.getByText('有不同意见，签署不同意见并说明理由').click();
    // SS-05: a dissent without its reasons is not taken.
    await sign.getByTestId('sign-negotiation-record').click();
    await sign.getByText('签署不同意见的，应当说明理由').waitFor();
    await sign.getByLabel('不同意见及理由').fill('价格仍高于邻区同类合同');
    await sign.getByTestId('sign-negotiation-record').click();
    await expect.poll(() => card.getByTestId('negotiation-status').textContent(), { timeout: 30_000 }).toBe('已签署');
    expect(await card.getByTestId('negotiation-signatures').textContent()).toContain('价格仍高于邻区同类合同');
    expect(await card.getByTestId('negotiation-record-form').count()).toBe(0);
    await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBe('step-award');
    expect(errors).toEqual([]);
  });

  it('the award and the contract follow at the agreed price, and the supplier reads the agreed terms', async () => {
    await awardLot(t, projectId, lotId);
    const supplier = await t.signIn('supplier1');
    const drafted = await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/contract`, {
      cookie: await t.signIn('agency'),
      body: { milestones: [{ name: '三年维保', amountFen: 185_000_000, acceptanceCriteria: '维保记录完整', dueDate: '2029-05-31' }], performancePeriod: '三年', performancePlace: '区属学校', paymentTermDays: 30, terms: '三年原厂维保，4小时到场响应' },
    });
    expect(drafted.body).toMatchObject({ priceFen: 185_000_000 });
    const one = await t.api('POST', `/api/contracts/${drafted.body.id}/signatures`, { cookie: supplier, body: { revision: drafted.body.revision } });
    const both = await t.api('POST', `/api/contracts/${drafted.body.id}/signatures`, { cookie: await t.signIn('purchaser'), body: { revision: one.body.revision } });
    expect(both.body).toMatchObject({ status: 'signed', priceFen: 185_000_000 });

    const page = await signedInPage(browser, t, 'supplier1', PHONE);
    const errors = pageErrors(page);
    await page.goto(`${t.baseUrl}/workspace/projects/${projectId}`);
    await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBe('step-acceptance');
    const card = page.getByTestId('negotiation-record');
    await expect.poll(() => card.getByTestId('agreed-price').textContent(), { timeout: 30_000 }).toBe('185.00万元');
    // The supplier reads the terms, not the negotiators' notes on its cost.
    expect(await card.textContent()).not.toContain('约占报价六成');
    expect(await horizontalOverflow(page)).toBe('');
    expect(errors).toEqual([]);
  });
});

describe('works under the Bidding Law (工程招标)', () => {
  it("shows the candidates' publicity as the project's current step, and its notice", async () => {
    t.clock.set(shanghaiInstant('2026-03-02', '10:00'));
    const deadline = shanghaiInstant('2026-03-23', '10:00');
    const p = await publishProject(t, { title: '区属学校操场改造工程', category: 'works', sme: { measure: 'none', notSuitableReason: '须由具备施工总承包资质的企业承担' }, documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: deadline.toISOString() });
    const bidders: Bidder[] = [];
    for (const [name, price] of [['supplier1', 2_800_000], ['supplier2', 2_700_000], ['supplier3', 2_900_000]] as const) {
      const b = await prepareBidder(t, name, p.projectId);
      await bid(t, b, p.lotId, price);
      bidders.push(b);
    }
    const members = await startEvaluation(t, p.projectId, bidders, { deadline, start: shanghaiInstant('2026-03-23', '14:00') });
    await evaluateLot(t, p.projectId, p.lotId, members);
    expect((await t.api('POST', `/api/projects/${p.projectId}/lots/${p.lotId}/report-delivery`, { cookie: await t.signIn('agency') })).status).toBe(200);

    const page = await signedInPage(browser, t, 'purchaser', PHONE);
    const errors = pageErrors(page);
    await page.goto(`${t.baseUrl}/workspace/projects/${p.projectId}`);
    await page.getByTestId('method-steps').waitFor();
    expect(await currentStep(page)).toBe('step-candidatePublicity');
    // The purchaser is told why it cannot name the winner yet, and is not offered to.
    await page.getByTestId('candidates-publicised').waitFor();
    expect(await page.getByTestId('confirm-winner').count()).toBe(0);
    await page.getByTestId('publicities').getByText('中标候选人公示').click();
    await page.getByText('第1名').waitFor();
    expect(await horizontalOverflow(page)).toBe('');
    expect(errors).toEqual([]);
  });
});
