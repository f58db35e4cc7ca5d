import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, launchBrowser, pageErrors, PHONE, signedInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { evaluatedFramework, passAndSignLot } from '../support/tendering';

/**
 * 开放式框架协议 (FA-09) on a 390 px phone: the first stage and the open admission through the API;
 * in the browser a supplier outside the agreement applies to join (申请加入) and the agency admits it
 * with its reasons, the supplier then listed among the members.
 */
let t: TestPlatform;
let browser: Browser;
let projectId: string;

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  browser = await launchBrowser();
  const f = await evaluatedFramework(t, { supplier1: 2_850_000, supplier2: 2_800_000 }, { title: '区属单位复印纸开放式框架协议采购' });
  projectId = f.projectId;
  await passAndSignLot(t, f.projectId, f.lotId, f.members);
  const admitted = await t.api('POST', `/api/projects/${projectId}/framework/admission`, { cookie: await t.signIn('agency'), body: { kind: 'open', termStart: '2026-03-23', termEnd: '2027-03-22' } });
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

describe('FA-09: joining an open framework agreement in the browser', () => {
  it('a supplier outside the agreement applies to join on its phone', async () => {
    const page = await onPhone('supplier3');
    const errors = pageErrors(page);
    await page.getByTestId('apply-to-join').click({ timeout: 30_000 });
    await page.getByTestId('application-statement').fill('具备复印纸供货资质，满足征集文件全部条件');
    await page.getByTestId('application-price').fill('2800000');
    await page.getByTestId('submit-application').click();
    await expect.poll(() => page.getByTestId('application-status').first().innerText(), { timeout: 30_000 }).toBe('待审核');
    expect(await page.getByTestId('apply-to-join').count()).toBe(0);
    expect(await horizontalOverflow(page)).toBe('');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the agency admits it with reasons, and it is listed among the members', async () => {
    const page = await onPhone('agency');
    const errors = pageErrors(page);
    await expect.poll(() => page.getByTestId('framework-application').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('framework-applications').innerText()).toContain('具备复印纸供货资质');
    expect(await horizontalOverflow(page)).toBe('');
    await page.getByTestId('application-reasons').fill('资质齐全，符合征集条件');
    await page.getByTestId('admit-application').click();
    await expect.poll(() => page.getByTestId('application-status').first().innerText(), { timeout: 30_000 }).toBe('已同意加入');
    await expect.poll(() => page.getByTestId('framework-member').count(), { timeout: 30_000 }).toBe(3);
    expect(await page.getByTestId('framework-members').innerText()).toContain('加入于');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
