import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { horizontalOverflow, launchBrowser, pageErrors, PHONE, signInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, draftProject, evaluateLot, prepareBidder, startEvaluation, type Bidder } from '../support/tendering';

/**
 * A works tender under the Bidding Law, from its prequalification to the contract, with real logins
 * (and first, one whose prequalification left fewer than 3 qualified, repeated: PQ-02):
 * the agency qualifies the applicants (PQ-01, PQ-02); the qualified bid; the committee ranks at most
 * three candidates (WK-18); the report puts them on a 3-day publicity (WK-13) during which a bidder
 * objects to that lot's candidates and the agency answers (WK-19); the tenderer then names the
 * winner, whose 中标通知书 goes out with every loser's result at the same time (WK-20), and the works
 * contract is signed. The steps every method shares (notice, sealed bids, opening, the committee's
 * sheets) go through the API; the works' own steps in the browser.
 */
let t: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const at = (day: string, time = '10:00') => t.clock.set(shanghaiInstant(day, time));
/** A fresh browser context signed in as the account (a session does not outlive the test clock's jumps). */
const pages: Record<string, Page> = {};
async function as(username: string, viewport = { width: 1360, height: 1000 }): Promise<Page> {
  await pages[username]?.context().close();
  const page = (pages[username] = await (await browser.newContext({ locale: 'zh-CN', viewport })).newPage());
  return signInPage(page, t.baseUrl, username, t.clock);
}
const nameOf = async (username: string) => (await t.api('GET', '/api/session', { cookie: await t.signIn(username) })).body.entity.name as string;
const currentStep = (page: Page) => page.locator('[data-testid^="step-"][data-state="current"]').getAttribute('data-testid');

async function pickDateTime(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId).locator('input').first().or(page.locator(`input[data-testid="${testId}"]`));
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

describe('with fewer than 3 qualified, the agency repeats the tender (重新招标, PQ-02)', () => {
  it('ends the project with a termination notice, its budget back in the plan', async () => {
    at('2026-03-02');
    const { projectId } = await draftProject(t, { category: 'works', title: '示范区学校围墙改造工程', prequalification: true, sme: { measure: 'none', notSuitableReason: '须由具备建筑工程施工总承包资质的企业承担' } });
    const agencyCookie = await t.signIn('agency');
    const published = await t.api('POST', `/api/projects/${projectId}/prequalification`, {
      cookie: agencyCookie,
      body: {
        documentsUntil: shanghaiInstant('2026-03-09', '24:00').toISOString(),
        applicationDeadline: shanghaiInstant('2026-03-16', '10:00').toISOString(),
        reviewDate: shanghaiInstant('2026-03-16', '14:00').toISOString(),
        invitedSuppliers: null,
        applicationContents: '资格预审申请函、营业执照、施工总承包资质证书',
        reviewStandard: '合格制',
        contractPeriod: '合同签订后90日历天',
        consortiumAllowed: false,
        qualifications: ['具备建筑工程施工总承包三级及以上资质'],
      },
    });
    expect(published.status).toBe(201);
    const documentId = (await t.api('GET', `/api/public/projects/${projectId}/documents`)).body[0].id;
    for (const who of ['supplier1', 'supplier2']) {
      const cookie = await t.signIn(who);
      expect((await t.api('GET', `/api/projects/${projectId}/documents/${documentId}/content`, { cookie })).status).toBe(200);
      expect((await t.api('PUT', `/api/projects/${projectId}/prequalification/application`, { cookie, body: { statement: `${who}具备建筑工程施工总承包二级资质。` } })).status).toBe(200);
    }
    at('2026-03-16', '10:30');
    const agency = await t.signIn('agency');
    for (const a of (await t.api('GET', `/api/public/projects/${projectId}/prequalification`, { cookie: agency })).body.applicants)
      expect((await t.api('POST', `/api/prequalification-applications/${a.id}/review`, { cookie: agency, body: { qualified: true } })).status).toBe(200);
    expect((await t.api('POST', `/api/projects/${projectId}/prequalification/results`, { cookie: agency })).status).toBe(200);

    const page = await as('agency', PHONE);
    const errors = pageErrors(page);
    await page.goto(`${t.baseUrl}/workspace/projects/${projectId}`);
    await expect.poll(() => page.getByTestId('tender-refusal').textContent(), { timeout: 45_000 }).toContain('应当重新招标');
    await page.getByTestId('retender').click();
    await page.getByTestId('retender-confirm').click();
    await page.getByTestId('retendered').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('retender').count()).toBe(0);
    expect(await horizontalOverflow(page)).toBe('');
    const notices = (await t.api('GET', `/api/public/projects/${projectId}/notices`)).body as { noticeType: string; title: string }[];
    expect(notices.map((n) => n.title)).toContain('示范区学校围墙改造工程终止公告');
    expect(errors).toEqual([]);
  }, 300_000);
});

describe('a works tender with prequalification, from the applicants to the contract', () => {
  let projectId = '';
  let lotId = '';
  let revision = 0;
  let projectUrl = '';
  const names: Record<string, string> = {};
  const DEADLINE = shanghaiInstant('2026-05-14', '10:00');
  const PRICES = { supplier1: 2_800_000, supplier2: 2_700_000, supplier3: 2_900_000 };

  it('the agency qualifies the applicants and issues the results (PQ-01, PQ-02)', async () => {
    at('2026-04-13');
    ({ projectId, lotId, revision } = await draftProject(t, { category: 'works', title: '示范区学校体育馆新建工程', prequalification: true, sme: { measure: 'none', notSuitableReason: '须由具备建筑工程施工总承包资质的企业承担' } }));
    projectUrl = `${t.baseUrl}/workspace/projects/${projectId}`;
    for (const u of ['supplier1', 'supplier2', 'supplier3', 'supplier4']) names[u] = await nameOf(u);
    const published = await t.api('POST', `/api/projects/${projectId}/prequalification`, {
      cookie: await t.signIn('agency'),
      body: {
        documentsUntil: shanghaiInstant('2026-04-18', '24:00').toISOString(),
        applicationDeadline: shanghaiInstant('2026-04-23', '10:00').toISOString(),
        reviewDate: shanghaiInstant('2026-04-23', '14:00').toISOString(),
        invitedSuppliers: null,
        applicationContents: '资格预审申请函、营业执照、施工总承包资质证书、项目经理注册证书',
        reviewStandard: '合格制',
        contractPeriod: '合同签订后240日历天',
        consortiumAllowed: false,
        qualifications: ['具备建筑工程施工总承包二级及以上资质'],
      },
    });
    expect(published.status).toBe(201);
    const documentId = (await t.api('GET', `/api/public/projects/${projectId}/documents`)).body[0].id;
    for (const who of ['supplier1', 'supplier2', 'supplier3', 'supplier4']) {
      const cookie = await t.signIn(who);
      expect((await t.api('GET', `/api/projects/${projectId}/documents/${documentId}/content`, { cookie })).status).toBe(200);
      expect((await t.api('PUT', `/api/projects/${projectId}/prequalification/application`, { cookie, body: { statement: `${names[who]}具备建筑工程施工总承包一级资质，近三年完成类似工程3项。` } })).status).toBe(200);
    }

    at('2026-04-23', '10:30');
    const agency = await as('agency');
    const errors = pageErrors(agency);
    await agency.goto(projectUrl);
    await expect.poll(() => currentStep(agency), { timeout: 45_000 }).toBe('step-prequalification');
    await expect.poll(() => agency.getByTestId('applicant').count(), { timeout: 30_000 }).toBe(4);
    // supplier4's project manager's certificate has lapsed: not qualified, with the reason; the other three qualify.
    const rejected = agency.getByTestId('applicant').filter({ hasText: names.supplier4! });
    await rejected.getByLabel('未通过理由', { exact: false }).or(rejected.locator('textarea')).first().fill('项目经理注册证书已过有效期');
    await rejected.getByTestId('reject').click();
    await expect.poll(() => agency.locator('[data-testid=applicant] .ant-tag').count()).toBe(1);
    for (const who of ['supplier1', 'supplier2', 'supplier3']) {
      await agency.getByTestId('applicant').filter({ hasText: names[who]! }).getByTestId('qualify').click();
      await expect.poll(() => agency.getByTestId('applicant').filter({ hasText: names[who]! }).locator('.ant-tag').count()).toBe(1);
    }
    await agency.getByTestId('issue-results').click();
    await expect.poll(() => agency.getByTestId('prequalification-state').textContent()).toBe('资格预审结果已发出');
    // Three qualified: the tender may go on (PQ-02); the project's next step is its notice.
    expect(await agency.getByTestId('tender-refusal').count()).toBe(0);
    await expect.poll(() => currentStep(agency)).toBe('step-notice');
    expect(errors).toEqual([]);
  }, 300_000);

  it('the qualified bid; the committee ranks at most three candidates (WK-18), and the report starts their publicity (WK-13)', async () => {
    const published = await t.api('POST', `/api/projects/${projectId}/publication`, {
      cookie: await t.signIn('agency'),
      body: { revision, documentsUntil: shanghaiInstant('2026-04-30', '17:00').toISOString(), deadline: DEADLINE.toISOString(), contractPeriod: '合同签订后240日历天', consortiumAllowed: false, qualifications: ['通过本项目资格预审'] },
    });
    expect(published.status).toBe(200);
    const bidders: Bidder[] = [];
    for (const [name, price] of Object.entries(PRICES)) {
      const b = await prepareBidder(t, name, projectId);
      await bid(t, b, lotId, price);
      bidders.push(b);
    }
    // The applicant that did not qualify cannot even obtain the tender documents (PQ-02).
    const documentId = (await t.api('GET', `/api/public/projects/${projectId}/documents`)).body[0].id;
    expect((await t.api('GET', `/api/projects/${projectId}/documents/${documentId}/content`, { cookie: await t.signIn('supplier4') })).body).toMatchObject({ code: 'NOT_PREQUALIFIED', ruleId: 'PQ-02' });
    const members = await startEvaluation(t, projectId, bidders, { deadline: DEADLINE, start: shanghaiInstant('2026-05-14', '14:00') });
    await evaluateLot(t, projectId, lotId, members);

    const agency = await as('agency');
    const errors = pageErrors(agency);
    await agency.goto(projectUrl);
    await agency.getByText('评标委员会').first().waitFor({ timeout: 45_000 });
    const report = agency.getByTestId('report-table');
    await expect.poll(() => report.locator('tbody tr').count(), { timeout: 30_000 }).toBe(3);
    // At most three candidates, ranked 1 to 3 (WK-18).
    expect(await report.locator('.ant-tag-green').count()).toBeLessThanOrEqual(3);
    await agency.getByTestId('send-report').click();
    await expect.poll(() => currentStep(agency), { timeout: 30_000 }).toBe('step-candidatePublicity');
    const publicity = agency.getByTestId('publicities');
    await publicity.getByText('中标候选人公示').waitFor();
    // Published on Thursday 14 May: three days end on Sunday 17 May, so on Monday 18 May (T-02).
    await expect.poll(() => publicity.textContent()).toContain('2026-05-18');
    await expect.poll(() => agency.getByTestId('candidate-objections').textContent()).toContain('0');
    expect(errors).toEqual([]);
  }, 300_000);

  it('during the publicity a bidder objects to the lot’s candidates from its phone, and the agency answers (WK-19)', async () => {
    at('2026-05-15');
    const supplier = await as('supplier3', PHONE);
    const errors = pageErrors(supplier);
    await supplier.goto(projectUrl);
    await supplier.getByTestId('object-to-candidates').click();
    await supplier.getByTestId('challenge-form').waitFor({ timeout: 30_000 });
    await supplier.getByTestId('challenge-subject').getByText('中标候选人', { exact: false }).click();
    await supplier.getByTestId('contact-person').fill('王强');
    await supplier.getByTestId('contact-phone').fill('021-64000003');
    await supplier.getByTestId('contact-address').fill('上海市徐汇区示范路3号');
    await supplier.getByTestId('contact-postcode').fill('200030');
    await supplier.getByTestId('claim-0').fill('第一中标候选人的项目经理有在建项目');
    await supplier.getByTestId('facts-0').fill('其项目经理同时担任另一在建工程的项目经理。');
    await supplier.getByTestId('legal-basis-0').fill('《招标投标法实施条例》第五十四条');
    expect(await horizontalOverflow(supplier)).toBe('');
    await supplier.getByTestId('submit-challenge').click();
    await supplier.getByTestId('case-status').waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);

    // The objection concerns the lot whose candidates were publicised (the only one here): its award waits for the answer.
    const cases = (await t.api('GET', '/api/cases', { cookie: await t.signIn('supplier3') })).body.items as { id: string }[];
    expect((await t.api('GET', `/api/challenges/${cases[0]!.id}`, { cookie: await t.signIn('supplier3') })).body).toMatchObject({ subject: 'candidates', lot: { id: lotId, lotNo: 1 } });
    const agency = await as('agency');
    await agency.goto(projectUrl);
    await expect.poll(() => agency.getByTestId('candidate-objections').textContent(), { timeout: 30_000 }).toContain('1');
    await agency.goto(`${t.baseUrl}/workspace/cases`);
    await agency.getByTestId('case-row').filter({ hasText: '示范区学校体育馆新建工程' }).first().getByTestId('case-link').click();
    await agency.getByTestId('case-status').waitFor();
    await agency.getByTestId('action-answer').click();
    await agency.getByTestId('reply-1').fill('经核查，该项目经理的在建项目已于2026年4月竣工验收，异议不成立。');
    await agency.getByTestId('verdict').locator('label').nth(2).click();
    await agency.getByTestId('affects-result').locator('label').first().click();
    await agency.getByTestId('submit-answer').click();
    await expect.poll(() => agency.getByTestId('case-verdict').textContent(), { timeout: 30_000 }).toContain('不成立');
  }, 300_000);

  it('after the publicity the tenderer names the winner; the winner and every loser are told at once (WK-20); both sign the works contract', async () => {
    at('2026-05-19');
    const purchaser = await as('purchaser');
    const errors = pageErrors(purchaser);
    await purchaser.goto(projectUrl);
    await expect.poll(() => currentStep(purchaser), { timeout: 45_000 }).toBe('step-award');
    // The first candidate of the report, after its publicity.
    await expect.poll(() => purchaser.getByTestId('confirm-winner').count(), { timeout: 30_000 }).toBe(1);
    const offered = (await purchaser.getByTestId('confirm-winner').textContent())!;
    const winnerUser = (['supplier1', 'supplier2', 'supplier3'] as const).find((u) => offered.includes(names[u]!))!;
    expect(winnerUser).toBeTruthy();
    await purchaser.getByTestId('confirm-winner').click();
    await expect.poll(() => purchaser.getByTestId('award-status').textContent(), { timeout: 30_000 }).toBe('已定标');
    expect(errors).toEqual([]);

    // WK-20: the 中标通知书 and the losers' result letters carry the same moment.
    const bidders = ['supplier1', 'supplier2', 'supplier3'] as const;
    const letters = await Promise.all(bidders.map(async (u) => ((await t.api('GET', '/api/award-letters', { cookie: await t.signIn(u) })).body as { kind: string; issuedAt: string }[])[0]!));
    expect(letters.map((l) => l.kind)).toEqual(bidders.map((u) => (u === winnerUser ? 'winner' : 'result')));
    expect(new Set(letters.map((l) => l.issuedAt)).size).toBe(1);
    const winner = await as(winnerUser);
    await winner.goto(`${t.baseUrl}/workspace/award-letters`);
    await winner.getByText('中标通知书').first().waitFor({ timeout: 30_000 });
    const loser = await as(bidders.find((u) => u !== winnerUser)!);
    await loser.goto(`${t.baseUrl}/workspace/award-letters`);
    await loser.getByText('结果通知书').first().waitFor({ timeout: 30_000 });

    // The agency drafts the works contract from the winning bid; the contractor signs, then the tenderer.
    const agency = await as('agency');
    await agency.goto(projectUrl);
    await agency.getByTestId('milestone-amount-0').fill(String(PRICES[winnerUser]));
    await pickDateTime(agency, 'milestone-date-0', '2027-01-15');
    await agency.getByTestId('draft-contract').click();
    await expect.poll(() => agency.getByTestId('contract-status').first().textContent(), { timeout: 30_000 }).toBe('待签署');
    await winner.reload();
    await winner.getByTestId('contract-link').click();
    await winner.getByTestId('sign-contract').click();
    await expect.poll(() => winner.getByTestId('sign-contract').count(), { timeout: 30_000 }).toBe(0);
    await purchaser.goto(winner.url());
    await purchaser.getByTestId('sign-contract').click();
    await expect.poll(() => purchaser.getByTestId('contract-status').textContent(), { timeout: 30_000 }).toBe('履约中');
  }, 300_000);
});
