import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/database/database';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { awardLot, bid, draftProject, prepareBidder, startEvaluation, yuan } from '../support/tendering';

/**
 * 单一来源 协商情况记录 through the API (SS-05, SS-07): after the one supplier's response is opened the
 * negotiators (the method's panel of two) record the price and terms agreed with it instead of
 * scoring; the agreed price is at most the budget; every negotiator answers (a dissent with reasons,
 * a refusal without reasons deemed agreement) and the signed record is the evaluation result the
 * award and the contract go on from, at the agreed price. Who reads and writes it is checked.
 */
let t: TestPlatform;
const at = (day: string, time = '10:00') => t.clock.set(shanghaiInstant(day, time));
const as = async (username: string) => ({ cookie: await t.signIn(username) });

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
}, 300_000);
afterAll(() => t?.close());

const BUDGET_FEN = yuan(2_000_000);
const record = {
  negotiatedOn: '2026-05-11',
  place: '区政府采购中心第三会议室',
  supplierCost: '核心部件与原厂工程师人工成本约占报价的65%',
  comparablePrices: '邻区2025年同型号设备三年维保合同价182万元',
  patentDetails: '设备核心部件与软件为原厂专利及专有技术（ZL2019xxxx）',
  contractTerms: '三年原厂维保，4小时到场响应，每季度巡检一次；合同签订后按年支付',
  agreedPriceFen: yuan(1_850_000),
};

describe('the single-source negotiation record (SS-05, SS-07)', () => {
  let projectId = '';
  let lotId = '';
  let negotiators: string[] = [];
  const recordUrl = () => `/api/evaluations/${projectId}/lots/${lotId}/negotiation-record`;

  it('goes from the publicity with an objection to the opened response, negotiated by a panel of two', async () => {
    at('2026-04-20');
    const draft = await draftProject(t, { title: '核磁共振设备原厂维保（协商）', method: 'singleSource', methodJustification: '设备仅原厂可提供核心部件与软件升级', budgetYuan: 2_000_000, sme: { measure: 'none', notSuitableReason: '只能由原厂提供' } });
    ({ projectId, lotId } = draft);
    const publicity = await t.api('POST', `/api/projects/${projectId}/single-source-publicity`, {
      cookie: draft.agency,
      body: { itemsDescription: '3.0T核磁共振设备原厂维保（三年）', reason: '核心部件只能由原厂提供（政府采购法第三十一条第一项）', experts: [{ name: '周明', organisation: '上海市医疗器械检测所', title: '高级工程师', opinion: '同意采用单一来源方式' }] },
    });
    expect(publicity.status).toBe(201);
    const objection = await t.api('POST', `/api/publicities/${publicity.body.id}/objections`, { ...(await as('supplier4')), body: { text: '我公司具备同等维保能力，已取得原厂认证的维保资质。' } });
    at('2026-04-28');
    const agency = await as('agency');
    expect((await t.api('POST', `/api/publicity-objections/${objection.body.id}/decision`, { ...agency, body: { upheld: false, review: '维保资质不等于核心部件供应能力，异议不成立' } })).status).toBe(200);
    const revision = (await t.api('GET', `/api/public/projects/${projectId}`, agency)).body.revision;
    const deadline = shanghaiInstant('2026-05-11', '10:00');
    const published = await t.api('POST', `/api/projects/${projectId}/publication`, {
      ...agency,
      body: { revision, documentsUntil: shanghaiInstant('2026-05-08', '17:00').toISOString(), deadline: deadline.toISOString(), contractPeriod: '合同签订后30日内', consortiumAllowed: false, qualifications: ['原厂授权'] },
    });
    expect(published.status).toBe(200);
    const supplier = await prepareBidder(t, 'supplier1', projectId);
    await bid(t, supplier, lotId, 1_950_000);
    // The evaluation starts late in the afternoon: before it, those running the project do not learn who negotiates.
    const beforeStart = async () => {
      const sealed = (await t.api('GET', `/api/projects/${projectId}/negotiation-record`, await as('agency'))).body;
      expect(sealed.lots[0]).toMatchObject({ status: 'none', negotiators: [], missing: [] });
    };
    negotiators = await startEvaluation(t, projectId, [supplier], { deadline, start: shanghaiInstant('2026-05-11', '16:00'), beforeStart }, { size: 2, experts: 2 });
    expect(negotiators).toHaveLength(2);
    const steps = (await t.api('GET', `/api/public/projects/${projectId}`, agency)).body.steps;
    expect(steps.find((s: { state: string }) => s.state === 'current')).toMatchObject({ id: 'evaluation', name: { 'zh-CN': '协商（协商情况记录）' }, ruleIds: ['SS-05', 'SS-07'] });
  });

  it('SS-05: the negotiators record the negotiation instead of scoring', async () => {
    const sheet = await t.api('PUT', `/api/evaluations/${projectId}/lots/${lotId}/sheet`, { ...(await as(negotiators[0]!)), body: { reviews: [], scores: [] } });
    expect(sheet.status).toBe(409);
    expect(sheet.body).toMatchObject({ code: 'NEGOTIATION_RECORD_INSTEAD', ruleId: 'SS-05' });
    // The sheet tells the negotiators' page to send them to the record.
    expect((await t.api('GET', `/api/evaluations/${projectId}/sheet`, await as(negotiators[0]!))).body.method).toBe('singleSource');
  });

  it('shows the record to the negotiators, those running and supervising the project; the supplier sees nothing before the award, others not even the record', async () => {
    const read = async (u: string) => t.api('GET', `/api/projects/${projectId}/negotiation-record`, await as(u));
    const mine = await read(negotiators[0]!);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ reader: 'negotiator', lots: [{ lotId, status: 'none', budgetFen: BUDGET_FEN, mayDraft: true, maySign: false }] });
    // (一) filled from the publicity and its objection's review.
    expect(mine.body.lots[0].publicityAccount).toMatchObject({ endsOn: '2026-04-27', objections: [{ status: 'dismissed', review: '维保资质不等于核心部件供应能力，异议不成立' }] });
    expect(mine.body.lots[0].negotiators).toHaveLength(2);
    for (const u of ['agency', 'purchaser', 'supervisor']) expect((await read(u)).body).toMatchObject({ reader: 'overseer', lots: [{ lotId, mayDraft: false }] });
    expect((await read('supplier1')).body).toMatchObject({ reader: 'supplier', lots: [] });
    const others = ['supplier4', 'expert7', 'treasury'].filter((u) => !negotiators.includes(u));
    for (const u of others) expect((await read(u)).status, u).toBe(404);
    expect((await t.api('GET', `/api/projects/${projectId}/negotiation-record`)).status).toBe(401);
  });

  it('only a negotiator writes the record', async () => {
    const outsider = ['expert1', 'expert2', 'expert3', 'expert4', 'expert5'].find((u) => !negotiators.includes(u))!;
    expect((await t.api('PUT', recordUrl(), { ...(await as(outsider)), body: record })).status).toBe(404);
    expect((await t.api('PUT', recordUrl(), { ...(await as('agency')), body: record })).status).toBe(403);
    expect((await t.api('PUT', recordUrl(), { ...(await as('purchaser')), body: record })).status).toBe(404);
  });

  it('SS-07: an agreed price one fen above the budget is refused, the procurement to be terminated; the budget itself passes', async () => {
    const cookie = await as(negotiators[0]!);
    const over = await t.api('PUT', recordUrl(), { ...cookie, body: { ...record, agreedPriceFen: BUDGET_FEN + 1 } });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: 'PRICE_OVER_BUDGET', ruleId: 'SS-07', details: { terminate: true, budgetFen: BUDGET_FEN } });
    expect(over.body.messages['zh-CN']).toContain('终止采购活动');
    const atBudget = await t.api('PUT', recordUrl(), { ...cookie, body: { ...record, agreedPriceFen: BUDGET_FEN } });
    expect(atBudget.status).toBe(200);
    expect(atBudget.body).toMatchObject({ status: 'draft', record: { agreedPriceFen: BUDGET_FEN } });
  });

  it('SS-05: each item of the record is required, and the negotiation is not dated in the future', async () => {
    const cookie = await as(negotiators[1]!);
    const noCost = await t.api('PUT', recordUrl(), { ...cookie, body: { ...record, supplierCost: '' } });
    expect(noCost.status).toBe(422);
    expect(noCost.body).toMatchObject({ code: 'RECORD_INCOMPLETE', ruleId: 'SS-05', details: { field: 'supplierCost' } });
    expect(noCost.body.messages['en-US']).toContain('cost');
    const future = await t.api('PUT', recordUrl(), { ...cookie, body: { ...record, negotiatedOn: '2026-05-12' } });
    expect(future.body).toMatchObject({ code: 'RECORD_INCOMPLETE', details: { field: 'negotiatedOn' } });
    // Another negotiator redrafts while nobody has signed.
    const saved = await t.api('PUT', recordUrl(), { ...cookie, body: record });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'draft', maySign: true, record: { agreedPriceFen: record.agreedPriceFen } });
  });

  it('SS-05: a dissent without reasons is refused; one negotiator signed leaves the record open and fixed', async () => {
    const first = await as(negotiators[0]!);
    const bare = await t.api('POST', `${recordUrl()}/signatures`, { ...first, body: { decision: 'dissent' } });
    expect(bare.status).toBe(422);
    expect(bare.body).toMatchObject({ code: 'DISSENT_REASONS_REQUIRED', ruleId: 'SS-05' });
    const signed = await t.api('POST', `${recordUrl()}/signatures`, { ...first, body: { decision: 'dissent', reasons: '价格仍偏高，同类合同为182万元' } });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'draft', maySign: false, mayDraft: false, signatures: [{ decision: 'dissent', standing: 'dissents' }] });
    expect(signed.body.missing).toHaveLength(1);
    // One negotiator missing blocks: the lot is not evaluated yet.
    expect((await t.api('GET', `/api/projects/${projectId}/evaluation-reports`, await as('agency'))).body).toEqual([]);
    expect((await t.api('POST', `${recordUrl()}/signatures`, { ...first, body: { decision: 'agree' } })).body.code).toBe('ALREADY_SIGNED');
    const redraft = await t.api('PUT', recordUrl(), { ...(await as(negotiators[1]!)), body: record });
    expect(redraft.body.code).toBe('RECORD_BEING_SIGNED');
  });

  it('SS-05: a refusal to sign without reasons counts as agreement; the record becomes the evaluation result at the agreed price', async () => {
    const last = await t.api('POST', `${recordUrl()}/signatures`, { ...(await as(negotiators[1]!)), body: { decision: 'refuse' } });
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({ status: 'signed', missing: [] });
    expect(last.body.signatures.map((s: { standing: string }) => s.standing).sort()).toEqual(['deemedToAgree', 'dissents']);
    const agency = await as('agency');
    const [report] = (await t.api('GET', `/api/projects/${projectId}/evaluation-reports`, agency)).body;
    expect(report.status).toBe('signed');
    expect(report.result.bids).toMatchObject([{ priceFen: record.agreedPriceFen, recommended: true, rank: 1 }]);
    expect(report.result.candidates).toEqual([report.result.bids[0].bidId]);
    // The dissent is kept in the report's signatures.
    expect(report.signatures.filter((s: { agreed: boolean }) => !s.agreed)).toMatchObject([{ dissent: '价格仍偏高，同类合同为182万元' }]);
    const project = (await t.api('GET', `/api/public/projects/${projectId}`, agency)).body;
    expect(project.status).toBe('evaluated');
    expect(project.steps.find((s: { id: string }) => s.id === 'evaluation').state).toBe('done');
    const trail = await queryRows<{ action: string }>(t.platform.database.db, sql`SELECT action FROM audit_entry WHERE subject_id = ${lotId} AND action LIKE 'negotiation.%' ORDER BY entry_no`);
    expect(trail.map((r) => r.action)).toEqual(['negotiation.save_record', 'negotiation.save_record', 'negotiation.sign_record', 'negotiation.sign_record', 'negotiation.record_signed']);
  });

  it('the award goes on from the record, the supplier reads the agreed terms, and the contract is at the agreed price', async () => {
    await awardLot(t, projectId, lotId);
    const supplier = await as('supplier1');
    const view = (await t.api('GET', `/api/projects/${projectId}/negotiation-record`, supplier)).body;
    expect(view).toMatchObject({ reader: 'supplier', lots: [{ lotId, record: { agreedPriceFen: record.agreedPriceFen, contractTerms: record.contractTerms, supplierCost: null, comparablePrices: null } }] });
    expect(view.lots[0].signatures).toEqual([]);
    const drafted = await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/contract`, {
      ...(await as('agency')),
      body: { milestones: [{ name: '第一年维保', amountFen: record.agreedPriceFen, acceptanceCriteria: '全年维保记录完整', dueDate: '2027-05-31' }], performancePeriod: '三年', performancePlace: '采购人指定地点', paymentTermDays: 30, terms: record.contractTerms },
    });
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({ priceFen: record.agreedPriceFen, items: [{ quantity: 1, totalFen: record.agreedPriceFen }] });
    const one = await t.api('POST', `/api/contracts/${drafted.body.id}/signatures`, { ...supplier, body: { revision: drafted.body.revision } });
    const both = await t.api('POST', `/api/contracts/${drafted.body.id}/signatures`, { ...(await as('purchaser')), body: { revision: one.body.revision } });
    expect(both.body).toMatchObject({ status: 'signed', priceFen: record.agreedPriceFen });
  });
});
