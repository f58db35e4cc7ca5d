import net from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/demo/demo-accounts';
import { DEMO_SSO_CLIENT_ID, DEMO_SSO_CLIENT_SECRET, DEMO_SYNC_KEY } from '../../src/demo/subplatform/demo-client';
import { startDemoSubPlatform, type DemoSubPlatform } from '../../src/demo/subplatform/server';
import { totpCode } from '../../src/identity/totp';
import { launchBrowser, pageErrors, signInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * Single sign-on in Chromium: the platform and the demo construction sub-platform (its own small
 * app, openid-client) on two ports of 127.0.0.1; the demo data registers the sub-platform at its address.
 */
let t: TestPlatform;
let sub: DemoSubPlatform;
let browser: Browser;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  const [platformPort, subPort] = [await freePort(), await freePort()];
  const subUrl = `http://127.0.0.1:${subPort}`;
  t = await startTestPlatform({ demo: true, env: { PUBLIC_URL: `http://127.0.0.1:${platformPort}`, DEMO_SUBPLATFORM_URL: subUrl } });
  await t.app.listen({ port: platformPort, host: '127.0.0.1' });
  t.baseUrl = `http://127.0.0.1:${platformPort}`;
  sub = await startDemoSubPlatform({ issuer: `${t.baseUrl}/oidc`, clientId: DEMO_SSO_CLIENT_ID, clientSecret: DEMO_SSO_CLIENT_SECRET, port: subPort, sync: DEMO_SYNC_KEY, now: () => t.clock.now() });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await sub?.close();
  await t?.close();
});

const newPage = async (): Promise<Page> => (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 900 } })).newPage();

describe('single sign-on to a sub-platform', () => {
  it('takes a signed-in supplier to the sub-platform without a password, and signing out there signs out of both', async () => {
    const page = await newPage();
    const errors = pageErrors(page);
    await signInPage(page, t.baseUrl, 'supplier1');
    const link = page.getByTestId('sub-platform-link').filter({ hasText: '上海市公共资源交易平台（建设工程招投标分平台）' });
    await link.click();

    await page.getByTestId('rp-welcome').waitFor();
    expect(new URL(page.url()).origin).toBe(sub.url);
    expect(await page.locator('header h1').textContent()).toBe('上海市公共资源交易平台（建设工程招投标分平台）');
    const session = await page.context().request.get(`${t.baseUrl}/api/session`);
    const me = await session.json();
    expect(await page.getByTestId('rp-name').textContent()).toBe(me.person.displayName);
    expect(await page.getByTestId('rp-entity').textContent()).toBe(me.entity.name);
    expect(await page.getByTestId('rp-credit-code').textContent()).toMatch(/^[0-9A-Z]{18}$/);
    expect(await page.getByTestId('rp-roles').textContent()).toContain('供应商');

    await page.getByTestId('rp-logout').click();
    await page.getByTestId('rp-signed-out').waitFor();
    expect(new URL(page.url()).origin).toBe(sub.url);

    // The portal's session ended with it: the workspace asks for a sign-in.
    await page.goto(`${t.baseUrl}/workspace`);
    await page.getByTestId('login-submit').waitFor();
    expect(errors).toEqual([]);
  });

  it('has an operator who was not signed in sign in on the portal, second factor included, then continue to the sub-platform; the platform sign-out reaches the sub-platform', async () => {
    const page = await newPage();
    await page.goto(`${sub.url}/`);
    await page.getByTestId('rp-login').click();

    // The portal's own sign-in page, with its second factor.
    await page.getByTestId('login-submit').waitFor();
    expect(new URL(page.url()).origin).toBe(t.baseUrl);
    await page.getByLabel('用户名').fill('operator');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByText('动态口令验证').waitFor();
    t.clock.advance(30_000);
    await page.getByTestId('totp-input').locator('input').first().click();
    await page.keyboard.type(totpCode(DEMO_TOTP_SECRET, t.clock.now()));
    await page.getByTestId('totp-submit').click();

    await page.getByTestId('rp-welcome').waitFor();
    expect(await page.getByTestId('rp-roles').textContent()).toContain('平台运营');

    // Signing out on the portal tells the sub-platform (back-channel logout).
    const told = sub.backchannelLogouts.length;
    await page.goto(`${t.baseUrl}/workspace`);
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.getByTestId('login-submit').waitFor();
    await expect.poll(() => sub.backchannelLogouts.length).toBe(told + 1);
    await page.goto(`${sub.url}/`);
    await page.getByTestId('rp-signed-out').waitFor();
  });

  it('has a tenderer publish a tender on the sub-platform, which reaches the main portal at once under the sub-platform’s unified name', async () => {
    const page = await newPage();
    const errors = pageErrors(page);
    await signInPage(page, t.baseUrl, 'purchaser-road');
    await page.getByTestId('sub-platform-link').filter({ hasText: '上海市公共资源交易平台（建设工程招投标分平台）' }).click();
    await page.getByTestId('rp-welcome').waitFor();
    await page.getByTestId('rp-title').fill('2027年度市管公路（沪太路段）日常养护工程');
    await page.getByTestId('rp-budget').fill('1860000');
    await page.getByTestId('rp-publish').click();
    await page.getByTestId('rp-synced').waitFor();
    await page.goto(`${sub.url}/`);
    await page.getByTestId('rp-tender').filter({ hasText: '沪太路段' }).click();
    // On the main platform's portal, no sign-in needed: the procurement traded elsewhere.
    await page.getByText('2027年度市管公路（沪太路段）日常养护工程').first().waitFor();
    expect(new URL(page.url()).origin).toBe(t.baseUrl);
    expect(await page.locator('body').textContent()).toContain('上海市公共资源交易平台（建设工程招投标分平台）');
    expect(await page.locator('body').textContent()).toContain('186.00万元');
    expect(errors).toEqual([]);
  });
});
