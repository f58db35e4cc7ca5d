import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { entity } from '../../src/identity/identity.schema';
import { horizontalOverflow, launchBrowser, pageErrors, PHONE } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * 产权交易 on the portal, as an anonymous visitor on the demo data: the list filtered by asset type and
 * status; the state-owned property listing in its live auction, its price and bids by 竞买号 refreshing
 * by themselves (polling the public route, no sign-in) and no bidder's name anywhere until the result
 * notice names the buyer; the carbon listing's 成交公告 with its buyer; the judicial auction's way in
 * (登录后报名竞买). On a phone and at a desk, in Chinese and once in English.
 */
let t: TestPlatform;
let browser: Browser;
const ids: Record<string, string> = {};
/** Every demo supplier's name: none may show on a listing before its result. */
let bidderNames: string[] = [];
let supplier1 = '';

beforeAll(async () => {
  t = await startTestPlatform({ listen: true, now: '2026-11-23T02:00:00.000Z' });
  await seedDemoData(t.platform, { payments: false });
  for (const l of (await t.api('GET', '/api/public/listings')).body as { id: string; assetType: string }[]) ids[l.assetType] = l.id;
  bidderNames = (await t.platform.database.db.select({ name: entity.name }).from(entity).where(eq(entity.entityType, 'supplier'))).map((e) => e.name);
  supplier1 = await t.signIn('supplier1');
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const visitor = async (viewport: { width: number; height: number }, language = 'zh-CN'): Promise<Page> => {
  const context = await browser.newContext({ locale: language, viewport });
  if (language === 'en-US') await context.addInitScript(() => localStorage.setItem('yiwang.language', 'en-US'));
  return context.newPage();
};
const titles = (page: Page) => page.getByTestId('listing-item').allInnerTexts();
const leaks = async (page: Page) => {
  const text = await page.locator('main').innerText();
  return bidderNames.filter((n) => text.includes(n));
};
/** A polled page catches up within a few seconds. */
const SOON = { timeout: 15_000, interval: 250 };

describe('产权交易 on the portal', () => {
  it('lists the listings on a phone, filtered by asset type and status in the address', async () => {
    const page = await visitor(PHONE);
    const errors = pageErrors(page);
    await page.goto(`${t.baseUrl}/listings`);
    await expect.poll(() => page.getByTestId('listing-item').count()).toBe(3);
    expect(await page.getByTestId('listing-row-status').allInnerTexts()).toEqual(expect.arrayContaining(['竞价中', '挂牌中', '协议转让成交']));
    expect(await horizontalOverflow(page)).toBe('');

    await page.getByTestId('listing-type-carbon').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('type')).toBe('carbon');
    await expect.poll(() => titles(page)).toEqual([expect.stringContaining('碳排放配额')]);
    expect(await page.getByTestId('listing-type-carbon').getAttribute('aria-pressed')).toBe('true');
    // Carbon and in auction: nothing; the counts say so before the choice.
    expect(await page.getByTestId('listing-status-auction').innerText()).toBe('竞价中（0）');
    await page.getByTestId('listing-status-auction').click();
    await expect.poll(() => page.getByTestId('listing-item').count()).toBe(0);
    await page.getByRole('button', { name: '清除条件' }).click();
    await expect.poll(() => page.getByTestId('listing-item').count()).toBe(3);
    // In auction, any type: the property listing, with its current price.
    await page.getByTestId('listing-status-auction').click();
    await expect.poll(() => titles(page)).toEqual([expect.stringContaining('股权转让')]);
    expect(await page.getByTestId('listing-row').innerText()).toContain('当前价 12,050,000.00 元');
    await page.getByTestId('listing-status-all').click();
    await page.getByTestId('listing-type-judicialAuction').click();
    await expect.poll(() => titles(page)).toEqual([expect.stringContaining('网络司法拍卖')]);
    await page.goto(`${t.baseUrl}/listings?status=transferred`);
    await expect.poll(() => titles(page)).toEqual([expect.stringContaining('碳排放配额')]);
    expect(await horizontalOverflow(page)).toBe('');
    expect(errors).toEqual([]);
  });

  it('shows the property listing’s live auction by bidder numbers, refreshing without a sign-in, and no bidder’s name before the result', async () => {
    const page = await visitor(PHONE);
    const errors = pageErrors(page);
    await page.goto(`${t.baseUrl}/listings?type=propertyRights`);
    await page.getByTestId('listing-item').click();
    await page.waitForURL(new RegExp(`/listings/${ids.propertyRights}$`));
    expect(await page.getByTestId('listing-notice-title').innerText()).toBe('产权转让挂牌公告');
    expect(await page.getByTestId('listing-price').innerText()).toBe('12,000,000.00 元');
    expect(await page.getByTestId('listing-transferor').innerText()).toBe('上海市徐汇区教育局');
    expect(await page.getByTestId('listing-summary').innerText()).toContain('1,200,000.00 元'); // the deposit
    expect(await page.getByTestId('listing-status').innerText()).toBe('竞价中');
    await expect.poll(() => page.getByTestId('live-price').innerText()).toContain('12,050,000.00 元');
    const numbers = await page.getByTestId('bid-number').allInnerTexts();
    expect(numbers).toHaveLength(2);
    expect(await page.getByTestId('live-leader').innerText()).toContain(numbers[0]!);
    expect(await page.getByTestId('live-countdown').innerText()).toMatch(/\d\d:\d\d/);
    expect(await page.getByTestId('listing-sign-in').getAttribute('href')).toBe(`/login?next=${encodeURIComponent(`/workspace/listings/${ids.propertyRights}`)}`);
    expect(await page.getByTestId('listing-result').count()).toBe(0);
    expect(await leaks(page)).toEqual([]);
    expect(await page.locator('main').innerText()).not.toContain('竞买人数');
    expect(await horizontalOverflow(page)).toBe('');

    // supplier1 bids in the trading system: the visitor's page shows it within a poll, still by number only.
    const bid = await t.api('POST', `/api/listings/${ids.propertyRights}/bids`, { cookie: supplier1, body: { amountFen: 1_210_000_000 } });
    expect(bid.status).toBe(201);
    await expect.poll(() => page.getByTestId('live-price').innerText(), SOON).toContain('12,100,000.00 元');
    expect(await page.getByTestId('live-leader').innerText()).toContain(bid.body.bidderNo);
    expect(await page.getByTestId('bid-number').allInnerTexts()).toEqual([bid.body.bidderNo, ...numbers]);
    expect(await leaks(page)).toEqual([]);

    // The auction's time runs out and the clock's job decides: the page turns into the result notice naming the buyer.
    t.clock.advance(31 * 60_000);
    await t.jobs.runDue();
    await expect.poll(() => page.getByTestId('listing-result').count(), SOON).toBe(1);
    expect(await page.getByTestId('listing-status').innerText()).toBe('已成交');
    expect(await page.getByTestId('listing-result').locator('h2').innerText()).toBe('产权交易成交公告');
    expect(await page.getByTestId('listing-deal-price').innerText()).toBe('12,100,000.00 元');
    expect(await leaks(page)).toEqual(['上海申联信息科技有限公司']);
    expect(await page.getByTestId('listing-winner').innerText()).toBe('上海申联信息科技有限公司');
    expect(await page.getByTestId('listing-live').count()).toBe(0);
    expect(await horizontalOverflow(page)).toBe('');
    expect(errors).toEqual([]);
  });

  it('shows the carbon listing’s result notice with its buyer, and the judicial auction’s way in for a visitor', async () => {
    const page = await visitor({ width: 1440, height: 900 });
    const errors = pageErrors(page);
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '产权交易' }).click();
    await page.waitForURL(/\/listings$/);
    await page.getByTestId('listing-item').filter({ hasText: '碳排放配额' }).click();
    await page.getByTestId('listing-result').waitFor();
    expect(await page.getByTestId('listing-result').locator('h2').innerText()).toBe('碳排放配额协议转让成交公告');
    expect(await page.getByTestId('listing-winner').innerText()).toBe('上海浦江数据服务有限公司');
    expect(await page.getByTestId('listing-deal-price').innerText()).toBe('800,000.00 元');
    expect(await page.getByTestId('listing-result').innerText()).toContain('协议转让（按挂牌价）');
    expect(await page.getByTestId('listing-notice-title').innerText()).toBe('碳排放配额挂牌转让公告');
    expect(await page.getByTestId('listing-register').count()).toBe(0);

    await page.goto(`${t.baseUrl}/listings/${ids.judicialAuction}`);
    await page.getByTestId('listing-notice').waitFor();
    expect(await page.getByTestId('listing-notice-title').innerText()).toBe('网络司法拍卖公告');
    expect(await page.getByTestId('listing-status').innerText()).toBe('挂牌中');
    expect(await page.getByTestId('listing-summary').innerText()).toContain('起拍价');
    const register = page.getByTestId('listing-register');
    expect(await register.innerText()).toBe('登录后报名竞买');
    expect(await register.getAttribute('href')).toBe(`/login?next=${encodeURIComponent(`/workspace/listings/${ids.judicialAuction}`)}`);
    expect(await leaks(page)).toEqual([]);
    expect(await page.getByTestId('listing-bids').count()).toBe(0);
    await register.click();
    await page.waitForURL(/\/login\?next=/);
    expect(errors).toEqual([]);
  });

  it('speaks English when the visitor chose it', async () => {
    const page = await visitor({ width: 1440, height: 900 }, 'en-US');
    await page.goto(`${t.baseUrl}/listings?type=carbon`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Listings and auctions');
    expect(await page.getByTestId('listing-row-status').innerText()).toBe('Transferred at the listed price');
    await page.getByTestId('listing-item').click();
    await page.getByTestId('listing-result').waitFor();
    expect(await page.getByTestId('listing-result').locator('h2').innerText()).toBe('Carbon quota transfer at the listed price: result notice');
    expect(await page.getByTestId('listing-deal-price').innerText()).toBe('CNY 800,000.00');
  });
});
