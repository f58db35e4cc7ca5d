import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOcds } from '../../src/exchange/import/import';
import { systemContext } from '../../src/platform/context';
import { queryRows } from '../../src/platform/database/database';
import { recomputeOcdsIndicators } from '../../src/supervision/redflags/redflags';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * Open data published by others (the synthetic DNCP sample: 8 procurements, 16 good releases, one
 * that fails the schema and one repeated) is imported as procurements traded elsewhere: shown on the
 * portal under the publisher's name, read by the OCDS red flags, never republished in the feed.
 */
const FILE = 'test/fixtures/ocds/dncp-release-package.json';
const sample = fs.readFileSync(FILE);
const pkg = JSON.parse(sample.toString('utf8')) as { publisher: { name: string }; releases: { ocid: string; id: string; tender?: { title?: string; numberOfTenderers?: number; procurementMethod?: string } }[] };
const DNCP = pkg.publisher.name;

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ demo: true });
}, 120_000);
afterAll(() => t?.close());

const ctx = () => systemContext(t.platform);
const count = async (table: 'ocds_release' | 'external_procurement' | 'ocds_import') => (await queryRows<{ n: number }>(t.platform.database.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`))[0]!.n;
const get = async (url: string, cookie?: string) => {
  const res = await t.api('GET', url, cookie ? { cookie } : {});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('importing a publisher’s release package', () => {
  it('imports the valid new releases, and counts the invalid one and the repeated one with examples', async () => {
    const ocids = new Set(pkg.releases.map((r) => r.ocid));
    const summary = await importOcds(ctx(), { fileName: 'dncp-release-package.json', content: sample });
    expect(summary.format).toBe('releasePackage');
    expect(summary.publisherName).toBe(DNCP);
    expect(summary.found).toBe(pkg.releases.length);
    expect(summary.imported).toBe(pkg.releases.length - 2);
    // The invalid release's procurement has no valid release: it is not there.
    expect(summary.procurements).toBe(ocids.size - 1);
    expect(summary.refused).toBe(false);
    const reasons = Object.fromEntries(summary.skipped.map((s) => [s.reason, s]));
    expect(Object.keys(reasons).sort()).toEqual(['duplicate', 'schemaInvalid']);
    expect(reasons.schemaInvalid!.count).toBe(1);
    expect(reasons.schemaInvalid!.examples[0]).toMatch(/\/tender\/value\/amount/);
    expect(reasons.duplicate!.count).toBe(1);
    expect(reasons.duplicate!.examples[0]).toContain(`${pkg.releases[0]!.ocid}/${pkg.releases[0]!.id}`);

    const [run] = await queryRows<{ id: string; publisher_name: string; releases: number; procurements: number; file_sha256: string }>(t.platform.database.db, sql`SELECT * FROM ocds_import`);
    expect(run).toMatchObject({ id: summary.importId, publisher_name: DNCP, releases: summary.imported, procurements: summary.procurements, file_sha256: summary.fileSha256 });
    const audit = await queryRows<{ action: string; subject_id: string; actor_person_id: string | null }>(t.platform.database.db, sql`SELECT action, subject_id, actor_person_id FROM audit_entry WHERE action = 'ocds.import'`);
    expect(audit).toEqual([{ action: 'ocds.import', subject_id: summary.importId, actor_person_id: null }]);
  });

  it('imports nothing the second time: every release is a duplicate, and no run is recorded', async () => {
    const before = { releases: await count('ocds_release'), runs: await count('ocds_import') };
    const again = await importOcds(ctx(), { fileName: 'dncp-release-package.json', content: sample });
    expect(again.imported).toBe(0);
    expect(again.importId).toBeNull();
    expect(again.skipped.find((s) => s.reason === 'duplicate')!.count).toBe(pkg.releases.length - 1);
    expect({ releases: await count('ocds_release'), runs: await count('ocds_import') }).toEqual(before);
  });

  it('does not let another publisher add to a procurement the first one published', async () => {
    const other = await importOcds(ctx(), { fileName: 'copy.json', content: sample, publisherName: 'Someone else' });
    expect(other.imported).toBe(0);
    expect(other.skipped.find((s) => s.reason === 'otherOrigin')!.count).toBe(pkg.releases.length - 1);
  });

  it('loads nothing of JSON Lines with a broken line midway, and says which line', async () => {
    const lines = ['A', 'B', 'C'].map((n, i) => JSON.stringify({ ocid: `ocds-test-${n}`, id: `${n}-1`, date: `2025-0${i + 1}-01T00:00:00Z`, tag: ['tender'], initiationType: 'tender', tender: { id: n, title: `Broken file ${n}` } }));
    lines.splice(2, 0, '{"ocid": "ocds-test-X", "id": ');
    const before = { releases: await count('ocds_release'), procurements: await count('external_procurement'), runs: await count('ocds_import') };
    const summary = await importOcds(ctx(), { fileName: 'broken.jsonl', content: lines.join('\n'), publisherName: 'Test publisher' });
    expect(summary.refused).toBe(true);
    expect(summary.imported).toBe(0);
    expect(summary.skipped[0]).toMatchObject({ reason: 'invalidJson', count: 1, examples: [expect.stringMatching(/^line 3: /)] });
    expect({ releases: await count('ocds_release'), procurements: await count('external_procurement'), runs: await count('ocds_import') }).toEqual(before);
    // Mended, the same lines load; a non-CNY or valueless procurement is kept without a yuan value.
    lines.splice(2, 1);
    const mended = await importOcds(ctx(), { fileName: 'mended.jsonl', content: lines.join('\n'), publisherName: 'Test publisher' });
    expect(mended).toMatchObject({ format: 'jsonLines', imported: 3, procurements: 3, refused: false });
  });

  it('imports a record package: each record’s full releases, or its compiled release when it links its releases', async () => {
    const full = (n: string, id: string, date: string, extra: Record<string, unknown>) => ({ ocid: `ocds-rec-${n}`, id, date, tag: ['tender'], initiationType: 'tender', ...extra });
    const records = {
      publisher: { name: 'Record publisher' },
      records: [
        { ocid: 'ocds-rec-1', releases: [full('1', 'r1', '2025-01-01T00:00:00Z', { tender: { id: '1', title: 'Record one' } }), full('1', 'r2', '2025-02-01T00:00:00Z', { tag: ['award'], awards: [{ id: 'a1', status: 'active', value: { amount: 1234.5, currency: 'CNY' } }] })] },
        { ocid: 'ocds-rec-2', releases: [{ url: 'https://example.org/ocds-rec-2/r1', date: '2025-03-01T00:00:00Z', tag: ['tender'] }], compiledRelease: { ...full('2', 'r1-compiled', '2025-03-01T00:00:00Z', { tender: { id: '2', title: 'Record two', value: { amount: 500, currency: 'CNY' } } }), tag: ['compiled'] } },
      ],
    };
    const summary = await importOcds(ctx(), { fileName: 'records.json', content: JSON.stringify(records) });
    expect(summary).toMatchObject({ format: 'recordPackage', publisherName: 'Record publisher', imported: 3, procurements: 2, skipped: [] });
    const one = await get('/api/public/external/ocds-rec-1');
    expect(one).toMatchObject({ title: 'Record one', awardedFen: 123_450, releaseCount: 2 });
    expect((await get('/api/public/external/ocds-rec-2')).valueFen).toBe(50_000);
  });

  it('keeps imported releases out of the public change feed', async () => {
    const feed = await get('/api/ocds/releases?limit=1000');
    expect((feed.releases as { ocid: string }[]).filter((r) => r.ocid.startsWith('ocds-03ad3f-') || r.ocid.startsWith('ocds-test-'))).toEqual([]);
  });
});

describe('the public portal', () => {
  it('lists the imported procurements under the publisher’s name, by title and by platform', async () => {
    const all = await get('/api/public/external?pageSize=100');
    const dncp = all.platforms.find((p: { name: string }) => p.name === DNCP);
    expect(dncp).toMatchObject({ origin: 'import', count: new Set(pkg.releases.map((r) => r.ocid)).size - 1 });
    const listed = await get(`/api/public/external?platform=${encodeURIComponent(DNCP)}&pageSize=100`);
    expect(listed.total).toBe(dncp.count);
    expect(listed.items.every((i: { platformName: string; origin: string }) => i.platformName === DNCP && i.origin === 'import')).toBe(true);
    const title = pkg.releases.find((r) => r.tender?.numberOfTenderers === undefined && r.tender?.title)!.tender!.title!;
    const found = await get(`/api/public/external?q=${encodeURIComponent(title.split(' ').slice(0, 3).join(' '))}`);
    expect(found.items.map((i: { title: string }) => i.title)).toContain(title);
    // Guaraní are not yuan: the value is shown as published, with no fen.
    expect(listed.items[0].valueFen).toBeNull();
    expect(listed.items[0].value.currency).toBe('PYG');
  });

  it('shows one procurement: its bids, award and supplier, contract and releases, and offers the compiled release', async () => {
    const single = pkg.releases.find((r) => r.tender?.numberOfTenderers === 1)!;
    const detail = await get(`/api/public/external/${encodeURIComponent(single.ocid)}`);
    const releases = pkg.releases.filter((r) => r.ocid === single.ocid);
    expect(detail.platformName).toBe(DNCP);
    expect(detail.bidCount).toBe(1);
    expect(detail.bids).toHaveLength(1);
    expect(detail.awards[0].suppliers).toEqual(detail.bids[0].tenderers);
    expect(detail.contracts).toHaveLength(1);
    expect(detail.releases.map((r: { id: string }) => r.id)).toEqual(releases.map((r) => r.id));
    expect(detail.recordUrl).toBe(`/api/public/external/${encodeURIComponent(single.ocid)}/compiled`);
    const file = await t.api('GET', detail.recordUrl);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toContain('attachment');
    expect((typeof file.body === 'string' ? JSON.parse(file.body) : file.body).ocid).toBe(single.ocid);
    expect((await t.api('GET', '/api/public/external/ocds-nothing-here')).status).toBe(404);
  });
});

describe('supervision', () => {
  it('raises the single-bid indicator on the imported single-bidder procurement, naming it and its platform', async () => {
    await recomputeOcdsIndicators(ctx());
    const single = pkg.releases.find((r) => r.tender?.numberOfTenderers === 1)!;
    const alerts = (await get('/api/supervision/alerts?code=R018', await t.signIn('supervisor'))).items as { id: string; project: unknown; external: { ocid: string; title: string; platformName: string } | null }[];
    const onIt = alerts.filter((a) => a.external?.ocid === single.ocid);
    expect(onIt).toHaveLength(1);
    expect(onIt[0]).toMatchObject({ project: null, external: { platformName: DNCP, title: pkg.releases.find((r) => r.ocid === single.ocid && r.tender?.title)!.tender!.title } });
    // The direct award with one bid is not a competitive procedure: no alert on it.
    const direct = pkg.releases.find((r) => r.tender?.procurementMethod === 'limited')!;
    expect(alerts.filter((a) => a.external?.ocid === direct.ocid)).toEqual([]);
    const detail = await get(`/api/supervision/alerts/${onIt[0]!.id}`, await t.signIn('supervisor'));
    expect(detail.external.ocid).toBe(single.ocid);
  });
});
