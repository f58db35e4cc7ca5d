import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntry } from '../../src/platform/audit/audit.schema';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { openedProject, yuan } from '../support/tendering';

/**
 * From the opening to the archive (issue 5): a committee drawn at random with one refusal and
 * redraw, online evaluation by five experts with a GP-59 explanation, the signed report with a
 * dissent, the award with its letters, a winner refusing to sign (GP-78), the contract, the
 * acceptance of each milestone, reviews, and the archive package.
 */
let t: TestPlatform;
let p: Awaited<ReturnType<typeof openedProject>>;
const START = shanghaiInstant('2026-03-23', '13:30');
const END = shanghaiInstant('2026-03-23', '17:30');
const EXPERTS = ['expert1', 'expert2', 'expert3', 'expert4', 'expert5', 'expert6', 'expert7', 'expert8'];
const cookies: Record<string, string> = {};
let members: string[] = [];
let refuser = '';

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  p = await openedProject(t, { supplier1: 2_680_000, supplier2: 2_720_000, supplier3: 2_590_000, supplier4: 1_900_000 }, {
    // The committee is drawn before the deadline, as agencies do; the bidders are known by then.
    beforeDeadline: async (project) => {
      const agency = await t.signIn('agency');
      const bad = await t.api('POST', `/api/projects/${project.projectId}/committee`, { cookie: agency, body: committeeRequest({ size: 4, experts: 4 }) });
      expect(bad.status).toBe(422);
      expect(bad.body.ruleId).toBe('GP-40');
      const res = await t.api('POST', `/api/projects/${project.projectId}/committee`, { cookie: agency, body: committeeRequest({}) });
      expect(res.status).toBe(201);
      expect(res.body.counts).toEqual({ drawn: 5, confirmed: 0, refused: 0, pending: 5 });
      expect(res.body.members).toEqual([]); // sealed until the evaluation starts
      await signInExperts();
      members = [];
      for (const name of EXPERTS) if ((await t.api('GET', '/api/evaluations', { cookie: cookies[name] })).body.length) members.push(name);
    },
  });
});
afterAll(() => t?.close());

function committeeRequest(o: { size?: number; experts?: number }) {
  return { size: o.size ?? 5, experts: o.experts ?? 5, purchaserRepresentativeIds: [], specialities: ['A02'], complex: false, evaluationStartsAt: START.toISOString(), evaluationEndsAt: END.toISOString() };
}
/** Sessions end when the test moves the clock by hours: sign everyone in again after a jump. */
async function signInExperts() {
  for (const name of EXPERTS) cookies[name] = await t.signIn(name);
}
const api = (method: string, url: string, who: string, body?: unknown) => t.api(method, url, { cookie: cookies[who], body });
async function statuses() {
  const project = (await t.api('GET', `/api/public/projects/${p.projectId}`)).body;
  return { project: project.status, lot: project.lots[0].status };
}
const sheetUrl = () => `/api/evaluations/${p.projectId}/lots/${p.lotId}/sheet`;

describe('sampling the committee (GP-40 to GP-44)', () => {
  it('drew five of the six eligible experts: never the one employed by a bidder, never the suspended one', () => {
    expect(members).toHaveLength(5);
    expect(members).not.toContain('expert7'); // employed by supplier3, a bidder
    expect(members).not.toContain('expert8'); // suspended
  });

  it('replaces a refusing expert with the last eligible one, and forms the committee once all confirm', async () => {
    await signInExperts();
    refuser = members[0]!;
    expect((await api('POST', `/api/evaluations/${p.projectId}/response`, refuser, { accept: false })).status).toBe(422); // a refusal gives its reason
    expect((await api('POST', `/api/evaluations/${p.projectId}/response`, refuser, { accept: false, reason: '当日另有教学任务' })).body.status).toBe('refused');
    const replacement = EXPERTS.slice(0, 6).find((n) => !members.includes(n))!;
    expect((await api('GET', '/api/evaluations', replacement)).body[0].memberStatus).toBe('drawn');
    members = [...members.slice(1), replacement];
    for (const name of members) expect((await api('POST', `/api/evaluations/${p.projectId}/response`, name, { accept: true })).body.status).toBe('confirmed');
    const agency = await t.signIn('agency');
    const committee = (await t.api('GET', `/api/projects/${p.projectId}/committee`, { cookie: agency })).body;
    expect(committee).toMatchObject({ status: 'formed', counts: { drawn: 6, confirmed: 5, refused: 1, pending: 0 }, members: [] });
    expect(committee.draws.map((d: { cause: string }) => d.cause)).toEqual(['initial', 'refusal']);
  });

  it('lets a supervisor replay every draw from its seed once the names are unsealed', async () => {
    const supervisor = await t.signIn('supervisor');
    expect((await t.api('GET', `/api/projects/${p.projectId}/committee/replay`, { cookie: supervisor })).status).toBe(409);
    t.clock.set(START);
    await t.jobs.runDue();
    const replay = (await t.api('GET', `/api/projects/${p.projectId}/committee/replay`, { cookie: await t.signIn('supervisor') })).body;
    expect(replay.map((r: { matches: boolean }) => r.matches)).toEqual([true, true]);
    // Besides the library's highway experts (another speciality), the draw passed over the bidder's employee and the suspended expert.
    expect(replay[0].pool.filter((x: { reason: string | null }) => x.reason !== null && x.reason !== 'wrongSpeciality').map((x: { reason: string }) => x.reason).sort()).toEqual(['employedByParty', 'notActive']);
    expect((await t.api('GET', `/api/public/projects/${p.projectId}`)).body.status).toBe('evaluating');
  });
});

describe('online evaluation', () => {
  it('refuses, and records, experts who were not drawn for this project', async () => {
    await signInExperts();
    for (const outsider of ['expert7', refuser]) {
      expect((await api('GET', `/api/evaluations/${p.projectId}/sheet`, outsider)).status).toBe(404);
      expect((await api('GET', `/api/evaluations/${p.projectId}/bids/${p.bidIds.supplier1}/parts/1`, outsider)).status).toBe(404);
    }
    const refusals = await t.platform.database.db.select().from(auditEntry).where(and(eq(auditEntry.action, 'access.denied'), eq(auditEntry.subjectId, p.projectId)));
    expect(refusals.length).toBeGreaterThanOrEqual(4);
  });

  it('gives members the bids and documents, and keeps points within each criterion and fails with reasons', async () => {
    const sheet = (await api('GET', `/api/evaluations/${p.projectId}/sheet`, members[0]!)).body;
    expect(sheet.lots[0].bids).toHaveLength(4);
    const doc = await api('GET', `/api/evaluations/${p.projectId}/bids/${p.bidIds.supplier1}/parts/1`, members[0]!);
    expect((doc.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    // supplier4's 1.9 million is 28.7 % below the others' average: an explanation is called for (GP-59).
    expect(sheet.lots[0].explanationsNeeded.map((x: { bidId: string }) => x.bidId)).toEqual([p.bidIds.supplier4]);
    const tooMany = await api('PUT', sheetUrl(), members[0]!, { reviews: [], scores: [{ bidId: p.bidIds.supplier1, criterion: '技术', points: 50.01 }] });
    expect(tooMany.status).toBe(422);
    const noReason = await api('PUT', sheetUrl(), members[0]!, { reviews: [{ bidId: p.bidIds.supplier1, criterion: 'compliance', passed: false }], scores: [] });
    expect(noReason.body.details.field).toBe('reviews.0.reason');
  });

  it('asks supplier4 to explain its price; the chair records that the explanation does not stand', async () => {
    expect((await api('POST', `/api/evaluations/${p.projectId}/bids/${p.bidIds.supplier4}/explanation-request`, members[1]!, { question: '请说明报价大幅低于其他投标人的原因并提供成本测算' })).status).toBe(200);
    const s4 = await t.signIn('supplier4');
    expect((await t.api('POST', `/api/bids/${p.bidIds.supplier4}/explanation`, { cookie: s4, body: { explanation: '我司有库存设备，成本较低，详见附件测算。' } })).status).toBe(200);
    const chair = (await Promise.all(members.map(async (m) => ((await api('GET', `/api/evaluations/${p.projectId}/sheet`, m)).body.lots[0].isChair ? m : null)))).find(Boolean)!;
    const notChair = members.find((m) => m !== chair)!;
    expect((await api('POST', `/api/evaluations/${p.projectId}/bids/${p.bidIds.supplier4}/explanation-decision`, notChair, { accepted: false })).status).toBe(403);
    expect((await api('POST', `/api/evaluations/${p.projectId}/bids/${p.bidIds.supplier4}/explanation-decision`, chair, { accepted: false })).status).toBe(200);
  });

  it('computes the report once all five have submitted, with the SME deduction deciding the order', async () => {
    const points: Record<string, [number, number]> = { supplier1: [40, 15], supplier2: [42, 15], supplier3: [44, 16], supplier4: [30, 10] };
    for (const [i, m] of members.entries()) {
      const reviews = Object.values(p.bidIds).flatMap((bidId) => ['qualification', 'compliance'].map((criterion) => ({ bidId, criterion, passed: true })));
      const scores = Object.entries(p.bidIds)
        .filter(([name]) => name !== 'supplier4')
        .flatMap(([name, bidId]) => [
          { bidId, criterion: '技术', points: points[name]![0] },
          { bidId, criterion: '商务', points: points[name]![1] },
        ]);
      expect((await api('PUT', sheetUrl(), m, { reviews, scores })).status).toBe(200);
      const submitted = await api('POST', `/api/evaluations/${p.projectId}/lots/${p.lotId}/submission`, m);
      expect(submitted.status).toBe(200);
      expect(submitted.body.report === null).toBe(i < members.length - 1);
    }
    const report = (await api('GET', `/api/evaluations/${p.projectId}/sheet`, members[0]!)).body.lots[0].report;
    const byName = Object.fromEntries(report.result.bids.map((b: { supplierName: string }) => [b.supplierName, b]));
    // supplier1 (small) 2,680,000 → 2,412,000 evaluated: the base price, full 30 points.
    expect(byName['上海申联信息科技有限公司']).toMatchObject({ evaluatedPriceFen: yuan(2_412_000), priceScore: 30, total: 85, rank: 3 });
    expect(byName['上海浦江数据服务有限公司']).toMatchObject({ evaluatedPriceFen: yuan(2_448_000), priceScore: 29.56, total: 86.56, rank: 2 });
    expect(byName['上海华东智能设备股份有限公司']).toMatchObject({ evaluatedPriceFen: yuan(2_590_000), priceScore: 27.94, total: 87.94, rank: 1 });
    expect(byName['中远系统集成（上海）有限公司']).toMatchObject({ valid: false, rank: null });
    expect(report.result.candidates).toEqual([p.bidIds.supplier3, p.bidIds.supplier2, p.bidIds.supplier1]);
  });

  it('is signed by every member; a dissent must say why and stays in the report', async () => {
    const signUrl = `/api/evaluations/${p.projectId}/lots/${p.lotId}/signatures`;
    expect((await api('POST', signUrl, members[4]!, { agreed: false })).status).toBe(422);
    for (const m of members.slice(0, 4)) expect((await api('POST', signUrl, m, { agreed: true })).status).toBe(200);
    const last = await api('POST', signUrl, members[4]!, { agreed: false, dissent: '供应商3的技术得分偏高，应核减' });
    expect(last.body.status).toBe('signed');
    expect(last.body.signatures.filter((s: { dissent: string | null }) => s.dissent)).toHaveLength(1);
    expect((await t.api('GET', `/api/public/projects/${p.projectId}`)).body.status).toBe('evaluated');
    const pdfUrl = `/api/projects/${p.projectId}/lots/${p.lotId}/evaluation-report.pdf`;
    const pdf = await t.api('GET', pdfUrl, { cookie: await t.signIn('agency') });
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await t.api('GET', pdfUrl, { cookie: await t.signIn('supplier1') })).status).toBe(403);
  });

  it('refuses, and records, an expert who tries to change scores after the evaluation closed', async () => {
    t.clock.set(END);
    await signInExperts();
    const late = await api('PUT', sheetUrl(), members[0]!, { reviews: [], scores: [{ bidId: p.bidIds.supplier1, criterion: '技术', points: 10 }] });
    expect(late.status).toBe(403);
    expect(late.body.messages['zh-CN']).toContain('评审时间已结束');
    const [entry] = (await t.platform.database.db.select().from(auditEntry).where(eq(auditEntry.action, 'access.denied'))).filter((e) => (e.detail as { attempted?: string })?.attempted === 'review');
    expect(entry).toBeDefined();
  });
});

describe('award, contract and acceptance', () => {
  let agency = '';
  let purchaser = '';
  it('sends the report, and the purchaser confirms the winner in the recommended order (GP-70, GP-71)', async () => {
    agency = await t.signIn('agency');
    purchaser = await t.signIn('purchaser');
    const award = `/api/projects/${p.projectId}/lots/${p.lotId}/award`;
    expect((await t.api('POST', award, { cookie: purchaser, body: { bidId: p.bidIds.supplier3 } })).status).toBe(409);
    expect((await t.api('POST', `/api/projects/${p.projectId}/lots/${p.lotId}/report-delivery`, { cookie: agency })).status).toBe(200);
    expect((await t.api('POST', award, { cookie: agency, body: { bidId: p.bidIds.supplier3 } })).status).toBe(403);
    const wrong = await t.api('POST', award, { cookie: purchaser, body: { bidId: p.bidIds.supplier2 } });
    expect(wrong.body.ruleId).toBe('GP-71');
    const ok = await t.api('POST', award, { cookie: purchaser, body: { bidId: p.bidIds.supplier3 } });
    expect(ok.body.status).toBe('awarded');
    expect(ok.body.periods.find((x: { ruleId: string }) => x.ruleId === 'GP-72')).toMatchObject({ late: false });
    const notice = (await t.api('GET', `/api/public/projects/${p.projectId}/notices`)).body.find((n: { noticeType: string }) => n.noticeType === 'award');
    expect(notice.renderedHtml).toContain('五、评审专家名单');
    // The winner with its own registered address; 主要标的信息 from its price schedule (NOTICES.md).
    expect(notice.renderedHtml).toContain('<td>上海华东智能设备股份有限公司</td><td>上海市徐汇区示范路3号</td><td>2,590,000.00</td>');
    expect(notice.renderedHtml).toContain('<td>智慧黑板</td><td>品牌-supplier3</td><td>X1</td><td>120</td><td>21,583.33</td>');
  });

  it('sends every bidder its letter with its own score and rank, as a sealed PDF (GP-74)', async () => {
    const s1 = await t.signIn('supplier1');
    const letters = (await t.api('GET', '/api/award-letters', { cookie: s1 })).body;
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ kind: 'result', fields: { rank: 3, total: 85, winnerName: '上海华东智能设备股份有限公司' } });
    const pdf = await t.api('GET', `/api/award-letters/${p.lotId}/${p.bidIds.supplier1}.pdf`, { cookie: s1 });
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await t.api('GET', `/api/award-letters/${p.lotId}/${p.bidIds.supplier2}.pdf`, { cookie: s1 })).status).toBe(404);
  });

  let contractId = '';
  const milestones = (price: number) => [
    { name: '到货安装', amountFen: Math.round(price * 0.7), acceptanceCriteria: '120套设备到货并安装调试完毕', dueDate: '2026-05-10' },
    { name: '终验', amountFen: price - Math.round(price * 0.7), acceptanceCriteria: '试运行30日无故障', dueDate: '2026-06-10' },
  ];
  const draft = (price: number) => ({ milestones: milestones(price), performancePeriod: '合同签订后45日内交付', performancePlace: '徐汇区各中小学', terms: '按招标文件合同条款执行。' });

  it('lets the winner refuse to sign, and the purchaser award to the next candidate with a reason (GP-78)', async () => {
    const first = await t.api('POST', `/api/projects/${p.projectId}/lots/${p.lotId}/contract`, { cookie: agency, body: draft(yuan(2_590_000)) });
    expect(first.status).toBe(201);
    const s3 = await t.signIn('supplier3');
    expect((await t.api('POST', `/api/contracts/${first.body.id}/refusal`, { cookie: s3, body: { reason: '产能不足，无法按期交货' } })).status).toBe(200);
    expect(await statuses()).toEqual({ project: 'evaluated', lot: 'evaluated' }); // back to awaiting a winner
    const award = `/api/projects/${p.projectId}/lots/${p.lotId}/award`;
    expect((await t.api('POST', award, { cookie: purchaser, body: { bidId: p.bidIds.supplier2 } })).body.ruleId).toBe('GP-78');
    expect((await t.api('POST', award, { cookie: purchaser, body: { bidId: p.bidIds.supplier2, reason: '第一中标候选人拒绝签订合同' } })).body.winnerBidId).toBe(p.bidIds.supplier2);
    expect(await statuses()).toEqual({ project: 'awarded', lot: 'awarded' });
  });

  it('drafts the contract from the winning bid; milestones must add up; both sign, and it is published (GP-75, GP-76)', async () => {
    const url = `/api/projects/${p.projectId}/lots/${p.lotId}/contract`;
    const off = await t.api('POST', url, { cookie: agency, body: { ...draft(yuan(2_720_000)), milestones: milestones(yuan(2_720_000) - 1) } });
    expect(off.status).toBe(422);
    const created = await t.api('POST', url, { cookie: agency, body: draft(yuan(2_720_000)) });
    expect(created.body).toMatchObject({ priceFen: yuan(2_720_000), status: 'draft' }); // the bid price, not the evaluated price
    contractId = created.body.id;
    expect((await t.api('POST', `/api/contracts/${contractId}/signatures`, { cookie: agency, body: { revision: created.body.revision } })).status).toBe(403);
    const s2 = await t.signIn('supplier2');
    const one = await t.api('POST', `/api/contracts/${contractId}/signatures`, { cookie: s2, body: { revision: created.body.revision } });
    expect(one.body.status).toBe('draft');
    const both = await t.api('POST', `/api/contracts/${contractId}/signatures`, { cookie: purchaser, body: { revision: one.body.revision } });
    expect(both.body.status).toBe('signed');
    expect(t.platform.signer.verify({ contractId, contentHash: both.body.contentHash, entityId: both.body.purchaserSignature.entityId, personId: both.body.purchaserSignature.personId, signedAt: both.body.purchaserSignature.signedAt }, both.body.purchaserSignature.seal)).toBe(true);
    const notices = (await t.api('GET', `/api/public/projects/${p.projectId}/notices`)).body;
    const contractNotice = notices.find((n: { noticeType: string }) => n.noticeType === 'contract');
    expect(contractNotice.title).toBe('中小学智慧教室设备采购（标项1）采购合同公告');
    expect(contractNotice.renderedHtml).toContain('<p>合同金额：2,720,000.00元</p>');
    // Each party with its own address and contact, the supplier's never the purchaser's.
    expect(contractNotice.renderedHtml).toContain('采购人（甲方）：上海市徐汇区教育局；地址：上海市徐汇区示范路88号；联系方式：赵丽 021-64870000');
    expect(contractNotice.renderedHtml).toContain('供应商（乙方）：上海浦江数据服务有限公司；地址：上海市闵行区示范路2号；联系方式：王芳 021-54002002');
    expect(contractNotice.renderedHtml).toContain('<td>智慧黑板</td><td>品牌-supplier2</td><td>X1</td><td>120</td><td>22,666.66</td>');
    expect(await statuses()).toEqual({ project: 'contracted', lot: 'contracted' });
    const pdf = await t.api('GET', `/api/contracts/${contractId}/contract.pdf`, { cookie: s2 });
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await t.api('GET', `/api/contracts/${contractId}/contract.pdf`, { cookie: await t.signIn('supplier1') })).status).toBe(404);
  });

  it('records acceptance per milestone: a partial one pays part, a later pass pays the rest and completes the contract', async () => {
    const url = `/api/contracts/${contractId}/acceptances`;
    const m1 = await t.api('POST', url, { cookie: purchaser, body: { milestoneNo: 1, result: 'pass', findings: '', members: ['赵丽', '学校代表'] } });
    expect(m1.body.payable[0].payableFen).toBe(Math.round(yuan(2_720_000) * 0.7));
    const rest = yuan(2_720_000) - Math.round(yuan(2_720_000) * 0.7);
    expect((await t.api('POST', url, { cookie: purchaser, body: { milestoneNo: 2, result: 'partial', payableFen: rest, findings: '两台终端故障', members: ['赵丽'] } })).status).toBe(422);
    const partial = await t.api('POST', url, { cookie: purchaser, body: { milestoneNo: 2, result: 'partial', payableFen: rest - yuan(10_000), findings: '两台终端故障，扣留1万元', members: ['赵丽'] } });
    expect(partial.body.payable[1].payableFen).toBe(rest - yuan(10_000));
    expect(partial.body.status).toBe('signed');
    const pass = await t.api('POST', url, { cookie: purchaser, body: { milestoneNo: 2, result: 'pass', findings: '故障终端已更换', members: ['赵丽'] } });
    expect(pass.body).toMatchObject({ status: 'completed', payable: [{ payableFen: Math.round(yuan(2_720_000) * 0.7) }, { payableFen: rest }] });
    // The accepted contract shows on its project and lot, not 已签合同 / 已开标.
    expect(await statuses()).toEqual({ project: 'completed', lot: 'completed' });
    const rating = await t.api('POST', `/api/contracts/${contractId}/reviews`, { cookie: purchaser, body: { ratings: { quality: 4, delivery: 5, service: 4 }, comment: '响应及时' } });
    expect(rating.body.reviews).toHaveLength(1);
    const s2 = await t.signIn('supplier2');
    expect((await t.api('POST', `/api/contracts/${contractId}/reviews`, { cookie: s2, body: { ratings: { payment: 5, cooperation: 5 } } })).body.reviews).toHaveLength(2);
  });

  it('freezes the closed project into an archive package whose manifest catches a changed file', async () => {
    const started = await t.api('POST', `/api/projects/${p.projectId}/archive`, { cookie: agency });
    expect(started.status).toBe(202);
    await t.jobs.runDue();
    const status = (await t.api('GET', `/api/projects/${p.projectId}/archive`, { cookie: agency })).body;
    expect(status).toMatchObject({ status: 'archived', retainUntil: expect.stringMatching(/^2041-/) });
    expect(status.entries).toBeGreaterThan(20);
    expect((await t.api('GET', `/api/public/projects/${p.projectId}`)).body.status).toBe('closed');
    expect((await t.api('POST', `/api/projects/${p.projectId}/archive/verification`, { cookie: agency })).body).toMatchObject({ intact: true, problems: [] });
    // Someone edits the package on disk behind the platform's back.
    const file = path.join(t.dataDir, 'blobs', status.packageSha256.slice(0, 2), status.packageSha256.slice(2, 4), status.packageSha256);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('2,720,000', '2,790,000').replace('272000000', '279000000'));
    const verified = (await t.api('POST', `/api/projects/${p.projectId}/archive/verification`, { cookie: agency })).body;
    expect(verified.intact).toBe(false);
    expect(verified.problems).toContain('package');
  });
});
