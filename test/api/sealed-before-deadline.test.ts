import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, draftProject, prepareBidder, publishProject, type PublishedProject } from '../support/tendering';

/**
 * Sealed means sealed (issue 8 §1, GP-07, EB-03, EB-08): before the opening starts nobody,
 * operator and administrators included, learns who bid, how many or when; administrators
 * and the treasury do not read procurement content at all.
 */
let t: TestPlatform;
let p: PublishedProject;
let draft: Awaited<ReturnType<typeof draftProject>>;
const DEADLINE = shanghaiInstant('2026-03-23', '10:00');
const NOT_BIDDERS = ['purchaser', 'agency', 'supervisor', 'authority', 'treasury', 'operator', 'sysadmin', 'secadmin', 'auditadmin', 'supplier4', 'expert1'];

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  draft = await draftProject(t, { title: '尚未发布的草稿项目' });
  p = await publishProject(t, { documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: DEADLINE.toISOString() });
  for (const name of ['supplier1', 'supplier2', 'supplier3']) await bid(t, await prepareBidder(t, name, p.projectId), p.lotId, 1_000_000);
});
afterAll(() => t?.close());

const get = async (who: string | null, url: string) => t.api('GET', url, who ? { cookie: await t.signIn(who) } : {});

describe('before the opening starts', () => {
  it('shows a bidder its own bid only, and everyone else an empty room', async () => {
    const own = (await get('supplier2', `/api/lots/${p.lotId}/opening`)).body;
    expect(own.entries).toHaveLength(1);
    expect(own.entries[0]).toMatchObject({ mine: true });
    for (const who of NOT_BIDDERS) {
      const res = await get(who, `/api/lots/${p.lotId}/opening`);
      expect(res.status === 404 || res.body.entries?.length === 0, `${who}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`).toBe(true);
    }
  });

  it('has no public opening record: 404, the same answer as for an unknown lot', async () => {
    const sealed = await get(null, `/api/public/lots/${p.lotId}/opening`);
    const unknown = await get(null, '/api/public/lots/00000000-0000-4000-8000-000000000000/opening');
    expect(sealed.status).toBe(404);
    expect(sealed.body).toEqual(unknown.body);
    expect((await get(null, `/api/public/lots/${p.lotId}/opening/record.pdf`)).body).toEqual(unknown.body);
  });

  it('tells who obtained the documents to the purchaser and its agency only (EB-08)', async () => {
    expect((await get('agency', `/api/projects/${p.projectId}/downloads`)).body).toHaveLength(3);
    for (const who of ['supervisor', 'authority', 'operator', 'treasury', 'sysadmin', 'auditadmin']) expect((await get(who, `/api/projects/${p.projectId}/downloads`)).status, who).toBeGreaterThanOrEqual(403);
  });

  it('shows the committee’s library and recusal figures to nobody before the evaluation (they betray bidders’ staff)', async () => {
    const agency = await t.signIn('agency');
    const res = await t.api('POST', `/api/projects/${p.projectId}/committee`, {
      cookie: agency,
      body: { size: 5, experts: 5, purchaserRepresentativeIds: [], specialities: ['A02'], complex: false, evaluationStartsAt: shanghaiInstant('2026-03-23', '13:30').toISOString(), evaluationEndsAt: shanghaiInstant('2026-03-23', '17:30').toISOString() },
    });
    expect(res.status).toBe(201);
    expect(res.body.draws[0]).toMatchObject({ drawn: 5, pool: null, eligible: null });
  });

  it('keeps bidders and committee members out of every audit view, searches included', async () => {
    // An expert confirms the day before: the stored entry names it; nobody may read that yet.
    const invited = (await Promise.all(['expert1', 'expert2', 'expert3', 'expert4', 'expert5', 'expert6'].map(async (n) => ((await get(n, '/api/evaluations')).body.length ? n : null)))).filter(Boolean) as string[];
    expect((await t.api('POST', `/api/evaluations/${p.projectId}/response`, { cookie: await t.signIn(invited[0]!), body: { accept: true } })).body.status).toBe('confirmed');
    const stored = await t.platform.database.db.execute(sql`SELECT count(*)::int AS n FROM audit_entry WHERE project_id = ${p.projectId} AND sealed IS NOT NULL`);
    expect((stored as unknown as { rows: { n: number }[] }).rows[0]!.n).toBeGreaterThanOrEqual(10); // uploads, submissions, downloads, the draw, the confirmation
    const bidders = await t.platform.database.db.execute(sql`SELECT e.id, e.name, e.credit_code FROM entity e JOIN bid b ON b.supplier_entity_id = e.id WHERE b.lot_id = ${p.lotId}`);
    const secrets = [...(bidders as unknown as { rows: { id: string; name: string; credit_code: string }[] }).rows.flatMap((b) => [b.id, b.name, b.credit_code]), invited[0]!, 'bid.submit', 'bid.upload_start', 'document_download', 'committee.confirm'];
    expect(secrets.length).toBe(3 * 3 + 5);
    for (const who of ['operator', 'supervisor', 'auditadmin']) {
      const items = (await get(who, '/api/audit/entries?limit=500')).body.items as unknown[];
      const aboutProject = items.map((e) => JSON.stringify(e)).filter((e) => e.includes(p.projectId) || e.includes(p.lotId));
      expect(aboutProject.length, who).toBeGreaterThan(0); // the project itself is not hidden: its publication is there
      for (const secret of secrets) expect(aboutProject.filter((e) => e.includes(secret)), `${who} sees ${secret}`).toEqual([]);
      for (const search of ['action=bid.submit', 'action=bid.upload', 'action=project.document_download', `subjectId=${p.lotId}`, `subjectId=${p.projectId}&action=committee`, `actor=${invited[0]}&action=committee`]) {
        expect((await get(who, `/api/audit/entries?${search}`)).body.items, `${who} ${search}`).toEqual([]);
      }
    }
  });

  it('opens the room when the opening starts: everyone attending sees all three bidders', async () => {
    t.clock.set(DEADLINE);
    await t.jobs.runDue();
    expect((await get('supplier2', `/api/lots/${p.lotId}/opening`)).body.entries).toHaveLength(3);
    expect((await get('agency', `/api/lots/${p.lotId}/opening`)).body.entries).toHaveLength(3);
    expect((await get('supervisor', `/api/projects/${p.projectId}/downloads`)).body).toHaveLength(3);
    expect((await get(null, `/api/public/lots/${p.lotId}/opening`)).status).toBe(404); // attended, not yet published
    const actions = (await get('supervisor', `/api/audit/entries?subjectId=${p.lotId}`)).body.items.map((e: { action: string }) => e.action);
    expect(actions).toContain('bid.upload_start');
    expect((await get('supervisor', '/api/audit/entries?action=committee.confirm')).body.items).toEqual([]); // until the evaluation starts
  });

  it('names the committee members in the audit trail once the evaluation starts', async () => {
    t.clock.set(shanghaiInstant('2026-03-23', '13:30'));
    const confirmations = (await get('supervisor', '/api/audit/entries?action=committee.confirm')).body.items;
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0].subjectLabel).toContain('中小学智慧教室设备采购');
  });
});

describe('administrators administer; they do not read procurement content', () => {
  it('refuses drafts, documents, bidder lists and letters to the three administrators and the treasury', async () => {
    for (const who of ['sysadmin', 'secadmin', 'auditadmin', 'treasury']) {
      expect((await get(who, `/api/public/projects/${draft.projectId}`)).status, `${who} draft`).toBe(404);
      expect((await get(who, `/api/public/projects/${draft.projectId}/documents`)).status, `${who} documents`).toBe(404);
      expect((await get(who, `/api/lots/${p.lotId}/opening`)).status, `${who} opening`).toBe(404);
      expect((await get(who, `/api/projects/${p.projectId}/downloads`)).status, `${who} downloads`).toBeGreaterThanOrEqual(403);
    }
    // The supervisor oversees the region's procurement and still reads the draft.
    expect((await get('supervisor', `/api/public/projects/${draft.projectId}`)).status).toBe(200);
  });

  it('shows the audit administrator who did what and when, not the procurement content of the entries', async () => {
    const created = async (who: string) => (await get(who, `/api/audit/entries?subjectId=${draft.projectId}&action=project.create`)).body.items[0];
    expect((await created('auditadmin')).actorLabel).toContain('(purchaser)');
    expect(await created('auditadmin')).toMatchObject({ contentWithheld: true, before: null, after: null });
    expect((await created('supervisor')).after.title).toBe('尚未发布的草稿项目');
  });

  it('numbers no audit entry in its views, so the gaps left by sealed entries count nothing; pages follow an opaque cursor', async () => {
    const first = (await get('supervisor', '/api/audit/entries?limit=5')).body;
    expect(first.items[0]).not.toHaveProperty('seq');
    expect(first.items[0]).not.toHaveProperty('prevHash');
    const second = (await get('supervisor', `/api/audit/entries?limit=5&before=${encodeURIComponent(first.next)}`)).body;
    expect(second.items).toHaveLength(5);
    expect(second.items.map((e: { id: string }) => e.id)).not.toContain(first.items[4].id);
    expect((await get('supervisor', '/api/audit/entries?before=170')).status).toBe(400);
  });
});

describe('the expert library is not a staff list', () => {
  it('lists an expert its own account only', async () => {
    const items = (await get('expert3', '/api/persons')).body.items;
    expect(items.map((x: { username: string }) => x.username)).toEqual(['expert3']);
  });
  it('lists a market entity’s administrator its own people, and the account administrators their region', async () => {
    const supplier = (await get('supplier1', '/api/persons')).body.items;
    expect(new Set(supplier.map((x: { entityId: string }) => x.entityId)).size).toBe(1);
    const usernames = (await get('secadmin', '/api/persons')).body.items.map((x: { username: string }) => x.username);
    expect(usernames).toEqual(expect.arrayContaining(['expert1', 'supplier1', 'operator']));
    expect((await get('supervisor', '/api/persons')).body.items.map((x: { username: string }) => x.username)).toEqual(['supervisor']);
  });
});
