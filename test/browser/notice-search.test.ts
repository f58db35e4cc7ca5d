import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { horizontalOverflow, launchBrowser, PHONE } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { publishProject } from '../support/tendering';

/** The notice list as a visitor on a phone uses it: search in Chinese, narrow, share the address, go Back. */
let t: TestPlatform;
let browser: Browser;
const dates = { deadline: shanghaiInstant('2026-03-30', '09:30').toISOString(), documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString() };

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  browser = await launchBrowser();
  await publishProject(t, { title: '公路日常养护工程', purchaser: 'purchaser-road', ...dates });
  await publishProject(t, { title: '世纪公园绿化养护服务', purchaser: 'purchaser-pd', ...dates });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const titles = (page: Page) => page.getByTestId('search-result').locator('a').allInnerTexts();

describe('searching the notice list', () => {
  it('finds notices in Chinese, keeps the search in the address, and goes Back', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN', viewport: PHONE })).newPage();
    await page.goto(`${t.baseUrl}/notices`);
    await page.getByLabel('关键词').fill('养护');
    await page.getByTestId('search-submit').click();
    await expect.poll(() => page.getByTestId('search-total').innerText()).toBe('共 4 条公告');
    expect(new URL(page.url()).searchParams.get('q')).toBe('养护');
    expect(await page.locator('[data-testid="search-result"] mark').first().innerText()).toBe('养护');
    expect(await horizontalOverflow(page)).toBe('');

    await page.getByLabel('关键词').fill('公路养护');
    await page.getByTestId('search-submit').click();
    // The road project's intention and tender notice (the earlier results stay on screen until the new ones come).
    await expect.poll(() => page.getByTestId('search-total').innerText()).toBe('共 2 条公告');
    expect(await titles(page)).toContain('公路日常养护工程招标公告');
    expect(await titles(page)).not.toContain('世纪公园绿化养护服务招标公告');

    // A shared address opens the same search, facets included.
    const shared = await (await browser.newContext({ locale: 'zh-CN', viewport: PHONE })).newPage();
    await shared.goto(`${t.baseUrl}/notices?q=${encodeURIComponent('养护')}&noticeType=tender&regionCode=310115`);
    await expect.poll(() => titles(shared)).toEqual(['世纪公园绿化养护服务招标公告']);
    // On a phone the filters fold behind a button that counts the ones in force.
    expect(await shared.getByTestId('search-filters-toggle').innerText()).toBe('筛选条件（2）');
    await shared.getByTestId('search-filters-toggle').click();
    expect(await shared.getByTestId('notice-type-filter').locator('option:checked').innerText()).toContain('招标公告');

    await page.goBack();
    await expect.poll(() => page.getByTestId('search-total').innerText()).toBe('共 4 条公告');
    expect(await page.getByLabel('关键词').inputValue()).toBe('养护');
  });
});
