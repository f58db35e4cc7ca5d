import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, shanghaiDate } from '../../src/platform/calendar/calendar';
import { createEntityWithAccounts, completeCreditCode } from '../../src/identity';
import { issueApiKey } from '../../src/identity/api-keys/api-keys';
import { signApiRequest } from '../../src/identity/api-keys/signed-request.rules';
import { verifyLedger } from '../../src/money';
import { systemContext } from '../../src/platform/context';
import { queryRows } from '../../src/platform/database/database';
import { writeSetting } from '../../src/platform/settings/settings';
import { listingSettingKey } from '../../src/trading/listings/asset-types';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * 挂牌、拍卖 on a real database (PGlite, or PostgreSQL with DATABASE_URL): a state-owned property
 * listing checked against LA-01, three qualified bidders known to each other by number only, an
 * online auction with two 限时竞价 extensions, the result notice naming the winner, the winner's
 * deposit counted towards the price and the others refunded; and one bidder taking a listing at
 * the listed price (LA-03).
 */
let t: TestPlatform;
const c: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  for (const u of ['purchaser', 'purchaser-pd', 'operator', 'supplier1', 'supplier2', 'supplier3']) c[u] = await t.signIn(u);
}, 180_000);
afterAll(() => t?.close());

/** Signs in again when the test clock has moved past the session's life. */
async function api(user: string, method: string, url: string, body?: unknown) {
  const r = await t.api(method, url, { cookie: c[user], body });
  if (r.status !== 401) return r;
  c[user] = await t.signIn(user);
  return t.api(method, url, { cookie: c[user], body });
}
/** A reader of the live view (server-sent events): every event it has received, in order. */
async function openLive(user: string, id: string) {
  const abort = new AbortController();
  const res = await fetch(`${t.baseUrl}/api/listings/${id}/live`, { headers: { cookie: c[user]! }, signal: abort.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: { event: string; data: Record<string, unknown> }[] = [];
  let raw = '';
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body!) {
        raw += decoder.decode(chunk as Uint8Array, { stream: true });
        let cut: number;
        while ((cut = raw.indexOf('\n\n')) >= 0) {
          const [head, body] = raw.slice(0, cut).split('\n');
          raw = raw.slice(cut + 2);
          events.push({ event: head!.slice('event: '.length), data: JSON.parse(body!.slice('data: '.length)) });
        }
      }
    } catch {
      // closed by the test
    }
  })();
  const until = async (test: (e: (typeof events)[number]) => boolean) => {
    for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
      const found = events.find(test);
      if (found) return found;
    }
    throw new Error(`live view: no such event in ${JSON.stringify(events)}`);
  };
  return { events, until, close: () => abort.abort() };
}

const PROPERTY = {
  assetType: 'propertyRights',
  title: '上海某国有企业持有的某科技公司40%股权',
  description: '转让标的：40%股权',
  qualification: '意向受让方应为依法设立并有效存续的企业法人',
  listedPriceFen: 100_000_000,
  incrementFen: 1_000_000,
  depositFen: 10_000_000,
};

async function qualifiedListing(input: Record<string, unknown>, bidders: string[]) {
  const created = await api('purchaser', 'POST', '/api/listings', input);
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const numbers: Record<string, string> = {};
  for (const s of bidders) {
    const r = await api(s, 'POST', `/api/listings/${id}/bidders`);
    expect(r.status).toBe(201);
    numbers[s] = r.body.bidderNo;
    expect((await api(s, 'POST', `/api/listings/${id}/bids`, { amountFen: 100_000_000 })).body.code).toBe('NOT_QUALIFIED');
    // Another province's operator is a stranger to a Shanghai listing.
    expect((await api('operator-sd', 'POST', `/api/listings/${id}/bidders/${r.body.id}/deposit`, { amountFen: input.depositFen, reference: 'BANK-SD' })).status).toBe(404);
    expect((await api('operator', 'POST', `/api/listings/${id}/bidders/${r.body.id}/deposit`, { amountFen: input.depositFen, reference: `BANK-${s}-${id.slice(0, 6)}` })).status).toBe(200);
    expect((await api('purchaser', 'POST', `/api/listings/${id}/bidders/${r.body.id}/qualification`)).status).toBe(200);
  }
  return { id, numbers };
}

describe('a state-owned property listing with three bidders goes to auction', () => {
  let id: string;
  let numbers: Record<string, string>;
  let live: Awaited<ReturnType<typeof openLive>>;
  let registrationIds: string[] = [];

  it('refuses a listing shorter than 20 working days (LA-01), and publishes one that is long enough', async () => {
    // The test clock is Monday 2 March 2026: the 20th working day after it is 30 March.
    const short = await api('purchaser', 'POST', '/api/listings', { ...PROPERTY, endsOn: '2026-03-27' });
    expect(short.status).toBe(422);
    expect(short.body.code).toBe('LISTING_PERIOD_TOO_SHORT');
    expect(short.body.details?.ruleId ?? short.body.ruleId).toBeDefined();
    ({ id, numbers } = await qualifiedListing({ ...PROPERTY, endsOn: '2026-03-30' }, ['supplier1', 'supplier2', 'supplier3']));
    expect(new Set(Object.values(numbers)).size).toBe(3);
  });

  it('shows a bidder its own number and nobody else’s identity', async () => {
    const seen = await api('supplier1', 'GET', `/api/listings/${id}`);
    expect(seen.body.me.bidderNo).toBe(numbers.supplier1);
    expect(seen.body.bidders).toEqual([]);
    expect(seen.body.bidderCount).toBeNull();
    const steward = await api('purchaser', 'GET', `/api/listings/${id}`);
    expect(steward.body.bidders.map((b: { qualified: boolean }) => b.qualified)).toEqual([true, true, true]);
    // The audit trail does not tell who registered until the result (LA-12): not even to the auditor.
    const trail = await api('auditadmin', 'GET', `/api/audit/entries?action=listing.register&limit=500`);
    expect(trail.status).toBe(200);
    const registrations: string[] = steward.body.bidders.map((b: { id: string }) => b.id);
    for (const r of registrations) expect(JSON.stringify(trail.body)).not.toContain(r);
    registrationIds = registrations;
    // The portal publishes the listing notice without signing in; who registered, and how many, stay unknown.
    const notice = await t.api('GET', `/api/public/listings/${id}`);
    expect(notice.status).toBe(200);
    expect(notice.body).toMatchObject({ title: PROPERTY.title, listedPriceFen: PROPERTY.listedPriceFen, status: 'listed', bidderCount: null, reserveFen: null, result: null });
    expect(notice.body).not.toHaveProperty('bidders');
    expect(JSON.stringify(notice.body)).not.toContain(numbers.supplier1!);
    expect((await t.api('GET', '/api/public/listings')).body.map((l: { id: string }) => l.id)).toContain(id);
  });

  it('starts the auction at the end of the listing period', async () => {
    expect((await api('supplier1', 'GET', `/api/listings/${id}`)).body.status).toBe('listed');
    t.clock.set(new Date('2026-03-30T16:00:00.000Z')); // 24:00 on 30 March in Shanghai
    // Reading the listing changes nothing: the clock's job moves it on.
    expect((await api('supplier1', 'GET', `/api/listings/${id}`)).body.status).toBe('listed');
    await t.jobs.runDue();
    const started = await api('supplier1', 'GET', `/api/listings/${id}`);
    expect(started.body.status).toBe('auction');
    expect(started.body.auction.endsAt).toBe(new Date(Date.parse('2026-03-30T16:00:00.000Z') + 1800_000).toISOString());
  });

  it('takes bids from the starting price upwards, one increment at a time, stamped by the server', async () => {
    const first = await api('supplier1', 'POST', `/api/listings/${id}/bids`, { amountFen: 100_000_000 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ seq: 1, bidderNo: numbers.supplier1, at: t.clock.now().toISOString(), extended: false });
    const short = await api('supplier2', 'POST', `/api/listings/${id}/bids`, { amountFen: 100_999_999 });
    expect(short.status).toBe(409);
    expect(short.body.code).toBe('BID_BELOW_INCREMENT');
    expect((await api('supplier2', 'POST', `/api/listings/${id}/bids`, { amountFen: 101_000_000 })).status).toBe(201);
    expect((await api('supplier2', 'POST', `/api/listings/${id}/bids`, { amountFen: 102_000_000 })).body.code).toBe('BID_ALREADY_LEADING');
  });

  it('extends the clock twice for bids in the last five minutes (LA-10)', async () => {
    // supplier2 watches the live view throughout: its own number, then every price, leader and end, by number only.
    await api('supplier2', 'GET', `/api/listings/${id}`); // signs in again if the clock outran the session
    live = await openLive('supplier2', id);
    expect((await live.until((e) => e.event === 'hello')).data).toEqual({ ownBidderNo: numbers.supplier2 });
    let view = (await api('supplier3', 'GET', `/api/listings/${id}`)).body;
    const firstEnd = Date.parse(view.auction.endsAt);
    t.clock.set(new Date(firstEnd - 30_000));
    const a = await api('supplier3', 'POST', `/api/listings/${id}/bids`, { amountFen: 102_000_000 });
    expect(a.body).toMatchObject({ extended: true, endsAt: new Date(firstEnd - 30_000 + 300_000).toISOString() });
    t.clock.set(new Date(Date.parse(a.body.endsAt) - 1));
    const b = await api('supplier1', 'POST', `/api/listings/${id}/bids`, { amountFen: 103_000_000 });
    expect(b.body.extended).toBe(true);
    view = (await api('supplier2', 'GET', `/api/listings/${id}`)).body;
    expect(view.auction).toMatchObject({ extensions: 2, currentPriceFen: 103_000_000, leadingBidderNo: numbers.supplier1, endsAt: b.body.endsAt });
    // Others see the bids by number only: no bidder's name is in what supplier2 reads.
    expect(JSON.stringify(view)).not.toMatch(/有限公司|股份/);
    expect(view.bids.map((x: { seq: number }) => x.seq)).toEqual([1, 2, 3, 4]);
    const latest = await live.until((e) => e.event === 'state' && e.data.seq === 4);
    expect(latest.data).toMatchObject({ status: 'auction', currentPriceFen: 103_000_000, leadingBidderNo: numbers.supplier1, minimumNextFen: 104_000_000, extensions: 2, endsAt: b.body.endsAt });
    expect(live.events.filter((e) => e.event === 'state').map((e) => e.data.seq)).toEqual(expect.arrayContaining([2, 4]));
    expect(JSON.stringify(live.events)).not.toMatch(/有限公司|股份|entityId|name/);
    t.clock.set(new Date(Date.parse(b.body.endsAt)));
    expect((await api('supplier2', 'POST', `/api/listings/${id}/bids`, { amountFen: 104_000_000 })).body.code).toBe('BID_ENDED');
  });

  it('ends with the result notice naming the winner, its deposit counted, the others refunded', async () => {
    await t.jobs.runDue();
    // The live view learns the end from the clock's job, without a bid.
    expect((await live.until((e) => e.event === 'state' && e.data.status === 'sold')).data).toMatchObject({ currentPriceFen: 103_000_000, leadingBidderNo: numbers.supplier1 });
    live.close();
    const done = (await api('supplier2', 'GET', `/api/listings/${id}`)).body;
    expect(done.status).toBe('sold');
    expect(done.notices.result['zh-CN']).toBe('产权交易成交公告');
    expect(done.result).toMatchObject({ priceFen: 103_000_000, winnerBidderNo: numbers.supplier1, depositAppliedFen: 10_000_000 });
    expect(done.result.winnerName).toBeTruthy();
    // The result notice is public: the winner by name, the price, the bids by number.
    const registered = (await api('auditadmin', 'GET', `/api/audit/entries?action=listing.register&limit=500`)).body;
    for (const r of registrationIds) expect(JSON.stringify(registered)).toContain(r);
    const published = (await t.api('GET', `/api/public/listings/${id}`)).body;
    expect(published).toMatchObject({ status: 'sold', bidderCount: 3, result: { priceFen: 103_000_000, winnerName: done.result.winnerName } });
    expect(published.bids).toHaveLength(4);
    // The refund job ran with the clock's job on the day of the result, 31 March; due five working days on, past Qingming (4–6 April).
    expect(done.me).toMatchObject({ deposit: 'refunded', refundDueOn: '2026-04-08' });
    const steward = (await api('purchaser', 'GET', `/api/listings/${id}`)).body;
    expect(steward.bidders.map((b: { bidderNo: string; deposit: string }) => [b.bidderNo, b.deposit])).toEqual([
      [numbers.supplier1, 'applied'],
      [numbers.supplier2, 'refunded'],
      [numbers.supplier3, 'refunded'],
    ]);
    const [audit] = await queryRows<{ n: number }>(t.platform.database.db, sql`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'listing.bid'`);
    expect(audit!.n).toBe(4);
    // The money is on the ledger: the winner's deposit is the transferor's, the others' went back, nothing is left held.
    const balances = await queryRows<{ kind: string; owner: string; balance: string }>(
      t.platform.database.db,
      sql`SELECT a.kind, e.name AS owner, sum(p.amount_fen)::text AS balance FROM ledger_account a JOIN ledger_posting p ON p.account_id = a.id JOIN entity e ON e.id = a.owner_entity_id
          WHERE a.code LIKE ${`%${id}%`} GROUP BY a.kind, e.name ORDER BY a.kind, e.name`,
    );
    const transferor = (await api('purchaser', 'GET', `/api/listings/${id}`)).body.transferorName;
    expect(balances.filter((b) => b.kind === 'listingDeposit').map((b) => b.balance)).toEqual(['0', '0', '0']);
    expect(balances.filter((b) => b.kind === 'transferProceeds')).toEqual([{ kind: 'transferProceeds', owner: transferor, balance: '-10000000' }]);
    const kinds = await queryRows<{ kind: string; n: number }>(t.platform.database.db, sql`SELECT kind, count(*)::int AS n FROM journal_entry WHERE idempotency_key LIKE 'listing-deposit%' GROUP BY kind ORDER BY kind`);
    expect(kinds.map((k) => [k.kind, k.n])).toEqual(expect.arrayContaining([['depositApplied', 1], ['depositRefunded', 2]]));
  });
});

describe('one qualified bidder', () => {
  it('takes the listing at the listed price when it ends (LA-03)', async () => {
    const { id, numbers } = await qualifiedListing({ ...PROPERTY, title: '某国企闲置设备一批', endsOn: '2026-05-06' }, ['supplier2']);
    t.clock.set(new Date('2026-05-06T16:00:00.000Z'));
    await t.jobs.runDue();
    const done = (await api('supplier2', 'GET', `/api/listings/${id}`)).body;
    expect(done.status).toBe('transferred');
    expect(done.notices.result['zh-CN']).toBe('产权协议转让成交公告');
    expect(done.result).toMatchObject({ priceFen: PROPERTY.listedPriceFen, winnerBidderNo: numbers.supplier2 });
    expect(done.bids).toEqual([]);
  });
});

describe('deposits recorded at once', () => {
  it('credits every bidder once, even where the region’s clearing account opens with them', async () => {
    const created = await api('purchaser-pd', 'POST', '/api/listings', { ...PROPERTY, title: '浦东某国企持有的仓储公司股权', endsOn: '2026-06-30' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const [{ region }] = (await queryRows<{ region: string }>(t.platform.database.db, sql`SELECT region_code AS region FROM listing WHERE id = ${id}`)) as [{ region: string }];
    // The clearing account of the listing's region does not exist yet: the first deposits open it, all at once.
    expect(await queryRows(t.platform.database.db, sql`SELECT 1 FROM ledger_account WHERE code = ${`platformClearing:${region}`}`)).toEqual([]);
    const bidders = await Promise.all(['supplier1', 'supplier2', 'supplier3'].map(async (s) => (await api(s, 'POST', `/api/listings/${id}/bidders`)).body.id as string));
    await api('operator', 'GET', '/api/listings'); // signs in again, once, if the clock outran the session
    const recorded = await Promise.all(bidders.map((b, k) => api('operator', 'POST', `/api/listings/${id}/bidders/${b}/deposit`, { amountFen: PROPERTY.depositFen, reference: `PD-${k}` })));
    expect(recorded.map((r) => r.status)).toEqual([200, 200, 200]);
    const again = await api('operator', 'POST', `/api/listings/${id}/bidders/${bidders[0]}/deposit`, { amountFen: PROPERTY.depositFen, reference: 'PD-0' });
    expect([again.status, again.body.code]).toEqual([409, 'DEPOSIT_ALREADY_RECORDED']);
    const [held] = await queryRows<{ n: number; total: string }>(t.platform.database.db, sql`SELECT count(*)::int AS n, (-sum(p.amount_fen))::text AS total FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id WHERE a.code LIKE ${`listingDeposit:${id}:%`}`);
    expect(held).toEqual({ n: 3, total: String(3 * PROPERTY.depositFen) });
  });
});

describe('an online judicial auction', () => {
  it('bids for 24 hours with a five-minute window whatever the settings say (LA-10), and refunds the others within 24 hours (LA-11)', async () => {
    // A jurisdiction's settings cannot shorten what the law fixes: they fall back to the law's values.
    await writeSetting(systemContext(t.platform), listingSettingKey('judicialAuction', 'auctionSeconds'), 600, 0);
    await writeSetting(systemContext(t.platform), listingSettingKey('judicialAuction', 'extensionSeconds'), 60, 0);
    const endsOn = addCalendarDays(shanghaiDate(t.clock.now()), 16);
    const created = await api('purchaser', 'POST', '/api/listings', { ...PROPERTY, assetType: 'judicialAuction', title: '某法院拍卖的车辆一辆', endsOn });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const numbers: Record<string, string> = {};
    for (const s of ['supplier1', 'supplier2']) {
      const r = await api(s, 'POST', `/api/listings/${id}/bidders`);
      numbers[s] = r.body.bidderNo;
      expect((await api('operator', 'POST', `/api/listings/${id}/bidders/${r.body.id}/deposit`, { amountFen: PROPERTY.depositFen, reference: `JUD-${s}` })).status).toBe(200);
    }
    // Paying the deposit qualifies (LA-06): nobody confirms. The court sees numbers, not names, until the end (LA-12).
    const court = (await api('purchaser', 'GET', `/api/listings/${id}`)).body;
    expect(court.bidders.map((b: { qualified: boolean; name: string | null }) => [b.qualified, b.name])).toEqual([[true, null], [true, null]]);
    const end = new Date(`${endsOn}T16:00:00.000Z`);
    t.clock.set(end);
    await t.jobs.runDue();
    const started = (await api('supplier1', 'GET', `/api/listings/${id}`)).body;
    expect(started.status).toBe('auction');
    expect(Date.parse(started.auction.endsAt) - end.getTime()).toBe(86_400_000);
    expect(started.extensionSeconds).toBe(300);
    t.clock.set(new Date(end.getTime() + 86_400_000 - 1000));
    const bid = await api('supplier1', 'POST', `/api/listings/${id}/bids`, { amountFen: PROPERTY.listedPriceFen });
    expect(bid.body).toMatchObject({ extended: true, endsAt: new Date(end.getTime() + 86_400_000 - 1000 + 300_000).toISOString() });
    t.clock.set(new Date(bid.body.endsAt));
    await t.jobs.runDue();
    const done = (await api('supplier2', 'GET', `/api/listings/${id}`)).body;
    expect(done).toMatchObject({ status: 'sold', result: { priceFen: PROPERTY.listedPriceFen, winnerBidderNo: numbers.supplier1 } });
    expect(done.notices.result['zh-CN']).toBe('网络司法拍卖成交确认书');
    expect((await api('purchaser', 'GET', `/api/listings/${id}`)).body.bidders.every((b: { name: string | null }) => b.name)).toBe(true);
    // The end was 00:04:59 Shanghai time; within 24 hours means by the next day, not five working days on.
    expect(done.me).toMatchObject({ deposit: 'refunded', refundDueOn: shanghaiDate(new Date(Date.parse(bid.body.endsAt) + 86_400_000)) });
  });
});

describe('deposits paid by bank transfer into the bidder’s own sub-account', () => {
  it('credits each notice once, qualifies when the judicial deposit is complete, and refuses money for a closed listing', async () => {
    const ctx = systemContext(t.platform);
    const bankId = await createEntityWithAccounts(ctx, { name: '上海挂牌测试银行股份有限公司', entityType: 'bank', creditCode: completeCreditCode('91310000MA1BANK09'), regionCode: '310000', contactName: '测试', contactPhone: '021-00000000', address: '上海市' }, []);
    const bank = await issueApiKey(ctx, bankId);
    const URL = '/api/bank/deposit-notices';
    const notify = async (notice: Record<string, unknown>) => {
      const body = JSON.stringify({ payerAccountName: '上海申联信息科技有限公司', payerAccountNumber: '6222 0210 0100 0001', valueTime: t.clock.now().toISOString(), ...notice });
      const timestamp = t.clock.now().toISOString();
      const res = await t.app.inject({ method: 'POST', url: URL, headers: { 'content-type': 'application/json', 'x-bank-key': bank.keyId, 'x-bank-timestamp': timestamp, 'x-bank-signature': signApiRequest(bank.secret, 'POST', URL, timestamp, body) }, payload: body });
      return { status: res.statusCode, body: JSON.parse(res.body) };
    };
    const endsOn = addCalendarDays(shanghaiDate(t.clock.now()), 16);
    const id = (await api('purchaser', 'POST', '/api/listings', { ...PROPERTY, assetType: 'judicialAuction', title: '某法院拍卖的办公设备一批', endsOn })).body.id as string;
    const registered = await api('supplier3', 'POST', `/api/listings/${id}/bidders`);
    expect(registered.status).toBe(201);
    const me = async () => {
      const r = await api('supplier3', 'GET', `/api/listings/${id}`);
      if (!r.body.me) throw new Error(JSON.stringify(r));
      return r.body.me;
    };
    const account = (await me()).depositAccountNumber as string;
    expect(account).toMatch(/^\d{8,32}$/);
    // Nobody else reads a bidder's sub-account.
    expect(JSON.stringify((await api('supplier1', 'GET', `/api/listings/${id}`)).body)).not.toContain(account);

    const half = PROPERTY.depositFen / 2;
    const first = await notify({ virtualAccount: account, amountFen: half, reference: 'LSTBANK001' });
    expect(first).toMatchObject({ status: 200, body: { status: 'credited', replayed: false, amountFen: half } });
    expect(await me()).toMatchObject({ deposit: 'partial', depositPaidFen: half, qualified: false });
    // The operator cannot record the rest by hand on top of the bank's money: it would count twice.
    const byHand = await api('operator', 'POST', `/api/listings/${id}/bidders/${registered.body.id}/deposit`, { amountFen: PROPERTY.depositFen, reference: 'HAND-1' });
    expect([byHand.status, byHand.body.code]).toEqual([409, 'DEPOSIT_PAID_BY_BANK']);
    // The same notice again (a bank's retry) writes nothing; the same reference with another amount is refused.
    expect((await notify({ virtualAccount: account, amountFen: half, reference: 'LSTBANK001' })).body).toMatchObject({ replayed: true, journalEntryId: first.body.journalEntryId });
    expect((await notify({ virtualAccount: account, amountFen: half + 1, reference: 'LSTBANK001' })).body.code).toBe('BANK_REFERENCE_REUSED');
    expect((await me()).depositPaidFen).toBe(half);
    // The rest arrives: paid in full, and paying qualifies in a judicial auction (LA-06).
    expect((await notify({ virtualAccount: account, amountFen: half, reference: 'LSTBANK002' })).status).toBe(200);
    expect(await me()).toMatchObject({ deposit: 'held', depositPaidFen: PROPERTY.depositFen, qualified: true });
    expect((await verifyLedger(t.platform.database.db)).ok).toBe(true);

    // After the end of the listing, money for it is not credited: the bank returns it.
    t.clock.set(new Date(`${endsOn}T16:00:00.000Z`));
    const late = await notify({ virtualAccount: account, amountFen: 100, reference: 'LSTBANK003' });
    expect([late.status, late.body.code]).toEqual([422, 'LISTING_CLOSED']);
    const [held] = await queryRows<{ paid: number }>(t.platform.database.db, sql`SELECT deposit_paid_fen::int AS paid FROM listing_bidder WHERE deposit_account_number = ${account}`);
    expect(held!.paid).toBe(PROPERTY.depositFen);
  });
});
