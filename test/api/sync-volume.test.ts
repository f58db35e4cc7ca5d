import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeCreditCode } from '../../src/identity';
import { demoApiKey } from '../../src/identity/api-keys/api-keys';
import { pushReleases, type SubPlatformKey } from '../../src/demo/subplatform/sync-client';
import { worksTenderReleases } from '../../src/demo/subplatform/works-releases';
import { queryRows } from '../../src/platform/database/database';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * Issue 15: 10,000 releases from the demo construction sub-platform, with duplicates and invalid
 * ones mixed in, pushed in batches of 500 by the sub-platform's own sync client. Every release is
 * accounted for: accepted once, recognised as a duplicate, or refused with its reason; and the
 * platform holds exactly the accepted ones.
 */
let t: TestPlatform;
let key: SubPlatformKey;
let buyer = { name: '上海市公路事务中心', creditCode: '' };

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true, now: '2026-06-01T02:00:00.000Z' });
  key = (await demoApiKey(t.platform.database.db, t.platform.sealer, 'subPlatform'))!;
  buyer.creditCode = (await queryRows<{ credit_code: string }>(t.platform.database.db, sql`SELECT credit_code FROM entity WHERE name = ${buyer.name}`))[0]!.credit_code;
}, 120_000);
afterAll(() => t?.close());

/** A valid credit code for the n-th made-up contractor. */
const contractor = (n: number) => {
  const first17 = `913101${String(n).padStart(11, '0')}`.replace(/^(.{8})0/, '$1M');
  return { name: `上海第${n}市政养护有限公司`, creditCode: completeCreditCode(first17) };
};

/** What is wrong with each invalid release, and the field the platform must name. */
const FAULTS: { path: RegExp; spoil: (r: Record<string, any>) => void }[] = [
  { path: /^\/date$/, spoil: (r) => delete r.date },
  { path: /^\/parties\/0\/identifier\/id$/, spoil: (r) => (r.parties[0].identifier.id = `${r.parties[0].identifier.id.slice(0, 17)}${r.parties[0].identifier.id.endsWith('1') ? '2' : '1'}`) },
  { path: /^\/tender\/value\/amount$/, spoil: (r) => (r.tender.value.amount = 0.001) },
  { path: /^\/tradingPlatform$/, spoil: (r) => (r.tradingPlatform = 'P99') },
  { path: /^\/tender\/status$/, spoil: (r) => (r.tender.status = 'finished') },
];

describe('a sync of 10,000 releases with duplicates and invalid ones mixed in', () => {
  it('accounts for every one: 9,000 accepted once, 500 duplicates, 500 refused with their field', async () => {
    const TENDERS = 4500;
    const stream: Record<string, unknown>[] = [];
    const valid: Record<string, unknown>[] = [];
    const invalid = new Map<string, RegExp>();
    for (let n = 0; n < TENDERS; n++) {
      const day = new Date(Date.parse('2026-01-05T01:00:00Z') + (n % 100) * 86_400_000).toISOString();
      const [tender, award] = worksTenderReleases({
        prefix: 'ocds-shjs01',
        number: `VOL-${n}`,
        title: `公路养护工程（第${n}标段）`,
        buyer,
        bidders: [0, 1, 2].map((k) => ({ ...contractor(n * 3 + k), priceFen: 10_000_000 + ((n * 7 + k * 13) % 97) * 1000 })),
        winner: contractor(n * 3).creditCode,
        budgetFen: 12_000_000,
        publishedAt: day,
      });
      stream.push(tender!, award!);
      valid.push(tender!, award!);
      // After every nine tenders, one release sent again and one with a fault.
      if (n % 9 === 8) {
        stream.push(structuredClone(valid[valid.length - 1 - ((n * 5) % 17)]!));
        const bad = structuredClone(tender!) as Record<string, any>;
        bad.ocid = `ocds-shjs01-BAD-${n}`;
        const fault = FAULTS[invalid.size % FAULTS.length]!;
        fault.spoil(bad);
        invalid.set(bad.ocid, fault.path);
        stream.push(bad);
      }
    }
    expect(stream).toHaveLength(10_000);

    const tally = await pushReleases(t.baseUrl, key, stream, 500, () => t.clock.now());
    expect(tally.accepted).toBe(9000);
    expect(tally.duplicates).toBe(500);
    expect(tally.refused).toHaveLength(500);
    for (const r of tally.refused) expect(r.path, `${r.ocid}: ${r.message}`).toMatch(invalid.get(r.ocid!)!);
    expect(new Set(tally.refused.map((r) => r.ocid))).toEqual(new Set(invalid.keys()));

    const [held] = await queryRows<{ releases: number; procurements: number; bad: number }>(
      t.platform.database.db,
      sql`SELECT (SELECT count(*)::int FROM ocds_release WHERE ocid LIKE 'ocds-shjs01-VOL-%') AS releases,
                 (SELECT count(*)::int FROM external_procurement WHERE ocid LIKE 'ocds-shjs01-VOL-%') AS procurements,
                 (SELECT count(*)::int FROM ocds_release WHERE ocid LIKE 'ocds-shjs01-BAD-%') AS bad`,
    );
    expect(held).toEqual({ releases: 9000, procurements: 4500, bad: 0 });
    // Each procurement compiled from its two releases: complete, with its three bids and the award.
    const [one] = await queryRows<{ release_count: number; tender_status: string; bid_count: number; awarded_fen: string }>(
      t.platform.database.db,
      sql`SELECT release_count, tender_status, bid_count, awarded_fen FROM external_procurement WHERE ocid = 'ocds-shjs01-VOL-4499'`,
    );
    expect(one).toMatchObject({ release_count: 2, tender_status: 'complete', bid_count: 3 });
  }, 600_000);
});
