import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, prepareBidder, publishProject } from '../support/tendering';

/**
 * Messages are addressed to the person they concern, or to a role within an entity: an
 * expert's invitation reaches that expert only, never the operator, the administrators or
 * the other experts of the same organisation (issue 8 §6).
 */
let t: TestPlatform;
let projectId = '';
const EXPERTS = ['expert1', 'expert2', 'expert3', 'expert4', 'expert5', 'expert6', 'expert7', 'expert8'];
const inbox = async (who: string, language = 'zh-CN') =>
  (await t.app.inject({ method: 'GET', url: '/api/inbox', headers: { cookie: await t.signIn(who), 'accept-language': language } })).json() as {
    unread: number;
    items: { id: string; title: string; body: string; link: string | null; subject: { type: string; id: string } | null; readAt: string | null }[];
  };

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  const p = await publishProject(t, { documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: shanghaiInstant('2026-03-23', '10:00').toISOString() });
  projectId = p.projectId;
  for (const name of ['supplier1', 'supplier2', 'supplier3']) await bid(t, await prepareBidder(t, name, p.projectId), p.lotId, 1_000_000);
  const agency = await t.signIn('agency');
  const res = await t.api('POST', `/api/projects/${projectId}/committee`, {
    cookie: agency,
    body: { size: 5, experts: 5, purchaserRepresentativeIds: [], specialities: ['A02'], complex: false, evaluationStartsAt: shanghaiInstant('2026-03-23', '13:30').toISOString(), evaluationEndsAt: shanghaiInstant('2026-03-23', '17:30').toISOString() },
  });
  expect(res.status).toBe(201);
});
afterAll(() => t?.close());

describe('messages', () => {
  it('invites each drawn expert by name, and nobody else of the organisation sees the invitation', async () => {
    const invited: string[] = [];
    for (const name of EXPERTS) {
      const mine = (await inbox(name)).items.filter((m) => m.subject?.id === projectId);
      expect(mine.length, name).toBeLessThanOrEqual(1);
      if (mine.length) invited.push(name);
    }
    expect(invited).toHaveLength(5);
    expect(invited).not.toContain('expert8'); // suspended: neither drawn nor told
    for (const other of ['operator', 'sysadmin', 'secadmin', 'auditadmin', 'supervisor']) {
      expect((await inbox(other)).items.filter((m) => m.title.includes('评审邀请')), other).toEqual([]);
    }
  });

  it('gives each reader its own language only, and links the message to its object', async () => {
    const name = (await Promise.all(EXPERTS.map(async (n) => ((await inbox(n)).items.length ? n : null)))).find(Boolean)!;
    const [zh] = (await inbox(name, 'zh-CN')).items;
    const [en] = (await inbox(name, 'en-US,en;q=0.9')).items;
    expect(zh!.title).toMatch(/^评审邀请/);
    expect(zh!.title).not.toMatch(/Invitation/);
    expect(en!.title).toMatch(/^Invitation to evaluate/);
    expect(en!.body).not.toMatch(/评审专家/);
    expect(zh!.link).toBe('/workspace/evaluations');
    expect(zh!.subject).toEqual({ type: 'project', id: projectId });
  });

  it('is marked read by its reader alone; another person cannot mark it', async () => {
    const name = (await Promise.all(EXPERTS.map(async (n) => ((await inbox(n)).items.length ? n : null)))).find(Boolean)!;
    const before = await inbox(name);
    expect(before.unread).toBe(1);
    const id = before.items[0]!.id;
    const stranger = await t.signIn('supplier1');
    expect((await t.api('POST', `/api/inbox/${id}/read`, { cookie: stranger })).body).toEqual({ marked: 0 });
    expect((await inbox(name)).unread).toBe(1);
    expect((await t.api('POST', `/api/inbox/${id}/read`, { cookie: await t.signIn(name) })).body).toEqual({ marked: 1 });
    const after = await inbox(name);
    expect(after.unread).toBe(0);
    expect(after.items[0]!.readAt).not.toBeNull();
  });

  it('addresses a role within an entity: the purchaser’s people are told of a question, its other staff are not', async () => {
    const supplier1 = await t.signIn('supplier1');
    const docs = (await t.api('GET', `/api/public/projects/${projectId}/documents`, { cookie: supplier1 })).body;
    await t.api('GET', `/api/projects/${projectId}/documents/${docs[0].id}/content`, { cookie: supplier1 });
    expect((await t.api('POST', `/api/projects/${projectId}/questions`, { cookie: supplier1, body: { text: '交货地点是否包含各分校区？' } })).status).toBe(201);
    expect((await inbox('purchaser')).items[0]!.title).toContain('收到供应商提问');
    expect((await inbox('agency')).items[0]!.title).toContain('收到供应商提问');
    expect((await inbox('supplier2')).items.some((m) => m.title.includes('收到供应商提问'))).toBe(false);
  });
});
