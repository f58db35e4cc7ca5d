import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/demo/demo-accounts';
import { totpCode } from '../../src/identity/totp';

/** Debian's Chromium, headless, with nothing reaching out to the network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export const PHONE = { width: 390, height: 844 };

/**
 * What sticks out sideways from the page's main content on this viewport: '' when nothing does,
 * otherwise by how much and the outermost elements that do.
 */
export function horizontalOverflow(page: Page): Promise<string> {
  return page.evaluate(() => {
    const main = document.querySelector('main') ?? document.body;
    const px = Math.max(document.documentElement.scrollWidth - window.innerWidth, main.scrollWidth - main.clientWidth);
    if (px <= 0) return '';
    const right = main.getBoundingClientRect().right;
    const wide = [...main.querySelectorAll<HTMLElement>('*')].filter((e) => e.getBoundingClientRect().right > right + 1 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > right + 1));
    return `${px}px: ${wide
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`)
      .join(', ')}`;
  });
}

/**
 * Signs a demo account in through the login page and waits for the workbench. A role that needs a second
 * factor (government and administrator accounts) enters the demo one-time code, with the test's clock
 * moved to a fresh 30-second step: pass that clock for such an account.
 */
export async function signInPage(page: Page, baseUrl: string, username: string, clock?: { advance(ms: number): void; now(): Date }): Promise<Page> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  const secondFactor = page.getByText('动态口令验证');
  await Promise.race([page.getByTestId('welcome').waitFor(), secondFactor.waitFor()]);
  if (await secondFactor.isVisible()) {
    if (!clock) throw new Error(`${username} needs a second factor: pass the test clock`);
    clock.advance(30_000);
    await page.getByTestId('totp-input').locator('input').first().click();
    await page.keyboard.type(totpCode(DEMO_TOTP_SECRET, clock.now()));
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('welcome').waitFor();
  }
  return page;
}

/** A new Chinese browser context of the given size, signed in as a demo account (see signInPage). */
export async function signedInPage(browser: Browser, platform: { baseUrl: string; clock: { advance(ms: number): void; now(): Date } }, username: string, viewport = { width: 1360, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport });
  return signInPage(await context.newPage(), platform.baseUrl, username, platform.clock);
}

/**
 * The page's own errors: console errors and uncaught exceptions. The browser also logs each refused
 * request; those with the statuses given are left out, as the pages show them themselves.
 */
export function pageErrors(page: Page, shownRefusals: readonly number[] = []): string[] {
  const errors: string[] = [];
  const refusal = new RegExp(`status of (${shownRefusals.join('|')})\\b`);
  page.on('console', (m) => {
    if (m.type() === 'error' && !(shownRefusals.length && refusal.test(m.text()))) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}
