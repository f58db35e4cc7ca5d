import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-accounts';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { horizontalOverflow, launchBrowser, PHONE, signInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { awardLot, bid, evaluateLot, prepareBidder, publishProject, startEvaluation, type Bidder } from '../support/tendering';

/**
 * 质疑 and 投诉 through one window, in Chromium with real logins: a losing bidder challenges the result;
 * the respondent answers after its 7 working days (the clock is red, then shows the answer was late); the
 * supplier complains to the finance department, which accepts, suspends the procurement (the purchaser's
 * contract is refused with QC-11), hears the respondent, pauses and resumes its clock, and decides; the
 * decision is on the portal and in the respondent's credit record.
 */
let t: TestPlatform;
let browser: Browser;
let projectId = '';
let projectTitle = '';
let loser = '';
let loserName = '';

/** Who signs in for an organisation the case names (its names are the demo's). */
const ACCOUNT: Record<string, string> = {
  上海申远招标代理有限公司: 'agency',
  上海市徐汇区教育局: 'purchaser',
  上海市财政局: 'supervisor',
  上海市徐汇区财政局: 'supervisor-xh',
};

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  const deadline = shanghaiInstant('2026-03-23', '10:00');
  projectTitle = '徐汇区中小学录播教室设备采购';
  const p = await publishProject(t, { title: projectTitle, documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: deadline.toISOString() });
  projectId = p.projectId;
  const bidders: Bidder[] = [];
  const bidIds: Record<string, string> = {};
  for (const [name, price] of [['supplier1', 2_680_000], ['supplier2', 2_720_000], ['supplier4', 2_750_000]] as const) {
    const b = await prepareBidder(t, name, projectId);
    bidders.push(b);
    bidIds[name] = (await bid(t, b, p.lotId, price)).receipt.bidId;
  }
  const members = await startEvaluation(t, projectId, bidders, { deadline, start: shanghaiInstant('2026-03-23', '11:00') });
  await evaluateLot(t, projectId, p.lotId, members);
  await awardLot(t, projectId, p.lotId);
  const award = (await t.api('GET', `/api/projects/${projectId}/awards`, { cookie: await t.signIn('purchaser') })).body.find((a: { lotId: string }) => a.lotId === p.lotId);
  // A bidder that did not win challenges the result.
  loser = Object.keys(bidIds).find((name) => bidIds[name] !== award.winnerBidId)!;
  loserName = (await t.api('GET', '/api/session', { cookie: await t.signIn(loser) })).body.entity.name;
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const contexts: Record<string, BrowserContext> = {};
const pages: Record<string, Page> = {};

/** Moves the platform's clock; sessions idle past 30 minutes end, so everyone signs in again afterwards. */
async function jump(day: string, time = '10:00') {
  for (const name of Object.keys(pages)) {
    await contexts[name]!.close();
    delete contexts[name];
    delete pages[name];
  }
  t.clock.set(shanghaiInstant(day, time));
  await t.jobs.runDue();
}

/** Signs in through the login page, with the second factor where the role needs one (the supervisor). */
async function as(username: string): Promise<Page> {
  if (pages[username]) return pages[username]!;
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  contexts[username] = context;
  return (pages[username] = await signInPage(await context.newPage(), t.baseUrl, username, t.clock));
}

const statusOf = (page: Page) => page.getByTestId('case-status').textContent();
const clockState = (page: Page, step: string) => page.getByTestId(`clock-state-${step}`).getByTestId('clock-tag');

/** Opens the first case in the reader's one window whose row says `text`. */
async function openFromWindow(page: Page, text: string) {
  await page.goto(`${t.baseUrl}/workspace/cases`);
  await page.getByTestId('case-row').filter({ hasText: text }).first().getByTestId('case-link').click();
  await page.getByTestId('case-status').waitFor();
}

async function act(page: Page, action: string, fill: () => Promise<void> = async () => undefined) {
  await page.getByTestId(`action-${action}`).click();
  await fill();
  await page.getByTestId(`submit-${action}`).click();
}

let challengeUrl = '';
let complaintUrl = '';
let respondent = '';
let respondentName = '';
let department = '';

describe('challenges and complaints in one window (QC-01 to QC-12)', () => {
  it('lets the losing bidder challenge the result, with the window, the letter and its evidence', async () => {
    await jump('2026-03-25');
    const supplier = await as(loser);
    await supplier.goto(`${t.baseUrl}/workspace/projects/${projectId}`);
    await supplier.getByTestId('file-challenge').click();
    // The result may be challenged until its 7th working day; nothing not yet published is offered.
    await expect.poll(() => supplier.getByTestId('window-result').textContent()).toContain('个工作日');
    const form = supplier.getByTestId('challenge-form');
    await form.getByText('采购结果', { exact: false }).first().click();
    await supplier.getByTestId('contact-person').fill('周敏');
    await supplier.getByTestId('contact-phone').fill('021-64001234');
    await supplier.getByTestId('contact-address').fill('上海市徐汇区漕溪北路88号');
    await supplier.getByTestId('contact-postcode').fill('200030');
    await supplier.getByTestId('claim-0').fill('中标供应商的技术评分明显偏高，评审专家对其演示环节的打分与招标文件评分标准不符。');
    await supplier.getByTestId('facts-0').fill('招标文件第三章评分标准规定演示环节满分10分，中标结果公告显示中标供应商技术得分高出其他投标人8分。');
    await supplier.getByTestId('legal-basis-0').fill('《政府采购货物和服务招标投标管理办法》第五十五条');
    // A second matter, added and removed again: one claim is filed.
    await supplier.getByTestId('add-claim').click();
    await supplier.getByTestId('claim-1').fill('多余');
    await supplier.getByTestId('remove-claim-1').click();
    expect(await supplier.getByTestId('claim-row').count()).toBe(1);
    await form.locator('input[type=file]').setInputFiles({ name: '评分对比说明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') });
    expect(await form.textContent()).toContain('电子签名');
    await supplier.getByTestId('submit-challenge').click();
    await expect.poll(() => statusOf(supplier), { timeout: 30_000 }).toBe('待答复');
    challengeUrl = supplier.url();
    expect(challengeUrl).toMatch(/\/workspace\/cases\/challenges\//);
    expect(await supplier.getByTestId('case-filer').textContent()).toBe(loserName);
    respondentName = (await supplier.getByTestId('case-respondent').textContent())!;
    respondent = ACCOUNT[respondentName]!;
    expect(respondent, respondentName).toBeTruthy();
    await expect.poll(() => clockState(supplier, 'answer').textContent()).toContain('剩余7个工作日');
    expect(await supplier.getByTestId('case-file').first().textContent()).toContain('评分对比说明.pdf');
    // The filer's one window lists it with its status and the open clock.
    await supplier.goto(`${t.baseUrl}/workspace/cases`);
    const row = supplier.getByTestId('case-row').filter({ hasText: projectTitle }).first();
    expect(await row.getByTestId('case-row-status').textContent()).toBe('待答复');
  }, 180_000);

  it('shows the respondent its answer overdue in red, and the answer as late once given', async () => {
    await jump('2026-04-08');
    const desk = await as(respondent);
    await desk.goto(`${t.baseUrl}/workspace/cases`);
    const row = desk.getByTestId('case-row').filter({ hasText: projectTitle }).first();
    await expect.poll(() => row.getByTestId('clock-tag').getAttribute('data-state')).toBe('overdue');
    expect(await row.getByTestId('clock-tag').textContent()).toMatch(/已逾期\d+个工作日/);
    await row.getByTestId('case-link').click();
    await expect.poll(() => clockState(desk, 'answer').getAttribute('data-state')).toBe('overdue');
    // Red: far more red than green in the tag's text.
    const [r, g] = (await clockState(desk, 'answer').evaluate((e) => getComputedStyle(e).color)).match(/\d+/g)!.map(Number);
    expect(r! - g!).toBeGreaterThan(100);

    await act(desk, 'answer', async () => {
      await desk.getByTestId('reply-1').fill('经复核，评审专家按招标文件评分标准独立评分，演示环节得分有评审记录为证，质疑事项不成立。');
      await desk.getByTestId('verdict').getByText('质疑不成立').click();
      await desk.getByTestId('affects-result').getByText('否').click();
    });
    await expect.poll(() => statusOf(desk)).toBe('已答复');
    expect(await desk.getByTestId('case-verdict').textContent()).toBe('质疑不成立');
    expect(await desk.getByTestId('case-reply').first().textContent()).toContain('质疑事项不成立');
    await expect.poll(() => clockState(desk, 'answer').getAttribute('data-state')).toBe('late');
    expect(await clockState(desk, 'answer').textContent()).toContain('逾期办结');
  }, 180_000);

  it('lets the supplier complain about the claims it challenged, to the finance department', async () => {
    const supplier = await as(loser);
    await supplier.goto(challengeUrl);
    await act(supplier, 'complain', async () => {
      await supplier.getByTestId('claim-nos').getByText('第1项', { exact: false }).click();
      await supplier.getByTestId('complaint-request').fill('请求认定中标结果无效，责令重新评审。');
      await supplier.getByTestId('case-action-form').locator('input[type=file]').setInputFiles({ name: '质疑答复.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') });
    });
    await expect.poll(() => supplier.url(), { timeout: 30_000 }).toMatch(/\/workspace\/cases\/complaints\//);
    complaintUrl = supplier.url();
    await expect.poll(() => statusOf(supplier)).toBe('待受理审查');
    department = (await supplier.getByTestId('case-department').textContent())!;
    expect(ACCOUNT[department], department).toMatch(/^supervisor/);
    expect(await supplier.getByTestId('case-claim').count()).toBe(1);
  }, 120_000);

  it('has the department accept and suspend the procurement: the purchaser’s contract is refused (QC-11)', async () => {
    const supervisor = await as(ACCOUNT[department]!);
    await openFromWindow(supervisor, projectTitle);
    // The supervisor's window holds the complaint (and the region's challenge); open the complaint.
    await supervisor.goto(complaintUrl);
    await act(supervisor, 'accept');
    await expect.poll(() => statusOf(supervisor)).toBe('已受理');
    await expect.poll(() => supervisor.getByTestId('clock-respond').count()).toBe(1);

    await act(supervisor, 'suspend', async () => {
      await supervisor.getByTestId('suspend-until').fill('2026-04-30');
      await supervisor.getByTestId('case-text').fill('投诉事项可能影响采购结果，处理期间暂停采购活动。');
    });
    await expect.poll(() => supervisor.getByTestId('suspension-banner').textContent()).toContain('采购活动已暂停至2026-04-30');

    const purchaser = await as('purchaser');
    await purchaser.goto(`${t.baseUrl}/workspace/projects/${projectId}`);
    await purchaser.getByTestId('milestone-amount-0').fill('2680000');
    const date = purchaser.getByTestId('milestone-date-0').locator('input').first().or(purchaser.locator('input[data-testid="milestone-date-0"]'));
    await date.click();
    await date.fill('2026-06-10');
    await date.press('Enter');
    await purchaser.getByTestId('draft-contract').click();
    const refusal = purchaser.locator('.ant-message-notice').filter({ hasText: '暂停采购活动' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('QC-11');
  }, 180_000);

  it('hears the respondent, pauses and resumes the decision clock, and decides', async () => {
    const desk = await as(respondent);
    await desk.goto(complaintUrl);
    await act(desk, 'respond', async () => {
      await desk.getByTestId('case-text').fill('评审过程合法合规，附评审现场记录。');
      await desk.getByTestId('case-action-form').locator('input[type=file]').setInputFiles({ name: '评审现场记录.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') });
    });
    await expect.poll(() => desk.getByTestId('case-event').filter({ hasText: '被投诉人答复' }).count()).toBe(1);
    expect(await desk.getByTestId('case-event').filter({ hasText: '被投诉人答复' }).getByTestId('case-file').textContent()).toContain('评审现场记录.pdf');

    const supervisor = await as(ACCOUNT[department]!);
    await supervisor.goto(complaintUrl);
    await act(supervisor, 'pause', async () => {
      await supervisor.getByTestId('pause-reason').click();
      await supervisor.locator('.ant-select-item-option').filter({ hasText: '专家评审' }).click();
      await supervisor.getByTestId('case-text').fill('组织专家对演示环节评分进行复核。');
    });
    await expect.poll(() => clockState(supervisor, 'decide').textContent()).toBe('已暂停计时');
    await act(supervisor, 'resume');
    await expect.poll(() => clockState(supervisor, 'decide').getAttribute('data-state')).toBe('open');
    await act(supervisor, 'lift');
    await expect.poll(() => supervisor.getByTestId('suspension-banner').count()).toBe(0);

    await act(supervisor, 'decide', async () => {
      await supervisor.getByTestId('outcome').getByText('投诉成立').click();
      await supervisor.getByTestId('decide-findings').fill('专家复核认定，演示环节评分未按招标文件评分标准执行。');
      await supervisor.getByTestId('decide-basis').fill('《政府采购质疑和投诉办法》第三十二条');
    });
    await expect.poll(() => statusOf(supervisor)).toBe('已处理');
    expect(await supervisor.getByTestId('case-outcome').textContent()).toBe('投诉成立');
    const steps = (await supervisor.getByTestId('case-event').allInnerTexts()).map((s) => s.split('\n')[0]);
    for (const step of ['受理投诉', '暂停采购活动', '被投诉人答复', '暂停计时', '恢复计时', '解除暂停', '作出处理决定']) expect(steps).toContain(step);
  }, 180_000);

  it('publishes the decision on the portal and in the credit record', async () => {
    const visitor = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    const supplier = await as(loser);
    await supplier.goto(complaintUrl);
    const href = await supplier.getByTestId('case-notice').getAttribute('href');
    expect(href).toMatch(/^\/notices\//);
    await visitor.goto(`${t.baseUrl}${href}`);
    await visitor.getByTestId('notice-summary').waitFor();
    expect(await visitor.locator('main').textContent()).toContain('投诉处理结果公告');

    await t.jobs.runDue();
    await visitor.goto(`${t.baseUrl}/notices?noticeType=complaintDecision`);
    await expect.poll(() => visitor.getByTestId('search-result').count(), { timeout: 20_000 }).toBeGreaterThan(0);

    // The respondent's record, as the public API gives it by the entity's id …
    const complaint = (await t.api('GET', `/api/complaints/${complaintUrl.split('/').at(-1)}`, { cookie: await t.signIn(loser) })).body;
    const records = (await t.api('GET', `/api/public/entities/${complaint.respondent.entityId}/credit-records`)).body;
    expect(records).toEqual([expect.objectContaining({ kind: 'complaintUpheld', noticeId: href!.split('/').at(-1) })]);
    // … and as a visitor finds it: look the organisation up, open its credit records.
    await visitor.goto(`${t.baseUrl}/entities?q=${encodeURIComponent(respondentName)}`);
    const row = visitor.getByTestId('entity-results').locator('tr', { hasText: respondentName }).first();
    await row.getByTestId('credit-toggle').click();
    await expect.poll(() => visitor.getByTestId('credit-record').count()).toBeGreaterThan(0);
    expect(await visitor.getByTestId('credit-records').textContent()).toContain('QC-');
  }, 120_000);

  it('fits a 390 px phone: the one window and the case', async () => {
    const phone = await (await browser.newContext({ locale: 'zh-CN', viewport: PHONE })).newPage();
    await phone.goto(`${t.baseUrl}/login`);
    await phone.getByLabel('用户名').fill(loser);
    await phone.getByLabel('密码').fill(DEMO_PASSWORD);
    await phone.getByTestId('login-submit').click();
    await phone.getByTestId('welcome').waitFor();
    await phone.goto(`${t.baseUrl}/workspace/cases`);
    await phone.getByTestId('cases-list').getByTestId('case-link').first().waitFor();
    expect(await horizontalOverflow(phone)).toBe('');
    await phone.goto(complaintUrl);
    await expect.poll(() => statusOf(phone)).toBe('已处理');
    expect(await horizontalOverflow(phone)).toBe('');
    await phone.goto(challengeUrl);
    await expect.poll(() => statusOf(phone)).toBe('已答复');
    expect(await horizontalOverflow(phone)).toBe('');
    // The project with its 提出质疑 button, and the filing page (the result's period has passed by now: the rule says why).
    await phone.goto(`${t.baseUrl}/workspace/projects/${projectId}`);
    await phone.getByTestId('file-challenge').click();
    await expect.poll(() => phone.getByTestId('window-result').textContent()).toContain('QC-01');
    expect(await horizontalOverflow(phone)).toBe('');
  }, 120_000);
});
