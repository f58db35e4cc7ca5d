import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/database/database';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, prepareBidder, publishProject, startEvaluation, type Bidder, type PublishedProject } from '../support/tendering';

/**
 * Online supervision of an evaluation (issue 13): the committee stays confidential until the
 * evaluation begins; then the district's supervisor sees every member's scores beside the others',
 * the one that strays flagged (GP-61), and each member's assessment, which the trading centre
 * reads again on the expert's record.
 */
let t: TestPlatform;
let p: PublishedProject;
let members: string[];
const deadline = shanghaiInstant('2026-03-23', '10:00');
const as = async (username: string) => ({ cookie: await t.signIn(username) });

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  p = await publishProject(t, { title: '徐汇区中小学课桌椅采购', documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: deadline.toISOString() });
  const bidders: Bidder[] = [];
  for (const [i, name] of ['supplier1', 'supplier2', 'supplier4'].entries()) {
    bidders.push(await prepareBidder(t, name, p.projectId));
    await bid(t, bidders[i]!, p.lotId, 2_300_000 + i * 10_000);
  }
  expect((await t.api('GET', `/api/projects/${p.projectId}/evaluation-oversight`, await as('supervisor-xh'))).status).toBe(409);
  members = await startEvaluation(t, p.projectId, bidders, { deadline, start: shanghaiInstant('2026-03-23', '11:00') });
});
afterAll(async () => t?.close());

describe('watching an evaluation', () => {
  it('shows each member’s scores beside the others’ and flags the one far from them', async () => {
    const sheet = (await t.api('GET', `/api/evaluations/${p.projectId}/sheet`, await as(members[0]!))).body;
    const bidIds: string[] = sheet.lots[0].bids.map((b: { bidId: string }) => b.bidId);
    for (const [m, name] of members.entries()) {
      const cookie = (await as(name)).cookie;
      // The last member gives the first bid 28 on 技术 (weight 50) where the others give 40: 24 % of the weight below.
      const scores = bidIds.flatMap((bidId, i) => [
        { bidId, criterion: '技术', points: m === members.length - 1 && i === 0 ? 28 : 40 + i },
        { bidId, criterion: '商务', points: 15 },
      ]);
      const reviews = bidIds.flatMap((bidId) => ['qualification', 'compliance'].map((criterion) => ({ bidId, criterion, passed: true })));
      const saved = await t.api('PUT', `/api/evaluations/${p.projectId}/lots/${p.lotId}/sheet`, { cookie, body: { reviews, scores } });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect((await t.api('POST', `/api/evaluations/${p.projectId}/lots/${p.lotId}/submission`, { cookie })).status).toBe(200);
    }
    const view = await t.api('GET', `/api/projects/${p.projectId}/evaluation-oversight`, await as('supervisor-xh'));
    expect(view.status).toBe(200);
    const lot = view.body.lots[0];
    const [oddId] = await queryRows<{ id: string }>(t.platform.database.db, sql`SELECT id FROM person WHERE username = ${members.at(-1)!}`);
    const odd = view.body.members.find((m: { personId: string }) => m.personId === oddId!.id);
    expect(odd.name).not.toContain('('); // a bare name, as the committee shows it
    const flagged = lot.cells.filter((c: { flagged: boolean }) => c.flagged);
    expect(flagged).toEqual([expect.objectContaining({ personId: odd.personId, bidId: bidIds[0], criterion: '技术', points: 28, othersMedian: 40, deviation: -0.24 })]);
    expect(lot.assessments.find((a: { personId: string }) => a.personId === odd.personId)).toMatchObject({ timely: true, scoresGiven: 6, deviations: 1, largestDeviation: 0.24, complaintsUpheld: 0 });
    expect(lot.bids.map((b: { supplierName: string }) => b.supplierName).sort()).toHaveLength(3);
    // Suppliers and another province's supervisor do not watch.
    expect((await t.api('GET', `/api/projects/${p.projectId}/evaluation-oversight`, await as('supplier1'))).status).toBe(403);
    expect((await t.api('GET', `/api/projects/${p.projectId}/evaluation-oversight`, await as('supervisor-sd'))).status).toBe(403); // the project is public, its evaluation is not

    // The expert's record, as the trading centre reads it before suspending or debarring.
    const record = await t.api('GET', `/api/experts/${odd.personId}/assessments`, await as('operator'));
    expect(record.body).toEqual([expect.objectContaining({ projectId: p.projectId, deviations: 1, timely: true })]);
    expect((await t.api('GET', `/api/experts/${odd.personId}/assessments`, await as('operator-sd'))).status).toBe(404);
  });
});
