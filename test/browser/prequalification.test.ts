import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { horizontalOverflow, launchBrowser, pageErrors, PHONE, signedInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { draftProject } from '../support/tendering';

/**
 * 资格预审 on a 390 px phone: a supplier applies on the project page; after the deadline the agency
 * qualifies each applicant and issues the results; the supplier reads its own (PQ-01, PQ-02).
 */
let t: TestPlatform;
let browser: Browser;
let projectId: string;

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const at = (day: string, time = '10:00') => t.clock.set(shanghaiInstant(day, time));
const onPhone = async (username: string): Promise<Page> => {
  const page = await signedInPage(browser, t, username, PHONE);
  await page.goto(`${t.baseUrl}/workspace/projects/${projectId}`);
  await page.getByTestId('prequalification').waitFor();
  return page;
};

describe('prequalification on the project page', () => {
  it('a supplier applies on its phone; nothing sticks out', async () => {
    at('2026-04-13');
    ({ projectId } = await draftProject(t, { category: 'works', title: '示范区排水管网改造工程', prequalification: true, sme: { measure: 'none', notSuitableReason: '须由具备市政公用工程施工总承包资质的企业承担' } }));
    const agency = await t.signIn('agency');
    const published = await t.api('POST', `/api/projects/${projectId}/prequalification`, {
      cookie: agency,
      body: {
        documentsUntil: shanghaiInstant('2026-04-18', '24:00').toISOString(),
        applicationDeadline: shanghaiInstant('2026-04-23', '10:00').toISOString(),
        reviewDate: shanghaiInstant('2026-04-23', '14:00').toISOString(),
        invitedSuppliers: null,
        applicationContents: '资格预审申请函、营业执照、施工总承包资质证书',
        reviewStandard: '合格制',
        contractPeriod: '合同签订后180日历天',
        consortiumAllowed: false,
        qualifications: ['具备市政公用工程施工总承包二级及以上资质'],
      },
    });
    expect(published.status).toBe(201);
    const documentId = (await t.api('GET', `/api/public/projects/${projectId}/documents`)).body[0].id;
    for (const who of ['supplier1', 'supplier2', 'supplier3']) {
      const cookie = await t.signIn(who);
      expect((await t.api('GET', `/api/projects/${projectId}/documents/${documentId}/content`, { cookie })).status).toBe(200);
      if (who !== 'supplier1') await t.api('PUT', `/api/projects/${projectId}/prequalification/application`, { cookie, body: { statement: `${who}具备施工总承包一级资质。` } });
    }

    const page = await onPhone('supplier1');
    const errors = pageErrors(page);
    await expect.poll(() => page.getByTestId('step-prequalification').getAttribute('data-state')).toBe('current');
    await page.getByTestId('application-statement').fill('我公司具备市政公用工程施工总承包一级资质，近三年完成类似工程5项。');
    await page.getByTestId('apply').click();
    await expect.poll(() => page.getByTestId('apply').textContent()).toContain('替换申请');
    // Sealed: the supplier sees its own application only.
    expect(await page.getByTestId('applicants').count()).toBe(0);
    expect(await horizontalOverflow(page)).toBe('');
    expect(errors).toEqual([]);
  });

  it('after the deadline the agency qualifies each applicant and issues the results; the supplier reads its own', async () => {
    at('2026-04-23', '10:30');
    const agency = await onPhone('agency');
    const errors = pageErrors(agency);
    await expect.poll(() => agency.getByTestId('applicant').count()).toBe(3);
    expect(await horizontalOverflow(agency)).toBe('');
    for (let i = 0; i < 3; i++) {
      await agency.getByTestId('qualify').nth(i).click();
      await expect.poll(() => agency.locator('[data-testid=applicant] .ant-tag').count()).toBe(i + 1);
    }
    await expect.poll(() => agency.getByTestId('issue-results').isEnabled()).toBe(true);
    await agency.getByTestId('issue-results').click();
    await expect.poll(() => agency.getByTestId('prequalification-state').textContent()).toBe('资格预审结果已发出');
    expect(await agency.getByTestId('qualify').count()).toBe(0);
    expect(await horizontalOverflow(agency)).toBe('');
    expect(errors).toEqual([]);

    const supplier = await onPhone('supplier1');
    await expect.poll(() => supplier.getByTestId('my-result').textContent()).toContain('贵单位已通过资格预审');
    expect(await horizontalOverflow(supplier)).toBe('');
  });
});
