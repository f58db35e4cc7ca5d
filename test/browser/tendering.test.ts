import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { launchBrowser, signInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { draftProject, samplePdf } from '../support/tendering';

let t: TestPlatform;
let browser: Browser;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-browser-'));
const PASSPHRASE = 'Key#Pass2026';
const DEADLINE = shanghaiInstant('2026-03-23', '10:00');

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  t.jobs.start(100); // the opening starts on its own when the server's clock passes the deadline
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function signedIn(username: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 1000 }, acceptDownloads: true })).newPage();
  await login(page, username);
  return page;
}

const login = (page: Page, username: string) => signInPage(page, t.baseUrl, username);

async function pickDateTime(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId).locator('input').first().or(page.locator(`input[data-testid="${testId}"]`));
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

describe('tendering in the browser, with real logins', () => {
  it('publishes, takes sealed bids until the deadline, opens them online and shows the three prices', async () => {
    const draft = await draftProject(t);
    const url = `${t.baseUrl}/workspace/projects/${draft.projectId}`;

    // The agency publishes the notice.
    const agency = await signedIn('agency');
    await agency.goto(url);
    await pickDateTime(agency, 'documents-until', '2026-03-13 17:00');
    await pickDateTime(agency, 'deadline', '2026-03-23 10:00');
    await agency.getByTestId('publish-submit').click();
    await expect.poll(() => agency.getByTestId('project-status').textContent(), { timeout: 15_000 }).toBe('公告中');

    // Four suppliers obtain the documents and make their bid keys.
    const suppliers: Record<string, { page: Page; keyFile: string }> = {};
    for (const name of ['supplier1', 'supplier2', 'supplier3', 'supplier4']) {
      const page = await signedIn(name);
      await page.goto(url);
      const [doc] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-招标文件').click()]);
      await doc.path();
      await page.reload();
      await page.getByTestId('key-passphrase').fill(PASSPHRASE);
      await page.getByTestId('key-passphrase-confirm').fill(PASSPHRASE);
      const [keyDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('generate-key').click()]);
      const keyFile = path.join(dir, `${name}.json`);
      await keyDownload.saveAs(keyFile);
      await page.getByTestId('key-ready').waitFor();
      suppliers[name] = { page, keyFile };
    }
    await expect.poll(() => agency.getByTestId('downloads').locator('tbody tr').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);

    const response = path.join(dir, 'response.pdf');
    fs.writeFileSync(response, await samplePdf('Technical response'));
    async function submitBid(page: Page, price: string) {
      await page.getByTestId('total-price').locator('input').first().or(page.locator('input[data-testid="total-price"]')).fill(price);
      await page.locator('input[type=file][accept="application/pdf"]').last().setInputFiles(response);
      await page.getByTestId('submit-bid').click();
    }

    // Three bid in time; supplier2 withdraws and bids again.
    for (const [name, price] of [['supplier1', '2680000'], ['supplier2', '2750000'], ['supplier3', '2590000']] as const) {
      await submitBid(suppliers[name]!.page, price);
      await suppliers[name]!.page.getByTestId('receipt').waitFor({ timeout: 30_000 });
    }
    const s2 = suppliers.supplier2!.page;
    await s2.getByTestId('withdraw-bid').click();
    await expect.poll(() => s2.getByTestId('my-bid-status').allTextContents()).toEqual(['已撤回']);
    await submitBid(s2, '2720000');
    await expect.poll(() => s2.getByTestId('my-bid-status').allTextContents(), { timeout: 30_000 }).toEqual(['已递交（密封）', '已撤回']);

    // The fourth comes too late: the server's clock has passed the deadline. (The job runner
    // pauses so that the page still offers the form; it resumes right after.)
    await t.jobs.stop();
    t.clock.set(new Date(DEADLINE.getTime() - 60_000));
    const s4 = suppliers.supplier4!.page;
    await login(s4, 'supplier4');
    await s4.goto(url);
    t.clock.set(DEADLINE);
    await submitBid(s4, '2990000');
    await expect.poll(() => s4.getByTestId('bid-error').textContent(), { timeout: 30_000 }).toContain('投标截止时间');
    t.jobs.start(100);

    // The opening starts on its own; each bidder decrypts with its key file.
    await expect.poll(async () => (await t.api('GET', `/api/public/projects/${draft.projectId}`)).body.status, { timeout: 15_000 }).toBe('opening');
    for (const name of ['supplier1', 'supplier2', 'supplier3']) {
      const page = suppliers[name]!.page;
      await login(page, name);
      await page.goto(`${t.baseUrl}/workspace/openings/${draft.projectId}`);
      await page.locator('input[type=file]').setInputFiles(suppliers[name]!.keyFile);
      await page.getByTestId('decrypt-passphrase').fill(PASSPHRASE);
      await page.getByTestId('decrypt-submit').click();
      await page.getByTestId('decrypt-result').waitFor({ timeout: 30_000 });
    }

    await login(agency, 'agency');
    await agency.goto(`${t.baseUrl}/workspace/openings/${draft.projectId}`);
    const record = agency.getByTestId('opening-record');
    await expect.poll(async () => (await record.innerText()).includes('2,590,000.00'), { timeout: 15_000 }).toBe(true);
    const text = await record.innerText();
    for (const price of ['2,680,000.00', '2,720,000.00', '2,590,000.00']) expect(text).toContain(price);
    expect(text).not.toContain('2,750,000.00');
    expect(text).not.toContain('2,990,000.00');
    expect(await agency.getByTestId('opening-status').textContent()).toBe('已开标');
  }, 300_000);
});
