import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntry } from '../../src/platform/audit/audit.schema';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, draftProject, registerKey } from '../support/tendering';

/**
 * 资格预审 of a works tender under the Bidding Law (PQ-01, PQ-02, WK-02, WK-03): the notice, sealed
 * applications, the review and the results; the tender follows for the qualified only, at least 3.
 */
let t: TestPlatform;
const at = (day: string, time = '10:00') => t.clock.set(shanghaiInstant(day, time));
const as = async (username: string) => ({ cookie: await t.signIn(username) });
/** 24:00 of a day, as the API takes it. */
const endOf = (day: string) => shanghaiInstant(day, '24:00').toISOString();
const works = { category: 'works', title: '示范区排水管网改造工程', sme: { measure: 'none', notSuitableReason: '须由具备市政公用工程施工总承包资质的企业承担' } } as const;
const notice = (over: Record<string, unknown> = {}) => ({
  documentsUntil: endOf('2026-04-18'),
  applicationDeadline: shanghaiInstant('2026-04-23', '10:00').toISOString(),
  reviewDate: shanghaiInstant('2026-04-23', '14:00').toISOString(),
  invitedSuppliers: null,
  applicationContents: '资格预审申请函、营业执照、施工总承包资质证书、项目经理注册证书及近三年类似业绩',
  reviewStandard: '合格制：满足全部资格条件的申请人均通过资格预审',
  contractPeriod: '合同签订后180日历天',
  consortiumAllowed: false,
  qualifications: ['具备市政公用工程施工总承包二级及以上资质'],
  ...over,
});
const inbox = async (who: string) => JSON.stringify((await t.api('GET', '/api/inbox', await as(who))).body);
const documentOf = async (projectId: string, cookie: string) => (await t.api('GET', `/api/public/projects/${projectId}/documents`, { cookie })).body[0].id as string;
const obtain = async (projectId: string, who: string) => {
  const { cookie } = await as(who);
  return t.api('GET', `/api/projects/${projectId}/documents/${await documentOf(projectId, cookie)}/content`, { cookie });
};
const apply = async (projectId: string, who: string, statement = `${who}具备市政公用工程施工总承包一级资质，近三年完成类似工程5项。`) =>
  t.api('PUT', `/api/projects/${projectId}/prequalification/application`, { ...(await as(who)), body: { statement } });
const tender = (revision: number) => ({
  revision,
  documentsUntil: shanghaiInstant('2026-04-30', '17:00').toISOString(),
  deadline: shanghaiInstant('2026-05-14', '10:00').toISOString(),
  contractPeriod: '合同签订后180日历天',
  consortiumAllowed: false,
  qualifications: ['通过本项目资格预审'],
});

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
}, 300_000);
afterAll(() => t?.close());

describe('prequalification is chosen at the project’s creation, for works tendered under the Bidding Law only (PQ-01, PQ-03)', () => {
  it('refuses it for goods bought under the Government Procurement Law', async () => {
    at('2026-04-13');
    await expect(draftProject(t, { prequalification: true })).rejects.toThrow('PREQUALIFICATION_NOT_APPLICABLE');
  });
});

describe('a works tender that prequalifies its bidders', () => {
  let projectId: string;
  let lotId: string;
  let revision: number;
  let applicants: { id: string; supplierEntityId: string }[];

  it('stands at its prequalification, refusing the tender notice until its results', async () => {
    at('2026-04-13');
    ({ projectId, lotId, revision } = await draftProject(t, { ...works, prequalification: true }));
    const agency = await as('agency');
    const project = (await t.api('GET', `/api/public/projects/${projectId}`, agency)).body;
    expect(project.prequalification).toBe(true);
    expect(project.steps[0]).toMatchObject({ id: 'prequalification', state: 'current', ruleIds: ['PQ-01', 'WK-02', 'WK-03', 'PQ-02'] });
    const early = await t.api('POST', `/api/projects/${projectId}/publication`, { ...agency, body: tender(revision) });
    expect(early.body).toMatchObject({ code: 'PREQUALIFICATION_REQUIRED', ruleId: 'PQ-01' });
    // A draft: no supplier sees it before its notice.
    expect((await t.api('GET', `/api/public/projects/${projectId}`, await as('supplier1'))).status).toBe(404);
  });

  it('publishes the notice with a sale of at least 5 days (WK-02) and applications due 5 days after it stops (WK-03)', async () => {
    const agency = await as('agency');
    const shortSale = await t.api('POST', `/api/projects/${projectId}/prequalification`, { ...agency, body: notice({ documentsUntil: shanghaiInstant('2026-04-18', '17:00').toISOString() }) });
    expect(shortSale.status).toBe(422);
    expect(shortSale.body).toMatchObject({ code: 'SCHEDULE_VIOLATION', ruleId: 'WK-02' });
    const early = await t.api('POST', `/api/projects/${projectId}/prequalification`, { ...agency, body: notice({ applicationDeadline: shanghaiInstant('2026-04-22', '17:00').toISOString() }) });
    expect(early.body).toMatchObject({ code: 'SCHEDULE_VIOLATION', ruleId: 'WK-03', details: { earliest: '2026-04-23' } });
    expect((await t.api('POST', `/api/projects/${projectId}/prequalification`, { ...(await as('supplier1')), body: notice() })).status).toBe(403);

    const published = await t.api('POST', `/api/projects/${projectId}/prequalification`, { ...agency, body: notice() });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ applicationsOpen: true, applicants: null, resultsIssuedAt: null });
    const page = (await t.api('GET', `/api/public/notices/${published.body.noticeId}`)).body;
    expect(page.title).toBe('示范区排水管网改造工程资格预审公告');
    expect(page.renderedHtml).toContain('合格制');
  });

  it('takes sealed applications from suppliers that obtained the documents; nobody learns who applied, or how many, before the deadline', async () => {
    const seen = await t.api('GET', `/api/public/projects/${projectId}`, await as('supplier1'));
    expect(seen.status).toBe(200);
    expect(seen.body.actions).toEqual(['downloadDocuments']);
    expect((await apply(projectId, 'supplier1')).body).toMatchObject({ code: 'DOCUMENTS_NOT_OBTAINED' });
    for (const who of ['supplier1', 'supplier2', 'supplier3', 'supplier4']) {
      expect((await obtain(projectId, who)).status).toBe(200);
      const applied = await apply(projectId, who);
      expect(applied.status).toBe(200);
      expect(applied.body).toMatchObject({ outcome: null });
    }
    // One application per supplier, replaced until the deadline.
    const replaced = await apply(projectId, 'supplier1', 'supplier1 补充：另具备水利水电工程施工总承包二级资质。');
    expect(replaced.body.statement).toContain('补充');
    expect((await t.api('GET', `/api/public/projects/${projectId}/prequalification`, await as('supplier1'))).body.mine.statement).toContain('补充');

    for (const who of ['agency', 'purchaser', 'supervisor', 'operator', 'authority']) {
      const view = (await t.api('GET', `/api/public/projects/${projectId}/prequalification`, await as(who))).body;
      expect(view.applicants, who).toBeNull();
      expect(view.mine, who).toBeNull();
    }
    // Recorded, complete and sealed with the project's bidders, and left out of every view.
    const stored = await t.platform.database.db.select({ sealed: auditEntry.sealed }).from(auditEntry).where(eq(auditEntry.action, 'prequalification.apply'));
    expect(stored.length).toBe(5);
    expect(stored.every((e) => e.sealed === 'bidder')).toBe(true);
    for (const who of ['supervisor', 'operator', 'auditadmin']) {
      const entries = (await t.api('GET', '/api/audit/entries?action=prequalification.apply', await as(who))).body;
      expect(entries.items, who).toEqual([]);
      const all = JSON.stringify((await t.api('GET', '/api/audit/entries?limit=500', await as(who))).body);
      expect(all, who).not.toContain('prequalification.apply');
    }
    expect(await inbox('agency')).not.toContain('资格预审申请');
    // Neither reviewed nor issued before the deadline; an application does not exist to them yet.
    const early = await t.api('POST', `/api/projects/${projectId}/prequalification/results`, await as('agency'));
    expect(early.body).toMatchObject({ code: 'APPLICATIONS_OPEN', ruleId: 'WK-03' });
    const applicationId = (await apply(projectId, 'supplier2')).body.id;
    expect((await t.api('POST', `/api/prequalification-applications/${applicationId}/review`, { ...(await as('agency')), body: { qualified: true } })).status).toBe(404);
  });

  it('after the deadline refuses late applications and shows the applicants to those running and overseeing the project', async () => {
    at('2026-04-23', '10:00');
    expect((await apply(projectId, 'supplier1')).body).toMatchObject({ code: 'APPLICATIONS_CLOSED', ruleId: 'WK-03' });
    const view = (await t.api('GET', `/api/public/projects/${projectId}/prequalification`, await as('agency'))).body;
    expect(view.applicationsOpen).toBe(false);
    expect(view.applicants).toHaveLength(4);
    applicants = view.applicants;
    expect((await t.api('GET', `/api/public/projects/${projectId}/prequalification`, await as('supervisor'))).body.applicants).toHaveLength(4);
    expect((await t.api('GET', `/api/public/projects/${projectId}/prequalification`, await as('supplier1'))).body.applicants).toBeNull();
  });

  it('records each review, a refusal with its reason, and issues every applicant its result (PQ-01, PQ-02)', async () => {
    const agency = await as('agency');
    const supplier4 = (await t.api('GET', '/api/session', await as('supplier4'))).body.entity.id as string;
    const rejected = applicants.find((a) => a.supplierEntityId === supplier4)!;
    const noReason = await t.api('POST', `/api/prequalification-applications/${rejected.id}/review`, { ...agency, body: { qualified: false } });
    expect(noReason.body).toMatchObject({ code: 'REASON_REQUIRED', ruleId: 'PQ-01' });
    expect((await t.api('POST', `/api/prequalification-applications/${rejected.id}/review`, { ...(await as('supplier1')), body: { qualified: true } })).status).toBe(403);
    for (const a of applicants) {
      const body = a.id === rejected.id ? { qualified: false, reason: '项目经理注册证书已过有效期' } : { qualified: true };
      expect((await t.api('POST', `/api/prequalification-applications/${a.id}/review`, { ...agency, body })).status).toBe(200);
    }
    const issued = await t.api('POST', `/api/projects/${projectId}/prequalification/results`, agency);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ tenderRefusal: null });
    expect(issued.body.resultsIssuedAt).toBeTruthy();
    const again = await t.api('POST', `/api/prequalification-applications/${rejected.id}/review`, { ...agency, body: { qualified: true } });
    expect(again.body).toMatchObject({ code: 'RESULTS_ISSUED', ruleId: 'PQ-02' });

    expect(await inbox('supplier4')).toContain('项目经理注册证书已过有效期');
    expect(await inbox('supplier1')).toContain('资格预审结果通知书');
    expect((await t.api('GET', `/api/public/projects/${projectId}/prequalification`, await as('supplier4'))).body.mine).toMatchObject({ outcome: 'notQualified', reason: '项目经理注册证书已过有效期' });
    expect((await t.api('GET', `/api/public/projects/${projectId}/prequalification`, await as('supplier2'))).body.mine).toMatchObject({ outcome: 'qualified', reason: null });
    expect((await t.api('GET', `/api/public/projects/${projectId}`, agency)).body.steps.find((s: { state: string }) => s.state === 'current').id).toBe('notice');
  });

  it('then publishes the tender; the applicant that did not qualify neither obtains the documents nor bids (PQ-02)', async () => {
    const published = await t.api('POST', `/api/projects/${projectId}/publication`, { ...(await as('agency')), body: tender(revision) });
    expect(published.status).toBe(200);
    const refused = await obtain(projectId, 'supplier4');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'NOT_PREQUALIFIED', ruleId: 'PQ-02' });
    expect(refused.body.messages['zh-CN']).toContain('未通过资格预审');
    const { cookie } = await as('supplier4');
    const outsider = { username: 'supplier4', cookie, ...(await registerKey(t, cookie)) };
    await expect(bid(t, outsider, lotId, 2_800_000)).rejects.toThrow('未通过资格预审的申请人不具有投标资格');
    expect((await obtain(projectId, 'supplier1')).status).toBe(200);
    // The page offers the documents and the bid to the qualified only.
    expect((await t.api('GET', `/api/public/projects/${projectId}`, { cookie })).body.actions).not.toContain('bid');
    expect((await t.api('GET', `/api/public/projects/${projectId}`, await as('supplier1'))).body.actions).toEqual(expect.arrayContaining(['downloadDocuments', 'bid']));
    // A supplier that never applied is refused the same way.
    expect((await obtain(projectId, 'supplier-sd')).body).toMatchObject({ code: 'NOT_PREQUALIFIED' });
  });
});

describe('with fewer than 3 qualified the tender is repeated (PQ-02)', () => {
  it('issues the results but refuses the tender notice, saying so', async () => {
    at('2026-04-24');
    const { projectId, revision } = await draftProject(t, { ...works, title: '示范区泵站改造工程', prequalification: true });
    const agency = await as('agency');
    // Friday 24 April: the sale stops on 29 April; five days later is 4 May, in the Labour Day holiday, so applications are due from Wednesday 6 May (T-08).
    const body = notice({ documentsUntil: endOf('2026-04-29'), applicationDeadline: shanghaiInstant('2026-05-06', '10:00').toISOString(), reviewDate: shanghaiInstant('2026-05-06', '14:00').toISOString() });
    const holiday = await t.api('POST', `/api/projects/${projectId}/prequalification`, { ...agency, body: { ...body, applicationDeadline: shanghaiInstant('2026-05-05', '10:00').toISOString() } });
    expect(holiday.body).toMatchObject({ ruleId: 'WK-03', details: { earliest: '2026-05-06' } });
    expect((await t.api('POST', `/api/projects/${projectId}/prequalification`, { ...agency, body })).status).toBe(201);
    for (const who of ['supplier1', 'supplier2']) {
      expect((await obtain(projectId, who)).status).toBe(200);
      expect((await apply(projectId, who)).status).toBe(200);
    }
    at('2026-05-06', '10:00');
    const agencyAfter = await as('agency');
    const view = (await t.api('GET', `/api/public/projects/${projectId}/prequalification`, agencyAfter)).body;
    for (const a of view.applicants) expect((await t.api('POST', `/api/prequalification-applications/${a.id}/review`, { ...agencyAfter, body: { qualified: true } })).status).toBe(200);
    const issued = await t.api('POST', `/api/projects/${projectId}/prequalification/results`, agencyAfter);
    expect(issued.body.tenderRefusal).toMatchObject({ code: 'TOO_FEW_QUALIFIED', ruleId: 'PQ-02' });
    const refused = await t.api('POST', `/api/projects/${projectId}/publication`, { ...agencyAfter, body: { ...tender(revision), documentsUntil: shanghaiInstant('2026-05-12', '17:00').toISOString(), deadline: shanghaiInstant('2026-05-27', '10:00').toISOString() } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'TOO_FEW_QUALIFIED', ruleId: 'PQ-02' });
    expect(refused.body.messages['zh-CN']).toContain('应当重新招标');

    // 重新招标: those running the project end it; a supplier may not.
    expect((await t.api('POST', `/api/projects/${projectId}/prequalification/retender`, await as('supplier1'))).status).toBe(403);
    const before = (await t.api('GET', `/api/public/projects/${projectId}`, agencyAfter)).body;
    const again = await t.api('POST', '/api/projects', { ...(await as('purchaser')), body: repeatOn(before.planId) });
    expect(again.body).toMatchObject({ code: 'LOTS_EXCEED_PLAN', ruleId: 'TR-04' });
    const retendered = await t.api('POST', `/api/projects/${projectId}/prequalification/retender`, await as('agency'));
    expect(retendered.status).toBe(200);
    expect(retendered.body).toMatchObject({ projectId, status: 'failed', planId: before.planId });
    const after = (await t.api('GET', `/api/public/projects/${projectId}`, await as('agency'))).body;
    expect(after.status).toBe('failed');
    expect(after.lots[0]).toMatchObject({ status: 'failed', failureRuleId: 'PQ-02' });
    // A 终止公告 says why; the applicants are told.
    const termination = (await t.api('GET', `/api/public/notices/${retendered.body.noticeId}`)).body;
    expect(termination.title).toBe('示范区泵站改造工程终止公告');
    expect(termination.renderedHtml).toContain('少于3个，依法重新招标');
    expect(await inbox('supplier2')).toContain('重新招标');
    // Once only, and the lots' budget is back in the plan: the tender is repeated as a new project on it.
    expect((await t.api('POST', `/api/projects/${projectId}/prequalification/retender`, await as('agency'))).body).toMatchObject({ code: 'PROJECT_NOT_DRAFT' });
    expect((await t.api('POST', '/api/projects', { ...(await as('purchaser')), body: repeatOn(before.planId) })).status).toBe(201);
  });

  it('is not repeated before its results show fewer than 3 qualified (PQ-02)', async () => {
    at('2026-04-13');
    const { projectId } = await draftProject(t, { ...works, title: '示范区河道整治工程', prequalification: true });
    expect((await t.api('POST', `/api/projects/${projectId}/prequalification`, { ...(await as('agency')), body: notice() })).status).toBe(201);
    expect((await t.api('POST', `/api/projects/${projectId}/prequalification/retender`, await as('agency'))).body).toMatchObject({ code: 'RETENDER_NOT_DUE', ruleId: 'PQ-02' });
  });
});

/** The same works tendered again, on the plan the failed project drew on. */
const repeatOn = (planId: string) => ({
  planId,
  title: '示范区泵站改造工程（重新招标）',
  description: '泵站机电设备更换及土建改造',
  method: 'openTender',
  prequalification: true,
  contactName: '孙强',
  contactPhone: '021-62880000',
  lots: [{ title: '泵站改造', budgetFen: 300_000_000, depositFen: 0, evaluationMethod: 'lowestPrice', criteria: [], sme: works.sme }],
});
