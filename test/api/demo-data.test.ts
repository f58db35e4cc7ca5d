import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-accounts';
import { seedDemoData } from '../../src/demo/seed-demo';
import { unlockKeyFile, unwrapContentKey } from '../../src/trading/bids/sealing';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let t: TestPlatform;
let demo: Awaited<ReturnType<typeof seedDemoData>>;
beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-23T02:00:00.000Z' });
  demo = await seedDemoData(t.platform);
});
afterAll(() => t.close());

describe('the demo data a newcomer clicks through', () => {
  it('has projects at every stage from intention to accepted contract', async () => {
    const projects = (await t.api('GET', '/api/projects?scope=mine', { cookie: await t.signIn('purchaser') })).body as { status: string; title: string }[];
    // Two drafts: one waiting for the agency, and the single-source project whose publicity runs; three under evaluation:
    // the scored one, a consultation at its rounds, and a single-source one whose negotiation record is to be written
    // (SS-05); the framework agreement at its orders (awarded); four taking bids, quotations or responses.
    expect(projects.map((p) => p.status).sort()).toEqual(['awarded', 'completed', 'draft', 'draft', 'evaluating', 'evaluating', 'evaluating', 'failed', 'opened', 'published', 'published', 'published', 'published']);
    // One project of every method.
    expect(new Set(projects.map((p) => (p as unknown as { method: string }).method))).toEqual(new Set(['openTender', 'consultation', 'negotiation', 'rfq', 'singleSource', 'framework']));
    const intentions = (await t.api('GET', '/api/public/notices?noticeType=intention')).body;
    expect(intentions.total).toBeGreaterThanOrEqual(6);
    const opened = projects.find((p) => p.status === 'opened')!;
    expect(opened.title).toBe('徐汇区中小学智慧黑板采购');
    await expect(seedDemoData(t.platform)).resolves.toBeNull();
  });

  it('has an evaluation open now for the experts drawn, and a contract whose milestones were accepted', async () => {
    let open = 0;
    for (const name of ['expert1', 'expert2', 'expert3', 'expert4', 'expert5', 'expert6']) {
      const tasks = (await t.api('GET', '/api/evaluations', { cookie: await t.signIn(name) })).body as { open: boolean; title: string }[];
      open += tasks.filter((x) => x.open && x.title === '区属幼儿园交互式教学一体机采购').length;
    }
    expect(open).toBe(5);
    const contracts = (await t.api('GET', '/api/contracts', { cookie: await t.signIn('purchaser') })).body as { id: string; status: string }[];
    // The lighting contract, accepted; and the framework agreement's direct order, drafted for its supplier to sign.
    expect(contracts.map((c) => c.status).sort()).toEqual(['completed', 'draft']);
    const contract = (await t.api('GET', `/api/contracts/${contracts.find((c) => c.status === 'completed')!.id}`, { cookie: await t.signIn('purchaser') })).body;
    expect(contract.payable.reduce((s: number, m: { payableFen: number }) => s + m.payableFen, 0)).toBe(contract.priceFen);
    const notices = (await t.api('GET', '/api/public/notices?noticeType=award')).body;
    expect(notices.total).toBe(1);
    // The notices name what was bought, and the winner with its own address and contact.
    const award = notices.items[0].renderedHtml as string;
    expect(award).toMatch(/<td>LED教室护眼灯<\/td><td>(申联|浦江|华东)<\/td>/);
    const signed = (await t.api('GET', '/api/public/notices?noticeType=contract')).body.items[0];
    expect(signed.title).not.toContain('合同合同');
    expect(signed.renderedHtml).toContain('<td>LED教室护眼灯</td>');
    expect(signed.renderedHtml).toMatch(/供应商（乙方）：[^；]+；地址：上海市\S+区示范路\d号；联系方式：(李伟|王芳|刘刚)/);
  });

  it('has an opening a few minutes after start that the demo suppliers can decrypt with the key files on disk', async () => {
    expect(demo!.opening!.openingAt.getTime() - t.clock.now().getTime()).toBeGreaterThan(4 * 60_000);
    expect(demo!.opening!.openingAt.getTime() - t.clock.now().getTime()).toBeLessThanOrEqual(6 * 60_000);
    t.clock.set(demo!.opening!.openingAt);
    await t.jobs.runDue();
    const cookie = await t.signIn('supplier1');
    const hall = (await t.api('GET', '/api/projects?scope=public', { cookie })).body as { id: string; title: string; status: string; lots: { id: string }[] }[];
    const soon = hall.find((p) => p.title === '中小学创客实验室设备采购')!;
    expect(soon.status).toBe('opening');
    const mine = (await t.api('GET', `/api/projects/${soon.id}/my-bids`, { cookie })).body[0];
    const keyFile = JSON.parse(fs.readFileSync(path.join(demo!.opening!.keyDir, 'supplier1.key.json'), 'utf8'));
    const contentKey = await unwrapContentKey(await unlockKeyFile(keyFile, DEMO_PASSWORD), mine.wrappedKey);
    const res = await t.api('POST', `/api/lots/${soon.lots[0]!.id}/bids/${mine.id}/decryption`, { cookie, body: { contentKey } });
    expect(res.body).toMatchObject({ status: 'decrypted', totalPriceFen: 342_000_000 });
    // Its bidders paid their deposits into their virtual sub-accounts: two in full, one short (GP-21).
    const record = (await t.api('GET', `/api/lots/${soon.lots[0]!.id}/opening`, { cookie: await t.signIn('agency') })).body;
    expect(record.entries.map((e: { depositStatus: { status: string } }) => e.depositStatus.status).sort()).toEqual(['paidInTime', 'paidInTime', 'short']);
  });

  it('has a virtual sub-account for supplier1 in the project open for bids, to pay into at the demo bank', async () => {
    const cookie = await t.signIn('supplier1');
    const hall = (await t.api('GET', '/api/projects?scope=public', { cookie })).body as { id: string; title: string; lots: { id: string; depositFen: number }[] }[];
    const open = hall.find((p) => p.title === '区属学校教学用计算机采购')!;
    const account = (await t.api('GET', `/api/lots/${open.lots[0]!.id}/virtual-account`, { cookie })).body;
    expect(account).toMatchObject({ requiredFen: open.lots[0]!.depositFen, receipts: [], status: { status: 'missing' } });
    const paid = await t.api('POST', '/api/demo-bank/transfers', { cookie, body: { virtualAccount: account.virtualAccount.accountNumber, amountFen: account.requiredFen, payerAccountName: '上海申联信息科技有限公司', payerAccountNumber: '6222 0210 0100 0001' } });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({ bankName: '上海演示银行股份有限公司', replayed: false });
    expect((await t.api('GET', `/api/lots/${open.lots[0]!.id}/virtual-account`, { cookie })).body.status.status).toBe('paidInTime');
  });

  it('has refunded the deposits of the finished project: the losers after the award notice, the winner after signing', async () => {
    const statuses: Record<string, string | null> = {};
    for (const name of ['supplier1', 'supplier2', 'supplier3']) {
      const cookie = await t.signIn(name);
      const hall = (await t.api('GET', '/api/projects?scope=public', { cookie })).body as { title: string; lots: { id: string }[] }[];
      const done = hall.find((p) => p.title === '徐汇区中小学教室照明改造灯具采购')!;
      const account = (await t.api('GET', `/api/lots/${done.lots[0]!.id}/virtual-account`, { cookie })).body;
      statuses[name] = account.refund ? `${account.refund.status} ${account.refund.ruleId}` : null;
    }
    expect(Object.values(statuses).sort()).toEqual(['refunded GP-22', 'refunded GP-22', 'refunded GP-23']);
  });

  it('has payment applications waiting at every desk of seed 000, one paid and one overdue', async () => {
    const queue = async (who: string) => ((await t.api('GET', '/api/payment-applications?queue=true', { cookie: await t.signIn(who) })).body as { status: string }[]).map((a) => a.status);
    expect(await queue('purchaser')).toEqual(['submitted']);
    // The demo contract's instalment, and the highway-maintenance works contract the construction sub-platform registered.
    expect(await queue('authority')).toEqual(['purchaserApproved', 'purchaserApproved']);
    expect(await queue('treasury')).toEqual(['authorityApproved']);
    const contract = (await t.api('GET', '/api/contracts', { cookie: await t.signIn('purchaser') })).body[0];
    const all = (await t.api('GET', `/api/payment-applications?contractId=${contract.id}`, { cookie: await t.signIn('purchaser') })).body as { status: string; actions: string[] }[];
    expect(all.map((a) => a.status).sort()).toEqual(['authorityApproved', 'paid', 'purchaserApproved', 'rejected', 'submitted']);
    const overdue = (await t.api('GET', '/api/payment-applications/overdue', { cookie: await t.signIn('supervisor') })).body as { status: string; daysLate: number; lateInterestFen: number }[];
    expect(overdue).toMatchObject([{ status: 'authorityApproved', daysLate: 1 }]);
    expect(overdue[0]!.lateInterestFen).toBeGreaterThan(0);
    // The works contract came from the construction sub-platform, and its first quarter waits for the authority.
    const works = (await t.api('GET', '/api/contracts', { cookie: await t.signIn('supplier-road') })).body as { id: string; title: string; projectId: string | null }[];
    expect(works).toMatchObject([{ projectId: null, title: '2026年度市管公路（沪闵路段）日常养护工程施工合同' }]);
    expect((await t.api('GET', `/api/contracts/${works[0]!.id}`, { cookie: await t.signIn('supplier-road') })).body.sourceName).toBe('上海市建设工程招标投标交易子平台');
    // It came by the sync API with two more of the sub-platform's tenders, all in the public change feed.
    const feed = (await t.api('GET', '/api/feed?after=0&limit=1000')).body as { changes: { ocid: string; origin: string; tag: string }[] };
    const synced = feed.changes.filter((c) => c.origin === 'subPlatform');
    expect(new Set(synced.map((c) => c.ocid))).toEqual(new Set(['ocds-shjs01-JSGC-2026-0158', 'ocds-shjs01-JSGC-2026-0162', 'ocds-shjs01-JSGC-2026-0170']));
    expect(synced.filter((c) => c.ocid === 'ocds-shjs01-JSGC-2026-0158').map((c) => c.tag)).toEqual(['tender', 'award', 'contract']);
  });

  it('has the demo bank’s credit officer with one contract financing to decide and the works contract financed (政采贷)', async () => {
    const desk = (await t.api('GET', '/api/financing', { cookie: await t.signIn('financier') })).body as { status: string; bankName: string; repaymentAccount: { accountNumber: string } | null; contract: { title: string; payments: { payeeAccountNumber: string }[] } }[];
    expect(desk.map((f) => [f.status, f.contract.title])).toEqual([
      ['applied', '徐汇区中小学教室照明改造灯具采购（标项1）采购合同'],
      ['approved', '2026年度市管公路（沪闵路段）日常养护工程施工合同'],
    ]);
    expect(desk[0]!.bankName).toBe('上海演示银行股份有限公司');
    // The works contract's payment application names the account agreed with the bank.
    expect(desk[1]!.contract.payments.map((p) => p.payeeAccountNumber)).toEqual([desk[1]!.repaymentAccount!.accountNumber]);
  });

  it('has a consultation at its rounds: a change confirmed and sent, final quotations due, supplier3 still to give its own (CS-05, CS-06)', async () => {
    const agency = await t.signIn('agency');
    const mine = (await t.api('GET', '/api/projects?scope=mine', { cookie: agency })).body as { id: string; title: string; method: string }[];
    const consultation = mine.find((p) => p.method === 'consultation')!;
    expect(consultation.title).toBe('徐汇区中小学校园广播系统升级采购');
    const steps = (await t.api('GET', `/api/public/projects/${consultation.id}`, { cookie: agency })).body.steps as { id: string; state: string }[];
    expect(steps.find((s) => s.state === 'current')?.id).toBe('rounds');
    const [lot] = (await t.api('GET', `/api/projects/${consultation.id}/rounds`, { cookie: agency })).body.lots;
    expect(lot.changes).toEqual([expect.objectContaining({ changeNo: 1, kind: 'technical', confirmedAt: expect.any(String) })]);
    expect(lot.changes[0].receipts.filter((r: { receivedAt: string | null }) => r.receivedAt)).toHaveLength(1);
    expect(lot.finalOffers).toMatchObject({ open: false, offers: null });
    const supplier3 = (await t.api('GET', `/api/projects/${consultation.id}/rounds`, { cookie: await t.signIn('supplier3') })).body.lots[0];
    expect(supplier3).toMatchObject({ actions: { giveFinalOffer: true }, finalOffers: { mine: null } });
    expect(supplier3.changes[0].receivedAt).toBeNull();
  });

  it('has a request for quotations taking quotations: two suppliers quoted, supplier1 may quote once (RQ-02)', async () => {
    const supplier1 = await t.signIn('supplier1');
    const hall = (await t.api('GET', '/api/projects?scope=public', { cookie: supplier1 })).body as { id: string; title: string; method: string; status: string }[];
    const rfq = hall.find((p) => p.method === 'rfq')!;
    expect(rfq).toMatchObject({ title: '区属学校复印纸询价采购', status: 'published' });
    const [notice] = (await t.api('GET', `/api/public/projects/${rfq.id}/notices`)).body as { title: string }[];
    expect(notice!.title).toBe('区属学校复印纸询价采购询价公告');
    const page = (await t.api('GET', `/api/public/projects/${rfq.id}`, { cookie: supplier1 })).body;
    expect(page.steps.find((s: { state: string }) => s.state === 'current').id).toBe('responses');
    expect(page.actions).toEqual(expect.arrayContaining(['downloadDocuments']));
    expect((await t.api('GET', `/api/projects/${rfq.id}/my-bids`, { cookie: supplier1 })).body).toEqual([]);
    expect((await t.api('GET', `/api/projects/${rfq.id}/my-bids`, { cookie: await t.signIn('supplier2') })).body).toHaveLength(1);
  });

  it('has a single-source project whose publicity runs, naming supplier1, with supplier4’s objection for the agency to review after it', async () => {
    const agency = await t.signIn('agency');
    const mine = (await t.api('GET', '/api/projects?scope=mine', { cookie: agency })).body as { id: string; title: string; method: string }[];
    const single = mine.find((p) => p.method === 'singleSource' && p.title === '徐汇区教育城域网核心交换设备扩容采购')!;
    const steps = (await t.api('GET', `/api/public/projects/${single.id}`, { cookie: agency })).body.steps as { id: string; state: string }[];
    expect(steps.find((s) => s.state === 'current')?.id).toBe('singleSourcePublicity');
    const [publicity] = (await t.api('GET', `/api/public/projects/${single.id}/publicities`, { cookie: agency })).body;
    expect(publicity).toMatchObject({ kind: 'singleSource', supplierName: '上海申联信息科技有限公司', running: true, objectionCount: 1, objections: [{ status: 'pending', mine: false }] });
    // Two working days of five have passed: it ends after the demo's today.
    expect(publicity.endsOn > publicity.startsAt.slice(0, 10)).toBe(true);
    // The notice is public; supplier2 may object from it, and sees no one else's objection.
    const notice = (await t.api('GET', `/api/public/notices/${publicity.noticeId}`)).body;
    expect(notice.title).toBe('徐汇区教育城域网核心交换设备扩容采购单一来源采购公示');
    expect((await t.api('GET', `/api/public/notices/${publicity.noticeId}/publicity`, { cookie: await t.signIn('supplier2') })).body.objections).toEqual([]);
  });

  it('has a single-source project whose opened response awaits its negotiation record, for its two negotiators (SS-05)', async () => {
    const agency = await t.signIn('agency');
    const mine = (await t.api('GET', '/api/projects?scope=mine', { cookie: agency })).body as { id: string; title: string; method: string }[];
    const single = mine.find((p) => p.title === '区教育局录播系统核心软件升级采购')!;
    expect(single.method).toBe('singleSource');
    const steps = (await t.api('GET', `/api/public/projects/${single.id}`, { cookie: agency })).body.steps as { id: string; state: string }[];
    expect(steps.map((s) => s.id)).not.toContain('singleSourcePublicity'); // below the open-tender threshold (DS-01)
    expect(steps.find((s) => s.state === 'current')?.id).toBe('evaluation');
    const record = (await t.api('GET', `/api/projects/${single.id}/negotiation-record`, { cookie: agency })).body;
    expect(record.lots).toMatchObject([{ status: 'none', supplierName: '上海申联信息科技有限公司', publicityAccount: null }]);
    expect(record.lots[0].negotiators).toHaveLength(2);
    let negotiators = 0;
    for (const name of ['expert1', 'expert2', 'expert3', 'expert4', 'expert5', 'expert6', 'expert7']) {
      const view = await t.api('GET', `/api/projects/${single.id}/negotiation-record`, { cookie: await t.signIn(name) });
      if (view.body.reader === 'negotiator') {
        negotiators++;
        expect(view.body.lots[0]).toMatchObject({ mayDraft: true });
      }
    }
    expect(negotiators).toBe(2);
  });

  it('has the road authority’s works tender with its candidates publicised and a losing bidder’s objection for the agency to answer', async () => {
    const agency = await t.signIn('agency');
    const mine = (await t.api('GET', '/api/projects?scope=mine', { cookie: agency })).body as { id: string; title: string; category: string; status: string }[];
    const works = mine.find((p) => p.category === 'works')!;
    expect(works).toMatchObject({ title: '市管公路（龙吴路段）日常养护工程', status: 'evaluated' });
    const steps = (await t.api('GET', `/api/public/projects/${works.id}`, { cookie: agency })).body.steps as { id: string; state: string }[];
    expect(steps.find((s) => s.state === 'current')?.id).toBe('candidatePublicity');
    const notices = (await t.api('GET', `/api/public/projects/${works.id}/notices`)).body as { id: string; noticeType: string; title: string }[];
    const candidates = notices.find((n) => n.noticeType === 'candidates')!;
    expect(candidates.title).toBe('市管公路（龙吴路段）日常养护工程（第1标段）中标候选人公示');
    // The road contractor first, then supplier4, then supplier3 (who objects).
    const html = (await t.api('GET', `/api/public/notices/${candidates.id}`)).body.renderedHtml as string;
    const order = ['上海城建道路养护工程有限公司', '中远系统集成（上海）有限公司', '上海华东智能设备股份有限公司'].map((name) => html.indexOf(name));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect((await t.api('GET', `/api/public/projects/${works.id}/publicities`)).body).toMatchObject([{ kind: 'candidates', running: true }]);
    const cases = (await t.api('GET', '/api/cases', { cookie: agency })).body.items as { kind: string; subject: string; status: string; filerName: string; party: string; project: { id: string }; actions: string[] }[];
    const objection = cases.filter((c) => c.project.id === works.id);
    expect(objection).toMatchObject([{ kind: 'challenge', subject: 'candidates', status: 'filed', filerName: '上海华东智能设备股份有限公司', party: 'respondent', actions: ['answer'] }]);
    // The purchaser cannot name the winner yet.
    const road = await t.signIn('purchaser-road');
    const award = (await t.api('GET', `/api/projects/${works.id}/awards`, { cookie: road })).body[0];
    const refused = await t.api('POST', `/api/projects/${works.id}/lots/${award.lotId}/award`, { cookie: road, body: { bidId: award.candidates[0] } });
    expect(refused.body).toMatchObject({ code: 'PUBLICITY_RUNNING', ruleId: 'WK-13' });
  });

  it('has a framework agreement with two members, a direct order’s contract and a second-round competition a member can still answer (FA-07)', async () => {
    const purchaser = await t.signIn('purchaser');
    const mine = (await t.api('GET', '/api/projects?scope=mine', { cookie: purchaser })).body as { id: string; title: string; method: string; status: string }[];
    const fw = mine.find((p) => p.method === 'framework')!;
    expect(fw).toMatchObject({ title: '区属学校办公用品框架协议采购', status: 'awarded' });
    const steps = (await t.api('GET', `/api/public/projects/${fw.id}`, { cookie: purchaser })).body.steps as { id: string; state: string }[];
    expect(steps.find((s) => s.state === 'current')?.id).toBe('orders');
    const view = (await t.api('GET', `/api/public/projects/${fw.id}/framework`, { cookie: purchaser })).body;
    expect(view.agreement).toMatchObject({ kind: 'closed' });
    expect(view.agreement.members).toHaveLength(2);
    expect(view.orders.map((o: { mode: string; status: string }) => [o.mode, o.status])).toEqual([
      ['direct', 'decided'],
      ['competition', 'competing'],
    ]);
    // Sealed: the purchaser sees neither the offer made nor how many there are.
    expect(view.orders[1]).toMatchObject({ open: true, offers: null });
    // supplier1 is a member and may still offer.
    const supplier1 = await t.signIn('supplier1');
    const own = (await t.api('GET', `/api/public/projects/${fw.id}/framework`, { cookie: supplier1 })).body.orders.find((o: { mode: string }) => o.mode === 'competition');
    expect(own).toMatchObject({ mayOffer: true, myOffer: null });
  });
});
