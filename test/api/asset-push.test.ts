import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { queryRows } from '../../src/platform/database/database';
import { enqueueJob } from '../../src/platform/jobs/jobs';
import { ASSET_PUSH_JOB, acknowledgementProblems, inPlatformAssetSystem, newAssetRecords, pushNewAssets } from '../../src/trading/assets/asset-push';
import { assetPush } from '../../src/trading/assets/asset-push.schema';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * The new-asset push (seeds 003, 004): the demo's lamp contract, completed by its last acceptance,
 * queued its push in that transaction; the job produced the records once; the purchaser records the
 * asset system's card numbers; others do not see it.
 */
let t: TestPlatform;
const cookies: Record<string, string> = {};
let contractId = '';

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-23T02:00:00.000Z' });
  await seedDemoData(t.platform, { payments: false });
  for (const name of ['purchaser', 'purchaser-staff', 'purchaser-pd', 'purchaser-sd', 'supervisor', 'supervisor-xh', 'supervisor-sd', 'supplier1']) cookies[name] = await t.signIn(name);
  const [c] = (await t.api('GET', '/api/contracts', { cookie: cookies.purchaser })).body;
  contractId = c.id;
}, 180_000);
afterAll(() => t?.close());

describe('new-asset records from a contract', () => {
  it('are one per item line, valued at what the contract pays for it', () => {
    const records = newAssetRecords(
      [
        { name: 'LED教室护眼灯', brand: '申联', model: 'JK-40', quantity: 2000, unitPriceFen: 1000_00, totalFen: 2_000_000_00 },
        { name: '黑板灯', brand: null, model: null, quantity: 0, unitPriceFen: 0, totalFen: 0 },
      ],
      'A02061901',
    );
    expect(records).toEqual([{ lineNo: 1, name: 'LED教室护眼灯', brand: '申联', model: 'JK-40', assetCategory: 'A02061901', quantity: 2000, unitPriceFen: 1000_00, valueFen: 2_000_000_00 }]);
  });
  it('need a card number for each record and no other', () => {
    const records = newAssetRecords([{ name: 'a', brand: null, model: null, quantity: 1, unitPriceFen: 5, totalFen: 5 }, { name: 'b', brand: null, model: null, quantity: 2, unitPriceFen: 5, totalFen: 10 }], null);
    expect(acknowledgementProblems(records, { '1': 'ZC-1', '2': 'ZC-2' })).toEqual([]);
    expect(acknowledgementProblems(records, { '1': 'ZC-1' }).map((p) => p.field)).toEqual(['cardNumbers.2']);
    expect(acknowledgementProblems(records, { '1': 'ZC-1', '2': ' ', '3': 'x' }).map((p) => p.field)).toEqual(['cardNumbers.2', 'cardNumbers.3']);
  });
});

describe('the push of a completed goods contract', () => {
  it('was queued with the completion and produced the records once', async () => {
    const [job] = await queryRows<{ status: string; kind: string }>(t.platform.database.db, sql`SELECT status, kind FROM job WHERE dedupe_key = ${`asset-push:${contractId}`}`);
    expect(job).toEqual({ status: 'succeeded', kind: ASSET_PUSH_JOB });
    const pushes = (await t.api('GET', '/api/asset-pushes', { cookie: cookies.purchaser })).body;
    expect(pushes).toHaveLength(1);
    const contract = (await t.api('GET', `/api/contracts/${contractId}`, { cookie: cookies.purchaser })).body;
    expect(pushes[0]).toMatchObject({ contractId, contractNumber: contract.contractNumber, status: 'pushed', adapter: 'inPlatform', totalFen: contract.priceFen, cardNumbers: null });
    expect(pushes[0].records.map((r: { name: string }) => r.name)).toEqual(contract.items.map((i: { name: string }) => i.name));
    expect(pushes[0].records[0].name).toBe('LED教室护眼灯');
    const trail = await queryRows<{ n: number }>(t.platform.database.db, sql`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'assetPush.pushed' AND subject_id = ${contractId}`);
    expect(trail[0]!.n).toBe(1);
  });

  it('pushes once whatever the retries', async () => {
    const db = t.platform.database.db;
    // The completion's job queued again (dedupe: the same job) and a job run directly: still one push.
    await db.transaction(async (tx) => enqueueJob(tx, t.clock.now(), { kind: ASSET_PUSH_JOB, payload: { contractId }, runAt: t.clock.now(), dedupeKey: `asset-push:${contractId}` }));
    await db.transaction(async (tx) => enqueueJob(tx, t.clock.now(), { kind: ASSET_PUSH_JOB, payload: { contractId }, runAt: t.clock.now() }));
    await t.jobs.runDue();
    expect(await pushNewAssets(t.platform, contractId, inPlatformAssetSystem)).toMatchObject({ outcome: 'alreadyPushed' });
    expect(await db.select().from(assetPush).where(eq(assetPush.contractId, contractId))).toHaveLength(1);
  });

  it('is seen by its purchaser and the supervisors of its region only', async () => {
    const seen = async (name: string) => ((await t.api('GET', '/api/asset-pushes', { cookie: cookies[name] })).body as { contractId: string }[]).length;
    expect(await seen('purchaser-staff')).toBe(1);
    expect(await seen('supervisor')).toBe(1);
    expect(await seen('supervisor-xh')).toBe(1);
    expect(await seen('purchaser-pd')).toBe(0);
    expect(await seen('purchaser-sd')).toBe(0);
    expect(await seen('supervisor-sd')).toBe(0);
    expect((await t.api('GET', '/api/asset-pushes', { cookie: cookies.supplier1 })).status).toBe(403);
  });

  it('is acknowledged by its purchaser with the card number of each record, once', async () => {
    const [push] = (await t.api('GET', '/api/asset-pushes', { cookie: cookies.purchaser })).body;
    const url = `/api/contracts/${contractId}/asset-push/acknowledgement`;
    const cardNumbers = Object.fromEntries(push.records.map((r: { lineNo: number }) => [String(r.lineNo), `ZC2026-${r.lineNo}`]));
    expect((await t.api('POST', url, { cookie: cookies['purchaser-pd'], body: { revision: push.revision, cardNumbers } })).status).toBe(404);
    expect((await t.api('POST', url, { cookie: cookies.supervisor, body: { revision: push.revision, cardNumbers } })).status).toBe(403);
    const missing = await t.api('POST', url, { cookie: cookies.purchaser, body: { revision: push.revision, cardNumbers: {} } });
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('CARD_NUMBERS');
    const done = await t.api('POST', url, { cookie: cookies.purchaser, body: { revision: push.revision, cardNumbers, note: '已入账' } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'acknowledged', cardNumbers, note: '已入账' });
    const again = await t.api('POST', url, { cookie: cookies['purchaser-staff'], body: { revision: done.body.revision, cardNumbers } });
    expect(again.status).toBe(409);
    expect((await t.api('GET', '/api/asset-pushes', { cookie: cookies.supervisor })).body[0].status).toBe('acknowledged');
  });
});
