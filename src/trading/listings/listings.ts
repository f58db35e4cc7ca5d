import { randomInt, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context, Platform } from '../../platform/context';
import { systemContext } from '../../platform/context';
import { againIfViolated, type Db } from '../../platform/database/database';
import { endOfShanghaiDay, shanghaiDate, type LocalDate } from '../../platform/calendar/calendar';
import { loadCalendar } from '../../platform/calendar/calendar.store';
import { bilingual, DomainError, notFound } from '../../platform/errors';
import { enqueueJob, type JobHandler } from '../../platform/jobs/jobs';
import { readSetting } from '../../platform/settings/settings';
import { inTransaction } from '../../platform/unit-of-work';
import { refundDueDate } from '../../money/refunds/refund.rules';
import { applyListingDeposit, receiveListingDeposit, refundListingDeposit } from '../../money/listing-deposits/listing-deposits';
import { newVirtualAccountNumber } from '../../money/deposits/deposit.rules';
import type { DepositAccountReceiver } from '../../money/deposits/deposits';
import { findJournalEntryByKey } from '../../money/ledger/ledger.store';
import { formatYuan } from '../../platform/money';
import { entity } from '../../identity/identity.schema';
import { regionCovers } from '../../identity';
import { ASSET_TYPE_CONFIG, listingSettingKey, type AssetType } from './asset-types';
import { auctionOutcome, placeBid as decideBid, type AuctionState, type BidRefusal } from './auction.rules';
import { bidderNumber, defaultsOf, listingOutcome, listingProblems, type ListingSettings } from './listing.rules';
import { auctionBid, listing, listingBidder } from './listings.schema';

/**
 * 挂牌、拍卖 (docs/LISTINGS.md): a listing's life on the database. Every change goes through
 * inTransaction with its audit entry; a bid is decided by the pure state machine under a row lock
 * on the listing and stored, with the listing's new highest bid and end, before it is acknowledged.
 */
export type ListingRow = typeof listing.$inferSelect;
type BidderRow = typeof listingBidder.$inferSelect;

export const LISTING_REFUND_JOB = 'listing.deposit_refund';
/** Moves a listing on at the end of its listing period and at the end of its auction (one job per listing, rescheduled as the end moves). */
export const LISTING_ADVANCE_JOB = 'listing.advance';

/**
 * Wakes the live views in this process at once, with the listing as just committed (others poll
 * the row, see live.ts). Listeners get (row?: ListingRow).
 */
export const listingEvents = new EventEmitter();
listingEvents.setMaxListeners(0);

/**
 * The last state of each listing this process has seen committed. Only a shortcut for refusing a
 * bid already too low without a database read: prices only rise, so a stale state can only let
 * through a bid that the locked transaction then refuses, never refuse one it would take.
 */
const lastSeen = new Map<string, ListingRow>();
/** Qualified bidders by listing and entity: qualification is not withdrawn during an auction. */
const qualifiedBidders = new Map<string, BidderRow>();
const CACHE_LIMIT = 10_000;
function remember<T>(cache: Map<string, T>, key: string, value: T) {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}
function seen(row: ListingRow) {
  const known = lastSeen.get(row.id);
  if (!known || row.bidSeq >= known.bidSeq) remember(lastSeen, row.id, row);
}

export async function listingSettings(db: Db, type: AssetType, regionCode: string): Promise<ListingSettings> {
  const d = defaultsOf(ASSET_TYPE_CONFIG[type]);
  const read = async (key: keyof ListingSettings, schema: z.ZodType<number>) => (await readSetting(db, listingSettingKey(type, key), schema, d[key], regionCode)).value;
  // LA-10: a judicial auction bids for at least 24 hours, and its 限时 window is five minutes by law, not by setting.
  const judicial = type === 'judicialAuction';
  return {
    minimumListingAmount: await read('minimumListingAmount', z.int().min(0).max(365)),
    extensionSeconds: await read('extensionSeconds', judicial ? z.literal(300) : z.int().min(1).max(3600)),
    auctionSeconds: await read('auctionSeconds', z.int().min(judicial ? 86_400 : 1).max(7 * 86_400)),
    depositMaxBp: await read('depositMaxBp', z.int().min(0).max(10_000)),
  };
}

export const listingInput = z.object({
  assetType: z.enum(['propertyRights', 'land', 'judicialAuction', 'carbon']),
  title: z.string().min(1).max(200),
  description: z.string().min(1).max(5000),
  qualification: z.string().max(5000).default(''),
  listedPriceFen: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
  reserveFen: z.int().min(1).max(Number.MAX_SAFE_INTEGER).nullable().default(null),
  incrementFen: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
  depositFen: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  endsOn: z.iso.date().describe('The listing’s last day (Asia/Shanghai); checked against LA-01/LA-02/LA-04/LA-05'),
});
export type ListingInput = z.infer<typeof listingInput>;

const refused = (code: string, zh: string, en: string, status = 409, details: Record<string, unknown> = {}) => new DomainError(code, bilingual(zh, en), status, details);

async function loadListing(db: Db, id: string): Promise<ListingRow> {
  const [row] = await db.select().from(listing).where(eq(listing.id, id));
  if (!row) throw notFound(bilingual('挂牌项目', 'Listing'));
  return row;
}

/** A transferor (or the platform's operator for it) publishes a listing: its period and deposit checked against the type's rules. */
export async function publishListing(ctx: Context, input: ListingInput) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const config = ASSET_TYPE_CONFIG[input.assetType];
  const settings = await listingSettings(db, input.assetType, actor.regionCode);
  const now = ctx.platform.clock.now();
  const publishedOn = shanghaiDate(now);
  const problems = listingProblems(await loadCalendar(db), config, settings, { ...input, publishedOn, endsOn: input.endsOn as LocalDate });
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new DomainError(first.code, first.messages, 422, { field: first.field, ruleId: first.ruleId, problems: problems.map((p) => ({ ruleId: p.ruleId, code: p.code, field: p.field, messages: p.messages })) });
  }
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(listing)
      .values({
        id: randomUUID(),
        assetType: input.assetType,
        regionCode: actor.regionCode,
        transferorEntityId: actor.entityId,
        title: input.title,
        description: input.description,
        qualification: input.qualification,
        listedPriceFen: input.listedPriceFen,
        reserveFen: input.reserveFen,
        incrementFen: input.incrementFen,
        depositFen: input.depositFen,
        publishedAt: now,
        listingEndsAt: endOfShanghaiDay(input.endsOn),
        status: 'listed',
        numberSalt: randomInt(0, 9000),
        extensionMs: settings.extensionSeconds * 1000,
        auctionMs: settings.auctionSeconds * 1000,
      })
      .returning();
    await enqueueJob(tx, now, { kind: LISTING_ADVANCE_JOB, payload: { listingId: row!.id }, runAt: row!.listingEndsAt, dedupeKey: `listing-advance:${row!.id}`, maxAttempts: 10 });
    audit.record({ action: 'listing.publish', subjectType: 'listing', subjectId: row!.id, regionCode: row!.regionCode, after: { assetType: row!.assetType, title: row!.title, listedPriceFen: row!.listedPriceFen, depositFen: row!.depositFen, endsOn: input.endsOn, notice: config.notices.listing['zh-CN'] } });
    return row!;
  });
}

/** A bidder registers (竞买登记) before the listing ends and receives its anonymous number. */
export async function registerBidder(ctx: Context, id: string) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const l = await loadListing(db, id);
  if (l.status !== 'listed' || ctx.platform.clock.now() >= l.listingEndsAt) throw refused('LISTING_CLOSED', '挂牌期已结束，不能再登记竞买', 'The listing period is over: no more registrations');
  if (l.transferorEntityId === actor.entityId) throw refused('TRANSFEROR_CANNOT_BID', '转让方不能竞买自己的标的', 'The transferor cannot bid for its own asset');
  const [existing] = await db.select().from(listingBidder).where(and(eq(listingBidder.listingId, id), eq(listingBidder.entityId, actor.entityId)));
  if (existing) return existing;
  const [e] = await db.select({ name: entity.name }).from(entity).where(eq(entity.id, actor.entityId));
  // Each bidder pays into a sub-account of its own; a drawn number already taken (rare) draws again.
  return againIfViolated('listing_bidder_deposit_account_unique', () => inTransaction(ctx, async (tx, audit) => {
    await tx.select({ id: listing.id }).from(listing).where(eq(listing.id, id)).for('update');
    const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(listingBidder).where(eq(listingBidder.listingId, id))) as [{ n: number }];
    const ordinal = n + 1;
    const [row] = await tx
      .insert(listingBidder)
      .values({ id: randomUUID(), listingId: id, entityId: actor.entityId, entityName: e?.name ?? actor.displayName, ordinal, bidderNo: bidderNumber(ordinal, l.numberSalt), depositAccountNumber: newVirtualAccountNumber(), registeredAt: ctx.platform.clock.now() })
      .returning();
    audit.record({ action: 'listing.register', subjectType: 'listingBidder', subjectId: row!.id, regionCode: l.regionCode, sealed: 'listingBidder', after: { listingId: id, bidderNo: row!.bidderNo } });
    return row!;
  }));
}

/**
 * The deposit arrived (the bank's receipt, recorded by the platform's operator with its reference).
 * Where nobody confirms qualification (a judicial auction), paying the deposit in full qualifies.
 */
export async function recordDeposit(ctx: Context, id: string, bidderId: string, input: { amountFen: number; reference: string }) {
  const db = ctx.platform.database.db;
  const l = await loadListing(db, id);
  if (!operatorOf(ctx.actor!, l)) throw notFound(bilingual('挂牌项目', 'Listing'));
  const b = await loadBidder(db, id, bidderId);
  if (l.status !== 'listed' || ctx.platform.clock.now() >= l.listingEndsAt) throw refused('LISTING_CLOSED', '挂牌期已结束，不能再登记保证金', 'The listing period is over: no deposit can be recorded');
  if (b.depositPaidAt) throw refused('DEPOSIT_ALREADY_RECORDED', '该竞买人的保证金已登记到账', 'This bidder’s deposit is already recorded');
  // Money that came by the bank's notices is on the ledger already: the rest comes the same way, or it would count twice.
  if (b.depositPaidFen > 0) throw refused('DEPOSIT_PAID_BY_BANK', '该竞买人的保证金已由银行到账通知部分入账，余额请继续通过其子账户汇入', 'Part of this bidder’s deposit came by the bank’s notices: the rest comes into its sub-account the same way');
  if (input.amountFen < l.depositFen) throw refused('DEPOSIT_SHORT', `保证金应为${formatYuan(l.depositFen)}元，到账${formatYuan(input.amountFen)}元`, `The deposit is ¥${formatYuan(l.depositFen)}; ¥${formatYuan(input.amountFen)} arrived`, 422, { ruleId: 'LA-06' });
  const now = ctx.platform.clock.now();
  // Deposits recorded at once may all open the region's clearing account: the losers try again and find it.
  return againIfViolated('ledger_account_code_unique', () => inTransaction(ctx, async (tx, audit) => {
    const automatic = ASSET_TYPE_CONFIG[l.assetType as AssetType].confirmedBy === 'automatic';
    const [row] = await tx
      .update(listingBidder)
      .set({ depositPaidFen: input.amountFen, depositReference: input.reference, depositPaidAt: now, ...(automatic ? { qualifiedAt: now } : {}) })
      .where(and(eq(listingBidder.id, bidderId), isNull(listingBidder.depositPaidAt)))
      .returning();
    if (!row) throw refused('DEPOSIT_ALREADY_RECORDED', '该竞买人的保证金已登记到账', 'This bidder’s deposit is already recorded');
    const entry = await receiveListingDeposit(tx, audit, ctx, { listingId: id, regionCode: l.regionCode, bidderId, bidderEntityId: b.entityId, amountFen: input.amountFen, reference: input.reference, idempotencyKey: `listing-deposit:${bidderId}` });
    audit.record({ action: 'listing.deposit_received', subjectType: 'listingBidder', subjectId: bidderId, regionCode: l.regionCode, sealed: 'listingBidder', after: { listingId: id, bidderNo: b.bidderNo, amountFen: input.amountFen, reference: input.reference, qualified: automatic, journalEntryNo: entry.entryNo } });
    return row;
  }));
}

/**
 * A registered bank's notice of money into a bidder's deposit sub-account (through the money module's
 * bank API, idempotent on the bank's reference): the money is on the ledger at once, and once the
 * notices add up to the deposit it is paid (and, where paying qualifies, the bidder is qualified).
 * Null when the account number is not a listing bidder's. Money for a listing no longer taking
 * registrations is not credited: the bank returns it to the payer.
 */
export const receiveListingBankNotice: DepositAccountReceiver = async (ctx, bankEntityId, notice) => {
  const db = ctx.platform.database.db;
  const [b] = await db.select().from(listingBidder).where(eq(listingBidder.depositAccountNumber, notice.virtualAccount));
  if (!b) return null;
  const key = `bank:${bankEntityId}:${notice.reference}`;
  const answer = (entry: { id: string; postings: { amountFen: bigint }[] }, notifiedAt: Date, replayed: boolean) => ({
    depositId: b.id,
    status: 'credited' as const,
    replayed,
    virtualAccount: notice.virtualAccount,
    amountFen: Number(entry.postings.find((p) => p.amountFen > 0n)!.amountFen),
    reference: notice.reference,
    valueTime: new Date(notice.valueTime).toISOString(),
    journalEntryId: entry.id,
    notifiedAt: notifiedAt.toISOString(),
  });
  const replay = await findJournalEntryByKey(db, key);
  if (replay) {
    if (answer(replay, replay.postedAt, true).amountFen !== notice.amountFen)
      throw new DomainError('BANK_REFERENCE_REUSED', bilingual(`银行流水号 ${notice.reference} 已用于内容不同的到账通知`, `Bank reference ${notice.reference} was already used for a different notice`), 409);
    return answer(replay, replay.postedAt, true);
  }
  const l = await loadListing(db, b.listingId);
  const now = ctx.platform.clock.now();
  if (l.status !== 'listed' || now >= l.listingEndsAt)
    throw new DomainError('LISTING_CLOSED', bilingual('该挂牌项目已截止登记，保证金未入账；请退回付款人', 'The listing no longer takes registrations: nothing was credited; return the money to the payer'), 422, { field: 'virtualAccount' });
  if (Date.parse(notice.valueTime) > now.getTime() + 5 * 60_000)
    throw new DomainError('DEPOSIT_VALUE_TIME_IN_FUTURE', bilingual('到账时间晚于当前时间，未入账', 'The value time is in the future; nothing was credited'), 422, { field: 'valueTime' });
  const automatic = ASSET_TYPE_CONFIG[l.assetType as AssetType].confirmedBy === 'automatic';
  return againIfViolated('ledger_account_code_unique', () =>
    inTransaction(ctx, async (tx, audit) => {
      const [row] = await tx.select().from(listingBidder).where(eq(listingBidder.id, b.id)).for('update');
      const paidFen = row!.depositPaidFen + notice.amountFen;
      const complete = !row!.depositPaidAt && paidFen >= l.depositFen;
      await tx
        .update(listingBidder)
        .set({ depositPaidFen: paidFen, depositReference: notice.reference, ...(complete ? { depositPaidAt: now, ...(automatic ? { qualifiedAt: now } : {}) } : {}) })
        .where(eq(listingBidder.id, b.id));
      const entry = await receiveListingDeposit(tx, audit, ctx, { listingId: l.id, regionCode: l.regionCode, bidderId: b.id, bidderEntityId: b.entityId, amountFen: notice.amountFen, reference: notice.reference, idempotencyKey: key });
      audit.record({
        action: 'listing.deposit_received',
        subjectType: 'listingBidder',
        subjectId: b.id,
        regionCode: l.regionCode,
        sealed: 'listingBidder',
        after: { listingId: l.id, bidderNo: b.bidderNo, amountFen: notice.amountFen, paidFen, reference: notice.reference, bankEntityId, paid: complete || !!row!.depositPaidAt, qualified: complete && automatic, journalEntryNo: entry.entryNo },
        detail: { payerAccountName: notice.payerAccountName, payerAccountNumber: notice.payerAccountNumber },
      });
      return answer(entry, now, false);
    }),
  );
};

async function loadBidder(db: Db, listingId: string, bidderId: string): Promise<BidderRow> {
  const [b] = await db.select().from(listingBidder).where(and(eq(listingBidder.id, bidderId), eq(listingBidder.listingId, listingId)));
  if (!b) throw notFound(bilingual('竞买人', 'Bidder'));
  return b;
}

/** The platform's operator acts on a listing of its own region only (another province's operator is a stranger to it). */
const operatorOf = (actor: { roles: readonly string[]; regionCode: string }, l: { regionCode: string }) => actor.roles.includes('operator') && regionCovers(actor.regionCode, l.regionCode);

/** LA-07: the transferor (or the operator, as the type says) confirms a bidder whose deposit is in. */
export async function confirmQualification(ctx: Context, id: string, bidderId: string) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const l = await loadListing(db, id);
  const b = await loadBidder(db, id, bidderId);
  const by = ASSET_TYPE_CONFIG[l.assetType as AssetType].confirmedBy;
  const may = operatorOf(actor, l) || (by === 'transferor' && actor.entityId === l.transferorEntityId);
  if (!may) throw new DomainError('FORBIDDEN', bilingual('无权确认该挂牌项目竞买人的资格', 'You may not confirm this listing’s bidders'), 403, { ruleId: 'LA-07' });
  if (l.status !== 'listed') throw refused('LISTING_CLOSED', '挂牌期已结束', 'The listing period is over');
  if (!b.depositPaidAt) throw refused('DEPOSIT_NOT_PAID', '保证金未到账，不能确认资格', 'The deposit has not arrived: no qualification yet', 409, { ruleId: 'LA-07' });
  if (b.qualifiedAt) return b;
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx.update(listingBidder).set({ qualifiedAt: ctx.platform.clock.now(), qualifiedBy: actor.personId }).where(eq(listingBidder.id, bidderId)).returning();
    audit.record({ action: 'listing.qualify', subjectType: 'listingBidder', subjectId: bidderId, regionCode: l.regionCode, after: { listingId: id, bidderNo: b.bidderNo } });
    return row!;
  });
}

const stateOf = (l: ListingRow): AuctionState => ({
  startingPriceFen: l.listedPriceFen,
  reserveFen: l.reserveFen,
  incrementFen: l.incrementFen,
  startsAt: l.auctionStartsAt!.getTime(),
  endsAt: l.auctionEndsAt!.getTime(),
  extensionMs: l.extensionMs,
  highest: l.highestBidderNo ? { bidderNo: l.highestBidderNo, amountFen: l.highestFen!, at: l.highestAt!.getTime(), seq: l.highestSeq! } : null,
  seq: l.bidSeq,
  extensions: l.extensions,
});

/** Whether the clock has moved the listing on (the listing or the auction has ended). */
export const due = (l: ListingRow, now: Date) => (l.status === 'listed' && now >= l.listingEndsAt) || (l.status === 'auction' && now >= l.auctionEndsAt!);

/**
 * Moves the listing on as the server's clock says (idempotent; under the row lock): at the end of the
 * listing, LA-03; at the end of the auction, LA-09/LA-11 with the result notice and the refunds.
 */
export async function advanceListing(ctx: Context, id: string): Promise<ListingRow> {
  const db = ctx.platform.database.db;
  const l0 = await loadListing(db, id);
  const now = ctx.platform.clock.now();
  if (!due(l0, now)) return l0;
  const calendar = await loadCalendar(db);
  return inTransaction(ctx, async (tx, audit) => {
    const [l] = await tx.select().from(listing).where(eq(listing.id, id)).for('update');
    if (!l || !due(l, now)) {
      audit.record({ action: 'listing.advance_checked', subjectType: 'listing', subjectId: id, regionCode: l0.regionCode });
      return l ?? l0;
    }
    const config = ASSET_TYPE_CONFIG[l.assetType as AssetType];
    const bidders = await tx.select().from(listingBidder).where(eq(listingBidder.listingId, id)).orderBy(asc(listingBidder.ordinal));
    const qualified = bidders.filter((b) => b.qualifiedAt);
    const settle = async (status: 'transferred' | 'sold' | 'failed', winner: BidderRow | null, priceFen: number | null) => {
      // LA-11: a judicial auction's other deposits go back within 24 hours of the end; other types on the money module's clock.
      const refundDueOn = config.refundWithinHours ? shanghaiDate(new Date(now.getTime() + config.refundWithinHours * 3_600_000)) : refundDueDate(calendar, now);
      for (const b of bidders) {
        if (b.depositPaidFen <= 0) continue; // nothing held (a short payment is held, and goes back)
        if (winner && b.id === winner.id) {
          await applyListingDeposit(tx, audit, ctx, { listingId: id, regionCode: l.regionCode, bidderId: b.id, bidderEntityId: b.entityId, transferorEntityId: l.transferorEntityId });
          await tx.update(listingBidder).set({ depositApplied: true }).where(eq(listingBidder.id, b.id));
        } else {
          await tx.update(listingBidder).set({ refundDueOn }).where(eq(listingBidder.id, b.id));
          await enqueueJob(tx, now, { kind: LISTING_REFUND_JOB, payload: { bidderId: b.id }, runAt: now, dedupeKey: `listing-refund:${b.id}`, maxAttempts: 10 });
        }
      }
      const [row] = await tx.update(listing).set({ status, winnerBidderId: winner?.id ?? null, priceFen, resultAt: now }).where(eq(listing.id, id)).returning();
      audit.record({
        action: status === 'failed' ? 'listing.fail' : 'listing.result',
        subjectType: 'listing',
        subjectId: id,
        regionCode: l.regionCode,
        after: { status, priceFen, winner: winner ? { bidderNo: winner.bidderNo, name: winner.entityName } : null, notice: status === 'transferred' ? config.notices.transfer['zh-CN'] : config.notices.result['zh-CN'], refundDueOn },
      });
      return row!;
    };
    if (l.status === 'listed') {
      const next = listingOutcome(config, qualified.length, l.listedPriceFen);
      if (next.next === 'failed') return settle('failed', null, null);
      if (next.next === 'transfer') return settle('transferred', qualified[0]!, next.priceFen);
      const [row] = await tx.update(listing).set({ status: 'auction', auctionStartsAt: now, auctionEndsAt: new Date(now.getTime() + l.auctionMs) }).where(eq(listing.id, id)).returning();
      audit.record({ action: 'listing.auction_start', subjectType: 'listing', subjectId: id, regionCode: l.regionCode, after: { qualified: qualified.length, endsAt: row!.auctionEndsAt } });
      return row!;
    }
    const outcome = auctionOutcome(stateOf(l), now.getTime());
    if (outcome.result !== 'sold') return settle('failed', null, null);
    return settle('sold', bidders.find((b) => b.bidderNo === outcome.bidderNo)!, outcome.priceFen);
  });
}

const BID_REFUSALS: Record<BidRefusal, [string, string]> = {
  NOT_STARTED: ['竞价尚未开始', 'The bidding has not started'],
  ENDED: ['竞价已结束', 'The bidding is over'],
  BELOW_START: ['出价低于起拍价（挂牌价）', 'The bid is below the starting price'],
  BELOW_INCREMENT: ['出价须不低于当前最高价加一个加价幅度', 'A bid is at least the highest bid plus one increment'],
  ALREADY_LEADING: ['您已是当前最高出价者', 'You already lead'],
};

/**
 * A qualified bidder bids. The server's clock stamps it; the listing row is locked; the bid and the
 * auction's new state are stored in one transaction; only then is it acknowledged (LA-08, LA-10).
 */
export async function submitBid(ctx: Context, id: string, amountFen: number) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const key = `${id}:${actor.entityId}`;
  let me = qualifiedBidders.get(key);
  if (!me) {
    [me] = await db.select().from(listingBidder).where(and(eq(listingBidder.listingId, id), eq(listingBidder.entityId, actor.entityId)));
    if (!me || !me.qualifiedAt) throw refused('NOT_QUALIFIED', '您不是本项目的合格竞买人', 'You are not a qualified bidder of this listing', 403);
    remember(qualifiedBidders, key, me);
  }
  // Prices only rise: a bid already below the last price this process saw committed is refused
  // without queueing for the row lock (and, once the auction is known here, without a read).
  let known = lastSeen.get(id);
  if (!known) {
    [known] = await db.select().from(listing).where(eq(listing.id, id));
    if (known) seen(known);
  }
  if (known?.status === 'auction') {
    const d = decideBid(stateOf(known), { bidderNo: me.bidderNo, amountFen, now: ctx.platform.clock.now().getTime() });
    if (!d.accepted && (d.code === 'BELOW_START' || d.code === 'BELOW_INCREMENT')) {
      const [zh, en] = BID_REFUSALS[d.code];
      throw refused(`BID_${d.code}`, zh, en, 409, { ruleId: 'LA-08', minimumFen: d.minimumFen });
    }
  }
  const bidder = me;
  const result = await inTransaction(ctx, async (tx, audit) => {
    const [l] = await tx.select().from(listing).where(eq(listing.id, id)).for('update');
    if (!l) throw notFound(bilingual('挂牌项目', 'Listing'));
    if (l.status !== 'auction') throw refused('AUCTION_NOT_RUNNING', '本项目不在竞价中', 'This listing is not in auction');
    const now = ctx.platform.clock.now();
    const d = decideBid(stateOf(l), { bidderNo: bidder.bidderNo, amountFen, now: now.getTime() });
    if (!d.accepted) {
      seen(l);
      const [zh, en] = BID_REFUSALS[d.code];
      throw refused(`BID_${d.code}`, zh, en, 409, { ruleId: d.code === 'ENDED' ? 'LA-10' : 'LA-08', minimumFen: d.minimumFen });
    }
    const s = d.state;
    await tx.insert(auctionBid).values({ id: randomUUID(), listingId: id, seq: d.seq, bidderId: bidder.id, bidderNo: bidder.bidderNo, amountFen, at: now, extended: d.extended });
    const [row] = await tx
      .update(listing)
      .set({ highestFen: amountFen, highestBidderNo: bidder.bidderNo, highestSeq: d.seq, highestAt: now, bidSeq: s.seq, extensions: s.extensions, auctionEndsAt: new Date(s.endsAt) })
      .where(eq(listing.id, id))
      .returning();
    audit.record({ action: 'listing.bid', subjectType: 'listing', subjectId: id, regionCode: l.regionCode, sealed: 'listingBidder', after: { seq: d.seq, bidderNo: bidder.bidderNo, amountFen, extended: d.extended, endsAt: new Date(s.endsAt).toISOString() } });
    return { row: row!, ack: { seq: d.seq, bidderNo: bidder.bidderNo, amountFen, at: now.toISOString(), endsAt: new Date(s.endsAt).toISOString(), extended: d.extended } };
  });
  // Committed: only now does anyone learn of it.
  seen(result.row);
  listingEvents.emit(id, result.row);
  return result.ack;
}

/** What the live view shows everyone (anonymous numbers only), plus the reader's own number. */
export async function liveSnapshot(db: Db, id: string, now: Date, ownBidderNo: string | null) {
  const l = await loadListing(db, id);
  seen(l);
  return snapshotOf(l, now, ownBidderNo);
}

export function snapshotOf(l: ListingRow, now: Date, ownBidderNo: string | null) {
  return {
    listingId: l.id,
    status: l.status,
    currentPriceFen: l.highestFen,
    leadingBidderNo: l.highestBidderNo,
    seq: l.bidSeq,
    minimumNextFen: l.highestFen === null ? l.listedPriceFen : l.highestFen + l.incrementFen,
    endsAt: (l.status === 'listed' ? l.listingEndsAt : l.auctionEndsAt)?.toISOString() ?? null,
    extensions: l.extensions,
    serverTime: now.toISOString(),
    ownBidderNo,
  };
}

export async function ownBidder(db: Db, id: string, entityId: string | undefined) {
  if (!entityId) return null;
  const [me] = await db.select().from(listingBidder).where(and(eq(listingBidder.listingId, id), eq(listingBidder.entityId, entityId)));
  return me ?? null;
}

/**
 * A listing as its reader may see it: bidders' identities only to the transferor and the operator
 * (who confirm qualification), to others only after the result, and then only the winner's.
 */
export async function listingView(ctx: Context, id: string) {
  const db = ctx.platform.database.db;
  const l = await loadListing(db, id);
  const actor = ctx.actor;
  const config = ASSET_TYPE_CONFIG[l.assetType as AssetType];
  const steward = !!actor && (operatorOf(actor, l) || actor.entityId === l.transferorEntityId);
  // LA-12: where the law keeps bidders' identities secret until the end (a judicial auction), the court and the operator see numbers only.
  const namesShown = steward && (!config.biddersSecretUntilResult || !!l.resultAt);
  const bidders = await db.select().from(listingBidder).where(eq(listingBidder.listingId, id)).orderBy(asc(listingBidder.ordinal));
  const me = bidders.find((b) => b.entityId === actor?.entityId) ?? null;
  const winner = bidders.find((b) => b.id === l.winnerBidderId) ?? null;
  const bids = await db.select({ seq: auctionBid.seq, bidderNo: auctionBid.bidderNo, amountFen: auctionBid.amountFen, at: auctionBid.at, extended: auctionBid.extended }).from(auctionBid).where(eq(auctionBid.listingId, id)).orderBy(asc(auctionBid.seq));
  const [transferor] = await db.select({ name: entity.name }).from(entity).where(eq(entity.id, l.transferorEntityId));
  const bidderView = (b: BidderRow) => ({
    id: b.id,
    bidderNo: b.bidderNo,
    name: namesShown ? b.entityName : null,
    depositPaidFen: b.depositPaidFen,
    depositPaidAt: b.depositPaidAt?.toISOString() ?? null,
    qualified: !!b.qualifiedAt,
    depositAccountNumber: namesShown || b.entityId === actor?.entityId ? b.depositAccountNumber : null,
    deposit: b.depositApplied ? ('applied' as const) : b.refundedAt ? ('refunded' as const) : b.refundDueOn ? ('refundDue' as const) : b.depositPaidAt ? ('held' as const) : b.depositPaidFen > 0 ? ('partial' as const) : ('unpaid' as const),
    refundDueOn: b.refundDueOn,
    refundedAt: b.refundedAt?.toISOString() ?? null,
  });
  return {
    id: l.id,
    assetType: l.assetType as AssetType,
    assetTypeName: config.name,
    title: l.title,
    description: l.description,
    qualification: l.qualification,
    transferorName: transferor?.name ?? '',
    listedPriceFen: l.listedPriceFen,
    reserveFen: steward ? l.reserveFen : null,
    incrementFen: l.incrementFen,
    depositFen: l.depositFen,
    publishedAt: l.publishedAt.toISOString(),
    listingEndsAt: l.listingEndsAt.toISOString(),
    status: l.status as 'listed' | 'auction' | 'transferred' | 'sold' | 'failed',
    confirmedBy: config.confirmedBy,
    extensionSeconds: l.extensionMs / 1000,
    auction: l.auctionStartsAt ? { startsAt: l.auctionStartsAt.toISOString(), endsAt: l.auctionEndsAt!.toISOString(), extensions: l.extensions, currentPriceFen: l.highestFen, leadingBidderNo: l.highestBidderNo } : null,
    notices: { listing: config.notices.listing, result: l.status === 'transferred' ? config.notices.transfer : l.status === 'failed' ? config.notices.failed : config.notices.result },
    result: l.resultAt ? { status: l.status, priceFen: l.priceFen, at: l.resultAt.toISOString(), winnerBidderNo: winner?.bidderNo ?? null, winnerName: winner?.entityName ?? null, depositAppliedFen: winner?.depositPaidFen ?? 0 } : null,
    bids: l.status === 'listed' ? [] : bids.map((b) => ({ ...b, at: b.at.toISOString() })),
    bidderCount: steward || l.resultAt ? bidders.length : null,
    bidders: steward ? bidders.map(bidderView) : [],
    me: me ? bidderView(me) : null,
    mayManage: steward,
    may: readerMay(ctx, l, me),
    serverTime: ctx.platform.clock.now().toISOString(),
  };
}

/** What the reader may do with the listing now (the routes check it again): the page offers only these. */
function readerMay(ctx: Context, l: ListingRow, me: BidderRow | null) {
  const actor = ctx.actor;
  const now = ctx.platform.clock.now();
  const operator = !!actor && operatorOf(actor, l);
  const open = l.status === 'listed' && now < l.listingEndsAt;
  return {
    register: open && !!actor?.roles.includes('supplier') && !me && actor.entityId !== l.transferorEntityId,
    recordDeposit: open && operator,
    confirmQualification: l.status === 'listed' && (operator || (ASSET_TYPE_CONFIG[l.assetType as AssetType].confirmedBy === 'transferor' && actor?.entityId === l.transferorEntityId)),
    bid: l.status === 'auction' && !!me?.qualifiedAt && now < l.auctionEndsAt!,
  };
}

export async function listListings(ctx: Context) {
  const rows = await ctx.platform.database.db.select().from(listing).orderBy(asc(listing.publishedAt));
  return rows.map((l) => ({ id: l.id, assetType: l.assetType, assetTypeName: ASSET_TYPE_CONFIG[l.assetType as AssetType].name, title: l.title, status: l.status, listedPriceFen: l.listedPriceFen, currentPriceFen: l.highestFen, listingEndsAt: l.listingEndsAt.toISOString(), auctionEndsAt: l.auctionEndsAt?.toISOString() ?? null }));
}

/**
 * The clock's job: at the end of the listing, and again at the end of the auction. A bid in the
 * last N seconds moves the end, so the job finding the auction still running sleeps until its new end.
 */
export const listingAdvanceHandler =
  (platform: Platform): JobHandler =>
  async (payload, control) => {
    const l = await advanceListing(systemContext(platform), String(payload.listingId));
    if (l.status === 'auction') control.reschedule(l.auctionEndsAt!);
    else if (l.status === 'listed') control.reschedule(l.listingEndsAt);
    seen(l);
    listingEvents.emit(l.id, l);
    return { status: l.status };
  };

/** The refund job: on the money module's clock, a losing bidder's deposit goes back (by refundDueOn at the latest). */
export const listingRefundHandler =
  (platform: Platform): JobHandler =>
  async (payload) => {
    const ctx = systemContext(platform);
    const bidderId = String(payload.bidderId);
    const [b] = await platform.database.db.select().from(listingBidder).where(and(eq(listingBidder.id, bidderId), isNotNull(listingBidder.refundDueOn), isNull(listingBidder.refundedAt)));
    if (!b) return { already: true };
    const [l] = await platform.database.db.select({ regionCode: listing.regionCode }).from(listing).where(eq(listing.id, b.listingId));
    const refunded = await inTransaction(ctx, async (tx, audit) => {
      const [claimed] = await tx.update(listingBidder).set({ refundedAt: platform.clock.now() }).where(and(eq(listingBidder.id, bidderId), isNull(listingBidder.refundedAt))).returning({ id: listingBidder.id });
      if (!claimed) return 0n; // another run refunded it meanwhile
      const entry = await refundListingDeposit(tx, audit, ctx, { listingId: b.listingId, regionCode: l!.regionCode, bidderId, bidderEntityId: b.entityId });
      const amountFen = entry ? -(entry.postings.find((p) => p.amountFen < 0n)!.amountFen) : 0n;
      audit.record({ action: 'listing.deposit_refund', subjectType: 'listingBidder', subjectId: bidderId, regionCode: l!.regionCode, after: { listingId: b.listingId, bidderNo: b.bidderNo, amountFen: amountFen.toString(), dueOn: b.refundDueOn, journalEntryNo: entry?.entryNo ?? null } });
      return amountFen;
    });
    return { refundedFen: refunded.toString() };
  };
