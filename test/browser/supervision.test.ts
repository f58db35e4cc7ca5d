import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { unwrapContentKey } from '../../src/trading/bids/sealing';
import { horizontalOverflow, launchBrowser, PHONE, pageErrors, signedInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, prepareBidder, publishProject, type Bidder } from '../support/tendering';

/**
 * Issue 13 in Chromium: two suppliers seal their bids on one computer; after the opening the district
 * supervisor opens the dashboard, follows the open alert to its evidence (the shared device fingerprint),
 * takes it on and confirms it with a one-year CM-01 debarment of both. The supplier's credit file shows
 * the record and the measure; the supplier sees the measure on 我的信用 and is refused the documents of a
 * newly published project, with the reason on the page. The dashboard draws charts and, like the alert
 * pages, fits a 390 px phone.
 */
let t: TestPlatform;
let browser: Browser;
let projectId = '';
const TITLE = '徐汇区中小学课桌椅采购';
const DEVICE = 'fp-shared-7F3A';
const deadline = shanghaiInstant('2026-03-23', '10:00');
const names: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  const p = await publishProject(t, { title: TITLE, documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: deadline.toISOString() });
  projectId = p.projectId;
  // supplier2 and supplier3 seal on one computer; supplier4 on its own.
  const bidders: Record<string, Bidder> = {};
  for (const [name, price, device] of [['supplier2', 2_290_000, DEVICE], ['supplier3', 2_310_000, DEVICE], ['supplier4', 2_355_000, undefined]] as const) {
    bidders[name] = { ...(await prepareBidder(t, name, p.projectId)), ...(device ? { device } : {}) };
    await bid(t, bidders[name]!, p.lotId, price);
    names[name] = (await t.api('GET', '/api/session', { cookie: bidders[name]!.cookie })).body.entity.name;
  }
  t.clock.set(deadline);
  await t.jobs.runDue();
  for (const b of Object.values(bidders)) {
    b.cookie = await t.signIn(b.username);
    const mine = (await t.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie: b.cookie })).body[0];
    const res = await t.api('POST', `/api/lots/${p.lotId}/bids/${mine.id}/decryption`, { cookie: b.cookie, body: { contentKey: await unwrapContentKey(b.keyPair.privateKey, mine.wrappedKey) } });
    if (res.status !== 200) throw new Error(`decryption: ${JSON.stringify(res.body)}`);
  }
  await t.jobs.runDue(); // the documents are stored and the lot is compared (redflags.lot)
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const signedIn = (username: string, viewport?: { width: number; height: number }) => signedInPage(browser, t, username, viewport);
/** The page's own errors; the refusals it shows itself are left out. */
const collectErrors = (page: Page) => pageErrors(page, [403, 404]);


describe('integrated supervision in the browser', () => {
  it('takes a supervisor from the dashboard to an alert’s evidence, and through the investigation to a one-year debarment', async () => {
    const page = await signedIn('supervisor-xh');
    const errors = collectErrors(page);
    await page.getByTestId('workspace-menu').getByText('监管驾驶舱', { exact: true }).click();
    await page.waitForURL(/\/workspace\/supervision$/);
    // Charts, drawn: an SVG in each chart's box.
    await page.locator('[data-testid="chart-volume"] svg').waitFor();
    await page.locator('[data-testid="chart-alerts"] svg').waitFor();
    expect(await page.getByTestId('figure-disclosure').locator('.ant-progress').count()).toBe(1);

    // The bar's twin link under the alerts chart opens the list filtered to that indicator.
    await page.getByTestId('alert-code-link').filter({ hasText: 'CL-01' }).click();
    await page.waitForURL(/\/workspace\/supervision\/alerts\?code=CL-01/);
    const row = page.getByTestId('alert-row').filter({ hasText: TITLE });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain('同一设备编制或上传');
    expect(await row.innerText()).toContain('待核查');
    await row.getByTestId('alert-link').click();

    // The evidence: the shared fingerprint, marked, in a table of the two bids labelled in Chinese.
    await page.getByTestId('evidence-matched').waitFor();
    expect(await page.getByTestId('alert-disclaimer').innerText()).toContain('预警仅提示风险，需人工核查认定');
    expect(await page.getByTestId('evidence-matched').innerText()).toContain(DEVICE);
    const bids = page.getByTestId('evidence-bids');
    expect(await bids.innerText()).toContain('设备指纹');
    expect(await bids.innerText()).not.toContain('deviceFingerprint');
    expect((await bids.locator('thead').getByTestId('evidence-supplier').allInnerTexts()).sort()).toEqual([names.supplier2, names.supplier3].sort());
    expect(await bids.getByTestId('evidence-hit').allInnerTexts()).toEqual([DEVICE, DEVICE]);
    expect(await page.getByTestId('alert-explanation').innerText()).toContain('同一台设备');
    // Only the steps the server allows now: it must be taken on before it can be confirmed.
    expect(await page.getByTestId('step-confirm').count()).toBe(0);

    await page.getByTestId('step-assign').click();
    await expect.poll(() => page.getByTestId('alert-detail-status').innerText()).toBe('核查中');
    expect(await page.getByTestId('alert-assignee').innerText()).toContain('(supervisor-xh)');

    // 指派: handed to the city's supervisor, chosen from those whose region covers the alert; the timeline says to whom.
    await page.getByTestId('assignee-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '陈静（上海市财政局）' }).first().click();
    await page.getByTestId('step-assign-to').click();
    await expect.poll(() => page.getByTestId('alert-assignee').innerText()).toContain('(supervisor)');
    expect(await page.getByTestId('alert-event').last().innerText()).toContain('指派给');

    // A note with a file: its name in the timeline downloads it.
    await page.getByTestId('step-note').click();
    await page.getByTestId('step-text').fill('调取两家投标文件的上传日志');
    await page.locator('[data-testid="alert-actions"] input[type="file"]').setInputFiles({ name: '上传日志.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 upload log') });
    await page.getByTestId('step-submit').click();
    const file = page.getByTestId('event-file').filter({ hasText: '上传日志.pdf' });
    await file.waitFor();
    const download = await page.request.get(`${t.baseUrl}${await file.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect((await download.body()).toString()).toBe('%PDF-1.4 upload log');

    // Confirmed with a reason, and a one-year debarment (CM-01) of both suppliers.
    await page.getByTestId('step-confirm').click();
    await page.getByTestId('step-text').fill('两家投标文件由同一台电脑加密上传，经询问系同一人办理');
    await page.getByTestId('measure-toggle').click();
    await page.getByTestId('measure-form').waitFor();
    expect(await page.getByTestId('measure-basis-CM-01').innerText()).toContain('CM-01');
    expect(await page.locator('input[data-testid="measure-years"], [data-testid="measure-years"] input').first().inputValue()).toBe('1');
    expect(await page.getByTestId('measure-entities').locator('input[type="checkbox"]:checked').count()).toBe(2);
    await page.getByTestId('step-submit').click();
    await expect.poll(() => page.getByTestId('alert-detail-status').innerText()).toBe('已认定违规');
    expect(await page.getByTestId('event-measure').innerText()).toContain('2027-03-22');
    expect((await page.getByTestId('alert-actions').locator('button').allInnerTexts()).map((s) => s.replace(/\s/g, ''))).toEqual(['重新核查']);

    // The supplier's credit file, one click from the evidence: the record and the measure in force.
    await page.locator('thead').getByTestId('evidence-supplier').filter({ hasText: names.supplier2 }).click();
    await page.getByTestId('credit-file').waitFor();
    await expect.poll(() => page.getByTestId('credit-record').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('credit-record').first().innerText()).toContain('认定串通投标');
    const measure = page.getByTestId('measure').first();
    expect(await measure.innerText()).toContain('CM-01');
    expect(await measure.innerText()).toContain('禁止参加政府采购活动');
    expect(await measure.getByTestId('measure-period').innerText()).toBe('2026-03-23 至 2027-03-22');
    expect(await measure.getByTestId('measure-state').innerText()).toBe('执行中');
    expect(errors).toEqual([]);
  });

  it('shows the debarred supplier its measure on 我的信用, and refuses it the documents of a new project with the reason', async () => {
    const next = await publishProject(t, { title: '徐汇区中小学实验室设备采购', documentsUntil: shanghaiInstant('2026-04-02', '17:00').toISOString(), deadline: shanghaiInstant('2026-04-14', '10:00').toISOString() });
    const page = await signedIn('supplier2');
    await page.getByTestId('workspace-menu').getByText('我的信用', { exact: true }).click();
    await page.waitForURL(/\/workspace\/credit$/);
    const measure = page.getByTestId('measure').first();
    await measure.waitFor();
    expect(await measure.innerText()).toContain('CM-01');
    expect(await measure.innerText()).toContain('同一台电脑');
    expect(await measure.getByTestId('measure-period').innerText()).toBe('2026-03-23 至 2027-03-22');

    await page.goto(`${t.baseUrl}/workspace/projects/${next.projectId}`);
    await page.getByTestId('download-招标文件').click();
    const refusal = page.getByTestId('documents-error');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('贵单位被禁止参加政府采购活动至2027-03-22');
    expect(await refusal.innerText()).toContain('同一台电脑');
  });

  it('fits the dashboard, the alerts and an alert on a 390 px phone', async () => {
    const page = await signedIn('supervisor', PHONE);
    await page.goto(`${t.baseUrl}/workspace/supervision`);
    await page.locator('[data-testid="chart-volume"] svg').waitFor();
    await page.locator('[data-testid="chart-methods"] svg').waitFor();
    // The chart follows the phone's width.
    expect((await page.getByTestId('chart-volume').boundingBox())!.width).toBeLessThanOrEqual(PHONE.width);
    await expect.poll(() => horizontalOverflow(page)).toBe('');

    await page.goto(`${t.baseUrl}/workspace/supervision/alerts?projectId=${projectId}`);
    await expect.poll(() => page.getByTestId('alert-row').count()).toBeGreaterThan(1);
    await expect.poll(() => horizontalOverflow(page)).toBe('');
    await page.getByTestId('alert-row').filter({ hasText: '同一设备' }).getByTestId('alert-link').click();
    await page.getByTestId('evidence-bids').waitFor();
    await expect.poll(() => horizontalOverflow(page)).toBe('');
  });
});
