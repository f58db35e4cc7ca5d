import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { horizontalOverflow, launchBrowser, PHONE, signInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { openedProject } from '../support/tendering';

let t: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const pages: Record<string, Page> = {};
async function as(username: string): Promise<Page> {
  const page = (pages[username] ??= await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 } })).newPage());
  return signInPage(page, t.baseUrl, username);
}

async function pickDateTime(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId).locator('input').first().or(page.locator(`input[data-testid="${testId}"]`));
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

describe('evaluation to acceptance in the browser, with real logins', () => {
  it('draws the committee (one refusal, one redraw), five experts evaluate and sign, the purchaser awards, both sign the contract, the purchaser accepts', async () => {
    // The tendering browser test covers everything up to the opening; here it is done through the API.
    const p = await openedProject(t, { supplier1: 2_680_000, supplier2: 2_720_000, supplier3: 2_590_000 });
    const projectUrl = `${t.baseUrl}/workspace/projects/${p.projectId}`;

    // The agency draws the committee; the names stay sealed.
    const agency = await as('agency');
    await agency.goto(projectUrl);
    await pickDateTime(agency, 'evaluation-starts', '2026-03-23 10:30');
    await pickDateTime(agency, 'evaluation-ends', '2026-03-23 17:00');
    await agency.getByTestId('request-committee').click();
    await expect.poll(() => agency.getByTestId('committee-counts').textContent(), { timeout: 15_000 }).toContain('已抽取 5 人');
    expect(await agency.getByText('专家名单由系统密封保存').count()).toBe(1);

    // Who was drawn is known only to each expert, in its own task list.
    const drawn: string[] = [];
    for (const name of ['expert1', 'expert2', 'expert3', 'expert4', 'expert5', 'expert6', 'expert7', 'expert8']) {
      if ((await t.api('GET', '/api/evaluations', { cookie: await t.signIn(name) })).body.length) drawn.push(name);
    }
    expect(drawn).toHaveLength(5);

    // The first one cannot attend; the platform draws the sixth eligible expert in its place.
    const refuser = await as(drawn[0]!);
    await refuser.goto(`${t.baseUrl}/workspace/evaluations`);
    await refuser.getByTestId('refusal-reason').fill('当日另有教学任务');
    await refuser.getByTestId('refuse-invitation').click();
    await expect.poll(() => refuser.getByTestId(`member-status-${p.projectId}`).textContent()).toBe('已拒绝');
    const replacement = ['expert1', 'expert2', 'expert3', 'expert4', 'expert5', 'expert6'].find((n) => !drawn.includes(n))!;
    const members = [...drawn.slice(1), replacement];
    for (const name of members) {
      const page = await as(name);
      await page.goto(`${t.baseUrl}/workspace/evaluations`);
      await page.getByTestId('confirm-invitation').click();
      await expect.poll(() => page.getByTestId(`member-status-${p.projectId}`).textContent()).toBe('已确认');
    }
    await agency.reload();
    await expect.poll(() => agency.getByTestId('committee-counts').textContent()).toContain('确认 5 人，拒绝 1 人');

    // The evaluation starts; five experts evaluate from their own logins.
    t.clock.set(shanghaiInstant('2026-03-23', '10:30'));
    await t.jobs.runDue();
    for (const [i, name] of members.entries()) {
      const page = await as(name);
      await page.goto(`${t.baseUrl}/workspace/evaluations`);
      await page.getByTestId('enter-evaluation').click();
      if (i === 0) {
        // Until a chair is elected every member may vote; three of five elect one, and voting is over.
        await expect.poll(() => page.getByTestId('vote-chair').count()).toBe(5);
        const sheet = (await t.api('GET', `/api/evaluations/${p.projectId}/sheet`, { cookie: await t.signIn(name) })).body;
        const chair = sheet.members[1];
        for (const voter of members.slice(0, 3)) {
          const vote = await t.api('POST', `/api/evaluations/${p.projectId}/chair-votes`, { cookie: await t.signIn(voter), body: { candidateId: chair.personId } });
          expect(vote.status).toBe(200);
        }
        await page.reload();
        await expect.poll(() => page.getByTestId(`member-${chair.personId}`).innerText()).toMatch(/^(?!.*临时).*组长/s);
        expect(await page.getByTestId('vote-chair').count()).toBe(0);
        expect(await page.getByTestId('submission-progress').textContent()).toBe('我的评审表尚未提交 · 委员会 0/5 人已提交');
        expect(await page.getByTestId('missing-work').textContent()).toContain('资格性审查');
      }
      await page.getByTestId('pass-all').click();
      // What is left is the scoring only, straight after 全部通过, and nothing once it is scored.
      await expect.poll(() => page.getByTestId('missing-work').textContent()).not.toMatch(/资格性审查|符合性审查/);
      for (const [criterion, points] of [['技术', '40'], ['商务', '15']] as const) {
        const inputs = page.locator(`input[data-testid="score-${criterion}"], [data-testid="score-${criterion}"] input`);
        await expect.poll(() => inputs.count()).toBe(3);
        for (let b = 0; b < 3; b++) await inputs.nth(b).fill(points);
      }
      await expect.poll(() => page.getByTestId('missing-work').count()).toBe(0);
      await page.getByTestId('submit-sheet').click();
      await expect.poll(() => page.getByTestId('submission-progress').textContent(), { timeout: 15_000 }).toBe(`我的评审表已提交 · 委员会 ${i + 1}/5 人已提交`);
      if (i === 0) {
        // The sheet works on a phone: nothing sticks out sideways.
        await page.setViewportSize(PHONE);
        await expect.poll(() => horizontalOverflow(page)).toBe('');
        await page.setViewportSize({ width: 1440, height: 1000 });
      }
    }

    // Every member signs the report; the last dissents, with reasons.
    for (const [i, name] of members.entries()) {
      const page = pages[name]!;
      await page.reload();
      if (i === members.length - 1) {
        await page.getByTestId('dissent-text').fill('供应商3的技术方案评分偏低，应予复核');
        await page.getByTestId('dissent-report').click();
      } else await page.getByTestId('sign-report').click();
      await expect.poll(() => page.getByTestId('sign-report').count()).toBe(0);
    }
    await expect.poll(() => pages[members[0]!]!.reload().then(() => pages[members[0]!]!.getByTestId('report-status').textContent())).toBe('已签署');
    // With equal points, price decides: supplier1 is small, its 2,680,000 counts as 2,412,000 (SME-04).
    const reportText = await pages[members[0]!]!.getByTestId('report-table').innerText();
    expect(reportText.indexOf('上海申联信息科技有限公司')).toBeLessThan(reportText.indexOf('上海浦江数据服务有限公司'));
    expect(reportText).toContain('2,412,000.00');

    // The agency sends the report; the purchaser confirms the first candidate.
    await as('agency');
    await agency.goto(projectUrl);
    await agency.getByTestId('send-report').click();
    await expect.poll(() => agency.getByTestId('award-status').textContent()).toBe('待采购人确认');
    const purchaser = await as('purchaser');
    await purchaser.goto(projectUrl);
    await purchaser.getByTestId('confirm-winner').click();
    await expect.poll(() => purchaser.getByTestId('award-status').textContent()).toBe('已定标');
    expect(await purchaser.getByText('上海申联信息科技有限公司', { exact: false }).count()).toBeGreaterThan(0);

    // The agency drafts the contract from the winning bid; both parties sign it.
    await agency.reload();
    await agency.getByTestId('milestone-amount-0').fill('2680000');
    // Enter in the date field picks the date; it does not draft the contract before the rest is read.
    const draftForm = agency.getByTestId('draft-contract').locator('xpath=ancestor::form');
    await draftForm.evaluate((form) => form.addEventListener('submit', () => form.setAttribute('data-submitted', 'yes')));
    await pickDateTime(agency, 'milestone-date-0', '2026-05-10');
    expect(await draftForm.getAttribute('data-submitted')).toBeNull();
    await agency.getByTestId('draft-contract').click();
    await expect.poll(() => agency.getByTestId('contract-status').first().textContent()).toBe('待签署');

    const winner = await as('supplier1');
    await winner.goto(`${t.baseUrl}/workspace/award-letters`);
    await winner.getByTestId('contract-link').click();
    await winner.getByTestId('sign-contract').click();
    await expect.poll(() => winner.getByTestId('sign-contract').count()).toBe(0);
    await purchaser.goto(await winner.url());
    await purchaser.getByTestId('sign-contract').click();
    await expect.poll(() => purchaser.getByTestId('contract-status').textContent()).toBe('履约中');

    // The purchaser accepts the delivery against the contract's criteria: payment is unlocked, the contract done.
    await purchaser.getByTestId('acceptance-members').fill('赵丽, 学校代表');
    await purchaser.getByTestId('record-acceptance').click();
    await expect.poll(() => purchaser.getByTestId('contract-status').textContent()).toBe('已验收');
    expect(await purchaser.getByTestId('acceptance-1').textContent()).toBe('合格');
    const notices = (await t.api('GET', `/api/public/projects/${p.projectId}/notices`)).body.map((n: { noticeType: string }) => n.noticeType);
    expect(notices).toEqual(expect.arrayContaining(['award', 'contract']));
  }, 300_000);
});
