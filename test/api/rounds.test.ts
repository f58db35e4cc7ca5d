import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { queryRows } from '../../src/platform/database/database';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, evaluateLot, prepareBidder, publishProject, startEvaluation, yuan, type Bidder } from '../support/tendering';

/**
 * 竞争性磋商 rounds (CS-04..06): the panel's change to the requirements reaches every supplier taking
 * part at once, and only once the purchaser confirms it (CS-05); final offers come by a set time,
 * nobody reads them before it, and a supplier that gives none drops out (CS-06).
 */
let t: TestPlatform;
let projectId: string;
let lotId: string;
let members: string[];
const deadline = shanghaiInstant('2026-03-23', '10:00');
const start = shanghaiInstant('2026-03-23', '14:00');
const offersDue = shanghaiInstant('2026-03-23', '16:00');
const SUPPLIERS = ['supplier1', 'supplier2', 'supplier3', 'supplier4'] as const;

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  t.clock.set(shanghaiInstant('2026-03-02', '10:00'));
  const p = await publishProject(t, { title: '区属学校录播教室设备磋商采购', method: 'consultation', category: 'goods', documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: deadline.toISOString() });
  ({ projectId, lotId } = p);
  const bidders: Bidder[] = [];
  for (const [i, name] of SUPPLIERS.entries()) {
    const b = await prepareBidder(t, name, projectId);
    await bid(t, b, lotId, 2_600_000 + i * 100_000);
    bidders.push(b);
  }
  members = await startEvaluation(t, projectId, bidders, { deadline, start });
}, 600_000);
afterAll(() => t?.close());

const rounds = async (who: string) => (await t.api('GET', `/api/projects/${projectId}/rounds`, { cookie: await t.signIn(who) })).body.lots[0];
const inbox = async (who: string) => (await t.api('GET', '/api/inbox', { cookie: await t.signIn(who) })).body.items as { title: string; body: string }[];

describe('a change to the requirements (CS-05)', () => {
  let changeId: string;

  it('is proposed by the chair alone, and reaches no supplier before the purchaser confirms it', async () => {
    const other = await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/requirement-changes`, { cookie: await t.signIn(members[1]!), body: { kind: 'technical', text: '交互屏尺寸由86英寸调整为75英寸' } });
    expect(other.status).toBe(404);
    const proposed = await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/requirement-changes`, { cookie: await t.signIn(members[0]!), body: { kind: 'technical', text: '交互屏尺寸由86英寸调整为75英寸' } });
    expect(proposed.status).toBe(201);
    changeId = proposed.body.id;
    expect((await rounds('supplier1')).changes).toEqual([]);
    expect((await inbox('supplier1')).some((m) => m.title.includes('实质性变动'))).toBe(false);
    expect((await rounds('purchaser')).changes[0]).toMatchObject({ changeNo: 1, kind: 'technical', confirmedAt: null, mayConfirm: true });
  });

  it('may only change the technical or service requirements and the draft contract terms', async () => {
    const res = await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/requirement-changes`, { cookie: await t.signIn(members[0]!), body: { kind: 'evaluationCriteria', text: '调整评分标准' } });
    expect(res.status).toBe(400);
  });

  it('once confirmed, is sent in writing to every supplier taking part, who acknowledges it', async () => {
    expect((await t.api('POST', `/api/requirement-changes/${changeId}/receipt`, { cookie: await t.signIn('supplier1') })).status).toBe(404);
    const confirmed = await t.api('POST', `/api/requirement-changes/${changeId}/confirmation`, { cookie: await t.signIn('purchaser') });
    expect(confirmed.body).toMatchObject({ sentTo: 4 });
    expect((await t.api('POST', `/api/requirement-changes/${changeId}/confirmation`, { cookie: await t.signIn('purchaser') })).body.code).toBe('CHANGE_ALREADY_CONFIRMED');
    for (const name of SUPPLIERS) expect((await inbox(name)).filter((m) => m.title.includes('实质性变动通知（第1次）'))).toHaveLength(1);
    expect((await rounds('supplier2')).changes[0]).toMatchObject({ text: '交互屏尺寸由86英寸调整为75英寸', receivedAt: null, receipts: null });
    expect((await t.api('POST', `/api/requirement-changes/${changeId}/receipt`, { cookie: await t.signIn('supplier2') })).status).toBe(200);
    const receipts = (await rounds(members[0]!)).changes[0].receipts as { receivedAt: string | null }[];
    expect(receipts.filter((r) => r.receivedAt !== null)).toHaveLength(1);
    expect(receipts).toHaveLength(4);
  });
});

describe('final offers (CS-06)', () => {
  const offer = async (who: string, amountYuan: number) => t.api('PUT', `/api/projects/${projectId}/lots/${lotId}/final-offer`, { cookie: await t.signIn(who), body: { amountFen: yuan(amountYuan) } });
  const chair = () => t.signIn(members[0]!);

  it('are refused before the panel calls for them, and the call waits for every change to be confirmed', async () => {
    expect((await offer('supplier1', 2_500_000)).body.code).toBe('FINAL_OFFERS_NOT_CALLED');
    const change = await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/requirement-changes`, { cookie: await chair(), body: { kind: 'contractTerms', text: '质保期由三年调整为五年' } });
    expect((await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/final-offer-call`, { cookie: await chair(), body: { deadline: offersDue.toISOString() } })).body).toMatchObject({ code: 'CHANGES_UNCONFIRMED', ruleId: 'CS-05' });
    expect((await t.api('POST', `/api/requirement-changes/${change.body.id}/confirmation`, { cookie: await t.signIn('purchaser') })).status).toBe(200);
  });

  it('are due within the evaluation period', async () => {
    const late = await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/final-offer-call`, { cookie: await chair(), body: { deadline: shanghaiInstant('2026-03-23', '21:00').toISOString() } });
    expect(late.body).toMatchObject({ code: 'DEADLINE_AFTER_EVALUATION', ruleId: 'CS-06' });
    expect((await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/final-offer-call`, { cookie: await chair(), body: { deadline: offersDue.toISOString() } })).status).toBe(201);
    const after = await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/requirement-changes`, { cookie: await chair(), body: { kind: 'service', text: '再调整服务要求' } });
    expect(after.body.code).toBe('FINAL_OFFERS_ALREADY_CALLED');
  });

  it('stay sealed until the deadline: the panel, the purchaser and the audit trail learn neither amount nor count', async () => {
    expect((await offer('supplier1', 2_500_000)).status).toBe(200);
    expect((await offer('supplier2', 2_550_000)).status).toBe(200);
    expect((await offer('supplier2', 2_450_000)).status).toBe(200); // replaced before the deadline
    expect((await offer('supplier4', 2_480_000)).status).toBe(200);
    for (const who of [members[0]!, 'purchaser', 'agency', 'supervisor']) expect((await rounds(who)).finalOffers).toMatchObject({ open: false, offers: null });
    expect((await rounds('supplier2')).finalOffers.mine).toMatchObject({ amountFen: yuan(2_450_000) });
    expect((await rounds('supplier3')).finalOffers.mine).toBeNull();
    const trail = await queryRows<{ after: unknown }>(t.platform.database.db, sql`SELECT after FROM audit_entry WHERE action = 'rounds.give_final_offer'`);
    expect(trail).toHaveLength(4);
    expect(JSON.stringify(trail)).not.toMatch(/245000000|250000000|255000000|248000000/);
    const seen = (await t.api('GET', `/api/audit/entries?subjectId=${lotId}&limit=500`, { cookie: await t.signIn('supervisor') })).body.items as { action: string }[];
    expect(seen.map((e) => e.action)).toContain('rounds.call_final_offers');
    expect(seen.map((e) => e.action)).not.toContain('rounds.give_final_offer');
    const early = await t.api('POST', `/api/evaluations/${projectId}/lots/${lotId}/submission`, { cookie: await chair() });
    expect(early.body).toMatchObject({ code: 'FINAL_OFFERS_PENDING', ruleId: 'CS-06' });
  });

  it('are taken until the last millisecond before the deadline, and refused at it', async () => {
    t.clock.set(new Date(offersDue.getTime() - 1));
    expect((await offer('supplier1', 2_490_000)).status).toBe(200);
    t.clock.set(offersDue);
    expect((await offer('supplier1', 2_400_000)).body.code).toBe('FINAL_OFFERS_CLOSED');
  });

  it('are then read by the panel; the response without one drops out and the final offers are what is scored (CS-07)', async () => {
    const trail = (await t.api('GET', `/api/audit/entries?subjectId=${lotId}&limit=500`, { cookie: await t.signIn('supervisor') })).body.items as { action: string }[];
    expect(trail.filter((e) => e.action === 'rounds.give_final_offer')).toHaveLength(5);
    const open = (await rounds(members[0]!)).finalOffers;
    expect(open.open).toBe(true);
    const amounts = open.offers.map((o: { amountFen: number | null }) => o.amountFen);
    expect(amounts.filter((a: number | null) => a !== null).sort()).toEqual([yuan(2_450_000), yuan(2_480_000), yuan(2_490_000)]);
    expect(amounts.filter((a: number | null) => a === null)).toHaveLength(1);
    const project = (await t.api('GET', `/api/public/projects/${projectId}`, { cookie: await t.signIn('agency') })).body;
    expect(project.steps.find((s: { state: string }) => s.state === 'current').id).toBe('evaluation');
    await evaluateLot(t, projectId, lotId, members);
    const [report] = (await t.api('GET', `/api/projects/${projectId}/evaluation-reports`, { cookie: await t.signIn('agency') })).body;
    const bySupplier = Object.fromEntries(report.result.bids.map((b: { supplierName: string }) => [b.supplierName, b]));
    const dropped = report.result.bids.find((b: { valid: boolean }) => !b.valid);
    expect(dropped.invalidReasons).toEqual(['未在规定时间内提交最后报价（CS-06）']);
    const lowest = report.result.bids.find((b: { priceFen: number }) => b.priceFen === yuan(2_450_000));
    expect(lowest).toMatchObject({ valid: true, priceScore: 30 });
    expect(report.result.candidates).toHaveLength(3);
    expect(Object.keys(bySupplier)).toHaveLength(4);
  });
});
