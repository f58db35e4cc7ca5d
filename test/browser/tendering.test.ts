import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { exportPublicKey, formatFingerprint, generateBidKeyPair, keyFileFingerprint } from '../../src/trading/bids/sealing';
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

    // Four suppliers obtain the documents and make their bid keys; the panel shows each key's fingerprint.
    const suppliers: Record<string, { page: Page; keyFile: string; fingerprint: string }> = {};
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
      const fingerprint = formatFingerprint(await keyFileFingerprint(JSON.parse(fs.readFileSync(keyFile, 'utf8'))));
      await expect.poll(() => page.getByTestId('key-ready').textContent()).toContain(fingerprint);
      suppliers[name] = { page, keyFile, fingerprint };
    }
    await expect.poll(() => agency.getByTestId('downloads').locator('tbody tr').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);

    const response = path.join(dir, 'response.pdf');
    fs.writeFileSync(response, await samplePdf('Technical response'));
    // The bid is sealed with the key in the key file the supplier chooses, whose fingerprint the panel shows.
    async function chooseKeyFile(name: string) {
      const { page, keyFile, fingerprint } = suppliers[name]!;
      await page.locator('input[type=file][accept=".json,application/json"]').setInputFiles(keyFile);
      await expect.poll(() => page.getByTestId('key-file-fingerprint').textContent()).toContain(fingerprint);
    }
    async function submitBid(name: string, price: string) {
      const page = suppliers[name]!.page;
      await chooseKeyFile(name);
      await page.getByTestId('total-price').locator('input').first().or(page.locator('input[data-testid="total-price"]')).fill(price);
      await page.locator('input[type=file][accept="application/pdf"]').last().setInputFiles(response);
      // Sealing starts by reading the platform's keys; returns once that answer is in. (Generous:
      // the suite runs beside other test files on two cores.)
      await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/bid-keys') && r.request().method() === 'GET', { timeout: 60_000 }), page.getByTestId('submit-bid').click()]);
    }
    /** Waits for the receipt, or fails with the refusal the panel shows instead. */
    async function receiptOf(name: string) {
      const page = suppliers[name]!.page;
      await page.getByTestId('receipt').or(page.getByTestId('bid-error')).first().waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('bid-error').allTextContents(), `${name}'s bid refused`).toEqual([]);
      return page.getByTestId('receipt');
    }

    // Three bid in time, and each receipt names the key the bid was sealed with; supplier2 withdraws and bids again.
    for (const [name, price] of [['supplier1', '2680000'], ['supplier2', '2750000'], ['supplier3', '2590000']] as const) {
      await submitBid(name, price);
      await receiptOf(name);
      expect(await suppliers[name]!.page.getByTestId('receipt-key-fingerprint').textContent()).toBe(suppliers[name]!.fingerprint);
    }
    // The receipt says by when it will be in a public checkpoint, and the bidder can download its proof.
    const s1 = suppliers.supplier1!.page;
    expect(await s1.getByTestId('receipt').textContent()).toContain('纳入平台签署并公开的审计检查点');
    const [proofDownload] = await Promise.all([s1.waitForEvent('download'), s1.getByTestId('receipt-proof').click()]);
    expect(JSON.parse(fs.readFileSync(await proofDownload.path(), 'utf8'))).toMatchObject({ status: 'pending', receiptSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const s2 = suppliers.supplier2!.page;
    await s2.getByTestId('withdraw-bid').click();
    await expect.poll(() => s2.getByTestId('my-bid-status').allTextContents()).toEqual(['已撤回']);
    await submitBid('supplier2', '2720000');
    await expect.poll(() => s2.getByTestId('my-bid-status').allTextContents(), { timeout: 30_000 }).toEqual(['已递交（密封）', '已撤回']);

    // A key row added to the database behind the platform's back becomes supplier4's "current"
    // key: the panel refuses to seal with it, on choosing the key file and on submitting, and sends nothing.
    const intruder = await exportPublicKey((await generateBidKeyPair()).publicKey);
    const intruderFingerprint = await keyFileFingerprint({ publicKey: intruder });
    await t.platform.database.execAsOwner(
      `INSERT INTO bid_key (id, supplier_entity_id, person_id, algorithm, public_key, fingerprint, created_at)
       SELECT gen_random_uuid(), entity_id, id, 'RSA-OAEP-SHA256', '${intruder}', '${intruderFingerprint}', '2026-03-04T00:00:00Z' FROM person WHERE username = 'supplier4'`,
    );
    const s4 = suppliers.supplier4!.page;
    await s4.reload();
    await expect.poll(() => s4.getByTestId('key-ready').textContent()).toContain(formatFingerprint(intruderFingerprint));
    await chooseKeyFile('supplier4');
    await expect.poll(() => s4.getByTestId('bid-error').textContent()).toContain('不一致');
    await submitBid('supplier4', '2990000');
    await expect.poll(() => s4.getByTestId('submit-bid').getAttribute('class')).not.toContain('ant-btn-loading');
    expect(await s4.getByTestId('bid-error').textContent()).toContain(formatFingerprint(intruderFingerprint));
    expect(await s4.getByTestId('receipt').count()).toBe(0);
    expect((await t.api('GET', `/api/projects/${draft.projectId}/my-bids`, { cookie: await t.signIn('supplier4') })).body).toEqual([]);
    await t.platform.database.execAsOwner(`DELETE FROM bid_key WHERE fingerprint = '${intruderFingerprint}'`);

    // The fourth comes too late: the server's clock has passed the deadline. (The job runner
    // pauses so that the page still offers the form; it resumes right after.)
    await t.jobs.stop();
    t.clock.set(new Date(DEADLINE.getTime() - 60_000));
    await login(s4, 'supplier4');
    await s4.goto(url);
    t.clock.set(DEADLINE);
    await submitBid('supplier4', '2990000');
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
