import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { horizontalOverflow, launchBrowser, PHONE, signInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, prepareBidder, publishProject, type PublishedProject } from '../support/tendering';

/** What a user sees is the domain, not the code: names, rules with their legal source, on a phone too. */
let t: TestPlatform;
let browser: Browser;
let project: PublishedProject;
const DEADLINE = shanghaiInstant('2026-03-23', '10:00');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  browser = await launchBrowser();
  project = await publishProject(t, { documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: DEADLINE.toISOString() });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(options: BrowserContextOptions = {}): Promise<Page> {
  return (await browser.newContext({ locale: 'zh-CN', viewport: PHONE, ...options })).newPage();
}

async function signedIn(username: string, options: BrowserContextOptions = {}): Promise<Page> {
  return signInPage(await open(options), t.baseUrl, username);
}

/** Privileged roles need a second factor; the test signs in through the API and hands the browser the session. */
async function privileged(username: string, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await open(options);
  const cookie = (await t.signIn(username)).replace(/^sid=/, '');
  await page.context().addCookies([{ name: 'sid', value: cookie, url: t.baseUrl }]);
  return page;
}

describe('names, not codes, in the browser', () => {
  it('leads from a public notice to its project, by the project’s name, without signing in, on a phone', async () => {
    const page = await open();
    await page.goto(`${t.baseUrl}/notices`);
    await page.getByTestId('search-filters-toggle').click(); // on a phone the filters fold behind a button
    await page.getByTestId('notice-type-filter').waitFor();
    expect(await page.getByTestId('notice-type-filter').innerText()).toContain('公告类型');
    expect(await page.locator('label[for="search-type"]').innerText()).toBe('公告类型');
    expect(await horizontalOverflow(page)).toBe('');

    const tender = (await t.api('GET', `/api/public/projects/${project.projectId}/notices`)).body.find((n: { noticeType: string }) => n.noticeType === 'tender');
    await page.goto(`${t.baseUrl}/notices/${tender.id}`);
    const link = page.getByTestId('notice-project');
    await expect.poll(() => link.textContent(), { timeout: 15_000 }).toBe('中小学智慧教室设备采购');
    expect(await horizontalOverflow(page)).toBe('');
    await link.click();
    await page.getByText('登录后获取文件、参与投标').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/projects/${project.projectId}`);
    expect(await page.getByTestId('project-status').textContent()).toBe('公告中');
    expect(await horizontalOverflow(page)).toBe('');
  });

  it('tells only those it concerns that payment is not available yet, and nothing else is “to come”', async () => {
    const purchaser = await signedIn('purchaser');
    expect(await purchaser.getByTestId('payment-not-yet').textContent()).toContain('支付申请与国库支付尚未开放');
    expect(await purchaser.getByText('后续将开放').count()).toBe(0);
    expect(await horizontalOverflow(purchaser)).toBe('');
    // On a phone the menu is a drawer: it opens from its button and closes once a page is chosen.
    const menuShown = () => purchaser.getByTestId('workspace-menu').isVisible();
    expect(await menuShown()).toBe(false);
    await purchaser.getByTestId('menu-toggle').click();
    await expect.poll(menuShown).toBe(true);
    await purchaser.getByTestId('workspace-menu').getByText('采购项目').click();
    await purchaser.waitForURL(/\/workspace\/projects$/);
    await expect.poll(menuShown).toBe(false);

    const agency = await signedIn('agency');
    expect(await agency.getByTestId('payment-not-yet').count()).toBe(0);
  });

  it('names each audit entry’s action, role and subject; no code or UUID is shown', async () => {
    const page = await privileged('operator', { viewport: { width: 1360, height: 900 } });
    await page.goto(`${t.baseUrl}/workspace/audit`);
    const entries = page.getByTestId('audit-entries');
    await expect.poll(() => entries.innerText(), { timeout: 15_000 }).toContain('发布招标公告');
    const text = await entries.innerText();
    expect(text).toContain('登录');
    expect(text).toContain('采购代理机构');
    expect(text).not.toMatch(/\b[a-z][a-zA-Z]*\.[a-z][a-zA-Z_]*\b/); // session.login, notice.publish_tender …
    expect(text).not.toMatch(UUID);
    await page.setViewportSize(PHONE);
    await expect.poll(() => horizontalOverflow(page)).toBe('');
  });

  it('shows the expert library’s specialities by name', async () => {
    const page = await privileged('operator');
    await page.goto(`${t.baseUrl}/workspace/experts`);
    const table = page.locator('main .ant-table');
    await expect.poll(() => table.innerText(), { timeout: 15_000 }).toContain('信息技术设备');
    expect(await table.innerText()).not.toMatch(/\b[A-D]\d{2}(\.\d{2})?\b/);
    expect(await horizontalOverflow(page)).toBe('');
  });

  it('cites a rule with its act and article, and says when the article is still to be verified', async () => {
    const page = await open({ viewport: { width: 1360, height: 900 } });
    await page.goto(`${t.baseUrl}/catalogues/disclosureCatalogue`);
    const refs = page.getByTestId('rule-ref');
    await expect.poll(() => refs.allInnerTexts(), { timeout: 15_000 }).toContain('GP-72 · 《政府采购法实施条例》第四十三条第二款');
    expect(await refs.allInnerTexts()).toContain('GP-08 · 《关于开展政府采购意向公开工作的通知》（财库〔2020〕10号）（条款待核实）');
    await refs.filter({ hasText: 'GP-72' }).hover();
    await expect.poll(() => page.getByRole('tooltip').innerText()).toContain('2个工作日内发出中标通知书');

    // A refusal names its rule the same way.
    await page.goto(`${t.baseUrl}/calendar`);
    const from = page.locator('.ant-picker input').first();
    await from.click();
    await from.fill('2026-12-28');
    await from.press('Enter');
    await page.getByRole('button', { name: /计\s*算/ }).click();
    await expect.poll(() => page.locator('.ant-alert-warning').innerText(), { timeout: 15_000 }).toContain('CAL-03 · 国务院办公厅年度部分节假日安排的通知（条款待核实）');
  });

  it('shows the opening hall’s decryption deadline and the time left apart, on a phone', async () => {
    for (const name of ['supplier1', 'supplier2', 'supplier3']) await bid(t, await prepareBidder(t, name, project.projectId), project.lotId, 2_600_000);
    t.clock.set(DEADLINE);
    await t.jobs.runDue();
    const page = await signedIn('supplier1');
    await page.goto(`${t.baseUrl}/workspace/openings/${project.projectId}`);
    const countdown = page.getByTestId('decryption-countdown');
    await expect.poll(() => countdown.textContent(), { timeout: 15_000 }).toMatch(/^剩余 [0-3]\d:[0-5]\d$/);
    expect(await page.getByTestId('decryption-ends').innerText()).toMatch(/^2026\/3\/23 10:30:00 剩余 [0-3]\d:[0-5]\d$/);
    expect(await horizontalOverflow(page)).toBe('');
  });
});
