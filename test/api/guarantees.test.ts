import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-accounts';
import { createEntityWithAccounts, completeCreditCode } from '../../src/identity';
import { bidValidityEnd } from '../../src/money';
import { addCalendarDays } from '../../src/platform/calendar/calendar';
import { systemContext } from '../../src/platform/context';
import { queryRows } from '../../src/platform/database/database';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { openedProject, type PublishedProject } from '../support/tendering';

/**
 * E-guarantees as bid security on a real database (PGlite, or PostgreSQL with DATABASE_URL): a
 * supplier applies, the issuer approves (number, check code) or declines, anyone verifies, nothing
 * of it reaches the purchaser or agency before the opening, the opening shows 'guaranteeValid'
 * (GP-21, PAY-06) without the issuer, and the purchaser's side claims once.
 */
let t: TestPlatform;
let otherIssuerId: string;

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  const first17 = '91310000MA1GUAR02';
  otherIssuerId = await createEntityWithAccounts(systemContext(t.platform), { name: '上海另一担保有限公司', entityType: 'guarantor', creditCode: completeCreditCode(first17), regionCode: '310000', contactName: '测试', contactPhone: '021-00000000', address: '上海市' }, [
    { username: 'guarantor-other', displayName: '另一机构经办人', roles: ['guarantor'], password: DEMO_PASSWORD, isEntityAdmin: true },
  ]);
}, 120_000);
afterAll(() => t?.close());

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.platform.database.db, query);
/** What a refused request must leave as it was (refusals and sign-ins write their own audit entries, so only this area's count). */
const state = async () =>
  (await rows<{ g: number; c: number; audit: number; changed: string | null }>(
    sql`SELECT (SELECT count(*)::int FROM guarantee) AS g, (SELECT count(*)::int FROM guarantee_claim) AS c, (SELECT count(*)::int FROM audit_entry WHERE action LIKE 'guarantee.%') AS audit,
               (SELECT string_agg(id::text || status || coalesce(decided_at::text, ''), ',' ORDER BY id) FROM guarantee) AS changed`,
  ))[0]!;

function expectBilingual(res: { status: number; body: { code: string; messages: Record<string, string> } }, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.code).toBe(code);
  expect(res.body.messages['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  expect(res.body.messages['en-US']).toMatch(/[a-z]/);
}

const REQUIRED = 6_000_000; // 2 % of the 3,000,000-yuan budget
const bidders = { supplier1: 2_900_000, supplier2: 2_950_000, supplier3: 2_980_000, supplier4: 2_990_000 };
let project: PublishedProject & { bidIds: Record<string, string> };
/** What happened before the deadline, asserted in the tests below. */
const before: Record<string, any> = {};

describe('e-guarantees as bid security', () => {
  beforeAll(async () => {
    project = await openedProject(t, bidders, {
      async beforeDeadline(p, b) {
        const validityEnd = bidValidityEnd(new Date(p.deadline));
        const guarantor = await t.signIn('guarantor');
        const s1 = b.supplier1!.cookie;
        const s2 = b.supplier2!.cookie;
        const s3 = b.supplier3!.cookie;

        before.mine = await t.api('GET', `/api/lots/${p.lotId}/my-guarantees`, { cookie: s1 });
        const issuer = before.mine.body.issuers.find((i: { name: string }) => i.name === '上海演示融资担保有限公司');
        before.issuerId = issuer.id;

        // Bad input changes nothing.
        const unchanged = await state();
        const supplierEntity = (await t.api('GET', '/api/entities', { cookie: s1 })).body.items[0].id;
        before.refusals = [
          [await t.api('POST', `/api/lots/${p.lotId}/guarantees`, { cookie: s1, body: { issuerEntityId: issuer.id, validUntil: addCalendarDays(validityEnd, -1) } }), 422, 'GUARANTEE_VALIDITY_TOO_SHORT'],
          [await t.api('POST', `/api/lots/${p.lotId}/guarantees`, { cookie: s1, body: { issuerEntityId: supplierEntity, validUntil: validityEnd } }), 422, 'GUARANTOR_UNKNOWN'],
          [await t.api('POST', `/api/lots/${p.lotId}/guarantees`, { cookie: s1, body: { issuerEntityId: issuer.id, validUntil: '2026-13-40' } }), 400, 'VALIDATION'],
          [await t.api('POST', `/api/lots/${p.lotId}/guarantees`, { cookie: s1, body: { issuerEntityId: issuer.id, validUntil: '2030-01-01' } }), 422, 'GUARANTEE_VALIDITY_TOO_LONG'],
        ];
        before.refusalState = [unchanged, await state()];

        // supplier1: applied and approved. supplier2: declined, then applied again and left pending.
        before.s1Applied = await t.api('POST', `/api/lots/${p.lotId}/guarantees`, { cookie: s1, body: { issuerEntityId: issuer.id, validUntil: validityEnd } });
        before.s1Again = await t.api('POST', `/api/lots/${p.lotId}/guarantees`, { cookie: s1, body: { issuerEntityId: issuer.id, validUntil: validityEnd } });
        const s2Applied = await t.api('POST', `/api/lots/${p.lotId}/guarantees`, { cookie: s2, body: { issuerEntityId: issuer.id, validUntil: addCalendarDays(validityEnd, 30) } });
        // supplier3 applies to another issuer: the demo issuer neither sees it nor may decide on it.
        before.s3Applied = await t.api('POST', `/api/lots/${p.lotId}/guarantees`, { cookie: s3, body: { issuerEntityId: otherIssuerId, validUntil: validityEnd } });
        before.queue = await t.api('GET', '/api/guarantor/guarantees', { cookie: guarantor });
        before.foreignDecision = await t.api('POST', `/api/guarantees/${before.s3Applied.body.id}/approval`, { cookie: guarantor });

        before.declineEmpty = await t.api('POST', `/api/guarantees/${s2Applied.body.id}/decline`, { cookie: guarantor, body: { reason: ' ' } });
        before.declined = await t.api('POST', `/api/guarantees/${s2Applied.body.id}/decline`, { cookie: guarantor, body: { reason: '反担保材料不足' } });
        before.declinedAgain = await t.api('POST', `/api/guarantees/${s2Applied.body.id}/approval`, { cookie: guarantor });
        before.s2Reapplied = await t.api('POST', `/api/lots/${p.lotId}/guarantees`, { cookie: s2, body: { issuerEntityId: issuer.id, validUntil: validityEnd } });
        before.s2Mine = await t.api('GET', `/api/lots/${p.lotId}/my-guarantees`, { cookie: s2 });

        before.approved = await t.api('POST', `/api/guarantees/${before.s1Applied.body.id}/approval`, { cookie: guarantor });
        before.supplierApproves = await t.api('POST', `/api/guarantees/${before.s1Applied.body.id}/approval`, { cookie: s2 });

        // The public verification.
        const { guaranteeNumber, checkCode } = before.approved.body;
        before.verified = await t.api('GET', `/api/public/guarantees/verification?number=${guaranteeNumber}&checkCode=${encodeURIComponent(checkCode.toLowerCase().replace(/-/g, ' '))}`);
        const wrongCode = checkCode.slice(0, -1) + (checkCode.endsWith('0') ? '1' : '0');
        before.wrongCode = await t.api('GET', `/api/public/guarantees/verification?number=${guaranteeNumber}&checkCode=${wrongCode}`);
        before.wrongNumber = await t.api('GET', `/api/public/guarantees/verification?number=BH2026030200000000&checkCode=${checkCode}`);
        before.pendingNumber = await t.api('GET', `/api/public/guarantees/verification?number=&checkCode=${checkCode}`);

        // What the purchaser's side and the overseers can learn before the opening.
        before.views = {};
        for (const who of ['purchaser', 'agency', 'supervisor', 'operator']) {
          const cookie = await t.signIn(who);
          before.views[`${who} lot guarantees`] = await t.api('GET', `/api/lots/${p.lotId}/guarantees`, { cookie });
          before.views[`${who} claim`] = await t.api('POST', `/api/guarantees/${before.s1Applied.body.id}/claim`, { cookie, body: { reason: '中标后拒签合同', basis: '招标文件第二章' } });
          before.views[`${who} claim on nothing`] = await t.api('POST', '/api/guarantees/00000000-0000-4000-8000-000000000000/claim', { cookie, body: { reason: '中标后拒签合同', basis: '招标文件第二章' } });
          before.views[`${who} inbox`] = await t.api('GET', '/api/inbox', { cookie });
          before.views[`${who} opening`] = await t.api('GET', `/api/lots/${p.lotId}/opening`, { cookie });
          if (['supervisor', 'operator'].includes(who)) before.views[`${who} audit`] = await t.api('GET', '/api/audit/entries?limit=500', { cookie });
        }
        before.pendingId = before.s2Reapplied.body.id;
      },
    });
  }, 300_000);

  it('applies with the lot’s amount and beneficiary, refusing bad input bilingually and changing nothing', () => {
    expect(before.mine.status).toBe(200);
    expect(before.mine.body).toMatchObject({ requiredFen: REQUIRED, beneficiaryName: '上海市徐汇区教育局', open: true, bidValidityEnd: '2026-06-21', guarantees: [] });
    for (const [res, status, code] of before.refusals) expectBilingual(res, status, code);
    expect(before.refusalState[1]).toEqual(before.refusalState[0]);
    expect(before.s1Applied.status, JSON.stringify(before.s1Applied.body)).toBe(200);
    expect(before.s1Applied.body).toMatchObject({ status: 'applied', amountFen: REQUIRED, beneficiaryName: '上海市徐汇区教育局', issuerName: '上海演示融资担保有限公司', validUntil: '2026-06-21', guaranteeNumber: null, checkCode: null });
    expectBilingual(before.s1Again, 409, 'GUARANTEE_ALREADY_APPLIED');
  });

  it('shows the issuer its own queue only, and lets it decide on its own applications only', () => {
    expect(before.queue.status).toBe(200);
    expect(before.queue.body.map((g: { supplierName: string }) => g.supplierName).sort()).toEqual(['上海浦江数据服务有限公司', '上海申联信息科技有限公司']);
    expect(before.s3Applied.status).toBe(200);
    expect(before.foreignDecision.status).toBe(404);
    expect(before.supplierApproves.status).toBe(403);
  });

  it('declines with a reason; the supplier sees it and may apply again', () => {
    expect(before.declineEmpty.status).toBe(400);
    expect(before.declined.body).toMatchObject({ status: 'declined', declineReason: '反担保材料不足', guaranteeNumber: null });
    expectBilingual(before.declinedAgain, 409, 'GUARANTEE_ALREADY_DECIDED');
    expect(before.s2Reapplied.status).toBe(200);
    expect(before.s2Mine.body.guarantees.map((g: { status: string }) => g.status)).toEqual(['applied', 'declined']);
  });

  it('approves with a number, validity and check code that anyone can verify, and a wrong part tells nothing', () => {
    expect(before.approved.status, JSON.stringify(before.approved.body)).toBe(200);
    expect(before.approved.body).toMatchObject({ status: 'approved', amountFen: REQUIRED, validUntil: '2026-06-21' });
    expect(before.approved.body.guaranteeNumber).toMatch(/^BH\d{16}$/);
    expect(before.approved.body.checkCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(before.verified.status).toBe(200);
    expect(before.verified.body).toMatchObject({ guaranteeNumber: before.approved.body.guaranteeNumber, state: 'valid', issuerName: '上海演示融资担保有限公司', beneficiaryName: '上海市徐汇区教育局', applicantName: '上海申联信息科技有限公司', amountFen: REQUIRED, validUntil: '2026-06-21' });
    expectBilingual(before.wrongCode, 404, 'GUARANTEE_NOT_FOUND');
    expect(before.wrongNumber.body).toEqual(before.wrongCode.body);
    expect(before.pendingNumber.status).toBe(400);
  });

  it('tells the purchaser, the agency and the overseers nothing of any application before the opening', () => {
    const views = before.views as Record<string, { status: number; body: any }>;
    for (const who of ['purchaser', 'agency']) {
      expectBilingual(views[`${who} lot guarantees`] as never, 409, 'GUARANTEES_SEALED');
      // The same answer as for a guarantee that does not exist.
      // Everything but the Date header, which ticks between the two requests.
      expect(withoutDate(views[`${who} claim`]), who).toEqual(withoutDate(views[`${who} claim on nothing`]));
      expect(views[`${who} claim`]!.status, who).toBe(404);
    }
    for (const who of ['supervisor', 'operator']) {
      expect([403, 404]).toContain(views[`${who} lot guarantees`]!.status);
      expect([403, 404]).toContain(views[`${who} claim`]!.status);
    }
    for (const [what, res] of Object.entries(views)) {
      if (['GUARANTEES_SEALED', 'NOT_FOUND'].includes(res.body?.code)) continue; // refusals, the same whoever applied (compared above)
      // The registers of entities, people and experts (an expert names its employer), and of the e-mall's suppliers, are not about bidding.
      const body = what.endsWith('audit') ? res.body.items.filter((e: { subjectType: string }) => !['entity', 'person', 'expert', 'mall_application'].includes(e.subjectType)) : res.body;
      const text = JSON.stringify(body);
      expect(text, what).not.toMatch(/guarantee\.|保函|BH20\d{14}/);
      for (const name of ['上海申联信息科技有限公司', '上海浦江数据服务有限公司', '上海华东智能设备股份有限公司']) expect(text, what).not.toContain(name);
    }
  });

  it('shows ‘guarantee valid’ at the opening for the bid it secures, without the issuer or the number', async () => {
    const agency = await t.signIn('agency');
    const record = await t.api('GET', `/api/lots/${project.lotId}/opening`, { cookie: agency });
    expect(record.status).toBe(200);
    const bySupplier = Object.fromEntries(
      (record.body.entries as { bidId: string; depositStatus: { status: string; ruleId: string | null } }[]).map((e) => [Object.entries(project.bidIds).find(([, id]) => id === e.bidId)![0], e.depositStatus]),
    );
    expect(bySupplier).toEqual({
      supplier1: { status: 'guaranteeValid', ruleId: null, requiredFen: REQUIRED, receivedInTimeFen: 0, receivedLateFen: 0 },
      supplier2: { status: 'missing', ruleId: 'GP-21', requiredFen: REQUIRED, receivedInTimeFen: 0, receivedLateFen: 0 }, // its application is still pending
      supplier3: { status: 'missing', ruleId: 'GP-21', requiredFen: REQUIRED, receivedInTimeFen: 0, receivedLateFen: 0 }, // never approved
      supplier4: { status: 'missing', ruleId: 'GP-21', requiredFen: REQUIRED, receivedInTimeFen: 0, receivedLateFen: 0 },
    });
    const text = JSON.stringify(record.body);
    expect(text).not.toContain('担保');
    expect(text).not.toContain(before.approved.body.guaranteeNumber);
    const pub = await t.api('GET', `/api/public/lots/${project.lotId}/opening`);
    expect(JSON.stringify(pub.body)).not.toContain(before.approved.body.guaranteeNumber);
    expect(pub.body.entries.map((e: { depositStatus: { status: string } }) => e.depositStatus.status).sort()).toEqual(['guaranteeValid', 'missing', 'missing', 'missing']);
  });

  it('issues nothing after the deadline: an approval then would secure no bid', async () => {
    const guarantor = await t.signIn('guarantor');
    const before2 = await state();
    expectBilingual(await t.api('POST', `/api/guarantees/${before.pendingId}/approval`, { cookie: guarantor }), 409, 'GUARANTEE_DEADLINE_PASSED');
    expectBilingual(await t.api('POST', `/api/lots/${project.lotId}/guarantees`, { cookie: await t.signIn('supplier4'), body: { issuerEntityId: before.issuerId, validUntil: '2026-06-21' } }), 409, 'GUARANTEE_APPLICATION_CLOSED');
    expect(await state()).toEqual(before2);
  });

  it('lets the purchaser’s side claim once after the opening; the issuer records the outcome once', async () => {
    const agency = await t.signIn('agency');
    const purchaser = await t.signIn('purchaser');
    const guarantor = await t.signIn('guarantor');
    const id = before.s1Applied.body.id;
    const listed = await t.api('GET', `/api/lots/${project.lotId}/guarantees`, { cookie: purchaser });
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject([{ id, status: 'approved', supplierName: '上海申联信息科技有限公司', checkCode: null, claim: null }]);

    const unchanged = await state();
    expectBilingual(await t.api('POST', `/api/guarantees/${id}/claim`, { cookie: agency, body: { reason: '中标后无正当理由拒签合同', basis: '招标文件第二章第15条', amountFen: REQUIRED + 1 } }), 422, 'CLAIM_EXCEEDS_GUARANTEE');
    expectBilingual(await t.api('POST', `/api/guarantees/${id}/claim`, { cookie: agency, body: { reason: '', basis: '招标文件第二章第15条' } }), 400, 'VALIDATION');
    expect((await t.api('POST', `/api/guarantees/${id}/claim`, { cookie: await t.signIn('supplier1'), body: { reason: '中标后拒签合同', basis: '招标文件' } })).status).toBe(403);
    expectBilingual(await t.api('POST', `/api/guarantees/${id}/claim/settlement`, { cookie: guarantor, body: { outcome: 'paid' } }), 409, 'NO_CLAIM');
    expect(await state()).toEqual(unchanged);

    const claim = await t.api('POST', `/api/guarantees/${id}/claim`, { cookie: agency, body: { reason: '中标后无正当理由拒签合同', basis: '招标文件第二章第15条' } });
    expect(claim.status, JSON.stringify(claim.body)).toBe(200);
    expect(claim.body.claim).toMatchObject({ status: 'filed', amountFen: REQUIRED, reason: '中标后无正当理由拒签合同' });
    expectBilingual(await t.api('POST', `/api/guarantees/${id}/claim`, { cookie: purchaser, body: { reason: '再次索赔', basis: '招标文件' } }), 409, 'GUARANTEE_ALREADY_CLAIMED');
    const [row] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM guarantee_claim WHERE guarantee_id = ${id}`);
    expect(row!.n).toBe(1);

    const queue = await t.api('GET', '/api/guarantor/guarantees', { cookie: guarantor });
    expect(queue.body.find((g: { id: string }) => g.id === id).claim).toMatchObject({ status: 'filed' });
    expectBilingual(await t.api('POST', `/api/guarantees/${id}/claim/settlement`, { cookie: guarantor, body: { outcome: 'declined' } }), 422, 'DECLINE_REASON_REQUIRED');
    expect((await t.api('POST', `/api/guarantees/${id}/claim/settlement`, { cookie: agency, body: { outcome: 'paid' } })).status).toBe(403);
    const paid = await t.api('POST', `/api/guarantees/${id}/claim/settlement`, { cookie: guarantor, body: { outcome: 'paid', note: '已于当日赔付' } });
    expect(paid.body.claim).toMatchObject({ status: 'paid', settlementNote: '已于当日赔付' });
    expectBilingual(await t.api('POST', `/api/guarantees/${id}/claim/settlement`, { cookie: guarantor, body: { outcome: 'declined', note: '改变主意' } }), 409, 'CLAIM_ALREADY_SETTLED');

    const { guaranteeNumber, checkCode } = before.approved.body;
    expect((await t.api('GET', `/api/public/guarantees/verification?number=${guaranteeNumber}&checkCode=${checkCode}`)).body.state).toBe('claimPaid');
  });

  it('claims race: of several at once exactly one is filed', async () => {
    // No guarantee can be approved after the deadline, so supplier3's application (to the other issuer) is
    // marked approved in the database, as if it had been before the deadline, for the race.
    const id = before.s3Applied.body.id;
    await t.platform.database.execAsOwner(`UPDATE guarantee SET status = 'approved', decided_at = now(), valid_from = '2026-03-10', guarantee_number = 'BH2026031000000001', check_code = 'AAAA-BBBB-CCCC' WHERE id = '${id}'`);
    const agency = await t.signIn('agency');
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => t.api('POST', `/api/guarantees/${id}/claim`, { cookie: agency, body: { reason: `拒签合同 ${i}`, basis: '招标文件' } })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'GUARANTEE_ALREADY_CLAIMED')).toBe(true);
    const [row] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM guarantee_claim WHERE guarantee_id = ${id}`);
    expect(row!.n).toBe(1);
  });

  it('audits every step, sealed as the bidder’s until the opening, and the auditors see them now', async () => {
    const audit = await rows<{ action: string; sealed: string | null; project_id: string | null }>(sql`SELECT action, sealed, project_id FROM audit_entry WHERE action LIKE 'guarantee.%' ORDER BY seq`);
    const sealedActions = audit.filter((a) => ['guarantee.apply', 'guarantee.approve', 'guarantee.decline'].includes(a.action));
    expect(sealedActions.length).toBe(6); // four applications (one again after its decline), one decline, one approval
    for (const a of sealedActions) expect(a).toMatchObject({ sealed: 'bidder', project_id: project.projectId });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['guarantee.claim', 'guarantee.claim_paid']));
    const seen = await t.api('GET', '/api/audit/entries?action=guarantee.apply&limit=50', { cookie: await t.signIn('supervisor') });
    expect(seen.body.items.length).toBe(4);
  });
});

function withoutDate(res: { status: number; body: unknown; headers?: Record<string, unknown> } | undefined) {
  if (!res?.headers) return res;
  const { date: _ticks, ...headers } = res.headers;
  return { ...res, headers };
}
