import type { Browser } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApiKey } from '../../src/identity/api-keys/api-keys';
import { signedFetch } from '../../src/demo/subplatform/sync-client';
import { worksTenderReleases } from '../../src/demo/subplatform/works-releases';
import { queryRows } from '../../src/platform/database/database';
import { horizontalOverflow, launchBrowser, pageErrors, PHONE, signInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/** 子平台数据同步: on a phone, the operator opens the page from the menu and sees the demo sub-platform's card, its chart and its link to the portal. */
let t: TestPlatform;
let browser: Browser;
let subPlatformName = '';
let unifiedName = '';

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true, now: '2026-06-01T02:00:00.000Z' });
  const key = (await demoApiKey(t.platform.database.db, t.platform.sealer, 'subPlatform'))!;
  subPlatformName = key.entityName;
  const codes = Object.fromEntries((await queryRows<{ name: string; credit_code: string }>(t.platform.database.db, sql`SELECT name, credit_code FROM entity`)).map((r) => [r.name, r.credit_code]));
  const [tender] = worksTenderReleases({
    prefix: 'ocds-shjs01',
    number: 'JSGC-2026-0421',
    title: '2026年度市管公路（沪太路段）日常养护工程',
    buyer: { name: '上海市公路事务中心', creditCode: codes['上海市公路事务中心']! },
    bidders: [{ name: '上海城建道路养护工程有限公司', creditCode: codes['上海城建道路养护工程有限公司']!, priceFen: 50_000_000 }],
    winner: codes['上海城建道路养护工程有限公司']!,
    budgetFen: 52_000_000,
    publishedAt: '2026-05-20T02:00:00.000Z',
  });
  const res = await signedFetch(t.baseUrl, key, 'POST', '/api/sync/releases', { releases: [tender] }, t.clock.now());
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  unifiedName = (await queryRows<{ platform_name: string }>(t.platform.database.db, sql`SELECT platform_name FROM external_procurement WHERE ocid = 'ocds-shjs01-JSGC-2026-0421'`))[0]!.platform_name;
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('子平台数据同步', () => {
  it('shows the sub-platform with today’s releases and a chart, at 390 px, and links to its trades on the portal', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN', viewport: PHONE })).newPage();
    const errors = pageErrors(page);
    await signInPage(page, t.baseUrl, 'operator', t.clock);
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('workspace-menu').getByText('子平台数据同步').click();
    const card = page.getByTestId('sub-platform-card').filter({ hasText: subPlatformName });
    await card.waitFor();
    await expect.poll(async () => Number(await card.getByTestId('releases-today').textContent())).toBeGreaterThan(0);
    // The chart is drawn (ECharts renders its bars as SVG paths).
    const chart = card.getByTestId('sync-chart');
    await expect.poll(() => chart.locator('svg path').count()).toBeGreaterThan(0);
    await expect.poll(() => horizontalOverflow(page)).toBe('');
    await card.getByRole('link', { name: unifiedName }).click();
    await page.waitForURL(/\/external\?platform=/);
    await page.getByText('2026年度市管公路（沪太路段）日常养护工程').first().waitFor();
    expect(errors).toEqual([]);
  });
});
