import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { formatAmount } from '../../web/src/money';
import { horizontalOverflow, launchBrowser, PHONE, pageErrors, signedInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * 自定义报表 and 市场均价 in Chromium, on the demo: the city's supervisor groups the region's lots by
 * status and method, counting them and adding up their budgets; reads the table, the totals and the
 * chart; saves the report shared with the department; exports it to Excel, follows the progress to the
 * end and downloads an .xlsx. A purchaser looks up a market price where too few contracts stand behind
 * one and is told why nothing shows, on the page and beside the plan's name. Both fit a 390 px phone.
 */
let t: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  t = await startTestPlatform({ listen: true, now: '2026-11-23T02:00:00.000Z' });
  await seedDemoData(t.platform, { payments: false });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const signedIn = (username: string, viewport?: { width: number; height: number }) => signedInPage(browser, t, username, viewport);
/** The page's own errors; the refusals it shows itself are left out. */
const collectErrors = (page: Page) => pageErrors(page, [403, 404, 409, 422]);


/** Opens an antd select and picks the option with this label. */
async function choose(page: Page, testId: string, label: string) {
  await page.getByTestId(testId).click();
  await page.locator(`.ant-select-item-option[title="${label}"]:visible`).click();
  // A multiple select stays open: closed here, so that the next one's options are the only ones shown.
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

describe('custom reports and market prices in the browser', () => {
  it('lets the supervisor build a report of lots by status and method, save it shared and export it to Excel', async () => {
    const page = await signedIn('supervisor');
    const errors = collectErrors(page);
    // The dashboard counts the finance supervisor's overdue refunds and SME payments, each linking to its list.
    await page.getByTestId('workspace-menu').getByText('监管驾驶舱', { exact: true }).click();
    const refunds = page.getByTestId('figure-overdue-refunds');
    await refunds.waitFor();
    const dashboard = (await t.api('GET', '/api/supervision/dashboard?months=12', { cookie: await t.signIn('supervisor') })).body;
    expect(await refunds.locator('.ant-statistic-content-value').innerText()).toBe(String(dashboard.overdueRefunds));
    expect(await refunds.locator('a').last().getAttribute('href')).toBe('/workspace/overdue-refunds');
    expect(await page.getByTestId('figure-overdue-payments').locator('a').last().getAttribute('href')).toBe('/workspace/payments?tab=overdue');

    await page.getByTestId('workspace-menu').getByText('自定义报表', { exact: true }).click();
    await page.waitForURL(/\/workspace\/supervision\/reports$/);

    await choose(page, 'report-rows', '状态');
    await choose(page, 'report-columns', '采购方式');
    await choose(page, 'report-measures', '预算金额');
    await page.getByTestId('report-run').click();
    const table = page.getByTestId('report-table');
    await table.waitFor();

    // The same report through the API: the table shows its rows and columns by name, and its totals.
    const definition = { subject: 'lots', rows: 'status', columns: 'method', measures: ['count', 'budgetFen'], filters: {} };
    const expected = (await t.api('POST', '/api/supervision/reports/run', { cookie: await t.signIn('supervisor'), body: definition })).body;
    expect(expected.rows.length).toBeGreaterThan(1);
    const header = await table.locator('thead').innerText();
    expect(header).toContain('公开招标');
    expect(header).toContain('预算金额');
    // Statuses by name, not by code.
    const rowLabels = await page.getByTestId('report-row-label').allInnerTexts();
    expect(rowLabels).toHaveLength(expected.rows.length);
    expect(rowLabels).toContain('已开标');
    expect(rowLabels.join()).not.toMatch(/opened|awarded/);
    const totals = await page.getByTestId('report-totals').innerText();
    expect(totals).toContain(`数量 ${expected.totals.count}`);
    expect(totals).toContain(`预算金额 ${formatAmount(expected.totals.budgetFen)}`);
    await page.locator('[data-testid="report-chart"] svg').waitFor();

    // Saved, shared with the department.
    await page.getByTestId('report-save').click();
    await page.getByTestId('save-name').fill('标项状态×采购方式');
    // check() clicks until the box is ticked: a click while the dialog still opens may not land.
    await page.getByTestId('save-shared').check();
    await page.getByTestId('save-ok').click();
    const saved = page.getByTestId('saved-report').filter({ hasText: '标项状态×采购方式' });
    await saved.waitFor();
    expect(await saved.innerText()).toContain('已共享');
    const stored = (await t.api('GET', '/api/supervision/reports', { cookie: await t.signIn('supervisor') })).body;
    expect(stored).toEqual([expect.objectContaining({ name: '标项状态×采购方式', shared: true, definition: expect.objectContaining({ rows: 'status', columns: 'method', measures: ['count', 'budgetFen'] }) })]);

    // 导出Excel: queued, then (the job runs) at the end, with the file's link.
    await page.getByTestId('report-export').click();
    await expect.poll(() => page.getByTestId('export-status').innerText()).toContain('排队');
    await t.jobs.runDue();
    const link = page.getByTestId('export-download');
    await link.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('export-progress').locator('[role="progressbar"]').getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByTestId('export-status').innerText()).toMatch(/导出完成，共 \d+ 行明细/);
    expect(await link.innerText()).toContain('.xlsx');
    const file = await page.request.get(`${t.baseUrl}${await link.getAttribute('href')}`);
    expect(file.status()).toBe(200);
    expect((await file.body()).subarray(0, 2).toString('latin1')).toBe('PK');

    // On a phone the wide table scrolls inside its card; the page does not.
    await page.setViewportSize(PHONE);
    await page.getByTestId('saved-open').first().click();
    await table.waitFor();
    await expect.poll(() => horizontalOverflow(page)).toBe('');
    expect(errors).toEqual([]);
  });

  it('tells a purchaser why no market price shows when too few contracts stand behind one', async () => {
    const item = '智慧黑板';
    const api = (await t.api('GET', `/api/market-prices?item=${encodeURIComponent(item)}&months=12`, { cookie: await t.signIn('purchaser') })).body;
    expect(api.prices).toEqual([]); // the demo signed fewer than minContracts contracts for it

    const page = await signedIn('purchaser', PHONE);
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/workspace/market-prices`);
    await page.getByTestId('market-prices').waitFor();
    await page.getByTestId('market-price-search').locator('input').fill(item);
    await page.getByTestId('market-price-search').locator('input').press('Enter');
    const none = page.getByTestId('market-prices-none');
    await none.waitFor();
    expect(await none.innerText()).toContain(`不足 ${api.minContracts} 份`);
    expect(await none.innerText()).toContain(item);
    expect(await horizontalOverflow(page)).toBe('');

    // Beside the plan's name: 参考市场均价 looks up what is typed.
    await page.goto(`${t.baseUrl}/workspace/planning`);
    await page.getByText('新建采购计划').click();
    await page.getByTestId('plan-title').fill(item);
    await page.getByTestId('market-price-hint').click();
    await expect.poll(() => page.getByTestId('market-price-hint-content').innerText()).toContain(`不足 ${api.minContracts} 份`);
    expect(errors).toEqual([]);
  });
});
