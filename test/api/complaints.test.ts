import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { awardLot, bid, evaluateLot, prepareBidder, publishProject, startEvaluation, type Bidder, type PublishedProject } from '../support/tendering';

/**
 * Issue 12 through the API: a losing bidder challenges the result on the last day it may, the agency
 * answers late, the supplier complains, the finance department of the district accepts, suspends the
 * procurement, hears the agency, pauses its clock for an expert review and decides; the decision is
 * published and enters the credit record. Dates in Asia/Shanghai; 2026-04-04..06 is the Qingming holiday.
 */
let t: TestPlatform;
let p: PublishedProject;
let loser: string;
let other: string;
let challengeId: string;
let complaintId: string;
const deadline = shanghaiInstant('2026-03-23', '10:00');
const at = (day: string, time = '10:00') => t.clock.set(shanghaiInstant(day, time));

const letter = {
  subject: 'result',
  particulars: { address: '上海市徐汇区示范路1号', postcode: '200030', contactPerson: '王强', phone: '021-64000001' },
  claims: [
    { claim: '中标供应商的技术评分有误', facts: '评审专家对第3项技术指标的评分与招标文件规定的评分标准不一致', legalBasis: '《政府采购货物和服务招标投标管理办法》第六十四条' },
    { claim: '中标供应商不满足资格要求', facts: '中标供应商未提供近三年无重大违法记录的声明', legalBasis: '《政府采购法》第二十二条' },
  ],
  evidence: [{ fileName: '评分说明.pdf', contentBase64: Buffer.from('%PDF-1.4 evidence').toString('base64') }],
};

const contractDraft = { milestones: [{ name: '交货', amountFen: 1, acceptanceCriteria: '全部到货', dueDate: '2026-06-30' }], performancePeriod: '合同签订后30日', performancePlace: '采购人指定地点', paymentTermDays: 30, terms: '按招标文件合同条款' };
const as = async (username: string) => ({ cookie: await t.signIn(username) });
const step = async (username: string, kind: 'challenges' | 'complaints', id: string, body: Record<string, unknown>) => {
  const read = await t.api('GET', `/api/${kind}/${id}`, await as(username));
  return t.api('POST', `/api/${kind}/${id}/steps`, { ...(await as(username)), body: { revision: read.body.revision, ...body } });
};
interface Clock {
  step: string;
  dueOn: string;
  overdue: boolean;
  doneAt: string | null;
  workingDaysLeft: number;
  paused: boolean;
}
const clockOf = (view: { clocks: Clock[] }, name: string) => view.clocks.find((c) => c.step === name)!;

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  p = await publishProject(t, { title: '徐汇区中小学课桌椅采购', documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: deadline.toISOString() });
  const bidders: Bidder[] = [];
  const bidIds: Record<string, string> = {};
  for (const [i, name] of ['supplier1', 'supplier2', 'supplier4'].entries()) {
    bidders.push(await prepareBidder(t, name, p.projectId));
    bidIds[name] = (await bid(t, bidders[i]!, p.lotId, 2_300_000 + i * 10_000)).receipt.bidId;
  }
  const members = await startEvaluation(t, p.projectId, bidders, { deadline, start: shanghaiInstant('2026-03-23', '11:00') });
  await evaluateLot(t, p.projectId, p.lotId, members);
  await awardLot(t, p.projectId, p.lotId); // 2026-03-23: the result notice; its period ends 03-24
  const awards = (await t.api('GET', `/api/projects/${p.projectId}/awards`, await as('purchaser'))).body;
  const winner = awards.find((a: { lotId: string }) => a.lotId === p.lotId).candidates[0];
  [loser, other] = Object.keys(bidIds).filter((n) => bidIds[n] !== winner) as [string, string];
}, 300_000);
afterAll(() => t?.close());

describe('a challenge to the result (质疑)', () => {
  it('tells a losing bidder until when it may challenge, and refuses a supplier that did not bid (QC-03)', async () => {
    const windows = (await t.api('GET', `/api/projects/${p.projectId}/challenge-windows`, await as(loser))).body;
    // The result's period ends 03-24; 7 working days later is 04-02.
    expect(windows.find((w: { subject: string }) => w.subject === 'result')).toMatchObject({ knewOn: '2026-03-24', lastDay: '2026-04-02', refusal: null });
    const outsider = await t.api('POST', `/api/projects/${p.projectId}/challenges`, { ...(await as('supplier3')), body: letter });
    expect(outsider.status).toBe(422);
    expect(outsider.body.ruleId).toBe('QC-03');
  });

  it('accepts a challenge at 23:59 on the last day, refuses another a minute later (QC-01), and a second open one on the same matter', async () => {
    at('2026-04-02', '23:59');
    const filed = await t.api('POST', `/api/projects/${p.projectId}/challenges`, { ...(await as(loser)), body: letter });
    expect(filed.status).toBe(201);
    challengeId = filed.body.id;
    expect(filed.body).toMatchObject({ status: 'filed', subject: 'result', actions: ['withdraw'] });
    expect(filed.body.claims.map((c: { no: number }) => c.no)).toEqual([1, 2]);
    // Received 04-02; 7 working days: 04-03, then the Qingming holiday, 04-07 … 04-14.
    expect(clockOf(filed.body, 'answer')).toMatchObject({ dueOn: '2026-04-14', overdue: false });
    const twice = await t.api('POST', `/api/projects/${p.projectId}/challenges`, { ...(await as(loser)), body: letter });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('CHALLENGE_DUPLICATE');

    at('2026-04-03', '00:00');
    const late = await t.api('POST', `/api/projects/${p.projectId}/challenges`, { ...(await as(other)), body: letter });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: 'CHALLENGE_LATE', ruleId: 'QC-01' });
    expect(late.body.messages['zh-CN']).toContain('2026-04-02');
  });

  it('holds the contract while it is open (QC-05) and tells the agency and purchaser, not the other bidders', async () => {
    const draft = await t.api('POST', `/api/projects/${p.projectId}/lots/${p.lotId}/contract`, { ...(await as('agency')), body: contractDraft });
    expect(draft.status).toBe(409);
    expect(draft.body).toMatchObject({ code: 'CHALLENGE_PENDING', ruleId: 'QC-05' });
    const agencyCases = (await t.api('GET', '/api/cases', await as('agency'))).body.items;
    expect(agencyCases.map((c: { id: string; party: string; actions: string[] }) => [c.id, c.party, c.actions])).toContainEqual([challengeId, 'respondent', ['answer']]);
    expect((await t.api('GET', '/api/cases', await as(other))).body.items).toEqual([]);
    expect((await t.api('GET', `/api/challenges/${challengeId}`, await as(other))).status).toBe(404);
  });

  it('refuses an answer that leaves a matter out, then shows the late answer red', async () => {
    at('2026-04-16');
    // The district's finance bureau lists the overdue step among its region's cases.
    const overdue = (await t.api('GET', '/api/cases?overdue=true', await as('supervisor-xh'))).body.items;
    expect(overdue.map((c: { id: string; party: string; clock: Clock }) => [c.id, c.party, c.clock.step, c.clock.workingDaysLeft])).toEqual([[challengeId, 'observer', 'answer', -2]]);
    const partial = await step('agency', 'challenges', challengeId, { action: 'answer', replies: [{ no: 1, reply: '评分符合评分标准' }], verdict: 'dismissed', affectsResult: false });
    expect(partial.status).toBe(422);
    expect(partial.body.ruleId).toBe('QC-06');
    const answered = await step('agency', 'challenges', challengeId, {
      action: 'answer',
      replies: [
        { no: 1, reply: '经复核，评审专家评分符合招标文件规定的评分标准。' },
        { no: 2, reply: '中标供应商已按招标文件要求提供声明函。' },
      ],
      verdict: 'dismissed',
      affectsResult: false,
    });
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('answered');
    // Due 04-14, answered 04-16: done, and late by two working days.
    expect(clockOf(answered.body, 'answer')).toMatchObject({ dueOn: '2026-04-14', overdue: true, workingDaysLeft: -2 });
    expect(clockOf(answered.body, 'answer').doneAt).not.toBeNull();
    const again = await step('agency', 'challenges', challengeId, { action: 'answer', replies: [{ no: 1, reply: 'x' }, { no: 2, reply: 'y' }], verdict: 'dismissed', affectsResult: false });
    expect(again.status).toBe(409);
    const mine = (await t.api('GET', `/api/challenges/${challengeId}`, await as(loser))).body;
    expect(mine.actions).toEqual(['complain']);
    // QC-07: 15 working days after the answer period (04-14), the Labour Day holiday 05-01..05 not counted.
    expect(clockOf(mine, 'complain').dueOn).toBe('2026-05-08');
  });
});

describe('a complaint to the finance department (投诉)', () => {
  it('refuses matters that were not challenged (QC-07), then reaches the district’s finance department (QC-08)', async () => {
    const outside = await t.api('POST', `/api/challenges/${challengeId}/complaints`, { ...(await as(loser)), body: { claimNos: [3], request: '请求认定中标结果无效' } });
    expect(outside.status).toBe(422);
    expect(outside.body.ruleId).toBe('QC-07');
    const webPage = await t.api('POST', `/api/challenges/${challengeId}/complaints`, { ...(await as(loser)), body: { claimNos: [1], request: '请求认定中标结果无效', evidence: [{ fileName: '证据.pdf', contentBase64: Buffer.from('<html>').toString('base64') }] } });
    expect(webPage.status).toBe(422);
    expect(webPage.body).toMatchObject({ code: 'EVIDENCE_FILE', details: { field: 'evidence' } });
    at('2026-04-20');
    const filed = await t.api('POST', `/api/challenges/${challengeId}/complaints`, { ...(await as(loser)), body: { claimNos: [1], request: '请求责令重新评审并认定中标结果无效', evidence: letter.evidence } });
    expect(filed.status).toBe(201);
    complaintId = filed.body.id;
    expect(filed.body.department.name).toBe('上海市徐汇区财政局');
    expect(filed.body.claims.map((c: { no: number }) => c.no)).toEqual([1]);
    expect(clockOf(filed.body, 'review').dueOn).toBe('2026-04-27');
    expect(clockOf(filed.body, 'decide').dueOn).toBe('2026-06-03');
    // The city's finance bureau oversees it but does not handle it; the complainant cannot act for the department.
    const city = (await t.api('GET', `/api/complaints/${complaintId}`, await as('supervisor'))).body;
    expect(city.actions).toEqual([]);
    expect((await step('supervisor', 'complaints', complaintId, { action: 'accept' })).status).toBe(403);
    expect((await step(loser, 'complaints', complaintId, { action: 'accept' })).status).toBe(409);
  });

  it('accepts, suspends the procurement for at most 30 days (QC-11), and the purchaser’s contract step is refused meanwhile', async () => {
    at('2026-04-22');
    const accepted = await step('supervisor-xh', 'complaints', complaintId, { action: 'accept', text: '符合受理条件，予以受理。' });
    expect(accepted.status).toBe(200);
    expect(clockOf(accepted.body, 'respond').dueOn).toBe('2026-04-29');
    const tooLong = await step('supervisor-xh', 'complaints', complaintId, { action: 'suspend', until: '2026-05-23', text: '暂停采购活动' });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.ruleId).toBe('QC-11');
    const suspended = await step('supervisor-xh', 'complaints', complaintId, { action: 'suspend', until: '2026-05-22', text: '投诉处理期间暂停采购活动' });
    expect(suspended.body.suspension).toEqual({ from: '2026-04-22', until: '2026-05-22' });
    const draft = await t.api('POST', `/api/projects/${p.projectId}/lots/${p.lotId}/contract`, { ...(await as('purchaser')), body: contractDraft });
    expect(draft.status).toBe(409);
    expect(draft.body).toMatchObject({ code: 'PROCUREMENT_SUSPENDED', ruleId: 'QC-11' });
  });

  it('hears the agency, then both sides, pauses the clock for an expert review and resumes it with the excluded days added (QC-10)', async () => {
    const heard = await step('agency', 'complaints', complaintId, { action: 'respond', text: '评审过程合法，评分有据，附评审记录。', evidence: letter.evidence });
    expect(heard.status).toBe(200);
    expect(clockOf(heard.body, 'respond').doneAt).not.toBeNull();
    expect(heard.body.actions).toEqual([]);
    // Both sides heard together (质证): the minutes and their file go in the case.
    const hearing = await step('supervisor-xh', 'complaints', complaintId, { action: 'hear', text: '投诉人称评分标准理解有误；被投诉人出示评审记录，双方对评分表无异议。', evidence: letter.evidence });
    expect(hearing.status).toBe(200);
    await step('supervisor-xh', 'complaints', complaintId, { action: 'pause', reason: 'expertReview', text: '组织专家论证' });
    expect((await step('supervisor-xh', 'complaints', complaintId, { action: 'decide', outcome: 'dismissed', findings: 'x', basis: 'y' })).status).toBe(409);
    at('2026-04-28');
    const resumed = await step('supervisor-xh', 'complaints', complaintId, { action: 'resume' });
    // Paused 04-22 to 04-28: 04-23, 04-24, 04-27, 04-28 are not counted.
    expect(clockOf(resumed.body, 'decide')).toMatchObject({ paused: false, dueOn: '2026-06-09' });
  });

  it('decides, publishes the 投诉处理结果公告 and records a false complaint against the complainant (QC-12)', async () => {
    at('2026-05-06');
    const decided = await step('supervisor-xh', 'complaints', complaintId, { action: 'decide', outcome: 'falseComplaint', findings: '经查，投诉人提供的评分说明系伪造。', basis: '《政府采购法实施条例》第五十七条' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'decided', outcome: 'falseComplaint', suspension: null, actions: [] });
    const notice = (await t.api('GET', `/api/public/notices/${decided.body.noticeId}`)).body;
    expect(notice.noticeType).toBe('complaintDecision');
    expect(notice.title).toBe('徐汇区中小学课桌椅采购投诉处理结果公告');
    expect(notice.renderedHtml).toContain('中标供应商的技术评分有误');
    const complainant = decided.body.filer.entityId;
    const records = (await t.api('GET', `/api/public/entities/${complainant}/credit-records`)).body;
    expect(records).toMatchObject([{ kind: 'falseComplaint', ruleId: 'QC-12', noticeId: decided.body.noticeId }]);
    // The suspension ended with the decision: the draft is no longer held, it goes on to check its milestones (one fen is not the price).
    const draft = await t.api('POST', `/api/projects/${p.projectId}/lots/${p.lotId}/contract`, { ...(await as('agency')), body: contractDraft });
    expect(draft.body.code).toBe('MILESTONES');
  });

  it('recorded every step in the audit trail and every document in the case file', async () => {
    const view = (await t.api('GET', `/api/complaints/${complaintId}`, await as(loser))).body;
    expect(view.events.map((e: { action: string }) => e.action)).toEqual(['file', 'accept', 'suspend', 'respond', 'hear', 'pause', 'resume', 'decide']);
    const file = view.events[0].files[0];
    const download = await t.api('GET', file.url, await as('supervisor-xh'));
    expect(download.status).toBe(200);
    const audit = (await t.api('GET', `/api/audit/entries?subjectType=complaint&subjectId=${complaintId}`, await as('auditadmin'))).body;
    expect(audit.items?.length ?? audit.length).toBeGreaterThanOrEqual(7);
  });
});
