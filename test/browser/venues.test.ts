import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { horizontalOverflow, launchBrowser, pageErrors, PHONE, signedInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { publishProject } from '../support/tendering';

/** 场地与见证: the agency books a room for its project's opening; the operator sees it in the room calendar and assigns the witness. */
let t: TestPlatform;
let browser: Browser;
const TITLE = '区属学校音乐器材采购';
beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  await publishProject(t, { title: TITLE, deadline: shanghaiInstant('2026-03-23', '10:00').toISOString(), documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString() });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Picks an option of an antd select (with search) by typing part of its label. */
async function choose(page: Page, label: string, text: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.getByLabel(label, { exact: true }).fill(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

describe('场地预约与见证', () => {
  it('the agency books the opening room; the operator sees it in the calendar and assigns the witness', async () => {
    const agency = await signedInPage(browser, t, 'agency');
    const agencyErrors = pageErrors(agency);
    await agency.goto(`${t.baseUrl}/workspace/bookings`);
    await choose(agency, '项目', TITLE);
    await choose(agency, '场地', '第一开标室');
    await agency.getByLabel('日期').fill('2026-03-23');
    await choose(agency, '开始', '09:30');
    await choose(agency, '结束', '11:00');
    await agency.getByTestId('book-submit').click();
    await agency.getByText('第一开标室 · 2026-03-23 09:30–11:00').waitFor();
    await agency.getByText('见证人：未指派').waitFor();
    expect(agencyErrors).toEqual([]);

    const operator = await signedInPage(browser, t, 'operator');
    const operatorErrors = pageErrors(operator);
    await operator.goto(`${t.baseUrl}/workspace/venues`);
    await operator.getByLabel('日期').fill('2026-03-23');
    const block = operator.getByRole('button', { name: new RegExp(`第一开标室 2026-03-23 09:30–11:00 ${TITLE}`) });
    await block.waitFor();
    // The block sits in the room's row.
    expect(await operator.locator('tr[data-venue="第一开标室"]').getByText(TITLE).count()).toBe(1);
    await block.click();
    // Assign, and wait for the assignment to be stored; on a loaded machine a choice made while the drawer was
    // still settling can be lost, so choose and submit again until the server has it (twice at most).
    const agencyCookie = await t.signIn('agency');
    const assigned = async () => (await t.api('GET', `/api/bookings`, { cookie: agencyCookie })).body[0].witnessName === '王晓东';
    for (let attempt = 0; attempt < 3 && !(await assigned()); attempt++) {
      await choose(operator, '指派见证人', '王晓东');
      await operator.getByTestId('assign-witness').click();
      await expect.poll(assigned, { timeout: 10_000 }).toBe(true).catch(() => undefined);
    }
    expect(await assigned()).toBe(true);
    await operator.getByText('王晓东').first().waitFor();
    await operator.getByLabel('到场人员（每行一人）').fill('代理机构 孙强\n采购人代表 赵丽');
    await operator.getByLabel('异常情况').fill('无');
    await operator.getByTestId('save-witness-record').click();
    await operator.getByText('已保存').waitFor();
    await expect.poll(async () => (await t.api('GET', `/api/bookings`, { cookie: await t.signIn('agency') })).body[0].witnessName).toBe('王晓东');
    expect(operatorErrors).toEqual([]);

    // The agency's list names the witness, never the record.
    await agency.reload();
    await agency.getByText('见证人：王晓东').waitFor();

    // On a phone: a list per room, no sideways scrolling.
    const phone = await signedInPage(browser, t, 'operator', PHONE);
    await phone.goto(`${t.baseUrl}/workspace/venues`);
    await phone.getByLabel('日期').fill('2026-03-23');
    await phone.getByRole('button', { name: new RegExp(`第一开标室 2026-03-23 09:30–11:00`) }).waitFor();
    await expect.poll(() => horizontalOverflow(phone)).toBe('');
  });
});
