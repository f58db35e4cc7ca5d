import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { horizontalOverflow, launchBrowser, PHONE } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/** An anonymous visitor on a phone: the disclosure rate, and a notice with its summary, attachments and project timeline. */
let t: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  t = await startTestPlatform({ listen: true, now: '2026-11-23T02:00:00.000Z' });
  await seedDemoData(t.platform, { payments: false });
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const open = async (viewport = PHONE): Promise<Page> => (await browser.newContext({ locale: 'zh-CN', viewport, acceptDownloads: true })).newPage();

describe('the public disclosure pages', () => {
  it('show the disclosure rate per catalogue entry as bars, reached from the navigation', async () => {
    const desktop = await open({ width: 1280, height: 800 });
    await desktop.goto(`${t.baseUrl}/`);
    await desktop.getByRole('link', { name: '信息公开率' }).click();
    await desktop.getByTestId('disclosure-overall').waitFor();
    expect(desktop.url()).toBe(`${t.baseUrl}/disclosure`);

    const page = await open();
    await page.goto(`${t.baseUrl}/disclosure`);
    await page.getByTestId('disclosure-overall').waitFor();
    await expect.poll(() => page.getByTestId('disclosure-overall').textContent()).toContain('100%');
    await expect(page.getByRole('heading', { level: 2, name: '履约验收结果公告' }).isVisible()).resolves.toBe(true);
    expect(await page.locator('.ant-progress-line').count()).toBeGreaterThan(2);
    expect(await horizontalOverflow(page)).toBe('');
  });

  it('open a result notice: summary first, then the body, the attachments, and a timeline to the contract notice', async () => {
    const award = (await t.api('GET', '/api/public/notices?noticeType=award')).body.items[0];
    const page = await open();
    await page.goto(`${t.baseUrl}/notices/${award.id}`);
    await page.getByTestId('notice-summary').waitFor();
    await page.getByTestId('project-timeline').waitFor();
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings).toEqual(['公告概要', '公告正文', '附件', '项目进度']);
    await expect(page.getByTestId('notice-summary').textContent()).resolves.toContain('采购人');
    expect(await horizontalOverflow(page)).toBe('');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('notice-attachment').first().click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);

    await page.getByTestId('timeline-contract').click();
    await page.getByRole('heading', { level: 1, name: /合同公告$/ }).waitFor();
    expect(await horizontalOverflow(page)).toBe('');
  });
});
