import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, launchBrowser, PHONE, signInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * Issue 16, "a browser test of a mall purchase to payment": `purchaser` buys the demo mall
 * supplier's desktops in the e-mall, the order's contract is accepted, the supplier files its
 * payment application with the e-invoice, and the purchaser, the authority and the treasury pay it.
 */
let t: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true, now: '2026-06-01T02:00:00.000Z' });
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const pages: Record<string, Page> = {};
async function as(username: string): Promise<Page> {
  if (pages[username]) return pages[username]!;
  return (pages[username] = await signInPage(await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })).newPage(), t.baseUrl, username, t.clock));
}
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const statusOf = (page: Page) => page.getByTestId('payment-status').textContent();
async function openFromQueue(page: Page) {
  await page.goto(`${t.baseUrl}/workspace/payments`);
  await page.getByTestId('payment-link').first().click();
  await page.getByTestId('payment-status').waitFor();
}

describe('a mall purchase to payment', () => {
  it('buys in the e-mall, accepts the order’s contract, and the supplier is paid through the treasury', async () => {
    const purchaser = await as('purchaser');
    await purchaser.goto(`${t.baseUrl}/workspace/mall`);
    await purchaser.getByText('单笔订单不超过电子卖场限额').waitFor();
    await purchaser.getByTestId('mall-buy-台式计算机 商用型').click();
    await purchaser.getByTestId('mall-quantity').fill('3');
    await purchaser.getByTestId('mall-address').fill('上海市徐汇区漕溪北路1号');
    await purchaser.getByText('合计：1.58万元').waitFor();
    await purchaser.getByTestId('mall-place-order').click();
    const link = purchaser.getByTestId('mall-contract-link');
    await link.waitFor();
    const contractNumber = (await link.textContent())!;
    expect(contractNumber).toMatch(/^DZMC20260601-.+-HT$/);
    await link.click();

    // The order's contract is signed at once; the purchaser accepts the delivery.
    await expect.poll(() => purchaser.getByTestId('contract-status').first().textContent()).toBe('履约中');
    await purchaser.getByTestId('acceptance-members').fill('王芳、李强');
    await purchaser.getByTestId('record-acceptance').click();
    await purchaser.getByTestId('acceptance-1').waitFor();

    // The supplier finds the order under the mall and files its payment application from the contract.
    const supplier = await as('supplier2');
    await supplier.goto(`${t.baseUrl}/workspace/mall`);
    await supplier.getByRole('link', { name: contractNumber }).click();
    await supplier.getByTestId('open-payment-form').click();
    await supplier.getByTestId('invoice-number').fill('26312000000000000902');
    await supplier.getByTestId('invoice-date').fill('2026-06-01');
    await supplier.getByTestId('payee-bank').fill('上海银行徐汇支行');
    await supplier.getByTestId('payee-account').fill('31658800000000902');
    const total = 1_584_000;
    const tax = Math.round((total * 13) / 113);
    await supplier.getByTestId('invoice-before-tax').fill(yuan(total - tax));
    await supplier.getByTestId('invoice-tax').fill(yuan(tax));
    await supplier.locator('input[type=file]').setInputFiles({ name: '电子发票.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') });
    await supplier.getByTestId('submit-payment-application').click();
    await expect.poll(() => statusOf(supplier), { timeout: 30_000 }).toBe('待采购人审核');

    await openFromQueue(purchaser);
    await purchaser.getByTestId('action-purchaserApprove').click();
    await expect.poll(() => statusOf(purchaser)).toBe('待主管部门审核');
    const authority = await as('authority');
    await openFromQueue(authority);
    await authority.getByTestId('action-authorityApprove').click();
    await expect.poll(() => statusOf(authority)).toBe('待国库支付');
    const treasury = await as('treasury');
    await openFromQueue(treasury);
    await treasury.getByTestId('voucher-number').fill('GK2026060100902');
    await treasury.getByTestId('action-treasuryPay').click();
    await expect.poll(() => statusOf(treasury)).toBe('已支付');
    await supplier.reload();
    await expect.poll(() => statusOf(supplier)).toBe('已支付');
  }, 300_000);

  it('fits a 390 px phone', async () => {
    const phone = await (await browser.newContext({ locale: 'zh-CN', viewport: PHONE })).newPage();
    await signInPage(phone, t.baseUrl, 'purchaser');
    await phone.goto(`${t.baseUrl}/workspace/mall`);
    await phone.getByText('单笔订单不超过电子卖场限额').waitFor();
    expect(await horizontalOverflow(phone)).toBe('');
  }, 120_000);
});
