import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { queryRows } from '../../src/platform/database/database';
import { contractDraftInput } from '../../src/trading/contract/contract';
import { RequestFuzzer, operationsOf, type FuzzRequest, type Operation } from '../support/request-fuzzer';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/** The demo accounts holding each role a route may require, in the order they are tried. */
const ACCOUNTS_OF_ROLE: Record<string, string[]> = {
  operator: ['operator'],
  supervisor: ['supervisor'],
  authority: ['authority'],
  treasury: ['treasury'],
  purchaser: ['purchaser', 'purchaser-staff'],
  agency: ['agency'],
  supplier: ['supplier1', 'supplier2', 'supplier3', 'supplier4'],
  expert: ['expert1', 'expert2', 'expert3', 'expert4', 'expert5', 'expert6'],
  systemAdmin: ['sysadmin'],
  securityAdmin: ['secadmin'],
  auditAdmin: ['auditadmin'],
  guarantor: ['guarantor'],
  financier: ['financier'],
};
const RUNS_PER_OPERATION = 50;

let t: TestPlatform;
beforeAll(async () => {
  // The whole demo: projects at every stage give the path parameters real objects to point at.
  t = await startTestPlatform({ now: '2026-11-23T02:00:00.000Z' });
  await seedDemoData(t.platform);
}, 300_000);
afterAll(() => t.close());

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.platform.database.db, query);
const one = async (query: ReturnType<typeof sql>) => (await rows<{ id: string }>(query))[0]!.id;

/**
 * Every table's row count, and with `digest` a digest of its rows too: what a refused request
 * must leave as it was. One query either way.
 */
async function databaseState(digest = true): Promise<Record<string, string>> {
  const tables = await rows<{ name: string }>(sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`);
  const of = (name: string) =>
    `select '${name}' as name, count(*)::int || ' rows' ${digest ? `|| ', ' || md5(coalesce(string_agg(t::text, '|' order by t::text), ''))` : ''} as state from "${name}" t`;
  const result = await rows<{ name: string; state: string }>(sql.raw(tables.map(({ name }) => of(name)).join(' union all ')));
  return Object.fromEntries(result.map((r) => [r.name, r.state]));
}

/** Real ids from the demo data for path parameters. */
async function realIds() {
  const project = await one(sql`select id from project where status = 'evaluating' limit 1`);
  const lot = await one(sql`select id from lot where project_id = ${project} order by lot_no limit 1`);
  return {
    project,
    evaluation: project,
    lot,
    bid: await one(sql`select id from bid where lot_id = ${lot} limit 1`),
    document: await one(sql`select id from tender_document where project_id = ${project} limit 1`),
    contract: await one(sql`select id from contract limit 1`),
    entity: await one(sql`select id from entity where entity_type = 'supplier' limit 1`),
    // An account its entity's administrator and the account administrators may manage.
    person: await one(sql`select id from person where username = 'purchaser-staff'`),
    plan: await one(sql`select id from plan limit 1`),
    version: await one(sql`select id from catalogue_version limit 1`),
  };
}

/** A path parameter's value: by its name, or for `id` by the path segment in front of it. */
function pathValueFrom(ids: Awaited<ReturnType<typeof realIds>>) {
  const byName: Record<string, string | undefined> = { documentId: ids.document, lotId: ids.lot, bidId: ids.bid, kind: 'serviceList', part: '0', index: '0', year: '2027' };
  const bySegment: Record<string, string | undefined> = {
    projects: ids.project,
    evaluations: ids.evaluation,
    lots: ids.lot,
    bids: ids.bid,
    contracts: ids.contract,
    entities: ids.entity,
    persons: ids.person,
    plans: ids.plan,
    versions: ids.version,
  };
  return (operation: Operation, name: string) => {
    if (name !== 'id') return byName[name];
    const segments = operation.path.split('/');
    return bySegment[segments[segments.indexOf('{id}') - 1]!];
  };
}

/** The accounts whose role the route admits; which of them the row guard admits too is found by trying. */
function candidatesFor(operation: Operation): string[] | null {
  const route = t.app.routeTable.find((r) => r.method === operation.method && r.url.replace(/:(\w+)/g, '{$1}') === operation.path);
  const access = route?.access;
  if (!access || access === 'public') return null;
  const roles = access.roles === 'any' ? Object.keys(ACCOUNTS_OF_ROLE) : access.roles;
  return [...new Set(roles.flatMap((role) => ACCOUNTS_OF_ROLE[role] ?? []))];
}

const auditHead = async () => (await rows<{ seq: number }>(sql`select coalesce(max(seq), 0)::int as seq from audit_entry`))[0]!.seq;

/** A 400 that names the field and says, in both languages, that it held a control character. */
function expectControlCharacterRefused(res: { status: number; body: any }, path: string) {
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('VALIDATION');
  const field = res.body.fields.find((f: { path: string }) => f.path === path);
  expect(field?.messages['zh-CN']).toContain('控制字符');
  expect(field?.messages['en-US']).toContain('control characters');
}

describe('input that used to crash or slip through', () => {
  it('refuses NUL and other control characters in any string, naming the field in both languages, and changes nothing', async () => {
    const purchaser = await t.signIn('purchaser');
    const operator = await t.signIn('operator');
    const supplier = await t.signIn('supplier1');
    const soon = await one(sql`select id from project where title = '中小学创客实验室设备采购'`);
    const contract = await one(sql`select id from contract limit 1`);
    const before = await databaseState();
    const asset = { assetCategory: 'A02010104', name: '台式计算机', quantity: 2, condition: '良好' };

    expectControlCharacterRefused(await t.api('POST', '/api/session', { body: { username: 'purchaser\u0000', password: 'Demo@2026' } }), 'body.username');
    expectControlCharacterRefused(await t.api('POST', '/api/warehouse/assets', { cookie: operator, body: { ...asset, name: '台式\u0000计算机' } }), 'body.name');
    expectControlCharacterRefused(await t.api('POST', `/api/projects/${soon}/questions`, { cookie: supplier, body: { text: '交货期能否延长？\u0000' } }), 'body.text');
    expectControlCharacterRefused(await t.api('POST', `/api/contracts/${contract}/reviews`, { cookie: purchaser, body: { ratings: { quality: 5 }, comment: '\u0000' } }), 'body.comment');
    expectControlCharacterRefused(await t.api('GET', '/api/public/notices?q=%00'), 'querystring.q');
    // The other C0 controls, DEL and the C1 controls alike; every offending field is named.
    const many = await t.api('POST', '/api/warehouse/assets', { cookie: operator, body: { ...asset, name: 'a\u001f', condition: 'b\u007f', specification: 'c\u0085' } });
    for (const path of ['body.name', 'body.condition', 'body.specification']) expectControlCharacterRefused(many, path);
    expect(await databaseState()).toEqual(before);
  });

  it('keeps tabs and line breaks', async () => {
    const operator = await t.signIn('operator');
    const res = await t.api('POST', '/api/warehouse/assets', { cookie: operator, body: { assetCategory: 'A02010104', name: '台式计算机', specification: '型号：X1\t数量：2\r\n第二行\n第三行', quantity: 2, condition: '良好' } });
    expect(res.status).toBe(201);
    expect(res.body.specification).toBe('型号：X1\t数量：2\r\n第二行\n第三行');
  });

  it('answers 415 to a body of another media type than the address reads, and 400 to malformed JSON', async () => {
    const supplier = await t.signIn('supplier1');
    const agency = await t.signIn('agency');
    const soonLot = await one(sql`select lot.id from lot join project on project.id = lot.project_id where project.title = '中小学创客实验室设备采购'`);
    const keyId = (await t.api('GET', '/api/bid-keys', { cookie: supplier })).body[0].id;
    const upload = await t.api('POST', `/api/lots/${soonLot}/bid-uploads`, {
      cookie: supplier,
      body: { idempotencyKey: 'media-type-check', keyId, wrappedKey: 'AAAA', parts: [{ name: 'priceSchedule', fileName: '开标一览表.json', size: 4, sha256: '0'.repeat(64), iv: 'AAAAAAAAAAAAAAAA' }] },
    });
    expect(upload.status).toBe(200);
    const chunkUrl = `/api/bid-uploads/${upload.body.uploadId}/parts/0?offset=0`;

    const unsupported = [
      await t.api('PUT', chunkUrl, { cookie: supplier, body: { bytes: 'AAAA' } }),
      await t.api('PUT', chunkUrl, { cookie: supplier, raw: Buffer.from('AAAA'), contentType: 'text/plain' }),
      await t.api('POST', `/api/projects/${await one(sql`select id from project where status = 'draft' limit 1`)}/documents?name=x`, { cookie: agency, body: { pdf: 'JVBERi0=' } }),
      await t.api('POST', '/api/warehouse/assets', { cookie: await t.signIn('operator'), raw: Buffer.from('{"name":"x"}'), contentType: 'text/plain' }),
    ];
    for (const res of unsupported) {
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(res.body.messages['zh-CN']).toBe('不支持的请求内容类型');
      expect(res.body.messages['en-US']).toBeTruthy();
    }
    expect((await t.api('PUT', chunkUrl, { cookie: supplier, raw: Buffer.from('AAAA') })).body).toEqual({ partIndex: 0, received: 4 });

    const malformed = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(malformed.statusCode).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ code: 'BAD_REQUEST', messages: { 'zh-CN': '请求格式错误', 'en-US': 'The request is malformed' } });
  });

  it('refuses fields and parameters a route does not know, and a body where none is taken, instead of ignoring them', async () => {
    const operator = await t.signIn('operator');
    const auditor = await t.signIn('auditadmin');
    const before = await databaseState();
    const misspelt = await t.api('POST', '/api/warehouse/assets', { cookie: operator, body: { assetCategory: 'A02010104', name: '台式计算机', quantity: 2, quantitty: 20, condition: '良好' } });
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.fields).toEqual([{ path: 'body.quantitty', messages: { 'zh-CN': expect.stringContaining('quantitty'), 'en-US': expect.stringContaining('quantitty') } }]);
    const query = await t.api('GET', '/api/public/notices?noticeTyp=award');
    expect(query.status).toBe(400);
    expect(query.body.fields[0].path).toBe('querystring.noticeTyp');
    const body = await t.api('POST', '/api/audit/verifications', { cookie: auditor, body: { scope: 'last-week' } });
    expect(body.status).toBe(400);
    expect(body.body.fields[0].path).toBe('body.scope');
    expect(await databaseState()).toEqual(before);
  });

  it('answers a malformed or overlong address with a code and both languages', async () => {
    const malformed = await t.app.inject({ method: 'GET', url: '/api/public/projects/%E0%A4%A' });
    expect(malformed.statusCode).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ code: 'BAD_REQUEST', messages: { 'zh-CN': '请求格式错误' } });
    const overlong = await t.api('GET', `/api/public/projects/${'x'.repeat(101)}`);
    expect(overlong.status).toBe(414);
    expect(overlong.body).toMatchObject({ code: 'URI_TOO_LONG', messages: { 'zh-CN': '请求地址过长', 'en-US': 'The request address is too long' } });
  });

  it('refuses a revision beyond what the database column holds, at the boundary', async () => {
    const operator = await t.signIn('operator');
    const supplierEntity = await one(sql`select id from entity where entity_type = 'supplier' and status = 'active' limit 1`);
    const suspend = (revision: number) => t.api('POST', `/api/entities/${supplierEntity}/suspend`, { cookie: operator, body: { revision, reason: '核查中' } });
    expect((await suspend(2_147_483_647)).body.code).toBe('STALE_REVISION');
    const beyond = await suspend(2_147_483_648);
    expect(beyond.status).toBe(400);
    expect(beyond.body.fields[0].path).toBe('body.revision');
  });

  it('refuses dates that do not exist, and takes 29 February of a leap year', async () => {
    const expert = await t.signIn('expert1');
    const me = (await t.api('GET', '/api/experts/me', { cookie: expert })).body;
    const profile = { employerName: me.employerName, employerEntityId: me.employerEntityId, title: me.title, specialities: me.specialities, declaredConflicts: me.declaredConflicts, revision: me.revision };
    for (const day of ['2026-02-29', '2026-02-30', '2026-04-31', '2026-13-01']) {
      const res = await t.api('PUT', '/api/experts/me', { cookie: expert, body: { ...profile, unavailableDates: [day] } });
      expect(res.status, day).toBe(400);
      expect(res.body.fields[0].path).toBe('body.unavailableDates.0');
    }
    const leap = await t.api('PUT', '/api/experts/me', { cookie: expert, body: { ...profile, unavailableDates: ['2028-02-29'] } });
    expect(leap.status).toBe(200);
    expect(leap.body.unavailableDates).toEqual(['2028-02-29']);

    const milestone = { name: '到货验收', amountFen: 100, acceptanceCriteria: '数量、型号相符', dueDate: '2026-02-30' };
    const draft = { milestones: [milestone], performancePeriod: '合同签订后30日', performancePlace: '上海市徐汇区', terms: '按采购文件执行' };
    expect(contractDraftInput.safeParse(draft).success).toBe(false);
    expect(contractDraftInput.safeParse({ ...draft, milestones: [{ ...milestone, dueDate: '2028-02-29' }] }).success).toBe(true);
  });
});

describe('schema-driven fuzzing of every operation', () => {
  it('refuses invalid input with a bilingual 4xx and changes nothing', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    console.log(`fuzz seed ${seed} (replay with FUZZ_SEED=${seed})`);
    const doc = (await t.api('GET', '/api/docs/json')).body;
    const operations = operationsOf(doc);
    const pathValue = pathValueFrom(await realIds());
    const fuzzer = new RequestFuzzer(doc.components.schemas, pathValue);

    const cookies: Record<string, string> = {};
    for (const username of new Set(operations.flatMap((o) => candidatesFor(o) ?? []))) cookies[username] = await t.signIn(username);
    // For each operation, an account the row guards admit: one whose probe is not refused (a refusal
    // would be recorded in the audit trail). Probing comes before the state the fuzzing must keep.
    const accountOf = new Map<Operation, string | null>();
    for (const operation of operations) {
      const candidates = candidatesFor(operation);
      if (!candidates) {
        accountOf.set(operation, null);
        continue;
      }
      // The probe: the real path, and a query parameter no route knows, so even an admitted account changes nothing.
      const url = `${operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathValue(operation, name) ?? '00000000-0000-4000-8000-000000000000'))}?authorizationProbe=1`;
      const write = operation.method !== 'GET';
      const mediaType = operation.body?.mediaType ?? 'application/json';
      for (const username of candidates) {
        const head = await auditHead();
        const res = await t.app.inject({ method: operation.method as never, url, headers: { cookie: cookies[username]!, ...(write ? { 'content-type': mediaType } : {}) }, ...(write ? { payload: mediaType === 'application/json' ? '{}' : 'x' } : {}) });
        accountOf.set(operation, username);
        if (![401, 403, 404].includes(res.statusCode) && (await auditHead()) === head) break;
      }
    }
    // Each session notes when it was last used; do that now, so the fuzzing's own use changes nothing.
    for (const cookie of Object.values(cookies)) await t.api('GET', '/api/session', { cookie });

    // Failures grouped by operation, kind of break and answer, each with its first example.
    const failures = new Map<string, { count: number; example: string }>();
    const fail = (operation: Operation, request: FuzzRequest, why: string, detail = '') => {
      const key = `${operation.method} ${operation.path} [${request.breaks}]: ${why}`;
      const seen = failures.get(key);
      if (seen) seen.count += 1;
      else failures.set(key, { count: 1, example: `${request.url.slice(0, 160)}${request.contentType ? ` (${request.contentType}) ${String(request.payload).slice(0, 160)}` : ''} ${detail}` });
    };
    let sent = 0;
    const start = await databaseState();
    let before = await databaseState(false);
    for (const [i, operation] of operations.entries()) {
      const account = accountOf.get(operation);
      const requests = fc.sample(fuzzer.invalidRequests(operation), { seed: seed + i, numRuns: RUNS_PER_OPERATION });
      for (const request of requests) {
        const res = await t.app.inject({
          method: request.method as never,
          url: request.url,
          headers: { ...(account ? { cookie: cookies[account] } : {}), ...(request.contentType ? { 'content-type': request.contentType } : {}) },
          ...(request.payload !== undefined ? { payload: request.payload } : {}),
        });
        sent += 1;
        const body = String(res.headers['content-type'] ?? '').includes('json') ? JSON.parse(res.body) : null;
        if (res.statusCode === 401 || res.statusCode === 403) fail(operation, request, `refused before validation (${res.statusCode})`, res.body.slice(0, 200));
        else if (res.statusCode < 400 || res.statusCode >= 500) fail(operation, request, `answered ${res.statusCode}`, res.body.slice(0, 200));
        else if (!body?.code || !body.messages?.['zh-CN'] || !body.messages?.['en-US']) fail(operation, request, `answered ${res.statusCode} without a code and messages in both languages`, res.body.slice(0, 200));
      }
      // Counts after each operation say which one added or removed rows; the digests at the end catch any change.
      const after = await databaseState(false);
      const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
      if (changed.length) failures.set(`${operation.method} ${operation.path}: changed the row count of ${changed.join(', ')}`, { count: 1, example: '' });
      before = after;
    }
    const end = await databaseState();
    const changed = Object.keys(end).filter((table) => end[table] !== start[table]);
    if (changed.length) failures.set(`all operations together: changed ${changed.join(', ')}`, { count: 1, example: '' });
    console.log(`fuzz: ${sent} invalid requests to ${operations.length} operations, seed ${seed}`);
    expect(operations.length).toBeGreaterThan(100);
    const report = [...failures].map(([key, { count, example }]) => `${key} (${count}×, e.g. ${example})`);
    if (report.length) console.log(`fuzz failures (seed ${seed}):\n${report.join('\n')}`);
    expect(report).toEqual([]);
  }, 900_000);
});
