import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { draftProject, evaluatedFramework, passAndSignLot, yuan } from '../support/tendering';

/**
 * 框架协议采购 (财政部令第110号) through the API, at its rules' boundaries: the admission (FA-04 counts
 * and elimination, FA-05 term; the open kind, FA-09, in framework-open.test.ts), a direct order (FA-08 ceiling, members only), and a
 * second-round competition (FA-07: one sealed offer per member within the ceiling, nothing — not even
 * the count — visible before the deadline, the lowest winning), each order ending in a contract that is
 * signed and accepted like any other.
 */
let t: TestPlatform;
let f: Awaited<ReturnType<typeof evaluatedFramework>>;
const entityOf = async (username: string) => (await t.api('GET', '/api/session', { cookie: await t.signIn(username) })).body.entity.id as string;
const view = async (username: string | null) => (await t.api('GET', `/api/public/projects/${f.projectId}/framework`, username ? { cookie: await t.signIn(username) } : {})).body;
const contractTerms = { performancePeriod: '订单下达后15日内交货', performancePlace: '采购人指定地点', paymentTermDays: 30, acceptanceCriteria: '品牌型号与数量相符，外观完好', dueDate: '2026-05-30', terms: '按框架协议及征集文件合同条款执行' };

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  // Four respond; supplier3's response fails compliance, so three qualify.
  f = await evaluatedFramework(t, { supplier1: 2_850_000, supplier2: 2_800_000, supplier3: 2_700_000, supplier4: 2_900_000 });
  await passAndSignLot(t, f.projectId, f.lotId, f.members, [f.bidIds.supplier3!]);
}, 2_600_000);
afterAll(() => t?.close());

describe('FA-01: a framework agreement buys goods and services', () => {
  it('refuses works at creation', async () => {
    await expect(draftProject(t, { method: 'framework', category: 'works' })).rejects.toThrow(/FA-01|框架协议采购方式仅适用于货物和服务采购/);
  });
});

describe('the admission (FA-02, FA-04, FA-05)', () => {
  const admit = async (body: Record<string, unknown>, who = 'agency') => t.api('POST', `/api/projects/${f.projectId}/framework/admission`, { cookie: await t.signIn(who), body: { kind: 'closed', termStart: '2026-03-23', termEnd: '2027-03-22', ...body } });

  it('shows those running it how many responded, qualified and may be admitted', async () => {
    expect((await view('agency')).admission).toEqual({ responding: 4, qualifying: 3, maximumAdmitted: 2, minimumAdmitted: 2, termMonths: 12 });
    expect((await view('supplier1')).admission).toBeNull();
  });

  it('FA-04: at least one of the three qualifying is eliminated, and at least two admitted', async () => {
    const all = await admit({ admittedCount: 3 });
    expect(all.status).toBe(422);
    expect(all.body).toMatchObject({ code: 'TOO_FEW_ELIMINATED', ruleId: 'FA-04', details: { maximum: 2 } });
    expect((await admit({ admittedCount: 1 })).body).toMatchObject({ code: 'TOO_FEW_ADMITTED', ruleId: 'FA-04' });
  });

  it('FA-04: a closed framework needs its count (open ones: framework-open.test.ts); FA-05: a goods agreement runs at most 12 months', async () => {
    expect((await admit({})).body).toMatchObject({ code: 'ADMITTED_COUNT_REQUIRED', ruleId: 'FA-04' });
    expect((await admit({ admittedCount: 2, termEnd: '2027-03-23' })).body).toMatchObject({ code: 'TERM_TOO_LONG', ruleId: 'FA-05' });
  });

  it('admits the two best ranked qualifying suppliers at their prices, once', async () => {
    const res = await admit({ admittedCount: 2 });
    expect(res.status).toBe(201);
    expect(res.body.agreement).toMatchObject({ kind: 'closed', termStart: '2026-03-23', termEnd: '2027-03-22', ceilingFen: yuan(2_850_000) });
    expect(res.body.agreement.members.map((m: { supplierEntityId: string; rank: number; admittedPriceFen: number }) => [m.rank, m.admittedPriceFen])).toEqual([
      [1, yuan(2_800_000)],
      [2, yuan(2_850_000)],
    ]);
    expect(res.body.agreement.members.map((m: { supplierEntityId: string }) => m.supplierEntityId)).toEqual([await entityOf('supplier2'), await entityOf('supplier1')]);
    expect((await admit({ admittedCount: 2 })).status).toBe(409);
    // The project stands at its orders.
    const project = (await t.api('GET', `/api/public/projects/${f.projectId}`, { cookie: await t.signIn('purchaser') })).body;
    expect(project.status).toBe('awarded');
  });
});

describe('a direct order (FA-08)', () => {
  const order = async (body: Record<string, unknown>, who = 'purchaser') =>
    t.api('POST', `/api/projects/${f.projectId}/framework/orders`, { cookie: await t.signIn(who), body: { mode: 'direct', title: '第一批办公用品', contract: contractTerms, ...body } });

  it('costs at most the member’s admitted price, and goes to members only', async () => {
    const supplier2 = await entityOf('supplier2');
    expect((await order({ supplierEntityId: supplier2, priceFen: yuan(2_800_000) + 1 })).body).toMatchObject({ code: 'ABOVE_ADMITTED_PRICE', ruleId: 'FA-08' });
    expect((await order({ supplierEntityId: await entityOf('supplier4'), priceFen: yuan(100) })).body).toMatchObject({ code: 'NOT_A_MEMBER' });
    expect((await order({ supplierEntityId: supplier2, priceFen: yuan(100) }, 'agency')).status).toBe(403);
  });

  it('at the admitted price becomes a contract that is signed and accepted like any other', async () => {
    const supplier2 = await entityOf('supplier2');
    const res = await order({ supplierEntityId: supplier2, priceFen: yuan(2_800_000) });
    expect(res.status).toBe(201);
    const o = res.body.orders.at(-1);
    expect(o).toMatchObject({ mode: 'direct', status: 'decided', priceFen: yuan(2_800_000), contract: { status: 'draft' } });
    const id = o.contract.id;
    for (const who of ['supplier2', 'purchaser']) {
      const cookie = await t.signIn(who);
      const c = (await t.api('GET', `/api/contracts/${id}`, { cookie })).body;
      expect((await t.api('POST', `/api/contracts/${id}/signatures`, { cookie, body: { revision: c.revision } })).status).toBe(200);
    }
    const purchaser = await t.signIn('purchaser');
    expect((await t.api('GET', `/api/contracts/${id}`, { cookie: purchaser })).body).toMatchObject({ status: 'signed', priceFen: yuan(2_800_000), lotId: null });
    const accepted = await t.api('POST', `/api/contracts/${id}/acceptances`, { cookie: purchaser, body: { milestoneNo: 1, result: 'pass', findings: '数量、型号相符', members: ['孙强', '李娜'] } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('completed');
  });
});

describe('a second-round competition (FA-07)', () => {
  const deadline = shanghaiInstant('2026-03-27', '10:00');
  let orderId: string;
  const offer = async (who: string, priceFen: number) => t.api('POST', `/api/framework-orders/${orderId}/offers`, { cookie: await t.signIn(who), body: { priceFen } });

  it('invites every member, capped by the highest admitted price', async () => {
    const res = await t.api('POST', `/api/projects/${f.projectId}/framework/orders`, { cookie: await t.signIn('purchaser'), body: { mode: 'competition', title: '第二批办公用品', deadline: deadline.toISOString() } });
    expect(res.status).toBe(201);
    const o = res.body.orders.at(-1);
    expect(o).toMatchObject({ mode: 'competition', status: 'competing', ceilingFen: yuan(2_850_000), open: true, offers: null });
    orderId = o.id;
    const mine = (await view('supplier1')).orders.find((x: { id: string }) => x.id === orderId);
    expect(mine).toMatchObject({ mayOffer: true, myOffer: null });
  });

  it('takes one offer per member within the ceiling; a supplier outside the agreement is refused', async () => {
    expect((await offer('supplier1', yuan(2_850_000) + 1)).body).toMatchObject({ code: 'ABOVE_CEILING', ruleId: 'FA-07' });
    const outsider = await offer('supplier4', yuan(2_500_000));
    expect(outsider.status).toBe(403);
    expect(outsider.body).toMatchObject({ code: 'NOT_A_MEMBER', ruleId: 'FA-07' });
    expect((await offer('supplier1', yuan(2_780_000))).status).toBe(201);
    expect((await offer('supplier1', yuan(2_700_000))).body).toMatchObject({ code: 'ALREADY_OFFERED', ruleId: 'FA-07' });
    expect((await offer('supplier2', yuan(2_790_000))).status).toBe(201);
  });

  it('keeps the offers sealed before the deadline: no list, no count, no names, no audit entry — for anyone', async () => {
    for (const who of ['purchaser', 'agency', 'supervisor', 'operator', null]) {
      const o = (await view(who)).orders.find((x: { id: string }) => x.id === orderId);
      if (who === null || who === 'operator') {
        // The public sees no orders at all; the operator oversees the region (sees the order, not its offers).
        if (o) expect(o.offers).toBeNull();
        continue;
      }
      expect(o).toMatchObject({ offers: null, supplierName: null, priceFen: null });
      expect(JSON.stringify(o)).not.toMatch(/278000000|279000000|count/i);
    }
    // A member sees its own offer only.
    const mine = (await view('supplier2')).orders.find((x: { id: string }) => x.id === orderId);
    expect(mine).toMatchObject({ myOffer: { priceFen: yuan(2_790_000) }, mayOffer: false, offers: null });
    const audit = (await t.api('GET', `/api/audit/entries?subjectId=${orderId}&limit=500`, { cookie: await t.signIn('supervisor') })).body.items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['framework.order_competition']);
    expect((await t.api('POST', `/api/framework-orders/${orderId}/decision`, { cookie: await t.signIn('purchaser'), body: { contract: contractTerms } })).body).toMatchObject({ code: 'COMPETITION_RUNNING' });
  });

  it('after the deadline takes no more offers, shows them to the purchaser, and the lowest wins its contract', async () => {
    t.clock.set(deadline);
    expect((await offer('supplier1', yuan(2_600_000))).body).toMatchObject({ code: 'COMPETITION_CLOSED', ruleId: 'FA-07' });
    const purchaser = await t.signIn('purchaser');
    const before = (await view('purchaser')).orders.find((x: { id: string }) => x.id === orderId);
    expect(before.offers.map((x: { priceFen: number }) => x.priceFen).sort()).toEqual([yuan(2_780_000), yuan(2_790_000)]);
    expect(before.mayDecide).toBe(true);
    const audit = (await t.api('GET', `/api/audit/entries?subjectId=${orderId}&limit=500`, { cookie: await t.signIn('supervisor') })).body.items;
    expect(audit.filter((e: { action: string }) => e.action === 'framework.offer')).toHaveLength(2);
    const decided = await t.api('POST', `/api/framework-orders/${orderId}/decision`, { cookie: purchaser, body: { contract: contractTerms } });
    expect(decided.status).toBe(200);
    const o = decided.body.orders.find((x: { id: string }) => x.id === orderId);
    expect(o).toMatchObject({ status: 'decided', priceFen: yuan(2_780_000), contract: { status: 'draft' } });
    expect(o.supplierName).toBe((await t.api('GET', '/api/session', { cookie: await t.signIn('supplier1') })).body.entity.name);
    const c = (await t.api('GET', `/api/contracts/${o.contract.id}`, { cookie: purchaser })).body;
    expect(c).toMatchObject({ priceFen: yuan(2_780_000), supplierEntityId: await entityOf('supplier1'), status: 'draft' });
    expect((await t.api('POST', `/api/framework-orders/${orderId}/decision`, { cookie: purchaser, body: { contract: contractTerms } })).status).toBe(409);
  });
});
