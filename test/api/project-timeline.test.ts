import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { TIMELINE_STEPS } from '../../src/trading/publication/timeline';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * 项目进度 (issue 11): a project's public timeline, 意向 → 公告 → 更正 → 开标记录 → 结果 → 合同 → 验收
 * → payment, each step linking to the notices that published it, and nothing about sealed bids
 * before the opening (GP-07).
 */
let t: TestPlatform;
let demo: Awaited<ReturnType<typeof seedDemoData>>;
type Step = { step: string; status: string; at: string | null; notices: { id: string; noticeType: string; title: string }[]; records: { lotId: string; lotNo: number }[] };
type Timeline = { summary: Record<string, unknown>; steps: Step[] };
let projects: { id: string; title: string; status: string; deadline: string | null }[] = [];

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-23T02:00:00.000Z' });
  demo = await seedDemoData(t.platform, { payments: false });
  projects = (await t.api('GET', '/api/projects?scope=public', { cookie: await t.signIn('supplier4') })).body;
}, 240_000);
afterAll(() => t?.close());

const timeline = async (id: string) => {
  const r = await t.api('GET', `/api/public/projects/${id}/timeline`);
  expect(r.status).toBe(200);
  return r.body as Timeline;
};
const order = (steps: Step[]) => steps.map((s) => TIMELINE_STEPS.indexOf(s.step as never));

describe('the public project timeline', () => {
  it('tells a finished project’s story in order, each step linking to its notices', async () => {
    const done = projects.find((p) => p.status === 'completed')!;
    const { summary, steps } = await timeline(done.id);
    expect(summary).toMatchObject({ projectId: done.id, title: done.title, method: 'openTender' });
    expect(summary.purchaserName).toBeTruthy();
    expect(summary.budgetFen).toBeGreaterThan(0);
    expect(order(steps)).toEqual([...order(steps)].sort((a, b) => a - b));
    const byStep = Object.fromEntries(steps.map((s) => [s.step, s]));
    for (const step of ['intention', 'tender', 'award', 'contract', 'acceptance']) {
      expect(byStep[step]!.status, step).toBe('done');
      for (const n of byStep[step]!.notices) {
        const notice = (await t.api('GET', `/api/public/notices/${n.id}`)).body;
        expect(notice.title).toBe(n.title);
        expect(notice.noticeType).toBe(n.noticeType);
      }
    }
    expect(byStep.acceptance!.notices).toHaveLength(2); // one per milestone
    // The opening step links each lot's public opening record.
    expect(byStep.openingRecord!.status).toBe('done');
    const [record] = byStep.openingRecord!.records;
    expect((await t.api('GET', `/api/public/lots/${record!.lotId}/opening`)).status).toBe(200);
    // Payments are still to come on the timeline.
    expect(byStep.payment!.status).toBe('pending');
    // Dates ascend along the steps that happened.
    const dates = steps.filter((s) => s.at).map((s) => s.at!);
    expect(dates).toEqual([...dates].sort());
  });

  it('offers the result notice’s attachments to anyone, counting each download', async () => {
    const done = projects.find((p) => p.status === 'completed')!;
    const award = (await timeline(done.id)).steps.find((s) => s.step === 'award')!.notices[0]!;
    const [doc] = (await t.api('GET', `/api/public/notices/${award.id}/attachments`)).body;
    expect(doc).toMatchObject({ name: expect.stringMatching(/\.pdf$/), downloads: 0 });
    const file = await t.api('GET', `/api/public/notices/${award.id}/attachments/${doc.id}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    expect((file.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await t.api('GET', `/api/public/notices/${award.id}/attachments`)).body[0].downloads).toBe(1);
    // The tender notice offers no public download: suppliers obtain the documents through the recorded route (EB-08).
    const tender = (await timeline(done.id)).steps.find((s) => s.step === 'tender')!.notices[0]!;
    expect((await t.api('GET', `/api/public/notices/${tender.id}/attachments`)).body).toEqual([]);
    expect((await t.api('GET', `/api/public/notices/${tender.id}/attachments/${doc.id}`)).status).toBe(404);
  });

  it('shows a failed project’s failure notice and no steps still to come', async () => {
    const failed = projects.find((p) => p.status === 'failed')!;
    const { steps } = await timeline(failed.id);
    expect(steps.find((s) => s.step === 'termination')).toMatchObject({ status: 'done', notices: [{ noticeType: 'failure' }] });
    expect(steps.filter((s) => s.status === 'pending')).toEqual([]);
  });

  it('reveals nothing about sealed bids before the opening, and the opening once it starts', async () => {
    const sealed = projects.find((p) => p.status === 'published' && p.deadline === demo!.opening!.openingAt.toISOString())!;
    const empty = projects.find((p) => p.status === 'published' && p.id !== sealed.id)!;
    const before = await timeline(sealed.id);
    // Three sealed bids or none: the same steps, statuses and links.
    const shape = (x: Timeline) => x.steps.map((s) => [s.step, s.status, s.notices.map((n) => n.noticeType), s.records.length]);
    expect(shape(before)).toEqual(shape(await timeline(empty.id)));
    expect(before.steps.find((s) => s.step === 'openingRecord')).toMatchObject({ status: 'pending', records: [], notices: [] });
    expect(JSON.stringify(before)).not.toMatch(/bid|supplier/i);

    t.clock.set(demo!.opening!.openingAt);
    await t.jobs.runDue();
    const after = await timeline(sealed.id);
    expect(after.steps.find((s) => s.step === 'openingRecord')).toMatchObject({ status: 'done' });
    expect(after.steps.find((s) => s.step === 'openingRecord')!.records).toHaveLength(1);
  });

  it('is not there for a draft', async () => {
    const draft = (await t.api('GET', '/api/projects', { cookie: await t.signIn('agency') })).body.find((p: { status: string }) => p.status === 'draft');
    expect((await t.api('GET', `/api/public/projects/${draft.id}/timeline`)).status).toBe(404);
  });
});
