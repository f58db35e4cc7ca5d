import { z } from 'zod';
import { bilingualText, idParams, noBody, withErrors } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { closeAllStreams, subscribe } from './live';
import { confirmQualification, liveSnapshot, listingInput, listingView, listListings, ownBidder, publishListing, recordDeposit, registerBidder, submitBid } from './listings';

const TRANSFEROR = { roles: ['purchaser', 'operator'] } as const;
const BIDDER = { roles: ['supplier'] } as const;
const bidderParams = z.object({ id: z.uuid(), bidderId: z.uuid() });

const bidderSchema = z.object({
  id: z.uuid(),
  bidderNo: z.string().describe('竞买号: the anonymous bidder number'),
  name: z.string().nullable().describe('Only the transferor and the operator read it'),
  depositAccountNumber: z.string().nullable().describe('The bidder’s own deposit sub-account (随机子账号), for the bidder itself, the transferor and the operator'),
  depositPaidFen: z.number(),
  depositPaidAt: z.string().nullable().describe('When the deposit was paid in full'),
  qualified: z.boolean(),
  deposit: z.enum(['unpaid', 'partial', 'held', 'applied', 'refundDue', 'refunded']).describe('partial: money arrived, short of the deposit'),
  refundDueOn: z.string().nullable(),
  refundedAt: z.string().nullable(),
});
const listingSchema = z
  .object({
    id: z.uuid(),
    assetType: z.enum(['propertyRights', 'land', 'judicialAuction', 'carbon']),
    assetTypeName: bilingualText,
    title: z.string(),
    description: z.string(),
    qualification: z.string(),
    transferorName: z.string(),
    listedPriceFen: z.number(),
    reserveFen: z.number().nullable(),
    incrementFen: z.number(),
    depositFen: z.number(),
    publishedAt: z.string(),
    listingEndsAt: z.string(),
    status: z.enum(['listed', 'auction', 'transferred', 'sold', 'failed']),
    confirmedBy: z.enum(['transferor', 'operator', 'automatic']),
    extensionSeconds: z.number(),
    auction: z.object({ startsAt: z.string(), endsAt: z.string(), extensions: z.number(), currentPriceFen: z.number().nullable(), leadingBidderNo: z.string().nullable() }).nullable(),
    notices: z.object({ listing: bilingualText, result: bilingualText }),
    result: z.object({ status: z.string(), priceFen: z.number().nullable(), at: z.string(), winnerBidderNo: z.string().nullable(), winnerName: z.string().nullable(), depositAppliedFen: z.number() }).nullable().describe('成交公告: names the winner once the result is out'),
    bids: z.array(z.object({ seq: z.number(), bidderNo: z.string(), amountFen: z.number(), at: z.string(), extended: z.boolean() })),
    bidderCount: z.number().nullable(),
    bidders: z.array(bidderSchema),
    me: bidderSchema.nullable(),
    mayManage: z.boolean(),
    may: z.object({ register: z.boolean(), recordDeposit: z.boolean(), confirmQualification: z.boolean(), bid: z.boolean() }).describe('What the reader may do now: the page offers only these actions'),
    serverTime: z.string(),
  })
  .meta({ id: 'Listing' });
/** The portal's view: the listing notice, the live price once the auction runs, the result notice; never who registered, nor how many, before the result. */
const publicListingSchema = listingSchema.omit({ bidders: true, me: true, mayManage: true, may: true }).meta({ id: 'PublicListing' });
const summarySchema = z.object({ id: z.uuid(), assetType: z.string(), assetTypeName: bilingualText, title: z.string(), status: z.string(), listedPriceFen: z.number(), currentPriceFen: z.number().nullable(), listingEndsAt: z.string(), auctionEndsAt: z.string().nullable() });
const bidAck = z.object({ seq: z.number(), bidderNo: z.string(), amountFen: z.number(), at: z.string(), endsAt: z.string(), extended: z.boolean() });

/** 挂牌、拍卖 (docs/LISTINGS.md, LA-01..LA-11). */
export function listingRoutes(app: App) {
  app.addHook('preClose', async () => closeAllStreams());
  app.get(
    '/api/listings',
    { config: { access: { roles: 'any' } }, schema: { tags: ['trading'], summary: '挂牌项目 / Listings and auctions', response: withErrors({ 200: z.array(summarySchema) }) } },
    async (request) => listListings(request.ctx),
  );
  app.post(
    '/api/listings',
    {
      config: { access: TRANSFEROR },
      schema: { tags: ['trading'], summary: '发布挂牌公告 / A transferor publishes a listing; its period and deposit are checked (LA-01, LA-02, LA-04, LA-06)', body: listingInput, response: withErrors({ 201: z.object({ id: z.uuid() }) }, 422) },
    },
    async (request, reply) => reply.code(201).send({ id: (await publishListing(request.ctx, request.body)).id }),
  );
  app.get(
    '/api/public/listings',
    { config: { access: 'public' }, schema: { tags: ['trading'], summary: '挂牌公告（门户）/ Listings and auctions on the public portal', response: withErrors({ 200: z.array(summarySchema) }) } },
    async (request) => listListings(request.ctx),
  );
  app.get(
    '/api/public/listings/:id',
    {
      config: { access: 'public' },
      schema: { tags: ['trading'], summary: '挂牌公告与成交公告（门户）/ A listing notice, its auction and its result notice, as anyone reads them', params: idParams, response: withErrors({ 200: publicListingSchema }, 404) },
    },
    async (request) => {
      const { bidders: _, me: __, mayManage: ___, may: ____, ...notice } = await listingView({ ...request.ctx, actor: null }, request.params.id);
      return notice;
    },
  );
  app.get(
    '/api/listings/:id',
    { config: { access: { roles: 'any' } }, schema: { tags: ['trading'], summary: '挂牌项目详情 / A listing, its auction and its result notice (bidders by number only)', params: idParams, response: withErrors({ 200: listingSchema }, 404) } },
    async (request) => listingView(request.ctx, request.params.id),
  );
  app.post(
    '/api/listings/:id/bidders',
    { config: { access: BIDDER }, schema: { tags: ['trading'], summary: '竞买登记 / Register to bid; answers your 竞买号', params: idParams, body: noBody, response: withErrors({ 201: z.object({ id: z.uuid(), bidderNo: z.string() }) }, 404, 409) } },
    async (request, reply) => {
      const b = await registerBidder(request.ctx, request.params.id);
      return reply.code(201).send({ id: b.id, bidderNo: b.bidderNo });
    },
  );
  app.post(
    '/api/listings/:id/bidders/:bidderId/deposit',
    {
      config: { access: { roles: ['operator'] } },
      schema: { tags: ['trading'], summary: '登记保证金到账 / The operator records a bidder’s deposit from the bank’s receipt (LA-06)', params: bidderParams, body: z.object({ amountFen: z.int().min(1).max(Number.MAX_SAFE_INTEGER), reference: z.string().min(1).max(100) }), response: withErrors({ 200: z.object({ ok: z.literal(true) }) }, 404, 409, 422) },
    },
    async (request) => {
      await recordDeposit(request.ctx, request.params.id, request.params.bidderId, request.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/listings/:id/bidders/:bidderId/qualification',
    { config: { access: TRANSFEROR }, schema: { tags: ['trading'], summary: '确认竞买资格 / The transferor (or operator) confirms a bidder (LA-07)', params: bidderParams, body: noBody, response: withErrors({ 200: z.object({ ok: z.literal(true) }) }, 403, 404, 409) } },
    async (request) => {
      await confirmQualification(request.ctx, request.params.id, request.params.bidderId);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/listings/:id/bids',
    {
      config: { access: BIDDER },
      schema: { tags: ['trading'], summary: '出价 / Bid: stamped by the server’s clock and stored before the answer (LA-08, LA-10)', params: idParams, body: z.object({ amountFen: z.int().min(1).max(Number.MAX_SAFE_INTEGER) }), response: withErrors({ 201: bidAck }, 403, 404, 409) },
    },
    async (request, reply) => reply.code(201).send(await submitBid(request.ctx, request.params.id, request.body.amountFen)),
  );
  app.get(
    '/api/listings/:id/live',
    {
      config: { access: { roles: 'any' } },
      schema: { tags: ['trading'], summary: '竞价实况（SSE）/ The live auction as server-sent events: price, leading 竞买号, end, your own number', params: idParams, response: withErrors({ 200: z.any().describe('text/event-stream: `hello` {ownBidderNo}, then `state` {status, currentPriceFen, leadingBidderNo, seq, minimumNextFen, endsAt, extensions, serverTime}') }, 404) },
    },
    async (request, reply) => {
      const ctx = request.ctx;
      const me = await ownBidder(ctx.platform.database.db, request.params.id, ctx.actor?.entityId);
      await liveSnapshot(ctx.platform.database.db, request.params.id, ctx.platform.clock.now(), null); // 404 before the stream starts
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff', 'x-accel-buffering': 'no' });
      reply.raw.flushHeaders();
      await subscribe(ctx.platform, request.params.id, reply.raw, me?.bidderNo ?? null);
    },
  );
}
