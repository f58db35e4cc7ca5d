import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { queryRows } from '../../src/platform/database/database';
import { unwrapContentKey } from '../../src/trading/bids/sealing';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, prepareBidder, publishProject, type Bidder } from '../support/tendering';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
});
afterAll(() => t.close());

const documentsUntil = shanghaiInstant('2026-03-13', '17:00').toISOString();

async function atDeadline(deadline: string) {
  t.clock.set(deadline);
  await t.jobs.runDue();
}

describe('when the opening cannot go ahead as planned', () => {
  it('does not open a lot of an open tender with two bids, and publishes the failure (GP-33)', async () => {
    t.clock.set('2026-03-02T02:00:00.000Z');
    const p = await publishProject(t, { title: '校园安防设备采购', deadline: shanghaiInstant('2026-03-24', '09:30').toISOString(), documentsUntil });
    for (const name of ['supplier1', 'supplier2']) await bid(t, await prepareBidder(t, name, p.projectId), p.lotId, 2_500_000);
    await atDeadline(shanghaiInstant('2026-03-24', '09:30').toISOString());
    const record = (await t.api('GET', `/api/public/lots/${p.lotId}/opening`)).body;
    expect(record.lot).toMatchObject({ status: 'failed', failureRuleId: 'GP-33' });
    expect(record.lot.failureReason).toContain('不足3家');
    expect(record.entries.every((e: { totalPriceFen: unknown }) => e.totalPriceFen === null)).toBe(true);
    const notices = (await t.api('GET', `/api/public/projects/${p.projectId}/notices`)).body;
    expect(notices.map((n: { noticeType: string }) => n.noticeType)).toContain('failure');
    expect((await t.api('GET', `/api/public/projects/${p.projectId}`)).body.status).toBe('failed');
  });

  it('revokes a bid not decrypted in the window (the bidder’s fault) and withdraws one the platform damaged (EB-06); the others stand', async () => {
    t.clock.set('2026-03-02T02:00:00.000Z');
    const deadline = shanghaiInstant('2026-03-25', '09:30').toISOString();
    const p = await publishProject(t, { title: '图书馆自助设备采购', deadline, documentsUntil });
    const bidders: Bidder[] = [];
    const receipts = [];
    for (const [i, name] of ['supplier1', 'supplier2', 'supplier3', 'supplier4'].entries()) {
      const b = await prepareBidder(t, name, p.projectId);
      bidders.push(b);
      receipts.push(await bid(t, b, p.lotId, 2_400_000 + i * 10_000));
    }
    // Someone alters supplier2's stored ciphertext behind the platform's back.
    const damaged = receipts[1]!.receipt.parts[1]!.sha256;
    const fs = await import('node:fs');
    const path = await import('node:path');
    const file = path.join(t.dataDir, 'blobs', damaged.slice(0, 2), damaged.slice(2, 4), damaged);
    const bytes = fs.readFileSync(file);
    bytes[10] = bytes[10]! ^ 0xff;
    fs.writeFileSync(file, bytes);

    await atDeadline(deadline);
    for (const b of bidders) b.cookie = await t.signIn(b.username);
    const decrypt = async (b: Bidder) => {
      const mine = (await t.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie: b.cookie })).body[0];
      return t.api('POST', `/api/lots/${p.lotId}/bids/${mine.id}/decryption`, { cookie: b.cookie, body: { contentKey: await unwrapContentKey(b.keyPair.privateKey, mine.wrappedKey) } });
    };
    expect((await decrypt(bidders[0]!)).body.status).toBe('decrypted');
    expect((await decrypt(bidders[1]!)).body.status).toBe('withdrawnPlatformFault');
    expect((await decrypt(bidders[2]!)).body.status).toBe('decrypted');
    // Each decrypted bid's documents are stored by a job after its answer, which then has the lot compared again (red flags).
    expect(await t.jobs.runDue()).toBe(4);
    // supplier4 never decrypts. Just before the window ends it still could; at its end the job runs.
    t.clock.set(new Date(new Date(deadline).getTime() + 30 * 60_000 - 1));
    expect(await t.jobs.runDue()).toBe(0);
    t.clock.set(new Date(new Date(deadline).getTime() + 30 * 60_000));
    expect(await t.jobs.runDue()).toBe(1);

    const record = (await t.api('GET', `/api/public/lots/${p.lotId}/opening`)).body;
    expect(record.opening.status).toBe('closed');
    const byName = Object.fromEntries(record.entries.map((e: { supplierName: string; status: string; totalPriceFen: number | null }) => [e.supplierName, [e.status, e.totalPriceFen]]));
    expect(byName).toEqual({
      上海申联信息科技有限公司: ['decrypted', 240_000_000],
      上海浦江数据服务有限公司: ['withdrawnPlatformFault', null],
      上海华东智能设备股份有限公司: ['decrypted', 242_000_000],
      '中远系统集成（上海）有限公司': ['revoked', null],
    });
    const reasons = await queryRows<{ action: string; n: number }>(t.platform.database.db, sql`select action, count(*)::int as n from audit_entry where action in ('bid.revoked', 'bid.withdrawnPlatformFault') group by action order by action`);
    expect(reasons).toEqual([
      { action: 'bid.revoked', n: 1 },
      { action: 'bid.withdrawnPlatformFault', n: 1 },
    ]);
  });
});
