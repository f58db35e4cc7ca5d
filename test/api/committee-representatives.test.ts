import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { openedProject } from '../support/tendering';

/** A committee of four drawn experts and one purchaser representative (GP-40, GP-42, GP-43). */
let t: TestPlatform;
beforeAll(async () => (t = await startTestPlatform({ demo: true, listen: true })));
afterAll(() => t?.close());

describe('purchaser representatives', () => {
  it('sit beside the drawn experts: only purchaser staff, each once, and they evaluate like members', async () => {
    const start = shanghaiInstant('2026-03-23', '11:00');
    const request = (body: object) => ({ size: 5, experts: 4, specialities: ['A02'], complex: false, evaluationStartsAt: start.toISOString(), evaluationEndsAt: shanghaiInstant('2026-03-23', '17:00').toISOString(), ...body });
    const p = await openedProject(t, { supplier1: 2_640_000, supplier2: 2_720_000, supplier3: 2_590_000 }, {
      beforeDeadline: async (project) => {
        const agency = await t.signIn('agency');
        const candidates = (await t.api('GET', `/api/projects/${project.projectId}/representative-candidates`, { cookie: agency })).body;
        expect(candidates.map((c: { displayName: string }) => c.displayName).sort()).toEqual(['王磊', '赵丽'].sort());
        const zhaoLi = candidates.find((c: { displayName: string }) => c.displayName === '赵丽'); // the demo's 'purchaser'
        const agencyStaff = (await t.api('GET', '/api/session', { cookie: agency })).body.person.id;
        const url = `/api/projects/${project.projectId}/committee`;
        expect((await t.api('POST', url, { cookie: agency, body: request({ purchaserRepresentativeIds: [agencyStaff] }) })).body.ruleId).toBe('GP-43');
        const twice = await t.api('POST', url, { cookie: agency, body: request({ experts: 3, purchaserRepresentativeIds: [zhaoLi.id, zhaoLi.id] }) });
        expect(twice.status).toBe(400);
        expect(twice.body.fields[0].path).toBe('body.purchaserRepresentativeIds');
        const ok = await t.api('POST', url, { cookie: agency, body: request({ purchaserRepresentativeIds: [zhaoLi.id] }) });
        expect(ok.body).toMatchObject({ experts: 4, purchaserRepresentatives: 1, counts: { drawn: 4 } });
        for (const name of ['expert1', 'expert2', 'expert3', 'expert4', 'expert5', 'expert6']) {
          const cookie = await t.signIn(name);
          if ((await t.api('GET', '/api/evaluations', { cookie })).body.length) await t.api('POST', `/api/evaluations/${project.projectId}/response`, { cookie, body: { accept: true } });
        }
      },
    });
    t.clock.set(start);
    await t.jobs.runDue();
    const purchaser = await t.signIn('purchaser');
    const tasks = (await t.api('GET', '/api/evaluations', { cookie: purchaser })).body;
    expect(tasks).toMatchObject([{ projectId: p.projectId, kind: 'purchaserRepresentative', memberStatus: 'confirmed', open: true }]);
    const sheet = (await t.api('GET', `/api/evaluations/${p.projectId}/sheet`, { cookie: purchaser })).body;
    expect(sheet.members).toHaveLength(5);
    expect(sheet.lots[0].memberCount).toBe(5);
  });
});
