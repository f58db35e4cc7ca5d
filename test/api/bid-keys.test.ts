import { createPublicKey, verify } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/platform/audit/audit-chain';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { queryRows } from '../../src/platform/database/database';
import { BidClientError, sealWithKeyFile, uploadSealed } from '../../src/trading/bids/bid-client';
import { exportPublicKey, formatFingerprint, generateBidKeyPair, keyFileFingerprint, type PlainPart } from '../../src/trading/bids/sealing';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, prepareBidder, priceSchedule, publishProject, registerKey, type PublishedProject } from '../support/tendering';

let t: TestPlatform;
let p: PublishedProject;

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  p = await publishProject(t, { deadline: shanghaiInstant('2026-03-23', '10:00').toISOString(), documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString() });
});
afterAll(() => t.close());

const inbox = async (who: string, language = 'zh-CN') =>
  (await t.app.inject({ method: 'GET', url: '/api/inbox', headers: { cookie: await t.signIn(who), 'accept-language': language } })).json().items as { title: string; body: string; subject: { type: string; id: string } | null }[];

const parts = (lotId: string): PlainPart[] => [{ name: 'priceSchedule', fileName: '开标一览表.json', bytes: priceSchedule(lotId, 2_600_000) }];

async function refusal(promise: Promise<unknown>): Promise<BidClientError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BidClientError);
  return error as BidClientError;
}

describe('registering a bid key', () => {
  it('is audited, replaces the current key, and tells the supplier’s administrators the fingerprint, who and when', async () => {
    const first = await registerKey(t, await t.signIn('supplier1'));
    t.clock.set('2026-03-02T06:30:00.000Z'); // 14:30 in Beijing
    const cookie = await t.signIn('supplier1');
    const at = t.clock.now().toISOString();
    const second = await registerKey(t, cookie);

    const keys = (await t.api('GET', '/api/bid-keys', { cookie })).body as { id: string; fingerprint: string; revokedAt: string | null }[];
    expect(keys.map((k) => [k.id, k.revokedAt])).toEqual([
      [second.registered.id, null],
      [first.registered.id, at],
    ]);

    const [entry] = await queryRows<Record<string, any>>(t.platform.database.db, sql`select * from audit_entry where action = 'bid.key_register' and subject_id = ${second.registered.id}`);
    expect(entry).toMatchObject({ actor_label: '供应商1经办人 (supplier1)', after: { fingerprint: await keyFileFingerprint(second.keyFile) }, detail: { revoked: [{ id: first.registered.id }] } });
    expect(new Date(entry!.occurred_at).toISOString()).toBe(at);

    const told = (await inbox('supplier1')).filter((m) => m.subject?.id === second.registered.id);
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain(formatFingerprint(second.registered.fingerprint));
    expect(told[0]!.body).toContain('供应商1经办人（supplier1）');
    expect(told[0]!.body).toContain('2026年03月02日 14:30');
    const [english] = (await inbox('supplier1', 'en-US')).filter((m) => m.subject?.id === second.registered.id);
    expect(english!.title).toBe('A new bid encryption key was registered for your organisation');
    // Another supplier's administrator hears nothing of it.
    expect((await inbox('supplier2')).filter((m) => m.subject?.type === 'bidKey')).toEqual([]);
  });
});

describe('sealing with the supplier’s own key file', () => {
  it('refuses, before anything is sealed or sent, when a key row was added behind the platform’s back', async () => {
    const bidder = await prepareBidder(t, 'supplier2', p.projectId);
    // Whoever can write to the database adds a key of its own for supplier2, newer than supplier2's.
    const intruder = await exportPublicKey((await generateBidKeyPair()).publicKey);
    const intruderFingerprint = await keyFileFingerprint({ publicKey: intruder });
    await t.platform.database.execAsOwner(
      `INSERT INTO bid_key (id, supplier_entity_id, person_id, algorithm, public_key, fingerprint, created_at)
       SELECT gen_random_uuid(), entity_id, id, 'RSA-OAEP-SHA256', '${intruder}', '${intruderFingerprint}', '2026-03-03T00:00:00Z' FROM person WHERE username = 'supplier2'`,
    );

    const error = await refusal(bid(t, bidder, p.lotId, 2_650_000));
    expect(error.body?.code).toBe('BID_KEY_NOT_CURRENT');
    expect(error.body?.messages?.['zh-CN']).toContain(formatFingerprint(intruderFingerprint));
    expect(error.body?.messages?.['zh-CN']).toContain(formatFingerprint(await keyFileFingerprint(bidder.keyFile)));
    expect(error.body?.messages?.['en-US']).toContain('nothing was sealed or sent');
    expect((await t.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie: bidder.cookie })).body).toEqual([]);
    const uploads = await queryRows(t.platform.database.db, sql`select u.id from bid_upload u join person on person.entity_id = u.supplier_entity_id where person.username = 'supplier2'`);
    expect(uploads).toEqual([]);
  });

  it('refuses a key file whose key the platform never registered', async () => {
    const bidder = await prepareBidder(t, 'supplier4', p.projectId);
    const stranger = { publicKey: await exportPublicKey((await generateBidKeyPair()).publicKey) };
    const error = await refusal(sealWithKeyFile({ baseUrl: t.baseUrl, headers: { cookie: bidder.cookie } }, stranger, parts(p.lotId)));
    expect(error.body?.code).toBe('BID_KEY_NOT_REGISTERED');
  });

  it('gives a receipt that names the key’s fingerprint, the same receipt on a retry, and refuses a key since replaced or another supplier’s', async () => {
    const bidder = await prepareBidder(t, 'supplier3', p.projectId);
    const client = { baseUrl: t.baseUrl, headers: { cookie: bidder.cookie } };
    const sealedFirst = await sealWithKeyFile(client, bidder.keyFile, parts(p.lotId));
    const first = await uploadSealed(client, { lotId: p.lotId, sealed: sealedFirst, idempotencyKey: 'supplier3-first' });
    expect(first.receipt.keyFingerprint).toBe(await keyFileFingerprint(bidder.keyFile));
    const { publicKeyPem } = (await t.api('GET', '/api/public/receipt-key')).body;
    expect(verify(null, Buffer.from(canonicalJson(first.receipt)), createPublicKey(publicKeyPem), Buffer.from(first.signature, 'base64'))).toBe(true);

    // Sealed while the key was current; the supplier registers a new key before sending it.
    const sealed = await sealWithKeyFile(client, bidder.keyFile, parts(p.lotId));
    await registerKey(t, bidder.cookie);
    const revoked = await refusal(uploadSealed(client, { lotId: p.lotId, sealed, idempotencyKey: 'supplier3-after-new-key' }));
    expect([revoked.status, revoked.body?.code]).toEqual([409, 'BID_KEY_REVOKED']);
    // What was finalised stays as it was: the retry gets the identical receipt.
    expect(await uploadSealed(client, { lotId: p.lotId, sealed: sealedFirst, idempotencyKey: 'supplier3-first' })).toEqual(first);

    const other = await prepareBidder(t, 'supplier4', p.projectId);
    const notTheirs = await refusal(uploadSealed({ baseUrl: t.baseUrl, headers: { cookie: other.cookie } }, { lotId: p.lotId, sealed, idempotencyKey: 'supplier4-with-supplier3-key' }));
    expect(notTheirs.status).toBe(404);
  });
});
