import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { launchBrowser } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * Issue 11's walk, as an anonymous visitor at a desk: search in Chinese from the home page, narrow by two
 * facets, open the result notice, download its attachment, follow the project's timeline to the contract
 * notice and take the whole procurement as an OCDS record. Nobody signs in.
 */
let t: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  // The demo's projects, the lighting one finished: awarded, contracted, accepted.
  t = await startTestPlatform({ listen: true, now: '2026-11-23T02:00:00.000Z' });
  await seedDemoData(t.platform, { payments: false });
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Picks, in the select with that label, the option whose text starts with `option` (facets add their counts). */
async function choose(page: Page, label: string, option: string) {
  const select = page.getByLabel(label, { exact: true });
  await select.selectOption((await select.locator('option', { hasText: option }).first().getAttribute('value'))!);
}

describe('an anonymous visitor', () => {
  it('finds the result notice in Chinese, narrows by two facets, and follows the project to its contract and open data', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 900 }, acceptDownloads: true })).newPage();
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('searchbox', { name: '搜索公告' }).fill('照明灯具');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/notices\?q=/);
    // Every notice of the lighting project: its words are 照明 and 灯具, wherever they stand in the title.
    await expect.poll(() => page.getByTestId('search-result').count()).toBeGreaterThan(2);

    await choose(page, '公告类型', '中标结果公告');
    await expect.poll(() => new URL(page.url()).searchParams.get('noticeType')).toBe('award');
    await choose(page, '采购人', '上海市徐汇区教育局');
    await expect.poll(() => new URL(page.url()).searchParams.get('purchaserId')).not.toBeNull();
    await expect.poll(() => page.getByTestId('search-total').innerText()).toBe('共 1 条公告');
    expect(new URL(page.url()).searchParams.get('q')).toBe('照明灯具');

    await page.getByTestId('search-result').locator('a').first().click();
    await page.getByRole('heading', { level: 1, name: /徐汇区中小学教室照明改造灯具采购/ }).waitFor();
    await page.getByTestId('notice-summary').waitFor();
    const [attachment] = await Promise.all([page.waitForEvent('download'), page.getByTestId('notice-attachment').first().click()]);
    expect((await readFile((await attachment.path())!)).subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByTestId('timeline-contract').click();
    await page.getByRole('heading', { level: 1, name: /合同公告$/ }).waitFor();

    const [record] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ocds-record').click()]);
    const pkg = JSON.parse(await readFile((await record.path())!, 'utf8'));
    const [compiled] = pkg.records.map((r: { compiledRelease: unknown }) => r.compiledRelease) as { ocid: string; tender: { title: string }; awards: unknown[]; contracts: { status: string }[] }[];
    expect(compiled!.tender.title).toContain('照明改造灯具');
    expect(compiled!.awards.length).toBeGreaterThan(0);
    expect(compiled!.contracts.length).toBeGreaterThan(0);
    expect(record.suggestedFilename()).toBe(`${compiled!.ocid}.json`);
  });
});
