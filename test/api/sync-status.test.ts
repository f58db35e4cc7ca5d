import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApiKey } from '../../src/identity/api-keys/api-keys';
import { signedFetch } from '../../src/demo/subplatform/sync-client';
import { worksTenderReleases, type WorksTender } from '../../src/demo/subplatform/works-releases';
import { queryRows } from '../../src/platform/database/database';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * 子平台数据同步: the operator watches what each sub-platform syncs. After the demo sub-platform
 * sends a batch, its card counts the releases today and in total, the procurement it holds and
 * the unified name it is filed under; the next day the releases move to yesterday's bar.
 */
let t: TestPlatform;
let key: NonNullable<Awaited<ReturnType<typeof demoApiKey>>>;
const codes: Record<string, string> = {};

interface Status {
  entityId: string;
  name: string;
  unifiedNames: string[];
  hasApiKey: boolean;
  hasSso: boolean;
  releasesTotal: number;
  releasesToday: number;
  procurements: number;
  lastBatchAt: string | null;
  perDay: { date: string; releases: number }[];
}

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true, now: '2026-06-01T02:00:00.000Z' });
  key = (await demoApiKey(t.platform.database.db, t.platform.sealer, 'subPlatform'))!;
  for (const row of await queryRows<{ name: string; credit_code: string }>(t.platform.database.db, sql`SELECT name, credit_code FROM entity`)) codes[row.name] = row.credit_code;
}, 120_000);
afterAll(() => t?.close());

const tender = (): WorksTender => ({
  prefix: 'ocds-shjs01',
  number: 'JSGC-2026-0420',
  title: '2026年度市管公路（沪闵路段）日常养护工程',
  buyer: { name: '上海市公路事务中心', creditCode: codes['上海市公路事务中心']! },
  bidders: [
    { name: '上海城建道路养护工程有限公司', creditCode: codes['上海城建道路养护工程有限公司']!, priceFen: 98_000_000 },
    { name: '上海示范路桥建设有限公司', creditCode: '91310000MA1FL6XQ4K', priceFen: 99_500_000 },
  ],
  winner: codes['上海城建道路养护工程有限公司']!,
  budgetFen: 100_000_000,
  publishedAt: '2026-04-20T02:00:00.000Z',
});

const statuses = async (cookie: string) => {
  const res = await t.api('GET', '/api/exchange/sub-platforms', { cookie });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Status[];
};

describe('子平台数据同步', () => {
  it('shows the operator each sub-platform’s keys, and counts a batch it sends today, in total and in the procurements held', async () => {
    const operator = await t.signIn('operator');
    const mine = async () => (await statuses(operator)).find((s) => s.entityId === key.entityId)!;
    const before = await mine();
    expect(before).toMatchObject({ name: key.entityName, hasApiKey: true, hasSso: true });
    expect(before.perDay).toHaveLength(30);

    const [tenderRelease, award] = worksTenderReleases(tender());
    const res = await signedFetch(t.baseUrl, key, 'POST', '/api/sync/releases', { releases: [tenderRelease, award] }, t.clock.now());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2 });

    const after = await mine();
    expect(after.releasesTotal).toBe(before.releasesTotal + 2);
    expect(after.releasesToday).toBe(before.releasesToday + 2);
    expect(after.procurements).toBe(before.procurements + 1);
    expect(after.perDay.at(-1)).toEqual({ date: '2026-06-01', releases: before.perDay.at(-1)!.releases + 2 });
    expect(after.lastBatchAt).toBe(t.clock.now().toISOString());
    const [filed] = await queryRows<{ platform_name: string }>(t.platform.database.db, sql`SELECT platform_name FROM external_procurement WHERE ocid = 'ocds-shjs01-JSGC-2026-0420'`);
    expect(after.unifiedNames).toContain(filed!.platform_name);

    // The next day in Shanghai the batch is yesterday's.
    t.clock.advance(24 * 3600_000);
    const again = await t.signIn('operator'); // yesterday's session has lapsed
    const nextDay = (await statuses(again)).find((s) => s.entityId === key.entityId)!;
    expect(nextDay.releasesToday).toBe(0);
    expect(nextDay.releasesTotal).toBe(after.releasesTotal);
    expect(nextDay.perDay.at(-2)).toEqual({ date: '2026-06-01', releases: after.perDay.at(-1)!.releases });
  });

  it('is the home operator’s: a supplier, Shandong’s operator and a visitor are refused', async () => {
    expect((await t.api('GET', '/api/exchange/sub-platforms', { cookie: await t.signIn('supplier1') })).status).toBe(403);
    expect((await t.api('GET', '/api/exchange/sub-platforms', { cookie: await t.signIn('operator-sd') })).status).toBe(403);
    expect((await t.api('GET', '/api/exchange/sub-platforms')).status).toBe(401);
  });
});
