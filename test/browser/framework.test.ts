import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { horizontalOverflow, launchBrowser, pageErrors, PHONE, signedInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { evaluatedFramework, passAndSignLot } from '../support/tendering';

/**
 * 框架协议采购 on a 390 px phone: the first stage through the API (call, sealed responses, opening,
 * evaluation, admission of two suppliers); the second stage in the browser — the purchaser opens a
 * second-round competition (FA-07), two members each offer once while the offers stay sealed, and after
 * the deadline the purchaser sees the offers and decides: the lowest wins, and its contract is drafted.
 */
let t: TestPlatform;
let browser: Browser;
let projectId: string;
const DEADLINE = '2026-03-25 10:00';

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  browser = await launchBrowser();
  const f = await evaluatedFramework(t, { supplier1: 2_850_000, supplier2: 2_800_000, supplier3: 2_900_000 }, { title: '区属单位复印纸框架协议采购' });
  projectId = f.projectId;
  await passAndSignLot(t, f.projectId, f.lotId, f.members);
  const admitted = await t.api('POST', `/api/projects/${projectId}/framework/admission`, { cookie: await t.signIn('agency'), body: { admittedCount: 2, kind: 'closed', termStart: '2026-03-23', termEnd: '2027-03-22' } });
  if (admitted.status !== 201) throw new Error(`admission: ${JSON.stringify(admitted.body)}`);
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const onPhone = async (username: string): Promise<Page> => {
  const page = await signedInPage(browser, t, username, PHONE);
  await page.goto(`${t.baseUrl}/workspace/projects/${projectId}`);
  await page.getByTestId('framework').waitFor({ timeout: 45_000 });
  return page;
};
async function pick(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId).locator('input').first().or(page.locator(`input[data-testid="${testId}"]`));
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

describe('a framework agreement’s second-round competition in the browser', () => {
  it('the purchaser sees the members and opens a competition on its phone', async () => {
    const page = await onPhone('purchaser');
    const errors = pageErrors(page);
    await expect.poll(() => page.getByTestId('framework-member').count(), { timeout: 30_000 }).toBe(2);
    const members = await page.getByTestId('framework-members').innerText();
    expect(members).toContain('入围价格');
    expect(await page.getByTestId('framework-term').innerText()).toBe('2026-03-23 ~ 2027-03-22');
    await page.getByTestId('new-competition').click();
    await page.getByTestId('order-title').fill('第二季度复印纸');
    await pick(page, 'order-deadline', DEADLINE);
    await page.getByTestId('place-order').click();
    await expect.poll(() => page.getByTestId('order-status').first().innerText(), { timeout: 30_000 }).toBe('竞价中');
    expect(await page.getByTestId('offers-sealed').innerText()).toContain('报价密封至截止时间');
    expect(await horizontalOverflow(page)).toBe('');
    expect(errors).toEqual([]);
  });

  it('each member offers once; the offers stay sealed, even from the purchaser', async () => {
    for (const [who, price] of [
      ['supplier1', '2780000'],
      ['supplier2', '2790000'],
    ] as const) {
      const page = await onPhone(who);
      await page.getByTestId('offer-price').fill(price);
      await page.getByTestId('submit-offer').click();
      await expect.poll(() => page.getByTestId('my-offer').count(), { timeout: 30_000 }).toBe(1);
      expect(await page.getByTestId('my-offer').innerText()).toContain(`${price.slice(0, 3)}.00万元`);
      expect(await page.getByTestId('submit-offer').count()).toBe(0);
      expect(await horizontalOverflow(page)).toBe('');
      await page.context().close();
    }
    const purchaser = await onPhone('purchaser');
    await purchaser.getByTestId('framework-order').first().waitFor();
    expect(await purchaser.getByTestId('order-offers').count()).toBe(0);
    expect(await purchaser.getByTestId('framework').innerText()).not.toMatch(/279\.00|278\.00/);
    await purchaser.context().close();
  });

  it('after the deadline the purchaser sees the offers, decides, and the lowest wins its contract', async () => {
    t.clock.set(shanghaiInstant('2026-03-25', '10:00'));
    const page = await onPhone('purchaser');
    const errors = pageErrors(page);
    await expect.poll(() => page.getByTestId('order-offers').count(), { timeout: 30_000 }).toBe(1);
    const offers = await page.getByTestId('order-offers').innerText();
    expect(offers).toContain('278.00万元');
    expect(offers).toContain('279.00万元');
    await page.getByTestId('order-period').fill('订单下达后10日内交货');
    await page.getByTestId('order-place').fill('采购人指定地点');
    await page.getByTestId('order-criteria').fill('品牌规格与报价一致，数量相符');
    await pick(page, 'order-due', '2026-04-30');
    await page.getByTestId('order-terms').fill('按框架协议及征集文件合同条款执行');
    await page.getByTestId('decide-order').click();
    await expect.poll(() => page.getByTestId('order-status').first().innerText(), { timeout: 30_000 }).toBe('已成交');
    const supplier1 = (await t.api('GET', '/api/session', { cookie: await t.signIn('supplier1') })).body.entity.name as string;
    expect(await page.getByTestId('order-winner').innerText()).toContain(supplier1);
    expect(await page.getByTestId('order-winner').innerText()).toContain('278.00万元');
    await page.getByTestId('order-contract').click();
    await expect.poll(() => page.locator('body').innerText(), { timeout: 30_000 }).toContain('第二季度复印纸采购合同');
    expect(await horizontalOverflow(page)).toBe('');
    expect(errors).toEqual([]);
  });
});
