import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, draftProject, evaluateLot, prepareBidder, publishProject, startEvaluation } from '../support/tendering';

/**
 * 公示 in two methods: the works candidates' publicity (WK-13, WK-19) between the report and the award,
 * and the single-source publicity with objections (DS-01, SS-03, SS-04) before the invitation.
 */
let t: TestPlatform;
const at = (day: string, time = '10:00') => t.clock.set(shanghaiInstant(day, time));
const as = async (username: string) => ({ cookie: await t.signIn(username) });

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
}, 300_000);
afterAll(() => t?.close());

describe('works under the Bidding Law: the candidates are publicised before the award (WK-13, WK-19)', () => {
  let projectId: string;
  let lotId: string;

  it('publishes the candidates in their order with the report, and shows the step on the project', async () => {
    const deadline = shanghaiInstant('2026-03-23', '10:00');
    const p = await publishProject(t, {
      title: '示范区道路养护工程',
      category: 'works',
      sme: { measure: 'none', notSuitableReason: '道路养护须由具备公路养护资质的企业承担' },
      documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(),
      deadline: deadline.toISOString(),
    });
    ({ projectId, lotId } = p);
    const bidders = [];
    for (const [name, price] of [['supplier1', 2_800_000], ['supplier2', 2_700_000], ['supplier3', 2_900_000]] as const) {
      const b = await prepareBidder(t, name, projectId);
      await bid(t, b, lotId, price);
      bidders.push(b);
    }
    const members = await startEvaluation(t, projectId, bidders, { deadline, start: shanghaiInstant('2026-03-23', '14:00') });
    await evaluateLot(t, projectId, lotId, members);

    const delivered = await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/report-delivery`, await as('agency'));
    expect(delivered.status).toBe(200);
    const notices = (await t.api('GET', `/api/public/projects/${projectId}/notices`)).body as { id: string; noticeType: string; title: string }[];
    const publicity = notices.find((n) => n.noticeType === 'candidates')!;
    expect(publicity.title).toBe('示范区道路养护工程（第1标段）中标候选人公示');
    const page = (await t.api('GET', `/api/public/notices/${publicity.id}`)).body;
    expect(page.renderedHtml).toContain('第1名');
    expect(page.renderedHtml).toContain('提出异议的渠道和方式');
    // Published on Monday 23 March: three days, until Thursday 26 March.
    const [row] = (await t.api('GET', `/api/public/projects/${projectId}/publicities`)).body;
    expect(row).toMatchObject({ kind: 'candidates', endsOn: '2026-03-26', running: true });
    const steps = (await t.api('GET', `/api/public/projects/${projectId}`)).body.steps as { id: string; state: string }[];
    expect(steps.find((s) => s.state === 'current')?.id).toBe('candidatePublicity');
  });

  it('refuses the award during the publicity, and while an objection to the candidates awaits its answer', async () => {
    const first = (await t.api('GET', `/api/projects/${projectId}/awards`, await as('purchaser'))).body[0].candidates[0];
    at('2026-03-24');
    const objection = await t.api('POST', `/api/projects/${projectId}/challenges`, {
      ...(await as('supplier3')),
      body: { subject: 'candidates', particulars: { address: '上海市示范路3号', postcode: '200030', contactPerson: '王强', phone: '021-64000003' }, claims: [{ claim: '第一中标候选人项目经理有在建项目', facts: '其项目经理同时担任另一在建工程项目经理。', legalBasis: '《招标投标法实施条例》第五十四条' }], evidence: [] },
    });
    expect(objection.status).toBe(201);

    at('2026-03-26', '16:00');
    const during = await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/award`, { ...(await as('purchaser')), body: { bidId: first } });
    expect(during.status).toBe(409);
    expect(during.body).toMatchObject({ code: 'PUBLICITY_RUNNING', ruleId: 'WK-13' });

    at('2026-03-27');
    const purchaser = await as('purchaser');
    const pending = await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/award`, { ...purchaser, body: { bidId: first } });
    expect(pending.body).toMatchObject({ code: 'OBJECTION_PENDING', ruleId: 'WK-19' });
    expect((await t.api('GET', `/api/public/projects/${projectId}`)).body.steps.find((s: { state: string }) => s.state === 'current').id).toBe('award');

    const answered = await t.api('POST', `/api/challenges/${objection.body.id}/steps`, {
      ...(await as('agency')),
      body: { action: 'answer', revision: objection.body.revision, replies: [{ no: 1, reply: '经核查，该项目经理的在建项目已竣工验收。' }], verdict: 'dismissed', affectsResult: false },
    });
    expect(answered.status).toBe(200);
    const awarded = await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/award`, { ...purchaser, body: { bidId: first } });
    expect(awarded.status).toBe(200);
  });
});

describe('works of two lots: an objection to one lot’s candidates holds that lot’s award only (WK-13, WK-19)', () => {
  const letter = (lotId?: string) => ({
    subject: 'candidates',
    ...(lotId ? { lotId } : {}),
    particulars: { address: '上海市示范路3号', postcode: '200030', contactPerson: '王强', phone: '021-64000003' },
    claims: [{ claim: '第一中标候选人的项目经理有在建项目', facts: '其项目经理同时担任另一在建工程项目经理。', legalBasis: '《招标投标法实施条例》第五十四条' }],
    evidence: [],
  });

  it('names the lot of each objection, and blocks the winner of lot 1 but not of lot 2', async () => {
    at('2026-03-02');
    const deadline = shanghaiInstant('2026-03-23', '10:00');
    const p = await publishProject(t, {
      title: '示范区学校修缮工程',
      category: 'works',
      lots: 2,
      sme: { measure: 'none', notSuitableReason: '须由具备建筑工程施工总承包资质的企业承担' },
      documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(),
      deadline: deadline.toISOString(),
    });
    const lotIds = (await t.api('GET', `/api/public/projects/${p.projectId}`)).body.lots.map((l: { id: string }) => l.id) as [string, string];
    const bidders = [];
    for (const [name, price] of [['supplier1', 1_400_000], ['supplier2', 1_350_000], ['supplier3', 1_450_000]] as const) {
      const b = await prepareBidder(t, name, p.projectId);
      for (const lotId of lotIds) await bid(t, b, lotId, price);
      bidders.push(b);
    }
    const members = await startEvaluation(t, p.projectId, bidders, { deadline, start: shanghaiInstant('2026-03-23', '14:00') });
    for (const lotId of lotIds) {
      await evaluateLot(t, p.projectId, lotId, members);
      expect((await t.api('POST', `/api/projects/${p.projectId}/lots/${lotId}/report-delivery`, await as('agency'))).status).toBe(200);
    }

    at('2026-03-24');
    const supplier3 = await as('supplier3');
    // A project of two lots: the objection must say whose candidates it concerns, and a lot of this project.
    const unnamed = await t.api('POST', `/api/projects/${p.projectId}/challenges`, { ...supplier3, body: letter() });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body).toMatchObject({ code: 'LOT_REQUIRED', ruleId: 'WK-13' });
    const foreign = await t.api('POST', `/api/projects/${p.projectId}/challenges`, { ...supplier3, body: letter(crypto.randomUUID()) });
    expect(foreign.body).toMatchObject({ code: 'LOT_NOT_IN_PROJECT' });
    const objection = await t.api('POST', `/api/projects/${p.projectId}/challenges`, { ...supplier3, body: letter(lotIds[0]) });
    expect(objection.status).toBe(201);
    expect(objection.body.lot).toMatchObject({ id: lotIds[0], lotNo: 1 });
    // The same supplier may object to the other lot's candidates at the same time.
    const second = await t.api('POST', `/api/projects/${p.projectId}/challenges`, { ...(await as('supplier3')), body: letter(lotIds[1]) });
    expect(second.status).toBe(201);
    const withdrawn = await t.api('POST', `/api/challenges/${second.body.id}/steps`, { ...(await as('supplier3')), body: { action: 'withdraw', revision: second.body.revision, text: '经核实，第2标段无此情形，撤回异议。' } });
    expect(withdrawn.status).toBe(200);
    // Those who answer see each lot's objections on its publicity.
    const rows = (await t.api('GET', `/api/public/projects/${p.projectId}/publicities`, await as('agency'))).body as { lotId: string; objectionCount: number | null; mayObject: boolean }[];
    expect(rows.find((r) => r.lotId === lotIds[0])).toMatchObject({ objectionCount: 1, mayObject: false });
    const asSupplier = (await t.api('GET', `/api/public/projects/${p.projectId}/publicities`, await as('supplier1'))).body as { objectionCount: number | null; mayObject: boolean }[];
    expect(asSupplier[0]).toMatchObject({ objectionCount: null, mayObject: true });

    at('2026-03-27');
    const purchaser = await as('purchaser');
    const awards = (await t.api('GET', `/api/projects/${p.projectId}/awards`, purchaser)).body as { lotId: string; candidates: string[] }[];
    const award = (lotId: string) => t.api('POST', `/api/projects/${p.projectId}/lots/${lotId}/award`, { ...purchaser, body: { bidId: awards.find((a) => a.lotId === lotId)!.candidates[0] } });
    expect((await award(lotIds[0])).body).toMatchObject({ code: 'OBJECTION_PENDING', ruleId: 'WK-19' });
    expect((await award(lotIds[1])).status).toBe(200);

    const answered = await t.api('POST', `/api/challenges/${objection.body.id}/steps`, {
      ...(await as('agency')),
      body: { action: 'answer', revision: objection.body.revision, replies: [{ no: 1, reply: '经核查，该项目经理的在建项目已竣工验收。' }], verdict: 'dismissed', affectsResult: false },
    });
    expect(answered.status).toBe(200);
    expect((await award(lotIds[0])).status).toBe(200);
  });
});

describe('single source: the publicity and its objections come first (DS-01, SS-03, SS-04)', () => {
  let draft: Awaited<ReturnType<typeof draftProject>>;
  let publicityId: string;
  const publication = (revision: number) => ({ revision, documentsUntil: shanghaiInstant('2026-05-08', '17:00').toISOString(), deadline: shanghaiInstant('2026-05-11', '10:00').toISOString(), contractPeriod: '合同签订后30日内', consortiumAllowed: false, qualifications: ['原厂授权'] });

  it('refuses the invitation of a project at the open-tender threshold until it has been publicised', async () => {
    at('2026-04-20');
    draft = await draftProject(t, { title: '核磁共振设备原厂维保', method: 'singleSource', methodJustification: '设备仅原厂可提供核心部件与软件升级', budgetYuan: 2_000_000, sme: { measure: 'none', notSuitableReason: '只能由原厂提供' } });
    const refused = await t.api('POST', `/api/projects/${draft.projectId}/publication`, { cookie: draft.agency, body: publication(draft.revision) });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'PUBLICITY_REQUIRED', ruleId: 'DS-01' });
    expect((await t.api('GET', `/api/public/projects/${draft.projectId}`, { cookie: draft.agency })).body.steps[0]).toMatchObject({ id: 'singleSourcePublicity', state: 'current' });
  });

  it('publicises for at least 5 working days, naming the supplier and the professionals', async () => {
    const body = {
      itemsDescription: '3.0T核磁共振设备一台的原厂维保服务（三年）',
      reason: '设备核心部件及软件升级只能由原厂提供（政府采购法第三十一条第一项）',
      experts: [{ name: '周明', organisation: '上海市医疗器械检测所', title: '高级工程师', opinion: '核心部件与软件为原厂专有，同意采用单一来源方式' }],
    };
    // Monday 20 April: five working days end on Monday 27 April.
    const short = await t.api('POST', `/api/projects/${draft.projectId}/single-source-publicity`, { cookie: draft.agency, body: { ...body, endsOn: '2026-04-24' } });
    expect(short.status).toBe(422);
    expect(short.body).toMatchObject({ code: 'PUBLICITY_TOO_SHORT', ruleId: 'DS-01' });
    const published = await t.api('POST', `/api/projects/${draft.projectId}/single-source-publicity`, { cookie: draft.agency, body });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ kind: 'singleSource', endsOn: '2026-04-27', running: true });
    publicityId = published.body.id;
    const notice = (await t.api('GET', `/api/public/notices/${published.body.noticeId}`)).body;
    expect(notice.title).toBe('核磁共振设备原厂维保单一来源采购公示');
    expect(notice.renderedHtml).toContain('周明');
    expect((await t.api('GET', `/api/public/notices/${published.body.noticeId}/publicity`)).body.id).toBe(publicityId);
  });

  it('takes objections from anyone but the purchaser during the publicity, reviewed only after it', async () => {
    const own = await t.api('POST', `/api/publicities/${publicityId}/objections`, { cookie: draft.agency, body: { text: '自己的异议' } });
    expect(own.body.code).toBe('OWN_PUBLICITY');
    const filed = await t.api('POST', `/api/publicities/${publicityId}/objections`, { ...(await as('supplier4')), body: { text: '我公司具备同等维保能力，已取得原厂认证的维保资质。' } });
    expect(filed.status).toBe(201);
    // The objector sees its own objection; others do not see it.
    const noticeOf = (await t.api('GET', `/api/public/projects/${draft.projectId}/publicities`, { cookie: draft.agency })).body[0].noticeId;
    expect((await t.api('GET', `/api/public/notices/${noticeOf}/publicity`, await as('supplier4'))).body.objections).toMatchObject([{ mine: true, status: 'pending' }]);
    expect((await t.api('GET', `/api/public/notices/${(await t.api('GET', `/api/public/projects/${draft.projectId}/publicities`, { cookie: draft.agency })).body[0].noticeId}/publicity`, await as('supplier1'))).body.objections).toEqual([]);
    // Those who review it read who objected (SS-04: they report it to the finance department).
    const forAgency = (await t.api('GET', `/api/public/notices/${noticeOf}/publicity`, { cookie: draft.agency })).body;
    expect(forAgency.objections[0].filedBy.organisation).toBe((await t.api('GET', '/api/session', await as('supplier4'))).body.entity.name);
    expect(forAgency.mayObject).toBe(false);
    const early = await t.api('POST', `/api/publicity-objections/${filed.body.id}/decision`, { cookie: draft.agency, body: { upheld: false, review: '维保资质不等于核心部件供应能力' } });
    expect(early.body).toMatchObject({ code: 'PUBLICITY_RUNNING', ruleId: 'SS-04' });

    at('2026-04-28');
    const agency = await as('agency');
    const late = await t.api('POST', `/api/publicities/${publicityId}/objections`, { ...(await as('supplier1')), body: { text: '逾期异议' } });
    expect(late.body).toMatchObject({ code: 'PUBLICITY_ENDED', ruleId: 'SS-03' });
    // Publishing the publicity moved the project's revision.
    const revision = (await t.api('GET', `/api/public/projects/${draft.projectId}`, agency)).body.revision;
    expect(revision).toBe(draft.revision + 1);
    const pending = await t.api('POST', `/api/projects/${draft.projectId}/publication`, { ...agency, body: publication(revision) });
    expect(pending.body).toMatchObject({ code: 'OBJECTION_PENDING', ruleId: 'SS-04' });

    const decided = await t.api('POST', `/api/publicity-objections/${filed.body.id}/decision`, { ...agency, body: { upheld: false, review: '经补充论证，维保资质不等于核心部件与软件的供应能力，异议不成立' } });
    expect(decided.body).toEqual({ id: filed.body.id, status: 'dismissed' });
    const inbox = (await t.api('GET', '/api/inbox', await as('supplier4'))).body;
    expect(JSON.stringify(inbox)).toContain('异议补充论证结果');
  });

  it('is not publicised on the other grounds of article 31 (an emergency), however large', async () => {
    const emergency = await draftProject(t, { title: '防汛应急排水设备采购', method: 'singleSource', methodJustification: '汛期突发内涝，须立即采购', singleSource: { ground: 'emergency' }, budgetYuan: 2_000_000, sme: { measure: 'none', notSuitableReason: '应急' } });
    const steps = (await t.api('GET', `/api/public/projects/${emergency.projectId}`, { cookie: emergency.agency })).body.steps as { id: string }[];
    expect(steps.map((x) => x.id)).not.toContain('singleSourcePublicity');
  });

  it('then deals with its one supplier only (SS-06)', async () => {
    const agency = await as('agency');
    const revision = (await t.api('GET', `/api/public/projects/${draft.projectId}`, agency)).body.revision;
    const published = await t.api('POST', `/api/projects/${draft.projectId}/publication`, { ...agency, body: publication(revision) });
    expect(published.status).toBe(200);
    // The invitation names the one supplier instead of calling on anyone.
    const invitation = (await t.api('GET', `/api/public/projects/${draft.projectId}/notices`)).body.find((n: { noticeType: string }) => n.noticeType === 'tender');
    expect(invitation.title).toBe('核磁共振设备原厂维保单一来源采购公告');
    const supplierName = (await t.api('GET', '/api/session', await as('supplier1'))).body.entity.name;
    expect((await t.api('GET', `/api/public/notices/${invitation.id}`)).body.renderedHtml).toContain(`采用单一来源方式，邀请${supplierName}`);
    // Anyone else is refused the documents, and so cannot respond.
    await expect(prepareBidder(t, 'supplier2', draft.projectId)).rejects.toThrow(/NOT_INVITED/);
    const named = await prepareBidder(t, 'supplier1', draft.projectId);
    expect((await bid(t, named, draft.lotId, 1_900_000)).receipt.bidId).toBeTruthy();
  });
});
