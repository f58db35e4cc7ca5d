import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { awardLot, bid, evaluateLot, prepareBidder, publishProject, startEvaluation, type Bidder } from '../support/tendering';

/**
 * Statuses follow the facts to the end of the chain: each lot is evaluated, awarded, contracted
 * and accepted in turn, and a project of two lots reaches each of those only when both lots have.
 */
let t: TestPlatform;
let projectId = '';
let lotIds: string[] = [];
const members: string[] = [];

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  const deadline = shanghaiInstant('2026-03-23', '10:00');
  const p = await publishProject(t, { documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: deadline.toISOString(), budgetYuan: 5_000_000, lots: 2 });
  projectId = p.projectId;
  lotIds = (await t.api('GET', `/api/public/projects/${projectId}`)).body.lots.sort((a: { lotNo: number }, b: { lotNo: number }) => a.lotNo - b.lotNo).map((l: { id: string }) => l.id);
  const bidders: Bidder[] = [];
  for (const [i, name] of ['supplier1', 'supplier2', 'supplier4'].entries()) {
    bidders.push(await prepareBidder(t, name, projectId));
    for (const lotId of lotIds) await bid(t, bidders[i]!, lotId, 2_300_000 + i * 10_000);
  }
  members.push(...(await startEvaluation(t, projectId, bidders, { deadline, start: shanghaiInstant('2026-03-23', '11:00') })));
});
afterAll(() => t?.close());

async function statuses() {
  const p = (await t.api('GET', `/api/public/projects/${projectId}`)).body;
  return { project: p.status as string, lots: lotIds.map((id) => p.lots.find((l: { id: string }) => l.id === id).status as string) };
}

const contracts: Record<string, string> = {};
async function contract(lotId: string) {
  const purchaser = await t.signIn('purchaser');
  const winner = (await t.api('GET', `/api/projects/${projectId}/awards`, { cookie: purchaser })).body.find((a: { lotId: string }) => a.lotId === lotId).winnerBidId;
  const price = (await t.api('GET', `/api/projects/${projectId}/evaluation-reports`, { cookie: purchaser })).body.find((r: { lotId: string }) => r.lotId === lotId).result.bids.find((b: { bidId: string }) => b.bidId === winner).priceFen;
  const draft = await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/contract`, {
    cookie: purchaser,
    body: { milestones: [{ name: '终验', amountFen: price, acceptanceCriteria: '到货安装并试运行无故障', dueDate: '2026-06-10' }], performancePeriod: '合同签订后45日内交付', performancePlace: '徐汇区各中小学', terms: '按招标文件合同条款执行。' },
  });
  expect(draft.status).toBe(201);
  contracts[lotId] = draft.body.id;
  const supplier = (await t.api('GET', `/api/contracts/${draft.body.id}`, { cookie: purchaser })).body.supplierName;
  const username = { 上海申联信息科技有限公司: 'supplier1', 上海浦江数据服务有限公司: 'supplier2', '中远系统集成（上海）有限公司': 'supplier4' }[supplier as string]!;
  const one = await t.api('POST', `/api/contracts/${draft.body.id}/signatures`, { cookie: await t.signIn(username), body: { revision: draft.body.revision } });
  expect((await t.api('POST', `/api/contracts/${draft.body.id}/signatures`, { cookie: purchaser, body: { revision: one.body.revision } })).body.status).toBe('signed');
}

async function accept(lotId: string) {
  const body = { milestoneNo: 1, result: 'pass', findings: '验收合格', members: ['赵丽', '学校代表'] };
  expect((await t.api('POST', `/api/contracts/${contracts[lotId]}/acceptances`, { cookie: await t.signIn('purchaser'), body })).body.status).toBe('completed');
}

describe('a project of two lots follows them to the end of the chain', () => {
  it('is evaluated once both lots’ reports are signed', async () => {
    expect(await statuses()).toEqual({ project: 'evaluating', lots: ['opened', 'opened'] });
    await evaluateLot(t, projectId, lotIds[0]!, members);
    expect(await statuses()).toEqual({ project: 'evaluating', lots: ['evaluated', 'opened'] });
    await evaluateLot(t, projectId, lotIds[1]!, members);
    expect(await statuses()).toEqual({ project: 'evaluated', lots: ['evaluated', 'evaluated'] });
  });

  it('is awarded once both lots have their winner', async () => {
    await awardLot(t, projectId, lotIds[0]!);
    expect(await statuses()).toEqual({ project: 'evaluated', lots: ['awarded', 'evaluated'] });
    await awardLot(t, projectId, lotIds[1]!);
    expect(await statuses()).toEqual({ project: 'awarded', lots: ['awarded', 'awarded'] });
  });

  it('is contracted once both contracts are signed', async () => {
    await contract(lotIds[0]!);
    expect(await statuses()).toEqual({ project: 'awarded', lots: ['contracted', 'awarded'] });
    await contract(lotIds[1]!);
    expect(await statuses()).toEqual({ project: 'contracted', lots: ['contracted', 'contracted'] });
  });

  it('is accepted once both contracts pass acceptance, and only then archived', async () => {
    const agency = await t.signIn('agency');
    await accept(lotIds[0]!);
    expect(await statuses()).toEqual({ project: 'contracted', lots: ['completed', 'contracted'] });
    expect((await t.api('POST', `/api/projects/${projectId}/archive`, { cookie: agency })).status).toBe(409);
    await accept(lotIds[1]!);
    expect(await statuses()).toEqual({ project: 'completed', lots: ['completed', 'completed'] });
    expect((await t.api('POST', `/api/projects/${projectId}/archive`, { cookie: agency })).status).toBe(202);
    await t.jobs.runDue();
    expect(await statuses()).toEqual({ project: 'closed', lots: ['completed', 'completed'] });
  });
});
