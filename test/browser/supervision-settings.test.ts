import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, pageErrors, signedInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { draftProject } from '../support/tendering';

/**
 * 监管功能设置 and 发布前合规检查 in Chromium: the security administrator takes the alerts away from the
 * trading centre, whose menu then lacks them and whose direct visit is refused with the reason; an agency
 * whose notice sets a registered-capital threshold sees the TS-04 warning with the phrase marked, publishes
 * anyway, and the district supervisor finds the notice in the 筛查警示 queue.
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

const signedIn = (username: string, viewport?: { width: number; height: number }) => signedInPage(browser, t, username, viewport);
/** The page's own errors; the refusals it shows itself are left out. */
const collectErrors = (page: Page) => pageErrors(page, [403, 404, 409, 422]);

const menuLabels = async (page: Page) => (await page.getByTestId('workspace-menu').locator('li.ant-menu-item').allInnerTexts()).map((s) => s.trim());


async function pickDateTime(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId).locator('input').first().or(page.locator(`input[data-testid="${testId}"]`));
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

describe('supervision functions and preventive screening in the browser', () => {
  it('lets the security administrator take the alerts away from the trading centre, whose menu and direct visit follow', async () => {
    const before = await signedIn('operator');
    expect(await menuLabels(before)).toContain('风险预警');

    const admin = await signedIn('secadmin');
    const errors = collectErrors(admin);
    await admin.getByTestId('workspace-menu').getByText('监管功能设置', { exact: true }).click();
    await admin.waitForURL(/\/workspace\/security\/supervision-functions$/);
    const cell = (role: string, fn: string) => admin.locator(`input[data-testid="fn-${role}-${fn}"], [data-testid="fn-${role}-${fn}"] input`).first();
    await cell('operator', 'alerts').waitFor({ state: 'attached' });
    expect(await admin.getByTestId('functions-table').innerText()).toContain('发布前筛查警示队列');
    expect(await cell('operator', 'alerts').isChecked()).toBe(true);
    expect(await cell('supervisor', 'investigation').isChecked()).toBe(true);

    // Investigating without reading the alerts is refused, with the server's reason on the page.
    await cell('operator', 'alerts').click();
    if (!(await cell('operator', 'investigation').isChecked())) await cell('operator', 'investigation').click();
    await admin.getByTestId('functions-save').click();
    await expect.poll(() => admin.getByTestId('functions-error').innerText()).toContain('“预警核查”需要同时开放“查看预警”');

    // Without both, it is saved.
    await cell('operator', 'investigation').click();
    expect(await cell('operator', 'alerts').isChecked()).toBe(false);
    expect(await cell('operator', 'investigation').isChecked()).toBe(false);
    await admin.getByTestId('functions-save').click();
    await admin.locator('.ant-message-notice', { hasText: '已保存' }).waitFor();
    expect(await admin.getByTestId('functions-error').count()).toBe(0);
    const settings = await t.api('GET', '/api/settings/supervision-functions', { cookie: await t.signIn('secadmin') });
    expect(settings.body.roles.operator).toEqual(['dashboard', 'network', 'credit', 'screeningQueue', 'reports']);
    expect(errors).toEqual([]);

    // The trading centre's menu has no 风险预警; opening it directly shows why.
    const operator = await signedIn('operator');
    await expect.poll(() => menuLabels(operator)).toContain('筛查警示');
    const labels = await menuLabels(operator);
    expect(labels).not.toContain('风险预警');
    expect(labels).toContain('监管驾驶舱');
    expect(labels).toContain('投标关系网络');
    await operator.goto(`${t.baseUrl}/workspace/supervision/alerts`);
    await expect.poll(() => operator.getByTestId('page-error').innerText()).toContain('安全管理员未向您的角色开放此监管功能');
    // A supervisor keeps them.
    const supervisor = await signedIn('supervisor');
    await expect.poll(() => menuLabels(supervisor)).toContain('风险预警');
  });

  it('warns the agency of a registered-capital threshold before publishing; published anyway, the notice is in the district supervisor’s queue', async () => {
    const title = '徐汇区中小学图书馆设备采购';
    const draft = await draftProject(t, { title });
    const agency = await signedIn('agency');
    const errors = collectErrors(agency);
    await agency.goto(`${t.baseUrl}/workspace/projects/${draft.projectId}`);
    await pickDateTime(agency, 'documents-until', '2026-03-13 17:00');
    await pickDateTime(agency, 'deadline', '2026-03-23 10:00');
    await agency.getByTestId('qualifications').fill('满足《中华人民共和国政府采购法》第二十二条规定\n注册资本不低于1000万元');
    await agency.getByTestId('publish-submit').click();

    // The check runs first: the warning, its clause with the phrase marked, where it is and its rule.
    const result = agency.getByTestId('screening-result');
    await result.waitFor();
    const warning = result.getByTestId('screening-warning').filter({ has: agency.getByTestId('warning-code').filter({ hasText: 'TS-04' }) });
    await expect.poll(() => warning.count()).toBe(1);
    expect(await warning.getByTestId('warning-excerpt').innerText()).toContain('注册资本不低于1000万元');
    expect(await warning.getByTestId('warning-match').innerText()).toBe('注册资本');
    expect(await warning.getByTestId('warning-source').innerText()).toBe('公告字段：资格要求');
    expect(await warning.getByTestId('rule-ref').innerText()).toContain('GP-93');
    expect(await warning.getByTestId('warning-message').innerText()).toContain('中小企业');
    // Nothing is published until the agency decides.
    expect(await agency.getByTestId('project-status').textContent()).toBe('草稿');

    await agency.getByTestId('screening-publish-anyway').click();
    await expect.poll(() => agency.getByTestId('project-status').textContent(), { timeout: 15_000 }).toBe('公告中');
    expect(errors).toEqual([]);

    // The district supervisor's queue: the notice, newest first, opening to the same warning.
    const supervisor = await signedIn('supervisor-xh');
    await supervisor.getByTestId('workspace-menu').getByText('筛查警示', { exact: true }).click();
    await supervisor.waitForURL(/\/workspace\/supervision\/screening$/);
    const item = supervisor.getByTestId('screening-item').first();
    await item.waitFor();
    expect(await item.innerText()).toContain(title);
    await item.click();
    const queued = supervisor.getByTestId('screening-warning').filter({ has: supervisor.getByTestId('warning-code').filter({ hasText: 'TS-04' }) });
    await queued.first().waitFor();
    expect(await queued.first().getByTestId('warning-match').innerText()).toBe('注册资本');
    // The link sits in the panel the click above is still opening: click again until the page changes.
    const link = supervisor.getByTestId('screening-project-link').first();
    expect(await link.getAttribute('href')).toBe(`/workspace/projects/${draft.projectId}`);
    await expect
      .poll(
        async () => {
          if (!supervisor.url().includes('/workspace/projects/')) await link.click({ timeout: 5_000 }).catch(() => undefined);
          return supervisor.url();
        },
        { timeout: 30_000 },
      )
      .toMatch(new RegExp(`/workspace/projects/${draft.projectId}$`));
  });

  it('shows a supervisor the co-bidding network: none found in the demo, and a rotating group when there is one', async () => {
    const page = await signedIn('supervisor');
    const errors = collectErrors(page);
    await page.getByTestId('workspace-menu').getByText('投标关系网络', { exact: true }).click();
    await page.waitForURL(/\/workspace\/supervision\/network$/);
    // The demo's few bids flag no pair: the page says so, with the method's notes.
    await page.getByTestId('network-empty').waitFor();
    expect(await page.getByTestId('network-empty').innerText()).toContain('未发现异常的共同投标关系');
    expect(await page.getByTestId('network-notes').innerText()).toContain('不构成串通投标的认定');

    // A network with a ring of three that take turns (the server's answer stood in for: planting one takes dozens of awarded lots).
    const ids = ['1b0e5f0a-0000-4000-8000-000000000001', '1b0e5f0a-0000-4000-8000-000000000002', '1b0e5f0a-0000-4000-8000-000000000003', '1b0e5f0a-0000-4000-8000-000000000004'];
    const names = ['上海甲科技有限公司', '上海乙设备有限公司', '上海丙信息技术有限公司', '上海丁电子有限公司'];
    await page.route('**/api/supervision/co-bidding-network', (route) =>
      route.fulfill({
        json: {
          nodes: ids.map((id, i) => ({ id, name: names[i], lots: [12, 9, 7, 3][i], wins: [4, 3, 3, 0][i] })),
          edges: [
            { a: ids[0], b: ids[1], coBids: 8, lift: 5.2, flagged: true },
            { a: ids[0], b: ids[2], coBids: 6, lift: 4.1, flagged: true },
            { a: ids[1], b: ids[2], coBids: 6, lift: 4.4, flagged: true },
            { a: ids[2], b: ids[3], coBids: 2, lift: 1.1, flagged: false },
          ],
          groups: [{ members: ids.slice(0, 3), lots: 6, rotationScore: 0.91, rotating: true, explanation: { 'zh-CN': '三家共同投标6个标项，依次各中标2个', 'en-US': 'Three bid together on 6 lots and won 2 each in turn' } }],
          notes: { 'zh-CN': '结果仅为线索', 'en-US': 'Leads only' },
        },
      }),
    );
    await page.reload();
    await page.locator('[data-testid="chart-network"] svg').waitFor();
    expect(await page.getByTestId('chart-network').getAttribute('aria-label')).toBe('4 家供应商、4 条共同投标关系，其中 3 条异常');
    const group = page.getByTestId('network-group').first();
    expect(await group.getByTestId('group-rotating').innerText()).toBe('疑似轮流中标');
    expect(await group.innerText()).toContain('依次各中标2个');
    // Each supplier opens its credit file.
    expect(await group.getByTestId('network-supplier').first().getAttribute('href')).toBe(`/workspace/supervision/entities/${ids[0]}/credit`);
    expect(errors).toEqual([]);
  });
});
