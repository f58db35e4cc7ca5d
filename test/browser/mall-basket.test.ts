import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { horizontalOverflow, launchBrowser, pageErrors, PHONE, signedInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * The e-mall's 入驻审核 and 网上竞价 on a 390 px phone: supplier1 applies to join and the operator admits it
 * (and the demo's applicant supplier3) on the admissions page; the purchaser puts a basket of desktops out
 * for quotes; three suppliers quote in the browser while the quotes stay sealed, even from the purchaser;
 * the test clock passes the close, the job opens the quotes, and the purchaser sees the lowest win and
 * its contract.
 */
let t: TestPlatform;
let browser: Browser;
const CLOSE = shanghaiInstant('2026-06-04', '10:00');
const names: Record<string, string> = {};

beforeAll(async () => {
  // Monday 1 June 2026, 10:00 in Shanghai.
  t = await startTestPlatform({ demo: true, listen: true, now: '2026-06-01T02:00:00.000Z' });
  browser = await launchBrowser();
  for (const u of ['supplier1', 'supplier2', 'supplier3']) names[u] = (await t.api('GET', '/api/session', { cookie: await t.signIn(u) })).body.entity.name;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const onPhone = (username: string) => signedInPage(browser, t, username, PHONE);
const shownErrors = (page: Page) => pageErrors(page, [409, 422]);

/** Opens an antd select and picks the option whose text contains this. */
async function choose(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
  await page.keyboard.press('Escape');
}

describe('admitting suppliers to the e-mall (入驻审核)', () => {
  it('a supplier applies on its phone; the operator sees name, credit code and 品目, and admits with a reason', async () => {
    const supplier = await onPhone('supplier1');
    const errors = shownErrors(supplier);
    await supplier.goto(`${t.baseUrl}/workspace/mall`);
    await expect.poll(() => supplier.getByTestId('mall-admission-status').innerText()).toContain('尚未入驻');
    await choose(supplier, 'mall-apply-categories', '台式计算机');
    await supplier.getByTestId('mall-apply-statement').fill('品牌台式计算机经销商，上海市内送货');
    await supplier.getByTestId('mall-apply-submit').click();
    await expect.poll(() => supplier.getByTestId('mall-admission-status').innerText()).toContain('审核中');
    expect(await horizontalOverflow(supplier)).toBe('');
    expect(errors).toEqual([]);

    const operator = await onPhone('operator');
    const operatorErrors = shownErrors(operator);
    await operator.goto(`${t.baseUrl}/workspace/mall/admissions`);
    await expect.poll(() => operator.getByTestId('application').count()).toBe(2);
    for (const who of ['supplier1', 'supplier3']) {
      const card = operator.locator(`[data-testid="application"][data-entity="${names[who]}"]`);
      expect(await card.getByTestId('application-credit-code').innerText()).toMatch(/^[0-9A-Z]{18}$/);
      expect(await card.innerText()).toContain('台式计算机');
      await card.getByTestId('admit-application').click();
      await operator.getByTestId('decision-reason').fill('资料齐全，同意准入');
      await operator.getByTestId('decision-submit').click();
      await expect.poll(() => operator.locator(`[data-testid="application"][data-entity="${names[who]}"]`).count()).toBe(0);
    }
    await expect.poll(() => operator.getByTestId('admitted-supplier').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining(names.supplier1!), expect.stringContaining(names.supplier3!)]));
    expect(await horizontalOverflow(operator)).toBe('');
    expect(operatorErrors).toEqual([]);

    await supplier.reload();
    await expect.poll(() => supplier.getByTestId('mall-admission-status').innerText()).toContain('已准入');
    await supplier.context().close();
    await operator.context().close();
  }, 240_000);
});

describe('网上竞价 in the browser', () => {
  let basketUrl = '';

  it('the purchaser puts a basket of desktops out for quotes on its phone', async () => {
    // The newly admitted suppliers list a desktop each (supplier2's comes with the demo).
    for (const u of ['supplier1', 'supplier3']) {
      const listed = await t.api('POST', '/api/mall/products', { cookie: await t.signIn(u), body: { categoryCode: 'A02010104', name: `台式计算机 ${u}`, specification: 'i5/16GB/512GB', unitPriceFen: 560_000, stock: 100, deliveryRegions: ['310000'] } });
      expect(listed.status).toBe(201);
    }
    const page = await onPhone('purchaser');
    const errors = shownErrors(page);
    await page.goto(`${t.baseUrl}/workspace/mall`);
    await page.getByTestId('basket-new').click();
    await page.getByTestId('basket-title').fill('计算机教室台式机更新');
    await choose(page, 'basket-line-category-0', '台式计算机');
    await page.getByTestId('basket-line-name-0').fill('台式计算机');
    await page.getByTestId('basket-line-spec-0').fill('Intel i5 / 16GB / 512GB SSD / 23.8英寸显示器');
    await page.getByTestId('basket-line-quantity-0').fill('10');
    await page.getByTestId('basket-line-budget-0').fill('6000');
    await page.getByTestId('basket-address').fill('上海市徐汇区漕溪北路1号');
    const closes = page.getByTestId('basket-closes').locator('input').first().or(page.locator('input[data-testid="basket-closes"]'));
    await closes.click();
    await closes.fill('2026-06-04 10:00');
    await closes.press('Enter');
    await expect.poll(() => page.getByTestId('basket-budget').innerText()).toContain('6.00万元');
    await page.getByTestId('basket-publish').click();
    await page.getByTestId('basket-sealed').waitFor({ timeout: 30_000 });
    basketUrl = page.url();
    expect(basketUrl).toMatch(/\/workspace\/mall\/baskets\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('basket-status').first().innerText()).toBe('竞价中');
    expect(await page.getByTestId('basket-closes-at').innerText()).toContain('2026');
    expect(await horizontalOverflow(page)).toBe('');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('three suppliers quote once each; nobody sees a quote or how many, the purchaser neither', async () => {
    for (const [u, price] of [['supplier1', '5200'], ['supplier2', '5000'], ['supplier3', '5100']] as const) {
      const page = await onPhone(u);
      const errors = shownErrors(page);
      await page.goto(basketUrl);
      await page.getByTestId('basket-sealed').waitFor({ timeout: 30_000 });
      await choose(page, 'quote-product-1', '台式计算机');
      await page.getByTestId('quote-price-1').fill(price);
      await expect.poll(() => page.getByTestId('quote-total').innerText()).toContain(`${price.slice(0, 1)}.${price.slice(1, 3)}万元`);
      await page.getByTestId('submit-quote').click();
      await page.getByTestId('my-quote').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('my-quote').innerText()).toContain(`${Number(price).toLocaleString('en-US')}.00元`);
      expect(await page.getByTestId('submit-quote').count()).toBe(0);
      // Its own quote only: nothing of the others'.
      const text = await page.locator('main').innerText();
      for (const other of ['supplier1', 'supplier2', 'supplier3'].filter((o) => o !== u)) expect(text).not.toContain(names[other]!);
      expect(await horizontalOverflow(page)).toBe('');
      expect(errors).toEqual([]);
      await page.context().close();
    }
    const purchaser = await onPhone('purchaser');
    await purchaser.goto(basketUrl);
    await purchaser.getByTestId('basket-sealed').waitFor({ timeout: 30_000 });
    expect(await purchaser.getByTestId('basket-quotes').count()).toBe(0);
    const text = await purchaser.locator('main').innerText();
    for (const who of ['supplier1', 'supplier2', 'supplier3']) expect(text).not.toContain(names[who]!);
    expect(text).not.toMatch(/5,[012]00\.00|5\.[012]0万元/);
    await purchaser.context().close();
  }, 300_000);

  it('after the close the purchaser sees the lowest quote win, the quotes opened, and the contract', async () => {
    const moved = await t.api('PUT', '/api/test/clock', { body: { now: CLOSE.toISOString() } });
    expect(moved.body.now).toBe(CLOSE.toISOString());
    await t.jobs.runDue();
    const page = await onPhone('purchaser');
    const errors = shownErrors(page);
    await page.goto(basketUrl);
    await expect.poll(() => page.getByTestId('basket-status').first().innerText(), { timeout: 30_000 }).toBe('已成交');
    expect(await page.getByTestId('basket-winner').innerText()).toBe(names.supplier2);
    expect(await page.getByTestId('basket-price').innerText()).toBe('5.00万元');
    const quotes = await page.getByTestId('basket-quotes').innerText();
    for (const who of ['supplier1', 'supplier2', 'supplier3']) expect(quotes).toContain(names[who]!);
    expect(await horizontalOverflow(page)).toBe('');
    await page.getByTestId('basket-contract').click();
    await expect.poll(() => page.getByTestId('contract-status').first().textContent(), { timeout: 30_000 }).toBe('履约中');
    expect(await page.locator('main').innerText()).toContain('电子卖场竞价：计算机教室台式机更新');
    expect(await horizontalOverflow(page)).toBe('');
    expect(errors).toEqual([]);

    // The winner finds it among its mall orders; a loser sees the published result.
    const loser = await onPhone('supplier3');
    await loser.goto(basketUrl);
    await expect.poll(() => loser.getByTestId('basket-winner').innerText(), { timeout: 30_000 }).toBe(names.supplier2);
    expect(await loser.getByTestId('basket-quotes').count()).toBe(0);
    expect(await loser.getByTestId('my-quote').innerText()).toContain('5.10万元');
    await loser.context().close();
  }, 240_000);
});
