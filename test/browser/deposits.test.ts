import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EXPERTS } from '../../src/demo/demo-accounts';
import { actorFor } from '../../src/identity';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import type { Context } from '../../src/platform/context';
import { queryRows } from '../../src/platform/database/database';
import { myAssignments, requestCommittee, respondToDraw } from '../../src/services/experts/sampling';
import { confirmWinner, sendReport } from '../../src/trading/award/award';
import { submitSealedBid } from '../../src/trading/bids/bid-client';
import { unwrapContentKey } from '../../src/trading/bids/sealing';
import { evaluationSheet, saveSheet, signReport, submitSheet } from '../../src/trading/evaluation/evaluation';
import { horizontalOverflow, launchBrowser, PHONE, signInPage } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { prepareBidder, publishProject, samplePdf, yuan, type Bidder } from '../support/tendering';

/**
 * Bid security in the browser, with real logins (issue 10): supplier1 pays its deposit by transfer at
 * the demo bank into its own sub-account, supplier2 secures its bid with an e-guarantee the issuer
 * approves at its desk (verified publicly without login), supplier3 offers none; the opening shows
 * each bid's security status and nothing of payer or issuer; after the award notice the losing
 * supplier1 sees its deposit refunded, when and to which account.
 */
let t: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const DEADLINE = shanghaiInstant('2026-03-23', '10:00');
const AWARD_AT = shanghaiInstant('2026-03-24', '10:00');
/** The lot's deposit: 2 % of the 3,000,000-yuan budget, 60,000.00 yuan. */
const REQUIRED_TEXT = '60,000.00';
const NAMES = { supplier1: '上海申联信息科技有限公司', supplier2: '上海浦江数据服务有限公司', supplier3: '上海华东智能设备股份有限公司' } as const;
const ISSUER = '上海演示融资担保有限公司';
const PAYER_NUMBER = '6222 0210 0100 1111';

const pages: Record<string, Page> = {};
/** The user's own browser, signed in afresh through the login page (the test clock jumps weeks, sessions lapse). */
async function as(username: string, viewport = { width: 1360, height: 1000 }): Promise<Page> {
  const page = (pages[username] ??= await (await browser.newContext({ locale: 'zh-CN', viewport })).newPage());
  return signInPage(page, t.baseUrl, username);
}

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.platform.database.db, query);
const ctxOf = async (username: string): Promise<Context> => ({ platform: t.platform, actor: await actorFor(t.platform.database.db, username), ip: '127.0.0.1', userAgent: 'test' });

/** A sealed bid whose price schedule declares the security as the bidder offers it. */
async function sealedBid(bidder: Bidder, lotId: string, totalYuan: number, deposit: { form: 'transfer' | 'guarantee'; reference: string | null }) {
  const schedule = { lotId, totalPriceFen: yuan(totalYuan), deliveryPeriod: '合同签订后45日', items: [{ name: '智慧黑板', brand: `品牌-${bidder.username}`, model: 'X1', quantity: 120, unitPriceFen: Math.floor(yuan(totalYuan) / 120), totalFen: Math.floor(yuan(totalYuan) / 120) * 120 }], deposit };
  const receipt = await submitSealedBid(
    { baseUrl: t.baseUrl, headers: { cookie: bidder.cookie }, chunkSize: 64 * 1024 },
    {
      lotId,
      keyFile: bidder.keyFile,
      idempotencyKey: crypto.randomUUID(),
      deviceFingerprint: `fp-${bidder.username}`,
      parts: [
        { name: 'priceSchedule', fileName: '开标一览表.json', bytes: new TextEncoder().encode(JSON.stringify(schedule)) as Uint8Array<ArrayBuffer> },
        { name: 'file-1', fileName: '响应文件.pdf', bytes: await samplePdf(`Response of ${bidder.username}`, `${bidder.username}-author`) },
      ],
    },
  );
  return receipt.receipt.bidId;
}

describe('bid security in the browser, with real logins', () => {
  it('takes a deposit by transfer and an e-guarantee, shows each bid’s security at the opening, and refunds the deposit after the award', async () => {
    const p = await publishProject(t, { documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: DEADLINE.toISOString() });
    const projectUrl = `${t.baseUrl}/workspace/projects/${p.projectId}`;
    // The three suppliers obtain the documents and register their bid keys (the tendering browser test does this in the browser).
    const bidders: Record<string, Bidder> = {};
    for (const name of ['supplier1', 'supplier2', 'supplier3']) bidders[name] = await prepareBidder(t, name, p.projectId);

    // 1. supplier1 opens its own sub-account on the lot's page and pays the deposit at the demo bank.
    const s1 = await as('supplier1');
    await s1.goto(projectUrl);
    const panel = s1.getByTestId('virtual-account');
    await s1.getByTestId('open-virtual-account').click();
    const subAccount = s1.getByTestId('deposit-sub-account');
    await subAccount.waitFor({ timeout: 15_000 });
    const accountNumber = (await subAccount.innerText()).trim();
    expect(accountNumber).toMatch(/^\d{8,32}$/);
    expect(await panel.innerText()).toContain(REQUIRED_TEXT); // 应缴金额
    await expect.poll(() => panel.getByTestId('deposit-status').getAttribute('data-status')).toBe('missing');
    expect(await panel.getByTestId('deposit-status').innerText()).toContain('未到账');
    expect(await panel.innerText()).toContain('尚未收到转账');

    await s1.getByRole('link', { name: '去演示银行转账' }).click();
    await s1.getByTestId('make-transfer').waitFor();
    expect(s1.url()).toContain('/workspace/demo-bank');
    // The bank form comes filled in from the panel: the sub-account and the amount due.
    expect(await s1.getByTestId('payee-sub-account').inputValue()).toBe(accountNumber);
    const amount = s1.getByTestId('transfer-amount').locator('input').first().or(s1.locator('input[data-testid="transfer-amount"]'));
    expect(await amount.inputValue()).toBe('60000.00');
    expect(await s1.getByTestId('payer-account-name').inputValue()).toBe(NAMES.supplier1);
    await s1.getByTestId('payer-account-number').fill(PAYER_NUMBER);
    await s1.getByTestId('make-transfer').click();
    const bankReceipt = s1.getByTestId('transfer-receipt');
    await bankReceipt.waitFor({ timeout: 15_000 });
    expect(await s1.getByTestId('transfer-error').count()).toBe(0);
    const bankText = await bankReceipt.innerText();
    expect(bankText).toContain('转账成功，已通知平台');
    expect(bankText).toContain(accountNumber);
    expect(bankText).toContain(REQUIRED_TEXT);

    // Back on the lot's page the panel shows the deposit arrived in time, from the account it came from.
    await s1.goto(projectUrl);
    await expect.poll(() => panel.getByTestId('deposit-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('paidInTime');
    expect(await panel.getByTestId('deposit-status').innerText()).toContain('按时足额到账');
    const received = await panel.locator('.ant-table-tbody').innerText();
    expect(received).toContain(REQUIRED_TEXT);
    expect(received).toContain(PAYER_NUMBER);
    // The supplier's deposit panel fits a 390 px phone.
    await s1.setViewportSize(PHONE);
    await expect.poll(() => horizontalOverflow(s1)).toBe('');
    await s1.setViewportSize({ width: 1360, height: 1000 });

    // 2. supplier2 applies for an e-guarantee for the lot, to the demo issuer; amount and beneficiary come from the lot.
    const s2 = await as('supplier2');
    await s2.goto(projectUrl);
    const guaranteePanel = s2.getByTestId('guarantee-panel');
    await guaranteePanel.waitFor({ timeout: 15_000 });
    const terms = await guaranteePanel.innerText();
    expect(terms).toContain(REQUIRED_TEXT);
    expect(terms).toContain('上海市徐汇区教育局');
    const applyForm = s2.getByTestId('guarantee-apply');
    await applyForm.locator('.ant-select').first().click();
    await s2.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: ISSUER }).click();
    await s2.getByTestId('guarantee-apply-submit').click();
    const myGuarantee = s2.getByTestId('my-guarantee');
    await expect.poll(() => myGuarantee.getAttribute('data-status'), { timeout: 15_000 }).toBe('applied');
    expect(await myGuarantee.innerText()).toContain('待审核');

    // The issuer approves it at its desk.
    const guarantor = await as('guarantor');
    await guarantor.goto(`${t.baseUrl}/workspace/guarantees`);
    const application = guarantor.getByTestId('guarantor-item').filter({ hasText: NAMES.supplier2 });
    await expect.poll(() => application.getAttribute('data-status'), { timeout: 15_000 }).toBe('applied');
    expect(await application.innerText()).toContain(REQUIRED_TEXT);
    await application.getByTestId('guarantee-approve').click();
    await guarantor.locator('.ant-popconfirm .ant-btn-primary').click();
    // A wait, not a timing: on a busy machine (two test workers on two cores) the answer and the list's refresh come late.
    await expect.poll(() => application.getAttribute('data-status'), { timeout: 45_000 }).toBe('approved');
    expect(await application.innerText()).toContain('已开立');

    // supplier2's panel shows the guarantee number and its check code.
    await s2.reload();
    await expect.poll(() => myGuarantee.getAttribute('data-status'), { timeout: 15_000 }).toBe('approved');
    expect(await myGuarantee.innerText()).toContain('已开立');
    const guaranteeNumber = (await s2.getByTestId('guarantee-number').innerText()).trim();
    const checkCode = (await s2.getByTestId('guarantee-check-code').innerText()).trim();
    expect(guaranteeNumber).toMatch(/^BH\d{16}$/);
    expect(checkCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await s2.setViewportSize(PHONE);
    await expect.poll(() => horizontalOverflow(s2)).toBe('');
    await s2.setViewportSize({ width: 1360, height: 1000 });

    // Anyone verifies it on the public page, without signing in.
    const visitor = await (await browser.newContext({ locale: 'zh-CN', viewport: PHONE })).newPage();
    await visitor.goto(`${t.baseUrl}/guarantees/verify`);
    await visitor.getByTestId('verify-number').fill(guaranteeNumber);
    await visitor.getByTestId('verify-check-code').fill(checkCode);
    await visitor.getByTestId('verify-submit').click();
    const verified = visitor.getByTestId('verify-result');
    await verified.waitFor({ timeout: 15_000 });
    const verifiedText = await verified.innerText();
    for (const expected of [guaranteeNumber, '有效', ISSUER, '上海市徐汇区教育局', NAMES.supplier2, REQUIRED_TEXT]) expect(verifiedText).toContain(expected);
    expect(await visitor.getByTestId('verify-error').count()).toBe(0);
    expect(await horizontalOverflow(visitor)).toBe('');

    // The committee is requested before the deadline, to sit two hours after it (the evaluation browser test covers drawing it in the browser).
    const agencyCtx = await ctxOf('agency');
    await requestCommittee(agencyCtx, p.projectId, { size: 5, experts: 5, purchaserRepresentativeIds: [], specialities: ['A02'], complex: false, evaluationStartsAt: new Date(DEADLINE.getTime() + 2 * 3_600_000).toISOString(), evaluationEndsAt: new Date(DEADLINE.getTime() + 10 * 3_600_000).toISOString() });
    const experts = await Promise.all(DEMO_EXPERTS.map((e) => ctxOf(e.username)));
    for (let round = 0; round < 2; round++)
      for (const ctx of experts) if ((await myAssignments(ctx)).some((a) => a.projectId === p.projectId && a.memberStatus === 'drawn')) await respondToDraw(ctx, p.projectId, { accept: true });
    const members = (await Promise.all(experts.map(async (ctx) => ((await myAssignments(ctx)).some((a) => a.projectId === p.projectId && a.memberStatus === 'confirmed') ? ctx : null)))).filter((x): x is Context => x !== null);
    expect(members).toHaveLength(5);

    // 3. All three bid, each declaring its security as it offered it; supplier3 offers none.
    const bankReference = bankText.match(/银行流水号\s*(\S+)/)?.[1] ?? null;
    expect(bankReference).not.toBeNull();
    const bidIds = {
      supplier1: await sealedBid(bidders.supplier1!, p.lotId, 2_680_000, { form: 'transfer', reference: bankReference }),
      supplier2: await sealedBid(bidders.supplier2!, p.lotId, 2_590_000, { form: 'guarantee', reference: guaranteeNumber }),
      supplier3: await sealedBid(bidders.supplier3!, p.lotId, 2_720_000, { form: 'transfer', reference: null }),
    };

    // 4. The deadline passes: the opening starts, every bidder decrypts.
    t.clock.set(DEADLINE);
    await t.jobs.runDue();
    for (const [name, b] of Object.entries(bidders)) {
      b.cookie = await t.signIn(name);
      const mine = (await t.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie: b.cookie })).body.find((x: { id: string }) => x.id === bidIds[name as keyof typeof bidIds]);
      const res = await t.api('POST', `/api/lots/${p.lotId}/bids/${mine.id}/decryption`, { cookie: b.cookie, body: { contentKey: await unwrapContentKey(b.keyPair.privateKey, mine.wrappedKey) } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }

    // The agency's opening page: each bid's security status, and nowhere the payer or the issuer.
    const agency = await as('agency');
    await agency.goto(`${t.baseUrl}/workspace/openings/${p.projectId}`);
    const record = agency.getByTestId('opening-record');
    await expect.poll(async () => (await record.innerText()).includes('2,590,000.00'), { timeout: 15_000 }).toBe(true);
    expect(await agency.getByTestId('opening-status').textContent()).toBe('已开标');
    const statusOf = (name: keyof typeof NAMES) => record.locator('tbody tr').filter({ hasText: NAMES[name] }).getByTestId('deposit-status');
    expect(await statusOf('supplier1').getAttribute('data-status')).toBe('paidInTime');
    expect(await statusOf('supplier1').innerText()).toContain('按时足额到账');
    expect(await statusOf('supplier2').getAttribute('data-status')).toBe('guaranteeValid');
    expect(await statusOf('supplier2').innerText()).toContain('保函有效');
    expect(await statusOf('supplier3').getAttribute('data-status')).toBe('missing');
    const missing = await statusOf('supplier3').innerText();
    expect(missing).toContain('未到账');
    expect(missing).toContain(`0.00 / ${REQUIRED_TEXT}`);
    expect(missing).toContain('GP-21');
    const roomText = await agency.locator('main').innerText();
    for (const secret of [PAYER_NUMBER, PAYER_NUMBER.replace(/ /g, ''), accountNumber, ISSUER, '担保', checkCode]) expect(roomText, secret).not.toContain(secret);

    // 5. The quickest way to the award notice (as the refunds API test takes it): the committee evaluates, supplier2 ranks first.
    t.clock.set(new Date(DEADLINE.getTime() + 2 * 3_600_000));
    await t.jobs.runDue(); // the evaluation starts
    for (const [m, ctx] of members.entries()) {
      const sheet = (await evaluationSheet(ctx, p.projectId)).lots[0]!;
      await saveSheet(ctx, p.projectId, p.lotId, {
        reviews: sheet.bids.flatMap((b) => (['qualification', 'compliance'] as const).map((criterion) => ({ bidId: b.bidId, criterion, passed: true }))),
        scores: sheet.bids.flatMap((b) => [
          { bidId: b.bidId, criterion: '技术', points: (b.bidId === bidIds.supplier2 ? 46 : 40) + (m % 3) },
          { bidId: b.bidId, criterion: '商务', points: b.bidId === bidIds.supplier2 ? 18 : 15 },
        ]),
      });
      await submitSheet(ctx, p.projectId, p.lotId);
    }
    for (const ctx of members) await signReport(ctx, p.projectId, p.lotId, { agreed: true });
    await sendReport(agencyCtx, p.projectId, p.lotId);
    t.clock.set(AWARD_AT);
    const [report] = await rows<{ result: { candidates: string[] } }>(sql`SELECT result FROM evaluation_report WHERE lot_id = ${p.lotId}`);
    expect(report!.result.candidates[0]).toBe(bidIds.supplier2);
    await confirmWinner(await ctxOf('purchaser'), p.projectId, p.lotId, { bidId: bidIds.supplier2 });
    await t.jobs.runDue(); // the losers' refunds, due with the award notice

    // supplier1 (not the winner) sees on the lot's page that its deposit went back: when, and to which account.
    await as('supplier1');
    await s1.goto(projectUrl);
    await expect
      .poll(() => s1.getByTestId('virtual-account').count(), { timeout: 15_000, message: 'supplier1’s deposit panel on the project page after the award notice' })
      .toBe(1);
    const refund = s1.getByTestId('deposit-refund');
    await expect.poll(() => refund.getAttribute('data-status'), { timeout: 15_000 }).toBe('refunded');
    const refundText = await refund.innerText();
    expect(refundText).toContain('已退还');
    expect(refundText).toContain('中标通知书发出');
    expect(refundText).toContain('GP-22');
    expect(refundText).toContain('2026/3/24'); // 退还时间: the day of the award notice
    expect(refundText).toContain(REQUIRED_TEXT);
    expect(refundText).toContain(PAYER_NUMBER); // 退至原付款账户
    expect(refundText).toContain(NAMES.supplier1);
    await s1.setViewportSize(PHONE);
    await expect.poll(() => horizontalOverflow(s1)).toBe('');
  }, 300_000);
});
