import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { prepareBidder, publishProject, type PublishedProject } from '../support/tendering';

/**
 * Works tendered under the Bidding Law (QW-01 to QW-03): an objection to the documents comes at least 10
 * days before the deadline (WK-05) and is answered within 3 days; the complaint then goes to the
 * supervisory department (the construction commission), not to the finance bureau, within 10 days.
 */
let t: TestPlatform;
let p: PublishedProject;
let objectionId: string;
const deadline = shanghaiInstant('2026-03-23', '10:00');
const at = (day: string, time = '10:00') => t.clock.set(shanghaiInstant(day, time));
const as = async (username: string) => ({ cookie: await t.signIn(username) });
const objection = {
  subject: 'documents',
  particulars: { address: '上海市徐汇区示范路2号', postcode: '200030', contactPerson: '李娜', phone: '021-64000002' },
  claims: [{ claim: '资格条件要求特定地区业绩，排斥外地投标人', facts: '招标文件要求近三年在徐汇区有同类业绩。', legalBasis: '《招标投标法实施条例》第三十二条' }],
  evidence: [],
};

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  p = await publishProject(t, { title: '徐汇区中学体育馆修缮工程', category: 'works', sme: { measure: 'none', notSuitableReason: '体育馆修缮涉及结构加固，须由具备相应资质的施工总承包企业承担' }, documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: deadline.toISOString() });
  await prepareBidder(t, 'supplier1', p.projectId); // obtains the documents
}, 300_000);
afterAll(() => t?.close());

describe('an objection to the works documents (异议)', () => {
  it('offers the three objections of the Bidding Law, the documents until 10 days before the deadline', async () => {
    const windows = (await t.api('GET', `/api/projects/${p.projectId}/challenge-windows`, await as('supplier1'))).body;
    expect(windows.map((w: { subject: string }) => w.subject)).toEqual(['documents', 'opening', 'candidates']);
    expect(windows[0]).toMatchObject({ lastDay: '2026-03-13', refusal: null });
  });

  it('is answered within 3 days; the complaint goes to the supervisory department within 10 days of the answer (QW-02)', async () => {
    at('2026-03-04');
    const filed = await t.api('POST', `/api/projects/${p.projectId}/challenges`, { ...(await as('supplier1')), body: objection });
    expect(filed.status).toBe(201);
    objectionId = filed.body.id;
    expect(filed.body).toMatchObject({ regime: 'tendering', caseNumber: expect.stringMatching(/-YY1$/) });
    expect(filed.body.clocks[0]).toMatchObject({ step: 'answer', ruleId: 'WK-05', dueOn: '2026-03-09' }); // 03-07 is a Saturday (T-02)
    at('2026-03-05');
    const answered = await t.api('POST', `/api/challenges/${objectionId}/steps`, { ...(await as('agency')), body: { action: 'answer', revision: filed.body.revision, replies: [{ no: 1, reply: '业绩要求不限地区，招标文件已澄清。' }], verdict: 'upheld', affectsResult: false } });
    expect(answered.status).toBe(200);
    // 10 days after the answer: 03-15, a Sunday, so 03-16.
    expect(answered.body.clocks[1]).toMatchObject({ step: 'complain', ruleId: 'QW-02', dueOn: '2026-03-16' });

    const complaint = await t.api('POST', `/api/challenges/${objectionId}/complaints`, { ...(await as('supplier1')), body: { claimNos: [1], request: '请求责令招标人修改招标文件' } });
    expect(complaint.status).toBe(201);
    expect(complaint.body.department.name).toBe('上海市住房和城乡建设管理委员会');
    expect(complaint.body.clocks.map((c: { step: string; ruleId: string; dueOn: string }) => [c.step, c.ruleId, c.dueOn])).toEqual([['review', 'QW-03', '2026-03-10']]);
    // Before the deadline the district's finance bureau does not even learn of it: it would tell who obtained the documents.
    expect((await t.api('POST', `/api/complaints/${complaint.body.id}/steps`, { ...(await as('supervisor-xh')), body: { action: 'accept', revision: complaint.body.revision } })).status).toBe(404);
    const accepted = await t.api('POST', `/api/complaints/${complaint.body.id}/steps`, { ...(await as('authority')), body: { action: 'accept', revision: complaint.body.revision } });
    expect(accepted.status).toBe(200);
    // QW-03: 30 working days from the acceptance on 03-05.
    expect(accepted.body.clocks.find((c: { step: string }) => c.step === 'decide')).toMatchObject({ ruleId: 'QW-03', dueOn: '2026-04-17' });
  });

  it('refuses an objection to the documents after the tenth day before the deadline (WK-05)', async () => {
    at('2026-03-14');
    const late = await t.api('POST', `/api/projects/${p.projectId}/challenges`, { ...(await as('supplier1')), body: objection });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: 'CHALLENGE_LATE', ruleId: 'WK-05' });
  });
});
