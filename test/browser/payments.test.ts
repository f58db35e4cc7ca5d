import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { verifyLedger } from '../../src/money';
import { queryRows } from '../../src/platform/database/database';
import { horizontalOverflow, launchBrowser, PHONE, signInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * Seed 000 in the browser with real logins: the supplier files a payment application with its
 * e-invoice, the purchaser rejects it once, the industry authority returns it once, and the
 * treasury pays; the supplier ends up seeing 已支付 and the ledger verifies.
 */
let t: TestPlatform;
let browser: Browser;
let contractId = '';
let payableFen = 0;
let winner = '';

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-23T02:00:00.000Z', listen: true });
  await seedDemoData(t.platform, { payments: false });
  const [c] = await queryRows<{ id: string; username: string }>(t.platform.database.db, sql`SELECT c.id, p.username FROM contract c JOIN person p ON p.entity_id = c.supplier_entity_id LIMIT 1`);
  contractId = c!.id;
  winner = c!.username;
  const contract = (await t.api('GET', `/api/contracts/${contractId}`, { cookie: await t.signIn('purchaser') })).body;
  payableFen = contract.payable[0].payableFen;
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const pages: Record<string, Page> = {};
/** Signs in through the login page, with the second factor where the role needs one (authority, treasury). */
async function as(username: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  if (pages[username]) return pages[username]!;
  return (pages[username] = await signInPage(await (await browser.newContext({ locale: 'zh-CN', viewport })).newPage(), t.baseUrl, username, t.clock));
}

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const statusOf = (page: Page) => page.getByTestId('payment-status').textContent();

async function fillInvoice(page: Page, totalFen: number) {
  const tax = Math.round((totalFen * 13) / 113);
  await page.getByTestId('invoice-before-tax').fill(yuan(totalFen - tax));
  await page.getByTestId('invoice-tax').fill(yuan(tax));
  await expect.poll(() => page.getByTestId('invoice-total').textContent()).toContain(yuan(totalFen).replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  await page.locator('input[type=file]').setInputFiles({ name: '电子发票.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') });
}

/** Opens the oldest application waiting at this desk from the payments page. */
async function openFromQueue(page: Page) {
  await page.goto(`${t.baseUrl}/workspace/payments`);
  await page.getByTestId('payment-link').first().click();
  await page.getByTestId('payment-status').waitFor();
}

describe('the unified payment module in the browser (seed 000)', () => {
  it('walks an application from the supplier through purchaser, authority and treasury, with one rejection and one return', async () => {
    // 3. The supplier files against the accepted first milestone, from its contract.
    const supplier = await as(winner);
    await supplier.goto(`${t.baseUrl}/workspace/contracts/${contractId}`);
    await supplier.getByTestId('open-payment-form').click();
    await supplier.getByTestId('invoice-number').fill('26312000000000000001');
    await supplier.getByTestId('invoice-date').fill('2026-11-20');
    await supplier.getByTestId('payee-bank').fill('中国工商银行上海市浦东分行');
    await supplier.getByTestId('payee-account').fill('1001266309200012345');
    await fillInvoice(supplier, payableFen);
    await supplier.getByTestId('submit-payment-application').click();
    await expect.poll(() => statusOf(supplier), { timeout: 30_000 }).toBe('待采购人审核');

    // 4. The purchaser rejects it with a reason: back to the supplier.
    const purchaser = await as('purchaser');
    await openFromQueue(purchaser);
    await purchaser.getByTestId('action-purchaserReject').click();
    await expect.poll(() => purchaser.getByText('退回或驳回时须写明理由').count()).toBeGreaterThan(0); // no reason, refused
    await purchaser.getByTestId('decision-reason').fill('开票日期应在到货验收之后，请核对');
    await purchaser.getByTestId('action-purchaserReject').click();
    await expect.poll(() => statusOf(purchaser)).toBe('采购人退回，待供应商修改');

    // The supplier corrects the invoice and refiles it.
    await supplier.reload();
    await expect.poll(() => statusOf(supplier)).toBe('采购人退回，待供应商修改');
    await supplier.getByText('理由：开票日期应在到货验收之后，请核对').first().waitFor();
    await supplier.getByTestId('invoice-date').fill('2026-11-21');
    await fillInvoice(supplier, payableFen);
    await supplier.getByTestId('submit-payment-application').click();
    await expect.poll(() => statusOf(supplier)).toBe('待采购人审核');

    // The purchaser approves; 5. the authority returns it to the purchaser.
    await openFromQueue(purchaser);
    await purchaser.getByTestId('action-purchaserApprove').click();
    await expect.poll(() => statusOf(purchaser)).toBe('待主管部门审核');
    const authority = await as('authority');
    await openFromQueue(authority);
    await authority.getByTestId('decision-reason').fill('请补充到货验收单扫描件');
    await authority.getByTestId('action-authorityReturn').click();
    await expect.poll(() => statusOf(authority)).toBe('主管部门退回，待采购人处理');

    // The purchaser approves again, and the authority approves it to the treasury.
    await openFromQueue(purchaser);
    await purchaser.getByTestId('action-purchaserApprove').click();
    await expect.poll(() => statusOf(purchaser)).toBe('待主管部门审核');
    await openFromQueue(authority);
    await authority.getByTestId('action-authorityApprove').click();
    await expect.poll(() => statusOf(authority)).toBe('待国库支付');

    // 6. The treasury pays with its voucher number.
    const treasury = await as('treasury');
    await openFromQueue(treasury);
    await treasury.getByTestId('voucher-number').fill('GK2026112300031');
    await treasury.getByTestId('action-treasuryPay').click();
    await expect.poll(() => statusOf(treasury)).toBe('已支付');

    // 7. The supplier sees 已支付, and the whole way there.
    await supplier.reload();
    await expect.poll(() => statusOf(supplier)).toBe('已支付');
    const steps = await supplier.getByTestId('payment-history-step').allInnerTexts();
    expect(steps.map((s) => s.split('\n')[0])).toEqual(['提交支付申请', '退回供应商', '修改后重新提交', '审核通过', '退回采购人', '审核通过', '审核通过，提交国库', '确认支付']);
    expect(steps[4]).toContain('刘洋（上海市住房和城乡建设管理委员会）');
    expect(steps[4]).toContain('理由：请补充到货验收单扫描件');
    expect((await verifyLedger(t.platform.database.db)).ok).toBe(true);
  }, 300_000);

  it('fits a 390 px phone: the application and the queue', async () => {
    const phone = await (await browser.newContext({ locale: 'zh-CN', viewport: PHONE })).newPage();
    await signInPage(phone, t.baseUrl, winner);
    await phone.goto(`${t.baseUrl}/workspace/payments?tab=all`);
    await phone.getByTestId('payment-link').first().click();
    await expect.poll(() => statusOf(phone)).toBe('已支付');
    expect(await horizontalOverflow(phone)).toBe('');
  }, 300_000);
});
