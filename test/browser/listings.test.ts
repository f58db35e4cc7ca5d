import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refundDueDate } from '../../src/money/refunds/refund.rules';
import { loadCalendar } from '../../src/platform/calendar/calendar.store';
import { JobRunner } from '../../src/platform/jobs/jobs';
import { formatYuan } from '../../src/platform/money';
import { tradingJobs } from '../../src/trading';
import { LISTING_REFUND_JOB } from '../../src/trading/listings/listings';
import { horizontalOverflow, launchBrowser, pageErrors, PHONE, signedInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * Issue 16's listings in the browser (docs/LISTINGS.md). (a) The transferor publishes a state-owned
 * property-rights listing; three suppliers register, the operator records their deposits and the
 * transferor confirms them; at the end of the listing it goes to a live online auction which the
 * three bidders watch at once, one of them on a phone; two bids in the last five minutes each move
 * the end (限时竞价); past the end, until the platform's job has moved the listing on, each is told
 * the result is being confirmed; then the result notice names the winner, whose deposit counts towards the price,
 * and the other two see their refunds due, then refunded. (b) A listing with one qualified bidder is
 * transferred to it at the listed price.
 *
 * The server's clock is the test clock (PUT /api/test/clock). The platform's jobs run in the
 * background as in a server (the listing moves on by its clock), except the deposit refunds, which
 * the test runs itself so that a refund is seen due before it is made.
 */
let t: TestPlatform;
let browser: Browser;
let clockJobs: JobRunner;
const LISTING_END = '2026-03-30T16:00:00.000Z'; // 24:00 on 30 March in Shanghai: 20 working days after Monday 2 March (LA-01)
const SINGLE_END = '2026-03-31T16:00:00.000Z';

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  const { [LISTING_REFUND_JOB]: _refunds, ...jobs } = tradingJobs(t.platform);
  clockJobs = new JobRunner(t.platform, jobs);
  clockJobs.start(250);
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await clockJobs?.stop();
  await browser?.close();
  await t?.close();
});

const yuan = (fen: number) => `${formatYuan(fen)}元`;
const setClock = async (now: string | Date) => expect((await t.api('PUT', '/api/test/clock', { body: { now: new Date(now).toISOString() } })).status).toBe(200);
const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();
/** hh:mm:ss in Shanghai, as the page shows an instant. */
const shanghaiClock = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 19);
const entityName = async (username: string) => (await t.api('GET', '/api/session', { cookie: await t.signIn(username) })).body.entity.name as string;

const SUPPLIERS = ['supplier1', 'supplier2', 'supplier3'] as const;
type Supplier = (typeof SUPPLIERS)[number];
type User = Supplier | 'purchaser' | 'operator';
const pages = {} as Record<User, Page>;
const numbers = {} as Record<Supplier, string>;
const names = {} as Record<Supplier, string>;
const errors: { who: string; list: string[] }[] = [];

/** A new browser (supplier3 on a phone) signed in as the user; the page's own errors are kept for the end. */
async function open(user: User): Promise<Page> {
  const page = (pages[user] = await signedInPage(browser, t, user, user === 'supplier3' ? PHONE : undefined));
  errors.push({ who: user, list: pageErrors(page, [409, 422]) });
  return page;
}
/** Sessions end when the clock jumps past their idle time: the browsers are closed first and opened again after. */
async function closeAll() {
  for (const page of Object.values(pages)) await page.context().close();
}
let listingUrl = '';
let singleUrl = '';

/** Places a bid as a bidder does: the amount (the lowest allowed unless given), 出价, then the confirmation. */
async function bid(page: Page, amountYuan?: string) {
  const input = page.getByTestId('bid-amount');
  await input.waitFor();
  if (amountYuan) await input.fill(amountYuan);
  await page.getByTestId('bid').click();
  await page.getByTestId('bid-confirm').click();
  await page.getByText('出价成功').last().waitFor();
}

/** What every bidder's live view shows, without reloading: the price and the leading number. */
async function allSee(priceFen: number, leader: Supplier, extensions: number) {
  for (const s of SUPPLIERS) {
    await expect.poll(() => text(pages[s], 'live-price')).toBe(yuan(priceFen));
    await expect.poll(() => text(pages[s], 'live-leader')).toBe(numbers[leader]);
    await expect.poll(() => text(pages[s], 'live-extensions')).toBe(String(extensions));
  }
}

/** The listing as the API tells a steward (for the instants the page shows). */
const view = async () => (await t.api('GET', `/api${new URL(listingUrl).pathname.replace('/workspace', '')}`, { cookie: await t.signIn('purchaser') })).body;

describe('挂牌与网络竞价 in the browser', () => {
  it('the transferor publishes a property-rights listing, checked against the 20 working days of LA-01', async () => {
    const purchaser = await open('purchaser');
    await purchaser.goto(`${t.baseUrl}/workspace/listings`);
    await purchaser.getByTestId('listing-publish-open').click();
    await purchaser.getByTestId('publish-title').fill('上海某国有企业持有的某科技公司40%股权');
    await purchaser.getByTestId('publish-description').fill('转让标的：上海某科技有限公司40%股权');
    await purchaser.getByTestId('publish-qualification').fill('意向受让方应为依法设立并有效存续的企业法人');
    await purchaser.getByTestId('publish-listedPriceFen').fill('1000000');
    await purchaser.getByTestId('publish-incrementFen').fill('10000');
    await purchaser.getByTestId('publish-depositFen').fill('100000');
    await purchaser.getByTestId('publish-endsOn').fill('2026-03-27');
    await purchaser.getByTestId('publish-submit').click();
    await purchaser.getByText('挂牌期不得少于20个工作日').waitFor();
    await purchaser.getByTestId('publish-endsOn').fill('2026-03-30');
    await purchaser.getByTestId('publish-submit').click();
    await purchaser.waitForURL(/\/workspace\/listings\/[0-9a-f-]{36}$/);
    listingUrl = purchaser.url();
    await expect.poll(() => text(purchaser, 'listing-status')).toBe('挂牌中');
    expect(await text(purchaser, 'listed-price')).toBe('1,000,000.00元');
    await purchaser.getByText('尚无竞买登记').waitFor();

    // (b)'s listing, published now through the API: one bidder will register for it.
    const single = await t.api('POST', '/api/listings', {
      cookie: await t.signIn('purchaser'),
      body: { assetType: 'propertyRights', title: '某国企闲置数控机床一批', description: '数控机床3台，现状转让', qualification: '', listedPriceFen: 50_000_000, incrementFen: 500_000, depositFen: 5_000_000, reserveFen: null, endsOn: '2026-03-31' },
    });
    expect(single.status).toBe(201);
    singleUrl = `${t.baseUrl}/workspace/listings/${single.body.id}`;
  }, 240_000);

  it('three suppliers register and get their numbers; nobody sees another’s name', async () => {
    for (const s of SUPPLIERS) {
      names[s] = await entityName(s);
      const page = await open(s);
      await page.goto(listingUrl);
      await page.getByTestId('register').click();
      await page.getByTestId('own-number').waitFor();
      numbers[s] = await text(page, 'own-number');
      expect(numbers[s]).toMatch(/^\d{4}$/);
      await page.getByText('请交纳保证金 100,000.00元').waitFor();
      expect(await text(page, 'my-deposit-account')).toMatch(/^\d{6,}$/); // its own deposit sub-account
    }
    expect(new Set(Object.values(numbers)).size).toBe(3);
    // supplier1 also registers for (b)'s listing.
    await pages.supplier1.goto(singleUrl);
    await pages.supplier1.getByTestId('register').click();
    await pages.supplier1.getByTestId('own-number').waitFor();
  }, 240_000);

  it('the operator records the deposits from the bank’s receipts; the transferor confirms each bidder', async () => {
    const operator = await open('operator');
    for (const url of [listingUrl, singleUrl]) {
      await operator.goto(url);
      await operator.getByTestId('bidders').waitFor();
      const bidders = url === listingUrl ? SUPPLIERS : (['supplier1'] as const);
      for (const s of bidders) {
        const no = url === listingUrl ? numbers[s] : (await operator.getByTestId(/^record-deposit-/).first().getAttribute('data-testid'))!.slice('record-deposit-'.length);
        await operator.getByTestId(`record-deposit-${no}`).click();
        await operator.getByTestId('deposit-reference').fill(`BOC-20260305-${no}`);
        await operator.getByTestId('deposit-submit').click();
        await expect.poll(() => text(operator, `deposit-${no}`)).toBe('已到账（冻结中）');
      }
    }
    await operator.goto(listingUrl);
    await operator.getByText('已登记 3 人，保证金到账 3 人，资格已确认 0 人').waitFor();

    const purchaser = pages.purchaser;
    for (const url of [listingUrl, singleUrl]) {
      await purchaser.goto(url);
      await purchaser.getByTestId('bidders').waitFor();
      const buttons = purchaser.getByTestId(/^qualify-/);
      await buttons.first().waitFor();
      while ((await buttons.count()) > 0) {
        const no = (await buttons.first().getAttribute('data-testid'))!.slice('qualify-'.length);
        await buttons.first().click();
        await purchaser.getByTestId(`qualified-${no}`).waitFor();
      }
    }
    await purchaser.goto(listingUrl);
    await purchaser.getByText('已登记 3 人，保证金到账 3 人，资格已确认 3 人').waitFor();
    // The transferor reads its bidders' names; the operator offers no more deposits to record.
    for (const s of SUPPLIERS) await purchaser.getByText(names[s]).waitFor();
    await operator.reload();
    await operator.getByTestId('bidders').waitFor();
    expect(await operator.getByTestId(/^record-deposit-/).count()).toBe(0);

    for (const s of SUPPLIERS) {
      await pages[s].goto(listingUrl);
      await expect.poll(() => text(pages[s], 'my-qualification')).toBe('已确认');
      await expect.poll(() => text(pages[s], `deposit-${numbers[s]}`)).toBe('已到账（冻结中）');
      const body = await pages[s].locator('body').innerText();
      for (const other of SUPPLIERS) if (other !== s) expect(body).not.toContain(names[other]);
    }
  }, 240_000);

  let end = '';
  it('at the end of the listing the three bid live; two bids in the last five minutes extend the auction twice', async () => {
    await closeAll();
    await setClock(LISTING_END);
    // Each bidder signs in again and watches the live auction.
    for (const s of SUPPLIERS) {
      await open(s);
      await pages[s].goto(listingUrl);
      await expect.poll(() => text(pages[s], 'listing-status'), { timeout: 30_000 }).toBe('网络竞价中');
      await pages[s].getByText('暂无出价').waitFor();
      await expect.poll(() => text(pages[s], 'countdown')).toMatch(/^(29|30):\d\d$/);
      await expect.poll(() => text(pages[s], 'minimum-bid')).toContain('最低出价 1,000,000.00元');
    }
    const auction = (await view()).auction;
    expect(auction.startsAt).toBe(LISTING_END);
    end = auction.endsAt;
    await pages.supplier1.getByText(`结束时间 2026/3/31 ${shanghaiClock(end)}`).waitFor();

    await bid(pages.supplier1); // the starting price
    await allSee(100_000_000, 'supplier1', 0);
    await pages.supplier1.getByText('您的出价当前最高').waitFor();
    await bid(pages.supplier2); // one increment up
    await allSee(101_000_000, 'supplier2', 0);
    await pages.supplier1.getByText('您的出价已被超过').waitFor();

    await setClock(new Date(Date.parse(LISTING_END) + 15 * 60_000));
    await bid(pages.supplier3);
    await allSee(102_000_000, 'supplier3', 0);

    // 30 s before the end: a bid moves the end to 300 s after it (LA-10).
    const first = new Date(Date.parse(end) - 30_000);
    await setClock(first);
    await bid(pages.supplier1, '1050000');
    await allSee(105_000_000, 'supplier1', 1);
    end = new Date(first.getTime() + 300_000).toISOString();
    for (const s of SUPPLIERS) await pages[s].getByText(`结束时间 2026/3/31 ${shanghaiClock(end)} · 限时竞价已顺延 1 次`).waitFor();

    // One second before the new end: extended again.
    const second = new Date(Date.parse(end) - 1000);
    await setClock(second);
    await bid(pages.supplier2);
    await allSee(106_000_000, 'supplier2', 2);
    end = new Date(second.getTime() + 300_000).toISOString();
    expect((await view()).auction.endsAt).toBe(end);
    for (const s of SUPPLIERS) {
      const page = pages[s];
      await page.getByText(`结束时间 2026/3/31 ${shanghaiClock(end)} · 限时竞价已顺延 2 次`).waitFor();
      await expect.poll(() => page.getByTestId('bid-history').getByText('延时', { exact: true }).count()).toBe(2);
      await expect.poll(() => page.getByTestId('bid-history').getByRole('listitem').count()).toBe(5);
      // Bidders know each other by number only until the result.
      const body = await page.locator('body').innerText();
      for (const other of SUPPLIERS) if (other !== s) expect(body).not.toContain(names[other]);
      expect(body).toContain(`${numbers[s]}（我）`);
    }
    await pages.supplier2.getByText('您的出价当前最高').waitFor();
    expect(await pages.supplier2.getByTestId('bid').count()).toBe(0); // the leader may not outbid itself
    await expect.poll(() => horizontalOverflow(pages.supplier3)).toBe('');
  }, 240_000);

  it('at the end the result notice names the winner; its deposit counts towards the price, the others are refunded', async () => {
    // Between the end on the server's clock and the platform's job moving the listing on, a reader is told the result is coming.
    await clockJobs.stop();
    try {
      await setClock(end);
      for (const s of SUPPLIERS) {
        await pages[s].reload();
        await pages[s].getByText('竞价已结束，正在确认结果').waitFor();
        // The page settles on the server's new time from its reads (a loaded machine may show the old countdown for a moment).
        await expect.poll(() => pages[s].getByTestId('bid').count()).toBe(0);
        await expect.poll(() => pages[s].getByTestId('countdown').count()).toBe(0);
      }
    } finally {
      // Whatever happened above, the platform's jobs run again: the next test needs them.
      clockJobs.start(250);
    }
    const due = refundDueDate(await loadCalendar(t.platform.database.db), new Date(end));
    for (const s of SUPPLIERS) {
      const page = pages[s];
      await page.getByTestId('result-notice').waitFor({ timeout: 30_000 });
      await expect.poll(() => text(page, 'listing-status')).toBe('竞价成交');
      await page.getByText('产权交易成交公告').waitFor();
      expect(await text(page, 'winner-name')).toBe(names.supplier2);
      expect(await text(page, 'winner-number')).toBe(numbers.supplier2);
      expect(await text(page, 'result-price')).toBe('1,060,000.00元');
      expect(await text(page, 'result-way')).toContain('网络竞价');
      await expect.poll(() => text(page, `deposit-${numbers[s]}`)).toBe(s === 'supplier2' ? '已转作价款' : `待退还（最迟 ${due}）`);
      expect(await page.getByTestId('bid').count()).toBe(0);
    }
    await pages.supplier2.getByText('960,000.00元').waitFor(); // left to pay after the deposit of 100,000.00元

    const purchaser = await open('purchaser');
    await purchaser.goto(listingUrl);
    await purchaser.getByTestId('result-notice').waitFor();
    await expect.poll(() => text(purchaser, `deposit-${numbers.supplier2}`)).toBe('已转作价款');
    for (const s of ['supplier1', 'supplier3'] as const) expect(await text(purchaser, `deposit-${numbers[s]}`)).toBe(`待退还（最迟 ${due}）`);

    // The refund job returns the losers' deposits.
    expect(await t.jobs.runDue()).toBeGreaterThanOrEqual(2);
    await purchaser.reload();
    for (const s of ['supplier1', 'supplier3'] as const) await expect.poll(() => text(purchaser, `deposit-${numbers[s]}`)).toMatch(/^已退还（2026\/3\/31 \d\d:\d\d:\d\d）$/);
    expect(await text(purchaser, `deposit-${numbers.supplier2}`)).toBe('已转作价款');
    for (const s of ['supplier1', 'supplier3'] as const) {
      await pages[s].reload();
      await expect.poll(() => text(pages[s], `deposit-${numbers[s]}`)).toMatch(/^已退还/);
    }
    for (const { who, list } of errors) expect(list, who).toEqual([]);
  }, 240_000);

  it('one qualified bidder takes the other listing at the listed price (LA-03)', async () => {
    await closeAll();
    await setClock(SINGLE_END);
    const page = await open('supplier1');
    await page.goto(singleUrl);
    await expect.poll(() => text(page, 'listing-status'), { timeout: 30_000 }).toBe('协议转让成交');
    await page.getByText('产权协议转让成交公告').waitFor();
    expect(await text(page, 'result-way')).toBe('协议转让（仅一个合格竞买人，按挂牌价成交）');
    expect(await text(page, 'result-price')).toBe('500,000.00元');
    expect(await text(page, 'winner-name')).toBe(names.supplier1);
    const winnerNumber = await text(page, 'winner-number');
    await expect.poll(() => text(page, `deposit-${winnerNumber}`)).toBe('已转作价款');
    expect(await page.getByTestId('live').count()).toBe(0); // no auction was held
    for (const { who, list } of errors) expect(list, who).toEqual([]);
  }, 240_000);
});
