import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { evaluatedFramework, passAndSignLot, yuan } from '../support/tendering';

/**
 * 开放式框架协议 (FA-02, FA-09) through the API: every qualifying supplier is admitted (no
 * elimination), a supplier applies to join during the term and is refused or admitted with reasons,
 * the one admitted is invited to the next second-round competition, and nobody joins after the term.
 * Its own platform: the closed framework's tests in framework.test.ts run the clock on.
 */
let t: TestPlatform;
let f: Awaited<ReturnType<typeof evaluatedFramework>>;
const entityOf = async (username: string) => (await t.api('GET', '/api/session', { cookie: await t.signIn(username) })).body.entity.id as string;
const view = async (username: string | null) => (await t.api('GET', `/api/public/projects/${f.projectId}/framework`, username ? { cookie: await t.signIn(username) } : {})).body;
const apply = async (who: string, body: Record<string, unknown> = {}) =>
  t.api('POST', `/api/projects/${f.projectId}/framework/applications`, { cookie: await t.signIn(who), body: { statement: '具备办公用品供货资质，满足征集文件全部条件', priceFen: yuan(2_750_000), ...body } });
const decide = async (id: string, body: Record<string, unknown>, who = 'agency') => t.api('POST', `/api/framework-applications/${id}/decision`, { cookie: await t.signIn(who), body });

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  // Three respond and all three qualify; supplier3 stays out of the first stage.
  f = await evaluatedFramework(t, { supplier1: 2_850_000, supplier2: 2_800_000, supplier4: 2_900_000 }, { title: '区属单位办公用品开放式框架协议采购' });
  await passAndSignLot(t, f.projectId, f.lotId, f.members);
}, 2_600_000);
afterAll(() => t?.close());

describe('FA-09: an open framework agreement', () => {
  it('admits every qualifying supplier: no elimination, no count to give', async () => {
    const res = await t.api('POST', `/api/projects/${f.projectId}/framework/admission`, { cookie: await t.signIn('agency'), body: { kind: 'open', termStart: '2026-03-23', termEnd: '2026-04-30' } });
    expect(res.status).toBe(201);
    expect(res.body.agreement).toMatchObject({ kind: 'open', ceilingFen: yuan(2_900_000) });
    expect(res.body.agreement.members.map((m: { rank: number; admittedPriceFen: number; joinedAt: string | null }) => [m.rank, m.admittedPriceFen, m.joinedAt])).toEqual([
      [1, yuan(2_800_000), null],
      [2, yuan(2_850_000), null],
      [3, yuan(2_900_000), null],
    ]);
    expect((await view('supplier3')).mayApply).toBe(true);
    expect((await view('supplier1')).mayApply).toBe(false);
    expect((await view(null)).mayApply).toBe(false);
  });

  it('takes an application during the term from a non-member, at most the highest admitted price, once at a time', async () => {
    expect((await apply('supplier3', { priceFen: yuan(2_900_000) + 1 })).body).toMatchObject({ code: 'ABOVE_ADMITTED_PRICE', ruleId: 'FA-09' });
    expect((await apply('supplier1')).body).toMatchObject({ code: 'ALREADY_MEMBER', ruleId: 'FA-09' });
    const res = await apply('supplier3');
    expect(res.status).toBe(201);
    expect(res.body.applications).toMatchObject([{ status: 'pending', priceFen: yuan(2_750_000), mayDecide: false }]);
    expect(res.body.mayApply).toBe(false);
    expect((await apply('supplier3')).body).toMatchObject({ code: 'ALREADY_APPLIED', ruleId: 'FA-09' });
    // Those running the project see it and may decide; another supplier sees nothing of it.
    expect((await view('agency')).applications).toMatchObject([{ status: 'pending', statement: '具备办公用品供货资质，满足征集文件全部条件', mayDecide: true }]);
    expect((await view('supplier1')).applications).toEqual([]);
    expect((await view(null)).applications).toEqual([]);
  });

  it('is refused with reasons, and the supplier may apply again', async () => {
    const id = (await view('agency')).applications[0].id;
    expect((await decide(id, { decision: 'refuse', reasons: '资质证明不全' }, 'supplier1')).status).toBe(403);
    const refused = await decide(id, { decision: 'refuse', reasons: '资质证明不全' });
    expect(refused.status).toBe(200);
    expect(refused.body.agreement.members).toHaveLength(3);
    expect((await decide(id, { decision: 'admit', reasons: '补正' })).body).toMatchObject({ code: 'ALREADY_DECIDED' });
    expect((await view('supplier3')).applications).toMatchObject([{ status: 'refused', reasons: '资质证明不全' }]);
    expect((await apply('supplier3')).status).toBe(201);
  });

  it('admitted on review, the applicant becomes a member at its stated price, audited', async () => {
    const pending = (await view('purchaser')).applications.find((x: { status: string }) => x.status === 'pending');
    const res = await decide(pending.id, { decision: 'admit', reasons: '符合征集条件' }, 'purchaser');
    expect(res.status).toBe(200);
    const joined = res.body.agreement.members.at(-1);
    expect(joined).toMatchObject({ supplierEntityId: await entityOf('supplier3'), rank: 4, admittedPriceFen: yuan(2_750_000) });
    expect(joined.joinedAt).not.toBeNull();
    // The ceiling stays the first stage's highest admitted price.
    expect(res.body.agreement.ceilingFen).toBe(yuan(2_900_000));
    const audit = (await t.api('GET', `/api/audit/entries?subjectType=framework_application&limit=500`, { cookie: await t.signIn('supervisor') })).body.items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['framework.apply', 'framework.application_refuse', 'framework.application_admit']));
    expect((await view('supplier3')).mayApply).toBe(false);
  });

  it('the new member is invited to the next second-round competition and offers in it', async () => {
    const res = await t.api('POST', `/api/projects/${f.projectId}/framework/orders`, {
      cookie: await t.signIn('purchaser'),
      body: { mode: 'competition', title: '第一批办公用品', deadline: shanghaiInstant('2026-03-27', '10:00').toISOString() },
    });
    expect(res.status).toBe(201);
    const orderId = res.body.orders.at(-1).id;
    expect((await view('supplier3')).orders.find((x: { id: string }) => x.id === orderId)).toMatchObject({ mayOffer: true });
    expect((await t.api('POST', `/api/framework-orders/${orderId}/offers`, { cookie: await t.signIn('supplier3'), body: { priceFen: yuan(2_700_000) } })).status).toBe(201);
  });

  it('a member leaves by notice within the term and takes part in no later order', async () => {
    expect((await view('supplier4')).mayLeave).toBe(true);
    expect((await view('supplier-sd')).mayLeave).toBe(false);
    expect((await t.api('POST', `/api/projects/${f.projectId}/framework/withdrawal`, { cookie: await t.signIn('supplier-sd') })).body).toMatchObject({ code: 'NOT_A_MEMBER', ruleId: 'FA-09' });
    const left = await t.api('POST', `/api/projects/${f.projectId}/framework/withdrawal`, { cookie: await t.signIn('supplier4') });
    expect(left.status).toBe(200);
    const supplier4 = await entityOf('supplier4');
    expect(left.body.agreement.members.map((m: { supplierEntityId: string }) => m.supplierEntityId)).not.toContain(supplier4);
    const direct = await t.api('POST', `/api/projects/${f.projectId}/framework/orders`, {
      cookie: await t.signIn('purchaser'),
      body: { mode: 'direct', title: '第二批办公用品', supplierEntityId: supplier4, priceFen: yuan(100), contract: { performancePeriod: '15日内交货', performancePlace: '采购人指定地点', paymentTermDays: 30, acceptanceCriteria: '数量相符', dueDate: '2026-04-30', terms: '按框架协议执行' } },
    });
    expect(direct.body).toMatchObject({ code: 'NOT_A_MEMBER' });
    expect((await view('supplier4')).mayApply).toBe(true);
  });

  it('takes no application after the term', async () => {
    // The day after the last day (a short term, so the demo passwords have not expired).
    t.clock.set(shanghaiInstant('2026-05-01', '00:00'));
    expect((await view('supplier-sd')).mayApply).toBe(false);
    const late = await apply('supplier-sd');
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'OUTSIDE_TERM', ruleId: 'FA-09' });
  });
});
