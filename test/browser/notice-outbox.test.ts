import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { horizontalOverflow, launchBrowser, PHONE, signInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/** The operator watches the push of notices to the national website on a phone (公告推送). */
let t: TestPlatform;
let browser: Browser;
beforeAll(async () => {
  t = await startTestPlatform({ listen: true, now: '2026-11-23T02:00:00.000Z' });
  await seedDemoData(t.platform);
  await t.pushes.runDue();
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('公告推送', () => {
  it('lists each notice with the medium’s acknowledgement, without sideways scrolling at 390 px', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN', viewport: PHONE })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInPage(page, t.baseUrl, 'operator', t.clock);
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('workspace-menu').getByText('公告推送').click();
    await page.getByText('中国政府采购网').first().waitFor();
    await expect.poll(() => page.getByText('已确认').count()).toBeGreaterThan(3);
    // Polled: on a busy machine the table is measured before its columns have settled into the screen.
    await expect.poll(() => horizontalOverflow(page)).toBe('');
    expect(errors).toEqual([]);
  });
});
