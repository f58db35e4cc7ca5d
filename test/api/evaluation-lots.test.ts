import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { unwrapContentKey } from '../../src/trading/bids/sealing';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, prepareBidder, publishProject, type Bidder } from '../support/tendering';

/** A project of two lots: one fails at the opening for want of bids (GP-33), the committee evaluates the other. */
let t: TestPlatform;
beforeAll(async () => (t = await startTestPlatform({ demo: true, listen: true })));
afterAll(() => t?.close());

describe('evaluating only the lots that were opened', () => {
  it('leaves a lot that failed at the opening out of the sheet, refuses records on it, lets the agency extend the period and the committee elect its chair, and completes the project on the other', async () => {
    const deadline = shanghaiInstant('2026-03-23', '10:00');
    const p = await publishProject(t, { documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: deadline.toISOString(), budgetYuan: 5_000_000, lots: 2 });
    const lots = (await t.api('GET', `/api/public/projects/${p.projectId}`)).body.lots as { id: string; lotNo: number }[];
    const [lot1, lot2] = [lots.find((l) => l.lotNo === 1)!.id, lots.find((l) => l.lotNo === 2)!.id];
    const bidders: Bidder[] = [];
    for (const [i, name] of ['supplier1', 'supplier2', 'supplier4'].entries()) {
      bidders.push(await prepareBidder(t, name, p.projectId));
      await bid(t, bidders[i]!, lot1, 2_300_000 + i * 10_000);
    }
    await bid(t, bidders[0]!, lot2, 2_400_000); // the only bid on lot 2
    const agency = await t.signIn('agency');
    const start = shanghaiInstant('2026-03-23', '11:00');
    const committee = { size: 5, experts: 5, purchaserRepresentativeIds: [], specialities: ['A02'], complex: false, evaluationStartsAt: start.toISOString(), evaluationEndsAt: shanghaiInstant('2026-03-23', '17:00').toISOString() };
    expect((await t.api('POST', `/api/projects/${p.projectId}/committee`, { cookie: agency, body: committee })).status).toBe(201);
    const members: Record<string, string> = {};
    for (const name of ['expert1', 'expert2', 'expert3', 'expert4', 'expert5', 'expert6', 'expert7']) {
      const cookie = await t.signIn(name);
      if ((await t.api('GET', '/api/evaluations', { cookie })).body.length === 0) continue;
      expect((await t.api('POST', `/api/evaluations/${p.projectId}/response`, { cookie, body: { accept: true } })).status).toBe(200);
      members[name] = cookie;
    }

    t.clock.set(deadline);
    await t.jobs.runDue();
    for (const b of bidders) {
      b.cookie = await t.signIn(b.username);
      for (const mine of (await t.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie: b.cookie })).body.filter((x: { status: string }) => x.status === 'submitted'))
        await t.api('POST', `/api/lots/${mine.lotId}/bids/${mine.id}/decryption`, { cookie: b.cookie, body: { contentKey: await unwrapContentKey(b.keyPair.privateKey, mine.wrappedKey) } });
    }
    t.clock.set(start);
    await t.jobs.runDue();
    // The committee needs longer: the agency extends the period, with a reason, and the members work on past the old end.
    const agent = await t.signIn('agency');
    const extension = (endsAt: string) => t.api('POST', `/api/projects/${p.projectId}/committee/extension`, { cookie: agent, body: { evaluationEndsAt: endsAt, reason: '投标文件较多，评审需延长' } });
    expect((await extension(shanghaiInstant('2026-03-23', '16:00').toISOString())).status).toBe(422);
    expect((await extension(shanghaiInstant('2026-03-23', '19:00').toISOString())).body.evaluationEndsAt).toBe(shanghaiInstant('2026-03-23', '19:00').toISOString());
    t.clock.set(shanghaiInstant('2026-03-23', '17:30'));

    for (const name of Object.keys(members)) members[name] = await t.signIn(name);
    const cookie = Object.values(members)[0]!;
    let sheet = (await t.api('GET', `/api/evaluations/${p.projectId}/sheet`, { cookie })).body;

    // The committee elects its chair: the provisional chair (first to confirm) stays until a candidate has 3 of 5 votes.
    const provisional = sheet.members.find((m: { isChair: boolean }) => m.isChair).personId;
    const candidate = sheet.members.find((m: { isChair: boolean }) => !m.isChair).personId;
    for (const [i, c] of Object.values(members).slice(0, 3).entries()) {
      const vote = await t.api('POST', `/api/evaluations/${p.projectId}/chair-votes`, { cookie: c, body: { candidateId: candidate } });
      expect(vote.body.chair).toBe(i < 2 ? provisional : candidate);
    }
    sheet = (await t.api('GET', `/api/evaluations/${p.projectId}/sheet`, { cookie })).body;
    expect(sheet.members.filter((m: { isChair: boolean }) => m.isChair).map((m: { personId: string }) => m.personId)).toEqual([candidate]);
    expect(sheet.lots.map((l: { lotNo: number }) => l.lotNo)).toEqual([1]);
    const onFailed = await t.api('POST', `/api/evaluations/${p.projectId}/lots/${lot2}/submission`, { cookie });
    expect(onFailed.status).toBe(409);

    const bidIds = sheet.lots[0].bids.map((b: { bidId: string }) => b.bidId);
    for (const c of Object.values(members)) {
      const reviews = bidIds.flatMap((bidId: string) => ['qualification', 'compliance'].map((criterion) => ({ bidId, criterion, passed: true })));
      const scores = bidIds.flatMap((bidId: string) => [
        { bidId, criterion: '技术', points: 40 },
        { bidId, criterion: '商务', points: 15 },
      ]);
      await t.api('PUT', `/api/evaluations/${p.projectId}/lots/${lot1}/sheet`, { cookie: c, body: { reviews, scores } });
      expect((await t.api('POST', `/api/evaluations/${p.projectId}/lots/${lot1}/submission`, { cookie: c })).status).toBe(200);
    }
    for (const c of Object.values(members)) expect((await t.api('POST', `/api/evaluations/${p.projectId}/lots/${lot1}/signatures`, { cookie: c, body: { agreed: true } })).status).toBe(200);
    const project = (await t.api('GET', `/api/public/projects/${p.projectId}`)).body;
    expect(project.status).toBe('evaluated');
    expect(project.lots.map((l: { lotNo: number; status: string }) => [l.lotNo, l.status]).sort()).toEqual([
      [1, 'evaluated'],
      [2, 'failed'],
    ]);
  });
});
