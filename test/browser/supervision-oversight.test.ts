import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { queryRows } from '../../src/platform/database/database';
import { horizontalOverflow, launchBrowser, PHONE, pageErrors, signedInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, prepareBidder, publishProject, startEvaluation, type Bidder, type PublishedProject } from '../support/tendering';

/**
 * 评审过程监督 and 专家抽取回放 in Chromium: before the evaluation the district supervisor is told the
 * committee is confidential; once it has begun and one member's score strays (28 where the others give
 * 40, 24 % of the criterion's weight), the supervisor opens the oversight page from the project, finds
 * that cell marked with the others' median and the deviation, and the member's assessment; the draw
 * replay says 一致. The trading centre reads the expert's record on the expert library.
 */
let t: TestPlatform;
let browser: Browser;
let p: PublishedProject;
let members: string[];
let bidders: Bidder[];
const deadline = shanghaiInstant('2026-03-23', '10:00');
const TITLE = '徐汇区中小学课桌椅采购';

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  p = await publishProject(t, { title: TITLE, documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: deadline.toISOString() });
  bidders = [];
  for (const [i, name] of ['supplier1', 'supplier2', 'supplier4'].entries()) {
    bidders.push(await prepareBidder(t, name, p.projectId));
    await bid(t, bidders[i]!, p.lotId, 2_300_000 + i * 10_000);
  }
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const signedIn = (username: string, viewport?: { width: number; height: number }) => signedInPage(browser, t, username, viewport);
/** The page's own errors; the refusals it shows itself are left out. */
const collectErrors = (page: Page) => pageErrors(page, [403, 404, 409]);


/** Every member scores and submits; the last gives the first bid 28 on 技术 where the others give 40. */
async function scoreWithOneStraying() {
  const sheet = (await t.api('GET', `/api/evaluations/${p.projectId}/sheet`, { cookie: await t.signIn(members[0]!) })).body;
  const bidIds: string[] = sheet.lots[0].bids.map((b: { bidId: string }) => b.bidId);
  for (const [m, name] of members.entries()) {
    const cookie = await t.signIn(name);
    const scores = bidIds.flatMap((bidId, i) => [
      { bidId, criterion: '技术', points: m === members.length - 1 && i === 0 ? 28 : 40 + i },
      { bidId, criterion: '商务', points: 15 },
    ]);
    const reviews = bidIds.flatMap((bidId) => ['qualification', 'compliance'].map((criterion) => ({ bidId, criterion, passed: true })));
    expect((await t.api('PUT', `/api/evaluations/${p.projectId}/lots/${p.lotId}/sheet`, { cookie, body: { reviews, scores } })).status).toBe(200);
    expect((await t.api('POST', `/api/evaluations/${p.projectId}/lots/${p.lotId}/submission`, { cookie })).status).toBe(200);
  }
}

describe('overseeing an evaluation in the browser', () => {
  it('keeps the committee confidential before the evaluation, then shows the straying score, the assessments and the replayed draws', async () => {
    const early = await signedIn('supervisor-xh');
    await early.goto(`${t.baseUrl}/workspace/projects/${p.projectId}/evaluation-oversight`);
    await expect.poll(() => early.getByTestId('oversight-sealed').innerText()).toContain('评审尚未开始');

    members = await startEvaluation(t, p.projectId, bidders, { deadline, start: shanghaiInstant('2026-03-23', '11:00') });
    await scoreWithOneStraying();
    const [oddId] = await queryRows<{ id: string }>(t.platform.database.db, sql`SELECT id FROM person WHERE username = ${members.at(-1)!}`);
    const odd = (await t.api('GET', `/api/projects/${p.projectId}/evaluation-oversight`, { cookie: await t.signIn('supervisor-xh') })).body.members.find((m: { personId: string }) => m.personId === oddId!.id);
    // Members are named as the committee and the expert library name them.
    const plainName: string = odd.name;
    const page = await signedIn('supervisor-xh');
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/workspace/projects/${p.projectId}`);
    await page.getByTestId('evaluation-oversight-link').click();
    await page.waitForURL(/\/evaluation-oversight$/);
    const matrix = page.getByTestId('oversight-matrix');
    await matrix.waitFor();
    expect(await page.getByTestId('oversight-project').innerText()).toContain(TITLE);
    // One cell marked: the odd member's 28, with the others' median and how far it strays.
    const flagged = matrix.locator('td[data-flagged="true"]');
    expect(await flagged.count()).toBe(1);
    expect(await flagged.innerText()).toBe('28');
    expect(await matrix.locator('thead').innerText()).toContain(odd.name);
    await flagged.getByTestId('flagged-score').hover();
    await expect.poll(() => page.locator('.ant-tooltip:visible').innerText()).toBe('其他专家中位数 40，偏离 -24%');
    expect(await page.getByTestId('oversight-lot').locator('.ant-card-extra').innerText()).toContain('1 处偏离');

    // Each member's assessment: the odd one on time, one deviation of 24 %.
    const row = page.getByTestId('assessment-row').filter({ hasText: odd.name });
    expect(await row.innerText()).toContain('按时');
    expect(await row.getByTestId('assessment-deviations').innerText()).toBe('1');
    expect(await row.getByTestId('assessment-largest').innerText()).toBe('24%');
    expect(await page.getByTestId('assessment-row').count()).toBe(members.length);

    // The draw replayed: every round 一致.
    await page.goto(`${t.baseUrl}/workspace/projects/${p.projectId}`);
    await page.getByTestId('draw-replay-link').click();
    await page.waitForURL(/\/draw-replay$/);
    await page.getByTestId('replay-round').first().waitFor();
    expect(await page.getByTestId('replay-verdict').allInnerTexts()).toEqual(expect.arrayContaining(['一致']));
    expect(await page.getByTestId('replay-verdict').allInnerTexts()).not.toContain('不一致');
    expect(await page.getByTestId('replay-seed').first().innerText()).toMatch(/^[0-9a-f]{64}/);
    expect(await page.getByTestId('replay-pool').first().innerText()).toMatch(/专家库 \d+ 人，回避 \d+ 人，符合条件 \d+ 人/);
    expect(await page.getByTestId('replay-drawn').first().innerText()).toContain(plainName); // the committee's names, without the username

    // Both fit a phone: the matrix scrolls inside its card.
    await page.setViewportSize(PHONE);
    await expect.poll(() => horizontalOverflow(page)).toBe('');
    await page.goto(`${t.baseUrl}/workspace/projects/${p.projectId}/evaluation-oversight`);
    await page.getByTestId('oversight-matrix').waitFor();
    await expect.poll(() => horizontalOverflow(page)).toBe('');
    expect(errors).toEqual([]);

    // The trading centre reads the member's record on the expert library, before suspending it.
    const operator = await signedIn('operator');
    await operator.getByTestId('workspace-menu').getByText('专家库', { exact: true }).click();
    await operator.getByTestId('experts-table').locator('tr', { hasText: plainName }).getByTestId('expert-record').click();
    const record = operator.getByTestId('expert-assessments');
    await expect.poll(() => record.innerText()).toContain(TITLE);
    expect(await record.getByTestId('assessment-deviations').innerText()).toBe('1');
  });
});
