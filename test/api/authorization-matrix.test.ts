import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { DEMO_PASSWORD } from '../../src/demo/demo-accounts';
import { importOcds } from '../../src/exchange/import/import';
import { seedDemoData } from '../../src/demo/seed-demo';
import { createEntityWithAccounts, completeCreditCode } from '../../src/identity';
import { systemContext } from '../../src/platform/context';
import { queryRows } from '../../src/platform/database/database';
import { demoSignIn } from '../support/api-client';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, prepareBidder } from '../support/tendering';
import { ROUTE_EXPECTATIONS, type Phase, type WorldKey } from './authorization-matrix.expectations';

/**
 * The authorization matrix (issue 8 §7): every route × every actor, each actor standing in one
 * relation to the objects of the demo world (its own, its entity's, another entity's in its
 * region, another region's), run before and after the deadline of a lot. Who may is declared
 * per route in authorization-matrix.expectations.ts, independently of the route's own
 * configuration; a route without a declaration fails. An allowed call must get past every
 * access check (any answer but 401, 403 or 404; the body is one no route accepts, so a
 * write stops at validation); a refused one must answer 401, 403 or 404 and change nothing.
 *
 * Secrecy canaries ride along: a supplier that exists only to bid in the sealed lot. Before the
 * deadline no answer to anyone (lists, messages, audit views, errors) may carry its name or
 * credit code, except the register of entities and accounts, which is not about bidding.
 */

/** The actors, and how each stands to the demo world (the purchaser 上海市徐汇区教育局, its agency, suppliers 1–3 bidding). */
export const ACTORS = [
  'anonymous',
  'purchaser', // own (the entity's administrator)
  'purchaser-staff', // same entity
  'purchaser-pd', // another entity in Shanghai (Pudong)
  'purchaser-sd', // another region (Jinan, Shandong)
  'agency', // own
  'supplier1', // own: a bidder
  'supplier4', // another entity: not bidding in the sealed project
  'supplier-sd', // another region
  'supplier-winner', // own: the party to the contract (one of suppliers 1–3, whoever won)
  'expert-member', // own: sits on the committee evaluating now
  'expert-other', // another expert of the library, not on that committee
  'expert-sd', // another region's library
  'supervisor', // the region (municipal)
  'supervisor-xh', // the region (the district of the purchaser)
  'supervisor-sd', // another region
  'authority',
  'treasury',
  'operator',
  'operator-sd', // another region's trading centre
  'guarantor', // the guarantee issuer supplier1 applied to for the sealed lot
  'financier', // the demo bank's credit officer: the finished project's supplier asked it for financing (政采贷)
  'sysadmin',
  'secadmin',
  'auditadmin',
] as const;
export type ActorName = (typeof ACTORS)[number];

let t: TestPlatform;
const cookies: Partial<Record<ActorName, string>> = {};
const usernames: Partial<Record<ActorName, string>> = {};
let world: Record<WorldKey, Record<string, string>>;
let operations: Record<string, { mediaTypes: string[] }> = {};

/**
 * A body every write refuses at validation, after the access checks: a field no schema has
 * (unknown fields are refused), or for a raw upload a body of its own type but without the
 * query it needs. So an allowed write changes nothing, and a refused one shows its refusal.
 */
function probeBody(operation: { mediaTypes: string[] } | undefined) {
  const raw = operation?.mediaTypes.find((m) => m !== 'application/json');
  return raw ? { raw: Buffer.from('%PDF-probe'), contentType: raw } : { body: { authorizationMatrixProbe: true } };
}

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-23T02:00:00.000Z', listen: true });
  await seedDemoData(t.platform);
  const db = t.platform.database.db;
  // A procurement traded elsewhere (imported open data), for the portal's routes about one.
  await importOcds(systemContext(t.platform), { fileName: 'dncp-release-package.json', content: fs.readFileSync('test/fixtures/ocds/dncp-release-package.json') });
  const one = async <T>(query: ReturnType<typeof sql>) => (await queryRows<T>(db, query))[0]!;
  const projectNamed = async (title: string) => {
    const p = await one<{ id: string; lot_id: string }>(sql`SELECT p.id, l.id AS lot_id FROM project p JOIN lot l ON l.project_id = p.id WHERE p.title = ${title} ORDER BY l.lot_no LIMIT 1`);
    return { id: p.id, lotId: p.lot_id };
  };
  const entityOf = async (username: string) => (await one<{ entity_id: string }>(sql`SELECT entity_id FROM person WHERE username = ${username}`)).entity_id;
  const personId = async (username: string) => (await one<{ id: string }>(sql`SELECT id FROM person WHERE username = ${username}`)).id;
  const supplier1 = await entityOf('supplier1');

  const sealed = await projectNamed('中小学创客实验室设备采购'); // three sealed bids, deadline minutes away
  const done = await projectNamed('徐汇区中小学教室照明改造灯具采购'); // awarded, contracted, accepted
  const evaluating = await projectNamed('区属幼儿园交互式教学一体机采购'); // evaluation open now
  const draft = await one<{ id: string }>(sql`SELECT id FROM project WHERE status = 'draft' LIMIT 1`);
  await bidAsCanary(sealed);
  const supervisor = await signIn('supervisor'); // once: a one-time code is good for one sign-in per 30 s
  world = {
    sealed: {
      id: sealed.id,
      lotId: sealed.lotId,
      documentId: (await one<{ id: string }>(sql`SELECT id FROM tender_document WHERE project_id = ${sealed.id} LIMIT 1`)).id,
      bidId: (await one<{ id: string }>(sql`SELECT id FROM bid WHERE lot_id = ${sealed.lotId} AND supplier_entity_id = ${supplier1} AND status = 'submitted'`)).id,
      uploadId: (await one<{ id: string }>(sql`SELECT id FROM bid_upload WHERE lot_id = ${sealed.lotId} AND supplier_entity_id = ${supplier1} LIMIT 1`)).id,
      guaranteeId: await guaranteeApplication(sealed.lotId, supplier1, await entityOf('guarantor')),
    },
    done: {
      id: done.id,
      lotId: done.lotId,
      bidId: (await one<{ id: string }>(sql`SELECT id FROM bid WHERE lot_id = ${done.lotId} AND supplier_entity_id = ${supplier1} LIMIT 1`)).id,
      contractId: (await one<{ id: string }>(sql`SELECT id FROM contract WHERE project_id = ${done.id} LIMIT 1`)).id,
      paymentApplicationId: (await one<{ id: string }>(sql`SELECT a.id FROM payment_application a JOIN contract c ON c.id = a.contract_id WHERE c.project_id = ${done.id} LIMIT 1`)).id,
      financingId: (await one<{ id: string }>(sql`SELECT f.id FROM contract_financing f JOIN contract c ON c.id = f.contract_id WHERE c.project_id = ${done.id} AND f.status = 'applied' LIMIT 1`)).id,
      ocid: (await one<{ ocid: string }>(sql`SELECT ocid FROM project WHERE id = ${done.id}`)).ocid,
      externalOcid: (await one<{ ocid: string }>(sql`SELECT ocid FROM external_procurement ORDER BY ocid LIMIT 1`)).ocid,
      // The demo's challenge to its result by supplier1 (a loser), and the complaint that followed, with its evidence.
      challengeId: (await one<{ id: string }>(sql`SELECT id FROM challenge WHERE project_id = ${done.id} LIMIT 1`)).id,
      complaintId: (await one<{ id: string }>(sql`SELECT id FROM complaint WHERE project_id = ${done.id} LIMIT 1`)).id,
      sha256: (await one<{ sha256: string }>(sql`SELECT e.files->0->>'sha256' AS sha256 FROM case_event e JOIN complaint c ON c.id = e.case_id WHERE c.project_id = ${done.id} AND e.action = 'file'`)).sha256,
    },
    evaluating: {
      id: evaluating.id,
      lotId: evaluating.lotId,
      bidId: (await one<{ id: string }>(sql`SELECT id FROM bid WHERE lot_id = ${evaluating.lotId} AND status = 'decrypted' LIMIT 1`)).id,
    },
    draft: { id: draft.id },
    listing: await one<{ id: string; bidderId: string }>(
      sql`SELECT l.id, b.id AS "bidderId" FROM listing l JOIN listing_bidder b ON b.listing_id = l.id JOIN person p ON p.entity_id = b.entity_id WHERE l.asset_type = 'propertyRights' AND p.username = 'supplier1' LIMIT 1`,
    ),
    identity: {
      personId: await personId('purchaser-staff'),
      entityId: await entityOf('purchaser'),
      expertId: await personId('expert1'),
      planId: (await one<{ id: string }>(sql`SELECT id FROM plan WHERE purchaser_entity_id = ${await entityOf('purchaser')} ORDER BY created_at DESC LIMIT 1`)).id,
      catalogueVersionId: (await one<{ id: string }>(sql`SELECT id FROM catalogue_version LIMIT 1`)).id,
      messageId: (await one<{ id: string }>(sql`SELECT id FROM notification LIMIT 1`)).id,
      // The result notice: it has attachments (the procurement documents, GP-72).
      noticeId: (await one<{ id: string }>(sql`SELECT id FROM notice WHERE project_id = ${done.id} AND notice_type = 'award' LIMIT 1`)).id,
      attachmentId: (await one<{ id: string }>(sql`SELECT id FROM tender_document WHERE project_id = ${done.id} LIMIT 1`)).id,
      verificationId: (await t.api('POST', '/api/audit/verifications', { cookie: await signIn('auditadmin') })).body.id,
      // The demo's planted collusion (supplier2 and supplier3 on one computer, Xuhui), a full red-flag
      // run, and a debarment of the entity still awaiting approval (Songjiang) from an imported list.
      ...(await alertWithNote(supervisor)),
      runId: (await t.api('POST', '/api/supervision/redflag-runs', { cookie: supervisor })).body.jobId,
      measureId: await debarmentOfPendingSupplier(supervisor),
      // The e-mall: a basket the demo purchaser puts out for quotes (closing after both phases), and the demo's pending application to join.
      basketId: await basketOfPurchaser(),
      applicationId: (await one<{ id: string }>(sql`SELECT id FROM mall_application WHERE status = 'pending' LIMIT 1`)).id,
    },
  };
  // The finished project is archived, so its package can be read.
  expect((await t.api('POST', `/api/projects/${done.id}/archive`, { cookie: await signIn('agency') })).status).toBe(202);
  await t.jobs.runDue();
  // An expert on the committee evaluating now (and on the finished project's), and one of the same library on neither.
  const membersOf = async (projectId: string) =>
    (await queryRows<{ username: string }>(db, sql`SELECT p.username FROM committee_member m JOIN person p ON p.id = m.person_id WHERE m.project_id = ${projectId} AND m.status = 'confirmed' ORDER BY p.username`)).map((m) => m.username);
  const [now, before] = [await membersOf(evaluating.id), await membersOf(done.id)];
  for (const name of ACTORS) usernames[name] = name;
  usernames['expert-member'] = now.find((n) => before.includes(n))!;
  usernames['expert-other'] = ['expert1', 'expert2', 'expert3', 'expert4', 'expert5', 'expert6', 'expert7', 'expert8'].find((n) => !now.includes(n) && !before.includes(n))!;
  usernames['supplier-winner'] = (await one<{ username: string }>(sql`SELECT p.username FROM contract c JOIN person p ON p.entity_id = c.supplier_entity_id WHERE c.id = ${world.done.contractId} LIMIT 1`)).username;
  const doc = (await t.api('GET', '/api/docs/json')).body as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>> };
  operations = Object.fromEntries(
    Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => [`${method.toUpperCase()} ${path}`, { mediaTypes: Object.keys(op.requestBody?.content ?? {}) }])),
  );
}, 300_000);
afterAll(() => t?.close());

/** The demo's planted-collusion alert, with a note carrying a file (its hash: the file route's `sha256`). */
async function alertWithNote(cookie: string): Promise<{ alertId: string; sha256: string }> {
  const [alert] = await queryRows<{ id: string }>(t.platform.database.db, sql`SELECT id FROM red_flag_alert WHERE code = 'CL-01' LIMIT 1`);
  const res = await t.api('POST', `/api/supervision/alerts/${alert!.id}/steps`, { cookie, body: { action: 'note', revision: 1, text: '调取上传记录', files: [{ fileName: '上传记录.pdf', contentBase64: Buffer.from('%PDF-1.4 log').toString('base64') }] } });
  return { alertId: alert!.id, sha256: res.body.events.at(-1).files[0].sha256 };
}

/** A basket the demo purchaser puts out for quotes in the e-mall, closing a week after the matrix runs. */
async function basketOfPurchaser(): Promise<string> {
  const closesAt = new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString();
  const res = await t.api('POST', '/api/mall/baskets', {
    cookie: await signIn('purchaser'),
    body: { title: '教研室打印机竞价', lines: [{ categoryCode: 'A02021001', name: '黑白激光打印机', specification: 'A4，双面', quantity: 2, budgetUnitPriceFen: 200_000 }], deliveryAddress: '上海市徐汇区漕溪北路1号', closesAt },
  });
  if (res.status !== 201) throw new Error(`basket: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** A list of seriously dishonest entities naming the demo's pending supplier, imported by the city's supervisor: its measure's id. */
async function debarmentOfPendingSupplier(cookie: string): Promise<string> {
  const first17 = '91310117MA1H00005';
  const csv = `统一社会信用代码,名称,列入日期,移出日期,列入事由,认定部门\n${completeCreditCode(first17)},上海待审信息技术有限公司,2026-01-01,2028-12-31,提供虚假材料,上海市市场监督管理局`;
  const res = await t.api('POST', '/api/supervision/dishonest-lists', { cookie, body: { csv } });
  const rows = await queryRows<{ id: string }>(t.platform.database.db, sql`SELECT id FROM credit_measure WHERE source_id = ${res.body.batchId}`);
  return rows[0]!.id;
}

/**
 * Signs in without moving the clock (t.signIn moves it 30 s for a fresh one-time code; here
 * each account signs in once per phase, and 23 sign-ins would carry the clock past the deadline).
 */
const signIn = (username: string) => demoSignIn(t.api, username, undefined, () => t.clock.now());
async function signInEveryone() {
  t.clock.advance(30_000); // a fresh one-time code for those who signed in during the set-up
  for (const name of ACTORS) if (name !== 'anonymous') cookies[name] = await signIn(usernames[name]!);
}

/** The URL of a route in the world the declaration names. */
function urlOf(url: string, on: WorldKey): string {
  const w = world[on];
  const ids: Record<string, string | undefined> = {
    id: url.startsWith('/api/persons') ? world.identity.personId
      : url.startsWith('/api/entities') ? world.identity.entityId
      : url.startsWith('/api/experts') ? world.identity.expertId
      : url.startsWith('/api/plans') ? world.identity.planId
      : url.startsWith('/api/catalogues/versions') ? world.identity.catalogueVersionId
      : url.startsWith('/api/inbox') ? world.identity.messageId
      : url.startsWith('/api/public/notices') ? world.identity.noticeId
      : url.startsWith('/api/audit/verifications') ? world.identity.verificationId
      : url.startsWith('/api/supervision/alerts') ? world.identity.alertId
      : url.startsWith('/api/supervision/redflag-runs') ? world.identity.runId
      : url.startsWith('/api/supervision/credit-measures') ? world.identity.measureId
      : url.startsWith('/api/supervision/entities') ? world.identity.entityId
      : url.startsWith('/api/mall/baskets') ? world.identity.basketId
      : url.startsWith('/api/mall/applications') ? world.identity.applicationId
      : url.startsWith('/api/lots') || url.startsWith('/api/public/lots') ? w.lotId
      : url.startsWith('/api/bids') ? w.bidId
      : url.startsWith('/api/bid-uploads') ? w.uploadId
      : url.startsWith('/api/contracts') ? w.contractId
      : url.startsWith('/api/payment-applications') ? w.paymentApplicationId
      : url.startsWith('/api/guarantees') ? w.guaranteeId
      : url.startsWith('/api/financing') ? w.financingId
      : url.startsWith('/api/challenges') ? w.challengeId
      : url.startsWith('/api/complaints') ? w.complaintId
      : w.id,
    lotId: w.lotId,
    bidId: w.bidId,
    bidderId: w.bidderId,
    documentId: w.documentId,
    ocid: url.startsWith('/api/public/external') ? encodeURIComponent(world.done.externalOcid!) : world.done.ocid ? encodeURIComponent(world.done.ocid) : undefined,
    file: url.startsWith('/api/ocds/extension') ? 'extension.json' : '2020-01-02.jsonl.gz',
    attachmentId: world.identity.attachmentId,
    sha256: w.sha256,
    kind: 'serviceList',
    year: '2027',
    index: '0',
    part: '0',
  };
  return url.replace(/:(\w+)/g, (_, name: string) => {
    const value = ids[name];
    if (!value) throw new Error(`no ${name} in world ${on} for ${url}`);
    return value;
  });
}

/** supplier1's application to the demo issuer for a guarantee on the sealed lot, pending (as the supplier's route would write it). */
async function guaranteeApplication(lotId: string, supplierEntityId: string, issuerEntityId: string): Promise<string> {
  const id = crypto.randomUUID();
  const person = (await queryRows<{ id: string }>(t.platform.database.db, sql`SELECT id FROM person WHERE username = 'supplier1'`))[0]!.id;
  await t.platform.database.execAsOwner(
    `INSERT INTO guarantee (id, lot_id, project_id, region_code, supplier_entity_id, issuer_entity_id, beneficiary_entity_id, amount_fen, valid_until, status, applied_at, applied_by)
     SELECT '${id}', l.id, p.id, p.region_code, '${supplierEntityId}', '${issuerEntityId}', p.purchaser_entity_id, GREATEST(l.deposit_fen, 1), (p.deadline + interval '120 days')::date, 'applied', now(), '${person}'
     FROM lot l JOIN project p ON p.id = l.project_id WHERE l.id = '${lotId}'`,
  );
  return id;
}

/** The canary: a supplier nobody knows of but the register, bidding in the sealed lot only. */
const CANARY = { name: '上海金丝雀密封测试科技有限公司', creditCode: completeCreditCode('91310115MA1K0CANA'), username: 'canary-bidder' };

async function bidAsCanary(sealed: { id: string; lotId: string }) {
  await createEntityWithAccounts(systemContext(t.platform), { name: CANARY.name, entityType: 'supplier', creditCode: CANARY.creditCode, regionCode: '310115', contactName: '测试', contactPhone: '021-00000000', address: '上海市浦东新区', smeSize: 'small' }, [
    { username: CANARY.username, displayName: '投标经办人', roles: ['supplier'], password: DEMO_PASSWORD, isEntityAdmin: true },
  ]);
  // Its documents were available weeks ago: the canary obtained them then, and bids now.
  const now = t.clock.now();
  const [row] = await queryRows<{ documents_until: Date | string }>(t.platform.database.db, sql`SELECT documents_until FROM project WHERE id = ${sealed.id}`);
  const until = row!.documents_until;
  t.clock.set(new Date(new Date(until).getTime() - 86_400_000));
  const bidder = await prepareBidder(t, CANARY.username, sealed.id);
  t.clock.set(now);
  bidder.cookie = await t.signIn(CANARY.username);
  await bid(t, bidder, sealed.lotId, 3_300_000);
}

/**
 * Where the canary's name may appear before the deadline: the register of entities and accounts
 * (the entities an expert names as employer or conflict, and the public lookup of market entities,
 * are that register too), which says
 * nothing of who bids; and who obtained the documents, which the purchaser and its agency may
 * know (EB-08) and nobody else.
 */
const REGISTER = ['GET /api/entities', 'GET /api/persons', 'GET /api/experts/entity-choices', 'GET /api/public/entities'];
function canarySightings(route: string, actor: ActorName, body: unknown): string[] {
  if (REGISTER.some((r) => route.startsWith(r))) return [];
  if (route === 'GET /api/projects/:id/downloads' && ['purchaser', 'purchaser-staff', 'agency'].includes(actor)) return [];
  const items = route === 'GET /api/audit/entries' ? ((body as { items?: { subjectType: string }[] }).items ?? []).filter((e) => !['entity', 'person'].includes(e.subjectType)) : body;
  const text = Buffer.isBuffer(items) ? '' : JSON.stringify(items);
  return [CANARY.name, CANARY.creditCode].filter((token) => text.includes(token));
}

const results: { phase: Phase; route: string; actor: ActorName; expected: 'allowed' | 'refused'; status: number }[] = [];

async function runMatrix(phase: Phase) {
  const problems: string[] = [];
  for (const route of t.app.routeTable) {
    const key = `${route.method} ${route.url}`;
    const declared = ROUTE_EXPECTATIONS[key];
    if (!declared) {
      problems.push(`${key}: no declaration in authorization-matrix.expectations.ts`);
      continue;
    }
    if (declared === 'skip') continue;
    const on = declared.on ?? 'sealed';
    // By account: where two actor names are the same account (supplier1 may be the winner), either allows it.
    const allowed = new Set(((declared[phase] ?? declared.before) as ActorName[]).map((a) => usernames[a]));
    const path = urlOf(route.url, on).replace(/\{[^}]*\}/g, '');
    const operationKey = `${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`;
    for (const actor of ACTORS) {
      const expected = allowed.has(usernames[actor]) ? 'allowed' : 'refused';
      const res = await t.api(route.method, path, { cookie: cookies[actor], ...(route.method === 'GET' ? {} : probeBody(operations[operationKey])) });
      results.push({ phase, route: key, actor, expected, status: res.status });
      const refused = [401, 403, 404].includes(res.status);
      if (res.status >= 500) problems.push(`${phase} ${key} as ${actor}: ${res.status}`);
      if (phase === 'before') for (const token of canarySightings(key, actor, res.body)) problems.push(`before ${key} as ${actor}: the sealed lot's bidder ${token} shows`);
      if (expected === 'allowed' && refused) problems.push(`${phase} ${key} as ${actor}: expected to get past the access checks, got ${res.status} ${JSON.stringify(res.body?.messages?.['en-US'] ?? '')} ${path}`);
      else if (expected === 'refused' && !refused) problems.push(`${phase} ${key} as ${actor}: expected a refusal, got ${res.status}`);
    }
  }
  return problems;
}

describe('the authorization matrix', () => {
  it('refuses and allows exactly as declared, before the deadline of the sealed lot', async () => {
    await signInEveryone();
    expect(await runMatrix('before')).toEqual([]);
  }, 600_000);

  it('and after it, once the opening has started', async () => {
    const [deadline] = await queryRows<{ deadline: Date | string }>(t.platform.database.db, sql`SELECT deadline FROM project WHERE id = ${world.sealed.id}`);
    t.clock.set(new Date(new Date(deadline!.deadline).getTime() + 1000));
    await t.jobs.runDue();
    const openings = await queryRows<{ status: string }>(t.platform.database.db, sql`SELECT status FROM opening WHERE lot_id = ${world.sealed.lotId}`);
    expect(openings.map((o) => o.status), `deadline ${String(deadline!.deadline)}, now ${t.clock.now().toISOString()}`).toEqual(['decrypting']);
    await signInEveryone();
    expect(await runMatrix('after')).toEqual([]);
    const routes = new Set(results.map((r) => r.route)).size;
    console.log(`authorization matrix: ${routes} routes × ${ACTORS.length} actors × 2 phases = ${results.length} requests (${results.filter((r) => r.expected === 'refused').length} refusals)`);
  }, 600_000);
});
