import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { setPublicationMedia } from '../../src/exchange';
import { compileRelease } from '../../src/exchange/ocds/merge';
import { extendedReleaseSchema, mergeRules, publishOcdsReleases } from '../../src/exchange/ocds/publish';
import { systemContext } from '../../src/platform/context';
import { shanghaiDate } from '../../src/platform/calendar/calendar';
import { queryRows } from '../../src/platform/database/database';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * The OCDS publication on the demo data, run through the domain's own steps: every package the
 * platform serves validates against the official OCDS 1.1.5 schemas (copied into the repository
 * with their licence, src/exchange/ocds/schema/) with the extensions it declares applied, the
 * record's compiled release is the merge of its releases, and no person's name or phone number
 * goes out.
 */
let t: TestPlatform;
const SCHEMAS = new URL('../../src/exchange/ocds/schema/', import.meta.url);
const read = (name: string) => JSON.parse(fs.readFileSync(new URL(name, SCHEMAS), 'utf8')) as Record<string, unknown>;

type Validate = ((data: unknown) => boolean) & { errors?: unknown };
let validateReleasePackage: Validate;
let validateRecordPackage: Validate;

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-23T02:00:00.000Z' });
  await seedDemoData(t.platform);
  // The release schema as the packages declare it: core, then the bids extension's patch, then ours.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({ ...extendedReleaseSchema(), id: 'https://standard.open-contracting.org/schema/1__1__5/release-schema.json' });
  ajv.addSchema(read('versioned-release-validation-schema.json'));
  validateReleasePackage = ajv.compile(read('release-package-schema.json'));
  validateRecordPackage = ajv.compile(read('record-package-schema.json'));
}, 300_000);
afterAll(() => t?.close());

const expectValid = (validate: Validate, body: unknown) => {
  const ok = validate(body);
  expect(ok ? [] : validate.errors).toEqual([]);
};

async function allReleases() {
  const releases: Record<string, any>[] = [];
  let url = '/api/ocds/releases?limit=7';
  for (;;) {
    const res = await t.api('GET', url);
    expect(res.status).toBe(200);
    if (res.body.releases.length === 0) break;
    expectValid(validateReleasePackage, res.body);
    releases.push(...res.body.releases);
    url = new URL(res.body.links.next).pathname + new URL(res.body.links.next).search;
  }
  return releases;
}

async function finishedProject() {
  const [p] = await queryRows<{ ocid: string; id: string }>(t.platform.database.db, sql`SELECT ocid, id FROM project WHERE status IN ('completed', 'closed') AND origin_platform = 'P01' ORDER BY created_at LIMIT 1`);
  return p!;
}

describe('OCDS releases of the demo procurement', () => {
  it('publishes a release at each step, pages through them in commit order, and every page validates', async () => {
    const releases = await allReleases();
    expect(releases.length).toBeGreaterThan(10);
    const { ocid } = await finishedProject();
    const tags = releases.filter((r) => r.ocid === ocid).map((r) => r.tag[0]);
    // The finished project went through every stage; a paid milestone is one more implementation release.
    expect(tags.slice(0, 2)).toEqual(['planning', 'tender']);
    for (const tag of ['award', 'contract', 'implementation', 'implementationUpdate']) expect(tags).toContain(tag);
    expect(tags.indexOf('award')).toBeLessThan(tags.indexOf('contract'));
    expect(tags.indexOf('contract')).toBeLessThan(tags.indexOf('implementation'));
    // Every procurement's record validates too, whatever stage it reached (a failed one among them).
    for (const o of new Set(releases.map((r) => r.ocid as string))) {
      const record = await t.api('GET', `/api/ocds/records/${encodeURIComponent(o)}`);
      expectValid(validateRecordPackage, record.body);
      expect(record.body.records[0].compiledRelease).toEqual(compileRelease(record.body.records[0].releases, mergeRules()));
    }
    expect(releases.some((r) => r.tender?.status === 'unsuccessful')).toBe(true);
    // Release ids are unique within an ocid.
    const ids = releases.map((r) => `${r.ocid}/${r.id}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('serves the finished project as a record whose compiled release holds tender, award, contract and payments', async () => {
    const { ocid } = await finishedProject();
    const res = await t.api('GET', `/api/ocds/records/${encodeURIComponent(ocid)}`);
    expect(res.status).toBe(200);
    expectValid(validateRecordPackage, res.body);
    const [record] = res.body.records;
    expect(record.ocid).toBe(ocid);
    const compiled = record.compiledRelease;
    expect(compiled).toEqual(compileRelease(record.releases, mergeRules()));
    expect(compiled.tag).toEqual(['compiled']);
    expect(compiled.tender.procurementMethod).toBe('open');
    expect(compiled.tender.procurementMethodDetails).toBe('公开招标');
    expect(compiled.tender.lots.length).toBeGreaterThan(0);
    expect(compiled.tender.tenderPeriod.endDate).toBeTruthy();
    expect(compiled.bids.statistics.find((s: { measure: string }) => s.measure === 'bids').value).toBeGreaterThanOrEqual(3);
    expect(compiled.bids.details.every((b: { tenderers: unknown[] }) => b.tenderers.length === 1)).toBe(true);
    const [award] = compiled.awards;
    expect(award.status).toBe('active');
    expect(compiled.bids.details.map((b: { id: string }) => b.id)).toContain(award.relatedBids[0]);
    const [contract] = compiled.contracts;
    const [db] = await queryRows<{ price_fen: number; paid: number }>(
      t.platform.database.db,
      sql`SELECT c.price_fen, (SELECT count(*)::int FROM payment_application a WHERE a.contract_id = c.id AND a.status = 'paid') AS paid FROM contract c JOIN project p ON p.id = c.project_id WHERE p.ocid = ${ocid}`,
    );
    expect(contract.value).toEqual({ amount: Number(db!.price_fen) / 100, currency: 'CNY' });
    expect(contract.implementation.milestones.every((m: { status: string }) => m.status === 'met')).toBe(true);
    expect(db!.paid).toBeGreaterThan(0);
    expect(contract.implementation.transactions).toHaveLength(db!.paid);
    // The winner is a party with its credit code, as supplier; the purchaser is the buyer.
    const supplier = compiled.parties.find((p: { id: string }) => p.id === award.suppliers[0].id);
    expect(supplier.roles).toEqual(expect.arrayContaining(['tenderer', 'supplier']));
    expect(supplier.identifier.scheme).toBe('CN-USCC');
    expect(compiled.parties.find((p: { id: string }) => p.id === compiled.buyer.id).roles).toContain('buyer');
    // The local extension's fields.
    expect(compiled.transactionCode).toBe(ocid.slice(t.platform.config.ocidPrefix.length + 1));
    expect(compiled.tender.lots[0].smeMeasure.measure).toMatch(/^(none|reserved|priceDeduction)$/);
  });

  it('writes a release in the transaction of the step it reports: rolled back with it, committed with it', async () => {
    const { ocid, id } = await finishedProject();
    const count = async () => (await queryRows<{ n: number }>(t.platform.database.db, sql`SELECT count(*)::int AS n FROM ocds_release WHERE ocid = ${ocid}`))[0]!.n;
    const before = await count();
    const ctx = systemContext(t.platform);
    const step = [{ action: 'notice.publish_correction', subjectType: 'notice', projectId: id }];
    await expect(
      t.platform.database.db.transaction(async (tx) => {
        await publishOcdsReleases(tx, ctx, step);
        throw new Error('the step failed');
      }),
    ).rejects.toThrow('the step failed');
    expect(await count()).toBe(before);
    await t.platform.database.db.transaction((tx) => publishOcdsReleases(tx, ctx, step));
    expect(await count()).toBe(before + 1);
    const record = (await t.api('GET', `/api/ocds/records/${encodeURIComponent(ocid)}`)).body.records[0];
    expect(record.releases.at(-1).tag).toEqual(['tenderUpdate']);
  });

  it('answers 404 for an unknown ocid, in both languages', async () => {
    const res = await t.api('GET', '/api/ocds/records/ocds-unknown-1');
    expect(res.status).toBe(404);
    expect(res.body.messages['zh-CN']).toContain('OCDS 记录');
    expect(res.body.messages['en-US']).toContain('OCDS record');
  });

  it('gives each day’s releases as gzipped JSON lines (Shanghai days), and no file for a day to come', async () => {
    const releases = await allReleases();
    const days = new Map<string, number>();
    for (const r of releases) days.set(shanghaiDate(new Date(r.date)), (days.get(shanghaiDate(new Date(r.date))) ?? 0) + 1);
    const [day, n] = [...days].at(-1)!;
    const res = await t.api('GET', `/api/ocds/bulk/${day}.jsonl.gz`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/gzip');
    const lines = gunzipSync(res.body as Buffer).toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(n);
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(releases.filter((r) => shanghaiDate(new Date(r.date)) === day).map((r) => r.id));
    const tomorrow = new Date(t.clock.now().getTime() + 86_400_000);
    const future = await t.api('GET', `/api/ocds/bulk/${shanghaiDate(tomorrow)}.jsonl.gz`);
    expect(future.status).toBe(404);
    expect(future.body.messages['zh-CN']).toContain('尚未到来');
    expect(future.body.messages['en-US']).toContain('not come yet');
  });

  it('publishes no person’s name, phone number or e-mail address', async () => {
    const people = await queryRows<{ v: string }>(
      t.platform.database.db,
      sql`SELECT display_name AS v FROM person UNION SELECT mobile FROM person UNION SELECT email FROM person UNION SELECT contact_name FROM entity UNION SELECT contact_phone FROM entity UNION SELECT contact_email FROM entity UNION SELECT contact_name FROM project UNION SELECT contact_phone FROM project`,
    );
    const personal = people.map((p) => p.v).filter((v): v is string => typeof v === 'string' && v.length >= 2);
    expect(personal).toContain('赵丽'); // the demo purchaser's contact
    const out = JSON.stringify(await allReleases());
    const { ocid } = await finishedProject();
    const record = JSON.stringify((await t.api('GET', `/api/ocds/records/${encodeURIComponent(ocid)}`)).body);
    for (const value of personal) {
      expect(out.includes(value), value).toBe(false);
      expect(record.includes(value), value).toBe(false);
    }
  });

  it('serves the local extension it declares, and the publication policy', async () => {
    const policy = await t.api('GET', '/api/ocds');
    expect(policy.status).toBe(200);
    const ext = await t.api('GET', '/api/ocds/extension/extension.json');
    expect(ext.status).toBe(200);
    expect(ext.body.schemas).toEqual(['release-schema.json']);
    expect(policy.body.extensions.some((u: string) => u.endsWith('/api/ocds/extension/extension.json'))).toBe(true);
  });
});

describe('the push of notices to the designated media', () => {
  it('retries a medium that fails, records each attempt, and shows the acknowledgement to the operator', async () => {
    const [first] = await queryRows<{ notice_id: string }>(t.platform.database.db, sql`SELECT notice_id FROM notice_outbox WHERE acknowledged_at IS NULL ORDER BY queued_at LIMIT 1`);
    const failing = first!.notice_id;
    let calls = 0;
    setPublicationMedia(t.platform, [
      {
        code: 'ccgp',
        name: '中国政府采购网',
        async deliver(n) {
          if (n.id === failing && ++calls <= 2) throw new Error('503 Service Unavailable');
          return { reference: `ACK-${n.id.slice(0, 8)}` };
        },
      },
    ]);
    const row = async () => (await queryRows<{ attempts: number; acknowledged_at: Date | null; last_error: string | null; reference: string | null }>(t.platform.database.db, sql`SELECT * FROM notice_outbox WHERE notice_id = ${failing}`))[0]!;
    await t.pushes.runDue();
    expect(await row()).toMatchObject({ attempts: 1, acknowledged_at: null, last_error: '503 Service Unavailable' });
    const operator = await t.signIn('operator');
    const pending = (await t.api('GET', '/api/notice-outbox', { cookie: operator })).body.find((e: { noticeId: string }) => e.noticeId === failing);
    expect(pending).toMatchObject({ status: 'retrying', attempts: 1, mediumName: '中国政府采购网' });
    // The push runner backs off (2 s, then 4 s) before each retry.
    for (const wait of [2_000, 4_000]) {
      t.clock.advance(wait);
      await t.pushes.runDue();
    }
    expect(await row()).toMatchObject({ attempts: 3, reference: `ACK-${failing.slice(0, 8)}` });
    expect((await row()).acknowledged_at).not.toBeNull();
    const list = (await t.api('GET', '/api/notice-outbox', { cookie: operator })).body as { noticeId: string; status: string }[];
    expect(list.find((e) => e.noticeId === failing)).toMatchObject({ status: 'acknowledged', attempts: 3 });
    expect(list.every((e) => e.status === 'acknowledged')).toBe(true);
    expect((await t.api('GET', '/api/notice-outbox')).status).toBe(401);
  });
});
