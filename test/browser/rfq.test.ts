import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { unwrapContentKey } from '../../src/trading/bids/sealing';
import { launchBrowser, pageErrors, signInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, prepareBidder, publishProject, samplePdf, type Bidder } from '../support/tendering';

/**
 * 询价 (request for quotations) from the quotation to the contract, with real logins: a supplier quotes
 * once in the browser and is not offered a second quotation (RQ-02); after the opening the 询价小组
 * finds the lowest quotation non-compliant and the lowest compliant one is ranked first and awarded
 * (RQ-03); the winner reads its 成交通知书 and the contract is drafted and signed by both parties.
 * Steps every method shares (publication, the other quotations, the opening, the panel's draw) go
 * through the API.
 */
let t: TestPlatform;
let browser: Browser;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-rfq-'));
const DEADLINE = shanghaiInstant('2026-03-23', '10:00');

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh browser context signed in as the account (a session does not outlive the test clock's jumps). */
const pages: Record<string, Page> = {};
async function as(username: string): Promise<Page> {
  await pages[username]?.context().close();
  const page = (pages[username] = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 1000 } })).newPage());
  return signInPage(page, t.baseUrl, username, t.clock);
}
const nameOf = async (username: string) => (await t.api('GET', '/api/session', { cookie: await t.signIn(username) })).body.entity.name as string;

async function pickDateTime(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId).locator('input').first().or(page.locator(`input[data-testid="${testId}"]`));
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

describe('询价 in the browser, from the quotation to the contract', () => {
  let projectId = '';
  let projectUrl = '';
  const bidders: Bidder[] = [];
  const names: Record<string, string> = {};

  it('a supplier quotes once and is not offered a second quotation (RQ-02)', async () => {
    t.clock.set(shanghaiInstant('2026-03-02', '10:00'));
    const p = await publishProject(t, {
      title: '区属学校复印纸采购',
      method: 'rfq',
      budgetYuan: 800_000,
      sme: { measure: 'none', notSuitableReason: '复印纸为标准化通用货物，按询价方式择优' },
      documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(),
      deadline: DEADLINE.toISOString(),
    });
    projectId = p.projectId;
    projectUrl = `${t.baseUrl}/workspace/projects/${projectId}`;
    for (const u of ['supplier1', 'supplier2', 'supplier3', 'supplier4']) names[u] = await nameOf(u);
    // Three other suppliers quote through the API: supplier2 the lowest, 640,000 yuan.
    for (const [name, price] of [['supplier2', 640_000], ['supplier3', 690_000], ['supplier4', 720_000]] as const) {
      const b = await prepareBidder(t, name, projectId);
      await bid(t, b, p.lotId, price);
      bidders.push(b);
    }
    // supplier1 has obtained the 询价通知书 and made its key; it quotes in the browser with its key file.
    const supplier1 = await prepareBidder(t, 'supplier1', projectId);
    bidders.push(supplier1);
    const keyFile = path.join(dir, 'supplier1.json');
    fs.writeFileSync(keyFile, JSON.stringify(supplier1.keyFile));
    const response = path.join(dir, 'quotation.pdf');
    fs.writeFileSync(response, await samplePdf('Quotation of supplier1'));

    const page = await as('supplier1');
    const errors = pageErrors(page);
    await page.goto(projectUrl);
    await page.getByTestId('key-ready').waitFor({ timeout: 45_000 });
    // The notice names the method's words: the call is a 询价公告.
    const notices = (await t.api('GET', `/api/public/projects/${projectId}/notices`)).body as { title: string }[];
    expect(notices[0]!.title).toBe('区属学校复印纸采购询价公告');
    await page.locator('input[type=file][accept=".json,application/json"]').setInputFiles(keyFile);
    await page.getByTestId('total-price').locator('input').first().or(page.locator('input[data-testid="total-price"]')).fill('668000');
    await page.locator('input[type=file][accept="application/pdf"]').last().setInputFiles(response);
    await page.getByTestId('submit-bid').click();
    await page.getByTestId('receipt').or(page.getByTestId('bid-error')).first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('bid-error').allTextContents()).toEqual([]);
    // RQ-02: one price, not to be changed: the panel says so and offers no second quotation.
    await page.reload();
    await page.getByTestId('quoted-once').waitFor({ timeout: 45_000 });
    expect(await page.getByTestId('quoted-once').textContent()).toContain('RQ-02');
    expect(await page.getByTestId('submit-bid').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 300_000);

  it('the 询价小组 fails the lowest quotation and ranks the lowest compliant one first (RQ-03)', async () => {
    // The panel of three (GP-11; NG-02's five only from the open-tender threshold) is drawn; the opening at the deadline.
    const agency = await t.signIn('agency');
    const start = shanghaiInstant('2026-03-23', '14:00');
    const panel = await t.api('POST', `/api/projects/${projectId}/committee`, {
      cookie: agency,
      body: { size: 3, experts: 3, purchaserRepresentativeIds: [], specialities: ['A02'], complex: false, evaluationStartsAt: start.toISOString(), evaluationEndsAt: new Date(start.getTime() + 4 * 3_600_000).toISOString() },
    });
    expect(panel.status).toBe(201);
    const members: string[] = [];
    for (const name of ['expert1', 'expert2', 'expert3', 'expert4', 'expert5', 'expert6', 'expert7']) {
      const cookie = await t.signIn(name);
      if ((await t.api('GET', '/api/evaluations', { cookie })).body.length === 0) continue;
      expect((await t.api('POST', `/api/evaluations/${projectId}/response`, { cookie, body: { accept: true } })).status).toBe(200);
      members.push(name);
    }
    expect(members).toHaveLength(3);
    t.clock.set(DEADLINE);
    await t.jobs.runDue();
    for (const b of bidders) {
      b.cookie = await t.signIn(b.username);
      for (const mine of (await t.api('GET', `/api/projects/${projectId}/my-bids`, { cookie: b.cookie })).body)
        expect((await t.api('POST', `/api/lots/${mine.lotId}/bids/${mine.id}/decryption`, { cookie: b.cookie, body: { contentKey: await unwrapContentKey(b.keyPair.privateKey, mine.wrappedKey) } })).status).toBe(200);
    }
    t.clock.set(start);
    await t.jobs.runDue();

    // The project page names the panel as the method does.
    const agencyPage = await as('agency');
    await agencyPage.goto(projectUrl);
    await agencyPage.getByText('询价小组').first().waitFor({ timeout: 45_000 });

    // Two members review through the API: supplier2's quotation lacks the test report the request asked for.
    const sheetOf = async (cookie: string) => (await t.api('GET', `/api/evaluations/${projectId}/sheet`, { cookie })).body;
    const lowest = names.supplier2!;
    for (const name of members.slice(0, 2)) {
      const cookie = await t.signIn(name);
      const lot = (await sheetOf(cookie)).lots[0];
      const reviews = lot.bids.flatMap((b: { bidId: string; supplierName: string }) =>
        ['qualification', 'compliance'].map((criterion) => (criterion === 'compliance' && b.supplierName === lowest ? { bidId: b.bidId, criterion, passed: false, reason: '未提供询价通知书要求的产品检测报告' } : { bidId: b.bidId, criterion, passed: true })),
      );
      expect((await t.api('PUT', `/api/evaluations/${projectId}/lots/${lot.lotId}/sheet`, { cookie, body: { reviews, scores: [] } })).status).toBe(200);
      expect((await t.api('POST', `/api/evaluations/${projectId}/lots/${lot.lotId}/submission`, { cookie })).status).toBe(200);
    }
    // The third member reviews in the browser: no scores to give (lowest price, RQ-03), one quotation fails.
    const expert = await as(members[2]!);
    const errors = pageErrors(expert);
    await expert.goto(`${t.baseUrl}/workspace/evaluations`);
    await expert.getByTestId('enter-evaluation').click();
    await expert.getByTestId('pass-all').click();
    const row = expert.locator('tr', { hasText: lowest });
    await row.getByText('不通过').nth(1).click();
    await row.getByPlaceholder('不通过理由').fill('未提供产品检测报告');
    await expect.poll(() => expert.getByTestId('missing-work').count()).toBe(0);
    await expert.getByTestId('submit-sheet').click();
    await expect.poll(() => expert.getByTestId('submission-progress').textContent(), { timeout: 30_000 }).toContain('3/3');
    for (const name of members.slice(0, 2)) expect((await t.api('POST', `/api/evaluations/${projectId}/lots/${(await sheetOf(await t.signIn(name))).lots[0].lotId}/signatures`, { cookie: await t.signIn(name), body: { agreed: true } })).status).toBe(200);
    await expert.reload();
    await expert.getByTestId('sign-report').click();
    await expect.poll(() => expert.getByTestId('sign-report').count(), { timeout: 30_000 }).toBe(0);
    const report = expert.getByTestId('report-table');
    await expect.poll(() => report.innerText(), { timeout: 30_000 }).toContain('未提供产品检测报告');
    const text = await report.innerText();
    // Ranked by quotation, low to high, among the compliant: supplier1 (668,000), supplier3, supplier4; supplier2 out.
    const order = ['supplier1', 'supplier3', 'supplier4'].map((u) => text.indexOf(names[u]!));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text.split('\n').find((l) => l.includes(lowest))).toContain('无效');
    expect(errors).toEqual([]);
  }, 300_000);

  it('the purchaser awards the lowest compliant quotation; the winner reads its 成交通知书 and both sign the contract', async () => {
    const agency = await as('agency');
    await agency.goto(projectUrl);
    await agency.getByTestId('send-report').click();
    await expect.poll(() => agency.getByTestId('award-status').textContent(), { timeout: 30_000 }).toBe('待采购人确认');

    const purchaser = await as('purchaser');
    await purchaser.goto(projectUrl);
    // RQ-03: the lowest quotation meeting the requirements is the one offered, not supplier2's lower but non-compliant one.
    await expect.poll(() => purchaser.getByTestId('confirm-winner').textContent(), { timeout: 30_000 }).toContain(names.supplier1!);
    await purchaser.getByTestId('confirm-winner').click();
    await expect.poll(() => purchaser.getByTestId('award-status').textContent(), { timeout: 30_000 }).toBe('已定标');

    // Every supplier is told the result at once (RQ-03); the winner's letter is a 成交通知书, not a 中标通知书.
    const winner = await as('supplier1');
    await winner.goto(`${t.baseUrl}/workspace/award-letters`);
    await winner.getByText('成交通知书').first().waitFor({ timeout: 30_000 });
    const letters = (await t.api('GET', '/api/award-letters', { cookie: await t.signIn('supplier2') })).body as { kind: string; fields: { winnerName: string } }[];
    expect(letters).toEqual([expect.objectContaining({ kind: 'result', fields: expect.objectContaining({ winnerName: names.supplier1 }) })]);

    // The agency drafts the contract from the quotation; the supplier signs, then the purchaser.
    await agency.reload();
    await agency.getByTestId('milestone-amount-0').fill('668000');
    await pickDateTime(agency, 'milestone-date-0', '2026-05-10');
    await agency.getByTestId('draft-contract').click();
    await expect.poll(() => agency.getByTestId('contract-status').first().textContent(), { timeout: 30_000 }).toBe('待签署');
    await winner.reload();
    await winner.getByTestId('contract-link').click();
    await winner.getByTestId('sign-contract').click();
    await expect.poll(() => winner.getByTestId('sign-contract').count(), { timeout: 30_000 }).toBe(0);
    await purchaser.goto(winner.url());
    await purchaser.getByTestId('sign-contract').click();
    await expect.poll(() => purchaser.getByTestId('contract-status').textContent(), { timeout: 30_000 }).toBe('履约中');
    const notices = (await t.api('GET', `/api/public/projects/${projectId}/notices`)).body as { noticeType: string; id: string }[];
    const contractNotice = notices.find((n) => n.noticeType === 'contract')!;
    expect((await t.api('GET', `/api/public/notices/${contractNotice.id}`)).body.renderedHtml).toContain('采购方式：询价');
  }, 300_000);
});
