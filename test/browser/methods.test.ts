import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { horizontalOverflow, launchBrowser, PHONE, pageErrors, signedInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, draftProject, evaluateLot, prepareBidder, publishProject, startEvaluation, type Bidder } from '../support/tendering';

/**
 * The methods' own steps in Chromium: a single-source project publicised with the professionals'
 * opinions, an objection filed from the notice page and reviewed after the publicity (DS-01, SS-03,
 * SS-04); a works tender whose candidates are publicised before the award (WK-13). The project page
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
