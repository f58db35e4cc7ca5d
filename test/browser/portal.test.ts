import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { horizontalOverflow, launchBrowser, PHONE, signInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * The public portal on a phone and by assistive technology (GB/T 37668-2019, 适老化): no page
 * scrolls sideways at 390×844, the workspace menu is a drawer, every public page passes axe-core's
 * WCAG 2 A/AA rules at desktop and phone size, and the keyboard reaches the skip link first.
 */
let t: TestPlatform;
let browser: Browser;
let noticeId = '';
let projectId = '';
let auctionId = '';

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-23T02:00:00.000Z', listen: true });
  await seedDemoData(t.platform, { payments: false });
  const award = (await t.api('GET', '/api/public/notices?noticeType=award')).body.items[0];
  noticeId = award.id;
  projectId = award.projectId;
  auctionId = (await t.api('GET', '/api/public/listings')).body.find((l: { status: string }) => l.status === 'auction').id;
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const DESKTOP = { width: 1360, height: 900 };
const AXE = path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** A visitor's page; bypassCSP only so the test can inject axe-core (the platform's CSP refuses inline scripts). */
async function visitor(viewport: { width: number; height: number }): Promise<Page> {
  return (await browser.newContext({ locale: 'zh-CN', viewport, bypassCSP: true })).newPage();
}

/** Opens a page and waits until its data has arrived (no spinner or skeleton left). */
async function open(page: Page, url: string, ready: string) {
  await page.goto(`${t.baseUrl}${url}`);
  await page.locator(ready).first().waitFor();
  await expect.poll(() => page.locator('.ant-skeleton, .ant-spin-spinning').count()).toBe(0);
}

/** axe-core's WCAG 2 A/AA violations on the page as it is now, one line per rule and element. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (tags) => {
    const result = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`) }));
  }, WCAG);
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.help}) ${n}`));
}

const scrollsSideways = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth > window.innerWidth);
/** What sticks out past the screen's right edge anywhere on the page (header included), for the failure message. */
const wideElements = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.ant-table-content, .ant-drawer'))
      .slice(0, 8)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)}px)`)
      .join(', '),
  );

/** The public pages this branch has, with what shows that each has loaded. */
const PUBLIC_PAGES = (): [string, string][] => [
  ['/', '[data-testid="portal-figures"] .ant-statistic'],
  ['/entities', '[data-testid="entity-results"] tbody tr'],
  ['/sme', '[data-testid="sme-financing"] .ant-list-item'],
  ['/fees', '[data-testid="fees-table"] tbody tr'],
  ['/notices', '[data-testid="search-result"]'],
  ['/disclosure', '[data-testid="disclosure-overall"]'],
  [`/notices/${noticeId}`, '.notice-body'],
  [`/projects/${projectId}`, 'main .ant-card'],
  ['/catalogues', 'main .ant-table tbody tr'],
  ['/listings', '[data-testid="listing-item"]'],
  [`/listings/${auctionId}`, '[data-testid="listing-bids"]'],
  ['/calendar', 'main .ant-card'],
  ['/guarantees/verify', 'main form'],
  ['/login', 'main form'],
  ['/register', 'main form'],
];

describe('the public portal on a phone', () => {
  it('lets no public page scroll sideways at 390×844, and folds the navigation into a drawer', async () => {
    const page = await visitor(PHONE);
    for (const [url, ready] of PUBLIC_PAGES().slice(0, 4)) {
      await open(page, url, ready);
      expect(await scrollsSideways(page), `${url}: ${await horizontalOverflow(page)} ${await wideElements(page)}`).toBe(false);
    }
    await open(page, '/', '[data-testid="portal-figures"] .ant-statistic');
    // The title stays readable: one line at least 20 px, not cut off.
    const h1 = await page.locator('h1').first().evaluate((e) => ({ size: parseFloat(getComputedStyle(e).fontSize), right: e.getBoundingClientRect().right }));
    expect(h1.size).toBeGreaterThanOrEqual(20);
    expect(h1.right).toBeLessThanOrEqual(PHONE.width);
    // The navigation is one button away.
    await page.getByTestId('public-menu-toggle').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('link', { name: '收费标准' }).click();
    await page.waitForURL(/\/fees$/);
    await expect.poll(() => drawer.isVisible()).toBe(false);
  });

  it('shows a purchaser’s project list without sideways scrolling, the workspace menu as a drawer', async () => {
    const page = await signInPage(await visitor(PHONE), t.baseUrl, 'purchaser');
    expect(await page.getByTestId('workspace-menu').isVisible()).toBe(false);
    await page.getByTestId('menu-toggle').click();
    const drawer = page.getByTestId('workspace-drawer');
    await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(1);
    await page.getByTestId('workspace-menu').getByText('采购项目').click();
    await page.waitForURL(/\/workspace\/projects$/);
    await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);
    await page.locator('main .ant-table tbody tr').first().waitFor();
    // Measured once the drawer has closed and the table has laid out (a transition may be wider for a frame).
    await expect.poll(() => scrollsSideways(page)).toBe(false).catch(async () => expect.fail(`${await horizontalOverflow(page)} ${await wideElements(page)}`));
    expect(await drawer.count()).toBeLessThanOrEqual(1);
  });
});

describe('accessibility of the public pages', () => {
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`passes axe-core's WCAG 2 A/AA rules on every public page (${size})`, async () => {
      const page = await visitor(viewport);
      const found: string[] = [];
      for (const [url, ready] of PUBLIC_PAGES()) {
        await open(page, url, ready);
        found.push(...(await axeViolations(page)).map((v) => `${url} ${v}`));
      }
      expect(found, found.join('\n')).toEqual([]);
      // Every public page in turn takes 40–50 s on two quiet cores; a busy machine went past the default 60 s.
    }, 180_000);
  }

  it('reaches the skip link first by keyboard, which leads to the main content', async () => {
    const page = await visitor(DESKTOP);
    await open(page, '/', '[data-testid="portal-figures"] .ant-statistic');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('skip-link');
    expect(await page.getByTestId('skip-link').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    // Landmarks: one banner, one navigation named, one main, one content info.
    expect(await page.locator('header').count()).toBe(1);
    expect(await page.locator('nav[aria-label]').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('main#main-content').count()).toBe(1);
    expect(await page.locator('footer').count()).toBe(1);
    // The next stop is visibly focused.
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { outline: style.outlineStyle, shadow: style.boxShadow, what: document.activeElement!.outerHTML.slice(0, 80) };
    });
    expect(focus.outline !== 'none' || focus.shadow !== 'none', JSON.stringify(focus)).toBe(true);
  });

  it('sends the home search box to the notice list with the keyword in the address', async () => {
    const page = await visitor(PHONE);
    await open(page, '/', '[data-testid="portal-figures"] .ant-statistic');
    await page.getByRole('searchbox', { name: '搜索公告' }).fill('教室照明');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/notices\?q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('教室照明');
  });

  it('shows this year’s figures on the home page as the API states them', async () => {
    const summary = (await t.api('GET', '/api/public/portal/summary')).body;
    const page = await visitor(DESKTOP);
    await open(page, '/', '[data-testid="portal-figures"] .ant-statistic');
    expect(await page.getByTestId('figure-projects').innerText()).toContain(String(summary.projectsPublished));
    expect(await page.getByTestId('figure-sme').innerText()).toContain(`${(summary.smeShareBp / 100).toFixed(summary.smeShareBp % 100 === 0 ? 0 : 1)}%`);
    // Each notice column lists the latest notices of its type, linking to them.
    expect(await page.locator(`a[href="/notices/${noticeId}"]`).count()).toBe(1);
  });
});
