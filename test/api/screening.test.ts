import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { draftProject, publishProject } from '../support/tendering';

/**
 * Preventive screening (issue 13): before publishing, the agency sees which clause of its notice
 * discriminates and under which rule; it may still publish, and then the notice is in the
 * supervisors' queue. A clean notice is not.
 */
let t: TestPlatform;
const as = async (username: string) => ({ cookie: await t.signIn(username) });
const schedule = { documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: shanghaiInstant('2026-03-23', '10:00').toISOString() };
const restrictive = ['满足《政府采购法》第二十二条规定', '投标人注册资本不低于1000万元，且近三年在上海市范围内具有同类项目业绩'];

beforeAll(async () => {
  t = await startTestPlatform({ demo: true });
});
afterAll(async () => t?.close());

describe('screening a tender notice before it is published', () => {
  it('shows the agency each discriminatory clause with its rule, and changes nothing', async () => {
    const draft = await draftProject(t, { title: '徐汇区中小学多媒体设备采购' });
    const res = await t.api('POST', `/api/projects/${draft.projectId}/screening`, { ...(await as('agency')), body: { qualifications: restrictive } });
    expect(res.status).toBe(200);
    const codes = res.body.warnings.map((w: { code: string }) => w.code).sort();
    expect(codes).toEqual(expect.arrayContaining(['TS-01', 'TS-04']));
    const capital = res.body.warnings.find((w: { code: string }) => w.code === 'TS-04');
    expect(capital).toMatchObject({ ruleId: 'GP-93', source: 'field:qualifications', documentName: null, match: { text: expect.stringContaining('注册资本') } });
    expect(capital.excerpt).toContain('注册资本不低于1000万元');
    expect(capital.message['zh-CN'].length).toBeGreaterThan(5);
    // The first requirement is the law's own and draws no warning.
    expect(res.body.warnings.every((w: { excerpt: string }) => !w.excerpt.includes('第二十二条'))).toBe(true);
    // A supplier may not screen someone else's project; the project is still a draft.
    expect((await t.api('POST', `/api/projects/${draft.projectId}/screening`, { ...(await as('supplier1')), body: { qualifications: restrictive } })).status).toBe(403);
    expect((await t.api('GET', '/api/projects', await as('agency'))).body.find((p: { id: string }) => p.id === draft.projectId).status).toBe('draft');
  });

  it('publishing despite a warning puts the notice in the supervisors’ queue; a clean one stays out', async () => {
    const draft = await draftProject(t, { title: '徐汇区中小学体育器材采购' });
    const published = await t.api('POST', `/api/projects/${draft.projectId}/publication`, {
      ...(await as('agency')),
      body: { revision: draft.revision, ...schedule, contractPeriod: '合同签订后60日内交付', consortiumAllowed: false, qualifications: restrictive },
    });
    expect(published.status).toBe(200);
    const clean = await publishProject(t, { title: '徐汇区中小学课桌椅采购', ...schedule });
    const queue = (await t.api('GET', '/api/supervision/screening-queue', await as('supervisor-xh'))).body;
    expect(queue.map((q: { title: string }) => q.title)).toEqual(['徐汇区中小学体育器材采购']);
    expect(queue[0].warnings.map((w: { code: string }) => w.code)).toContain('TS-04');
    expect(queue.some((q: { projectId: string }) => q.projectId === clean.projectId)).toBe(false);
    // Shandong's supervisor does not see Shanghai's queue.
    expect((await t.api('GET', '/api/supervision/screening-queue', await as('supervisor-sd'))).body).toEqual([]);
  });
});
