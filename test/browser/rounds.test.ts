import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { horizontalOverflow, launchBrowser, PHONE, signInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { awardLot, bid, evaluateLot, prepareBidder, publishProject, startEvaluation, yuan, type Bidder, type DraftOptions } from '../support/tendering';

/**
 * 竞争性磋商 with a changed requirement and a second round (CS-04..07), and 竞争性谈判 with final
 * offers (NG-04..06), each in the browser to its contract: the steps that are the same for every
 * method (bids, opening, scoring, the award) go through the API; the rounds are clicked.
 */
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

async function as(username: string, viewport = { width: 1360, height: 900 }): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'zh-CN', viewport })).newPage();
  return signInPage(page, t.baseUrl, username, t.clock);
}

const deadline = shanghaiInstant('2026-03-23', '10:00');
const start = shanghaiInstant('2026-03-23', '14:00');

/** A project of the method with three responses opened and its panel sitting; returns the members (the first chairs). */
async function underEvaluation(options: DraftOptions, prices: number[]) {
  t.clock.set(shanghaiInstant('2026-03-02', '10:00'));
  const p = await publishProject(t, { ...options, documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: deadline.toISOString() });
  const bidders: Bidder[] = [];
  for (const [i, price] of prices.entries()) {
    const b = await prepareBidder(t, `supplier${i + 1}`, p.projectId);
    await bid(t, b, p.lotId, price);
    bidders.push(b);
  }
  return { ...p, members: await startEvaluation(t, p.projectId, bidders, { deadline, start }) };
}

async function pickDateTime(page: Page, testId: string, value: string) {
  const input = page.locator(`input[data-testid="${testId}"]`).or(page.getByTestId(testId).locator('input')).first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** The agency drafts the contract of the awarded lot, paid in one milestone of the winner's evaluated price. */
async function contractOf(projectId: string, lotId: string) {
  const [report] = (await t.api('GET', `/api/projects/${projectId}/evaluation-reports`, { cookie: await t.signIn('agency') })).body;
  const winner = report.result.bids.find((b: { bidId: string }) => b.bidId === report.result.candidates[0]);
  const priceFen: number = winner.priceFen;
  const draft = await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/contract`, {
    cookie: await t.signIn('agency'),
    body: { milestones: [{ name: '交货', amountFen: priceFen, acceptanceCriteria: '全部到货并调试合格', dueDate: '2026-06-30' }], performancePeriod: '合同签订后60日', performancePlace: '采购人指定地点', paymentTermDays: 30, terms: '按磋商（谈判）文件及实质性变动后的要求' },
  });
  expect(draft.status).toBe(201);
  return { ...(draft.body as { id: string; priceFen: number }), winnerName: winner.supplierName as string };
}

/** Which of supplier1..3 owns a bid. */
async function winnerUsername(bidId: string): Promise<string> {
  for (const name of ['supplier1', 'supplier2', 'supplier3']) {
    const mine = (await t.api('GET', '/api/award-letters', { cookie: await t.signIn(name) })).body as { bidId: string; kind: string }[];
    if (mine.some((l) => l.bidId === bidId && l.kind === 'winner')) return name;
  }
  throw new Error('no winner among the suppliers');
}

async function signContract(contractId: string, users: string[]) {
  for (const u of users) {
    const cookie = await t.signIn(u);
    const seen = await t.api('GET', `/api/contracts/${contractId}`, { cookie });
    expect((await t.api('POST', `/api/contracts/${contractId}/signatures`, { cookie, body: { revision: seen.body.revision } })).status).toBe(200);
  }
}

describe('竞争性磋商: a changed requirement, a second round of final quotations, the contract', () => {
  it('the chair proposes a change, the purchaser confirms it, every supplier acknowledges it; final quotations stay sealed until their time and are what the contract is priced at', async () => {
    const p = await underEvaluation({ title: '区属学校录播教室设备磋商采购', method: 'consultation', category: 'goods' }, [2_600_000, 2_700_000, 2_800_000]);
    const chair = await as(p.members[0]!);
    await chair.goto(`${t.baseUrl}/workspace/evaluations/${p.projectId}`);
    await chair.getByTestId('rounds-card').waitFor();
    await chair.getByTestId('change-text').fill('交互屏尺寸由86英寸调整为75英寸，其余技术参数不变');
    await chair.getByTestId('propose-change').click();
    await expect.poll(() => chair.getByTestId('requirement-change').textContent()).toContain('待采购人代表确认');

    // Round two opens when the purchaser's representative confirms: every supplier is told at once.
    const purchaser = await as('purchaser');
    await purchaser.goto(`${t.baseUrl}/workspace/projects/${p.projectId}`);
    await purchaser.getByTestId('confirm-change').click();
    await expect.poll(() => purchaser.getByTestId('requirement-change').textContent()).toContain('已于');

    const supplier = await as('supplier1', PHONE);
    await supplier.goto(`${t.baseUrl}/workspace/projects/${p.projectId}`);
    await expect.poll(() => supplier.getByTestId('requirement-change').textContent(), { timeout: 30_000 }).toContain('交互屏尺寸由86英寸调整为75英寸');
    await supplier.getByTestId('acknowledge-change').click();
    await expect.poll(() => supplier.getByTestId('requirement-change').textContent()).toContain('签收');
    expect(await horizontalOverflow(supplier)).toBe('');
    await chair.reload();
    await expect.poll(() => chair.getByTestId('change-receipts').textContent()).toContain('签收');
    const receipts = (await chair.getByTestId('change-receipts').textContent())!.split('；');
    expect(receipts.filter((r) => r.includes('已于'))).toHaveLength(1);
    expect(receipts.filter((r) => r.endsWith('未签收'))).toHaveLength(2);

    // The chair calls for final quotations; supplier1 gives its own on its phone, the others through the API.
    await pickDateTime(chair, 'final-offer-deadline', '2026-03-23 16:00');
    await chair.getByTestId('call-final-offers').click();
    await expect.poll(() => chair.getByTestId('final-offer-deadline-text').textContent()).toContain('16:00');
    await supplier.reload();
    await supplier.getByTestId('final-offer-amount').fill('2450000');
    await supplier.getByTestId('give-final-offer').click();
    await expect.poll(() => supplier.getByTestId('my-final-offer').textContent()).toContain('2,450,000.00');
    for (const [name, amount] of [['supplier2', 2_500_000], ['supplier3', 2_550_000]] as const)
      expect((await t.api('PUT', `/api/projects/${p.projectId}/lots/${p.lotId}/final-offer`, { cookie: await t.signIn(name), body: { amountFen: yuan(amount) } })).status).toBe(200);
    await chair.reload();
    await chair.getByTestId('final-offer-deadline-text').waitFor();
    expect(await chair.getByTestId('final-offers').count()).toBe(0);

    // At their time the panel reads them; they are scored, and the winner's contract is at its final quotation.
    t.clock.set(shanghaiInstant('2026-03-23', '16:00'));
    const chairAgain = await as(p.members[0]!); // the session ended with the clock's jump
    await chairAgain.goto(`${t.baseUrl}/workspace/evaluations/${p.projectId}`);
    await expect.poll(() => chairAgain.getByTestId('final-offers').textContent(), { timeout: 30_000 }).toContain('2,450,000.00');
    await evaluateLot(t, p.projectId, p.lotId, p.members);
    await awardLot(t, p.projectId, p.lotId);
    // Scored (CS-07): whoever wins, the contract is at its final quotation, not its first.
    const contract = await contractOf(p.projectId, p.lotId);
    expect([yuan(2_450_000), yuan(2_500_000), yuan(2_550_000)]).toContain(contract.priceFen);
    const winnerAccount = (await t.api('GET', '/api/projects/' + p.projectId + '/awards', { cookie: await t.signIn('purchaser') })).body[0];
    const winnerUser = await winnerUsername(winnerAccount.winnerBidId);
    await signContract(contract.id, [winnerUser, 'purchaser']);
    const winner = await as(winnerUser);
    await winner.goto(`${t.baseUrl}/workspace/contracts/${contract.id}`);
    await expect.poll(() => winner.getByTestId('contract-status').textContent(), { timeout: 30_000 }).toBe('履约中');
  }, 300_000);
});

describe('竞争性谈判: final offers by a set time, the lowest wins', () => {
  it('the chair calls for final offers without a change; the lowest final offer meeting the requirements gets the contract (NG-06)', async () => {
    const p = await underEvaluation({ title: '区档案馆密集架谈判采购', method: 'negotiation', category: 'goods', methodJustification: '技术复杂，不能确定详细规格（政府采购法第三十条第二项）' }, [2_600_000, 2_650_000, 2_700_000]);
    const chair = await as(p.members[0]!);
    await chair.goto(`${t.baseUrl}/workspace/evaluations/${p.projectId}`);
    await pickDateTime(chair, 'final-offer-deadline', '2026-03-23 15:30');
    await chair.getByTestId('call-final-offers').click();
    await expect.poll(() => chair.getByTestId('final-offer-deadline-text').textContent()).toContain('15:30');

    // supplier3, dearest at first, offers the least at the end.
    const supplier = await as('supplier3', PHONE);
    await supplier.goto(`${t.baseUrl}/workspace/projects/${p.projectId}`);
    await supplier.getByTestId('final-offer-amount').fill('2100000');
    await supplier.getByTestId('give-final-offer').click();
    await expect.poll(() => supplier.getByTestId('my-final-offer').textContent()).toContain('2,100,000.00');
    for (const [name, amount] of [['supplier1', 2_480_000], ['supplier2', 2_420_000]] as const)
      expect((await t.api('PUT', `/api/projects/${p.projectId}/lots/${p.lotId}/final-offer`, { cookie: await t.signIn(name), body: { amountFen: yuan(amount) } })).status).toBe(200);

    t.clock.set(shanghaiInstant('2026-03-23', '15:30'));
    const supplierAgain = await as('supplier3', PHONE); // the session ended with the clock's jump
    await supplierAgain.goto(`${t.baseUrl}/workspace/projects/${p.projectId}`);
    await expect.poll(() => supplierAgain.getByTestId('final-offer-deadline-text').textContent(), { timeout: 30_000 }).toContain('已于');
    expect(await supplierAgain.getByTestId('give-final-offer').count()).toBe(0);
    await evaluateLot(t, p.projectId, p.lotId, p.members);
    await awardLot(t, p.projectId, p.lotId);
    const contract = await contractOf(p.projectId, p.lotId);
    expect(contract.priceFen).toBe(yuan(2_100_000));
    await signContract(contract.id, ['supplier3', 'purchaser']);
    const purchaser = await as('purchaser');
    await purchaser.goto(`${t.baseUrl}/workspace/contracts/${contract.id}`);
    await expect.poll(() => purchaser.getByTestId('contract-status').textContent(), { timeout: 30_000 }).toBe('履约中');
    expect(await purchaser.locator('body').textContent()).toContain('2,100,000.00');
  }, 300_000);
});
