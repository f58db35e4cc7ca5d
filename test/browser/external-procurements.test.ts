import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOcds } from '../../src/exchange/import/import';
import { systemContext } from '../../src/platform/context';
import { recomputeOcdsIndicators } from '../../src/supervision/redflags/redflags';
import { horizontalOverflow, launchBrowser, pageErrors, PHONE, signedInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * Another publisher's open data, imported: a visitor on a phone finds it under 其他平台交易 by the
 * publisher's name and a word of the title, and reads one procurement; a supervisor's single-bid alert
 * on it leads to the same page.
 */
const sample = JSON.parse(fs.readFileSync('test/fixtures/ocds/dncp-release-package.json', 'utf8')) as { publisher: { name: string }; releases: { ocid: string; tender?: { title?: string; numberOfTenderers?: number } }[] };
const single = sample.releases.find((r) => r.tender?.numberOfTenderers === 1)!.ocid;
const singleTitle = sample.releases.find((r) => r.ocid === single && r.tender?.title)!.tender!.title!;

let t: TestPlatform;
let browser: Browser;
beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  await importOcds(systemContext(t.platform), { fileName: 'dncp-release-package.json', content: fs.readFileSync('test/fixtures/ocds/dncp-release-package.json') });
  await recomputeOcdsIndicators(systemContext(t.platform));
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('procurements traded elsewhere', () => {
  it('are listed on a phone by publisher and title, and one opens with its bids, award and releases', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN', viewport: PHONE })).newPage();
    const errors = pageErrors(page);
    await page.goto(`${t.baseUrl}/external`);
    await expect.poll(() => page.getByTestId('external-item').count()).toBe(8);
    await page.getByTestId('external-platform').selectOption(sample.publisher.name);
    await expect.poll(() => new URL(page.url()).searchParams.get('platform')).toBe(sample.publisher.name);
    await page.getByRole('searchbox', { name: '项目名称' }).fill('limpieza');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('external-item').allInnerTexts()).toEqual([singleTitle]);
    expect(await horizontalOverflow(page)).toBe('');
    await page.getByTestId('external-item').click();
    await page.waitForURL(/\/external\/ocds-03ad3f-/);
    await expect.poll(() => page.getByTestId('external-platform-name').innerText()).toBe(sample.publisher.name);
    expect(await page.getByTestId('external-bids').locator('.ant-list-item').count()).toBe(1);
    expect(await page.getByTestId('external-awards').innerText()).toContain('中标（成交）供应商');
    expect(await page.getByTestId('external-timeline').locator('.ant-timeline-item').count()).toBe(2);
    expect(await page.getByTestId('external-record').getAttribute('href')).toBe(`/api/public/external/${single}/compiled`);
    await expect.poll(() => horizontalOverflow(page)).toBe('');
    expect(errors).toEqual([]);
  });

  it('lead a supervisor from a single-bid alert to the procurement’s page', async () => {
    const page = await signedInPage(browser, t, 'supervisor');
    await page.goto(`${t.baseUrl}/workspace/supervision/alerts?code=R018`);
    const link = page.getByTestId('alert-external').filter({ hasText: singleTitle });
    await expect.poll(() => link.count()).toBe(1);
    expect(await link.getAttribute('href')).toBe(`/external/${single}`);
  });
});
