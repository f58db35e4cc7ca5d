import { z } from 'zod';
import { bilingualText, withErrors } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { applicationDecisionInput, applicationInput, applicationQuery, applyToMall, decideApplication, listApplications, myAdmission } from './admission';
import { basketDecisionInput, basketInput, basketQuery, decideBasket, flaggedBaskets, getBasket, listBaskets, publishBasket, publishedResults, quoteInput, submitQuote } from './basket';
import { admitInput, admitSupplier, categories, createProduct, listProducts, listSuppliers, myOrders, orderInput, placeOrder, productInput, productQuery, splitPurchases } from './mall';

const product = z.object({
  id: z.uuid(),
  supplierEntityId: z.uuid(),
  supplierName: z.string(),
  categoryCode: z.string(),
  categoryName: bilingualText,
  name: z.string(),
  specification: z.string(),
  unitPriceFen: z.int(),
  stock: z.int(),
  deliveryRegions: z.array(z.string()),
});
const splitCheck = z.object({ categoryCode: z.string(), fiscalYear: z.int(), earlierFen: z.int(), earlierOrders: z.int(), thisOrderFen: z.int(), cumulativeFen: z.int(), thresholdFen: z.int(), split: z.boolean() });
const order = z.object({
  id: z.uuid(),
  orderNumber: z.string(),
  purchaserName: z.string(),
  supplierName: z.string(),
  totalFen: z.int(),
  fiscalYear: z.int(),
  lines: z.array(z.object({ productId: z.uuid(), categoryCode: z.string(), name: z.string(), specification: z.string(), quantity: z.int(), unitPriceFen: z.int(), totalFen: z.int() })),
  contract: z.object({ id: z.uuid(), contractNumber: z.string(), status: z.string() }).nullable(),
  splitFlag: z.object({ checks: z.array(splitCheck), reason: z.string() }).nullable().describe('MALL-03 (GP-94): the running totals that passed the threshold, and the purchaser’s reason'),
  orderedAt: z.string(),
});
const basketLine = z.object({ lineNo: z.int(), categoryCode: z.string(), name: z.string(), specification: z.string(), quantity: z.int(), budgetUnitPriceFen: z.int() });
const problemText = z.object({ code: z.string(), messages: bilingualText });
const basket = z.object({
  id: z.uuid(),
  basketNumber: z.string(),
  title: z.string(),
  purchaserName: z.string(),
  regionCode: z.string(),
  lines: z.array(basketLine),
  budgetFen: z.int(),
  deliveryAddress: z.string(),
  publishedAt: z.string(),
  closesAt: z.string(),
  status: z.enum(['bidding', 'awaitingConfirmation', 'awarded', 'failed']),
  sealed: z.boolean().describe('Before the close: no quote, sender or count is shown to anyone (MALL-06)'),
  revision: z.int(),
  splitFlag: z.object({ checks: z.array(splitCheck), reason: z.string() }).nullable(),
  result: z.object({ supplierName: z.string().nullable(), priceFen: z.int().nullable(), reason: bilingualText.nullable() }).nullable().describe('The published result (MALL-07): the winner and its price, or why the bidding failed'),
  quotes: z
    .array(z.object({ supplierName: z.string(), totalFen: z.int(), submittedAt: z.string(), rank: z.int().nullable(), problems: z.array(problemText) }))
    .nullable()
    .describe('After the close, to the purchaser and those overseeing it: every quote opened, ranked, with why any does not meet the basket'),
  minimumQuotes: z.int().describe('MALL-07 as announced: fewer quotes meeting the basket than this, and it does not simply award'),
  tooFewQuotes: z.enum(['fail', 'purchaserConfirms']).describe('MALL-07 as announced: what too few quotes lead to'),
  myQuote: z.object({ submittedAt: z.string(), totalFen: z.int(), lines: z.array(z.object({ lineNo: z.int(), productId: z.uuid(), productName: z.string(), unitPriceFen: z.int() })) }).nullable(),
  contract: z.object({ id: z.uuid(), contractNumber: z.string(), status: z.string() }).nullable(),
  mayQuote: z.boolean(),
  mayDecide: z.boolean(),
});
const application = z.object({
  id: z.uuid(),
  entityId: z.uuid(),
  entityName: z.string(),
  creditCode: z.string(),
  categories: z.array(z.string()),
  statement: z.string(),
  status: z.enum(['pending', 'admitted', 'refused']),
  reason: z.string().nullable(),
  appliedAt: z.string(),
  decidedAt: z.string().nullable(),
});

/** 电子卖场 (issue 16): admitted suppliers' products, purchasers' direct orders, supervision's split-purchase list. */
export function mallRoutes(app: App) {
  app.get(
    '/api/mall/categories',
    { config: { access: 'public' }, schema: { tags: ['trading'], summary: '电子卖场品目 / The 品目 the mall sells', response: withErrors({ 200: z.object({ items: z.array(z.object({ code: z.string(), name: bilingualText })) }) }) } },
    async () => ({ items: categories() }),
  );
  app.get(
    '/api/mall/suppliers',
    { config: { access: { roles: ['operator', 'supervisor'] } }, schema: { tags: ['trading'], summary: '电子卖场供应商 / Suppliers admitted to the mall (MALL-01)', response: withErrors({ 200: z.object({ items: z.array(z.object({ entityId: z.uuid(), name: z.string(), creditCode: z.string(), admittedAt: z.string() })) }) }) } },
    async (request) => listSuppliers(request.ctx),
  );
  app.post(
    '/api/mall/suppliers',
    { config: { access: { roles: ['operator'] } }, schema: { tags: ['trading'], summary: '准入电子卖场供应商 / Admit a supplier to the mall (MALL-01)', body: admitInput, response: withErrors({ 201: z.object({ entityId: z.uuid(), name: z.string(), admittedAt: z.string() }) }, 409, 422) } },
    async (request, reply) => reply.code(201).send(await admitSupplier(request.ctx, request.body)),
  );
  app.get(
    '/api/mall/products',
    { config: { access: { roles: ['purchaser', 'supplier', 'operator', 'supervisor', 'authority'] } }, schema: { tags: ['trading'], summary: '电子卖场商品 / Products on sale in the mall, with the mall threshold (MALL-02)', querystring: productQuery, response: withErrors({ 200: z.object({ thresholdFen: z.int(), splitThresholdFen: z.int().describe('MALL-03: a purchaser’s running total of one 品目 in a year above it is warned as a split purchase'), items: z.array(product) }) }) } },
    async (request) => listProducts(request.ctx, request.query),
  );
  app.post(
    '/api/mall/products',
    { config: { access: { roles: ['supplier'] } }, schema: { tags: ['trading'], summary: '上架商品 / An admitted supplier lists a product (MALL-01)', body: productInput, response: withErrors({ 201: product }, 403, 422) } },
    async (request, reply) => reply.code(201).send(await createProduct(request.ctx, request.body)),
  );
  app.post(
    '/api/mall/orders',
    {
      config: { access: { roles: ['purchaser'] } },
      schema: {
        tags: ['trading'],
        summary: '直购下单 / Order listed products directly; the order becomes a signed contract (MALL-02, MALL-03: 409 SPLIT_PURCHASE_WARNING until acknowledged)',
        body: orderInput,
        response: withErrors({ 201: z.object({ id: z.uuid(), orderNumber: z.string(), totalFen: z.int(), contractId: z.uuid(), contractNumber: z.string(), splitFlagged: z.boolean() }) }, 409, 422),
      },
    },
    async (request, reply) => reply.code(201).send(await placeOrder(request.ctx, request.body)),
  );
  app.get(
    '/api/mall/orders',
    { config: { access: { roles: ['purchaser', 'supplier'] } }, schema: { tags: ['trading'], summary: '我的电子卖场订单 / My mall orders', response: withErrors({ 200: z.object({ items: z.array(order) }) }) } },
    async (request) => myOrders(request.ctx),
  );
  app.get(
    '/api/mall/split-purchases',
    {
      config: { access: { roles: ['supervisor', 'authority', 'operator'] } },
      schema: { tags: ['trading'], summary: '疑似化整为零 / Mall orders and 竞价 baskets flagged as possible split purchases (MALL-03, GP-94)', response: withErrors({ 200: z.object({ items: z.array(order), baskets: z.array(basket) }) }) },
    },
    async (request) => ({ ...(await splitPurchases(request.ctx)), baskets: (await flaggedBaskets(request.ctx)).items }),
  );

  // 网上竞价 (MALL-05..07)
  app.post(
    '/api/mall/baskets',
    {
      config: { access: { roles: ['purchaser'] } },
      schema: {
        tags: ['trading'],
        summary: '发起网上竞价 / Put a basket out for sealed quotes from the mall’s suppliers (MALL-05, MALL-02, MALL-03: 409 SPLIT_PURCHASE_WARNING until acknowledged)',
        body: basketInput,
        response: withErrors({ 201: basket }, 409, 422),
      },
    },
    async (request, reply) => reply.code(201).send(await publishBasket(request.ctx, request.body)),
  );
  app.get(
    '/api/mall/baskets',
    { config: { access: { roles: ['purchaser', 'supplier', 'operator', 'supervisor', 'authority'] } }, schema: { tags: ['trading'], summary: '网上竞价 / The baskets I may read: my own, my province’s (suppliers), my region’s (overseers)', querystring: basketQuery, response: withErrors({ 200: z.object({ items: z.array(basket) }) }) } },
    async (request) => listBaskets(request.ctx, request.query),
  );
  app.get(
    '/api/mall/baskets/:id',
    { config: { access: { roles: ['purchaser', 'supplier', 'operator', 'supervisor', 'authority'] }, subject: { type: 'mall_basket', action: 'read' } }, schema: { tags: ['trading'], summary: '网上竞价详情 / One basket: sealed until its close, then its result', params: z.object({ id: z.uuid() }), response: withErrors({ 200: basket }) } },
    async (request) => getBasket(request.ctx, request.params.id),
  );
  app.post(
    '/api/mall/baskets/:id/quotes',
    {
      config: { access: { roles: ['supplier'] }, subject: { type: 'mall_basket', action: 'quote' } },
      schema: {
        tags: ['trading'],
        summary: '报价 / An admitted supplier quotes once, sealed until the close, with its own products for every line, within the budget (MALL-06)',
        params: z.object({ id: z.uuid() }),
        body: quoteInput,
        response: withErrors({ 201: z.object({ basketId: z.uuid(), submittedAt: z.string(), totalFen: z.int(), lines: z.array(z.object({ lineNo: z.int(), productId: z.uuid(), unitPriceFen: z.int() })) }) }, 409, 422),
      },
    },
    async (request, reply) => reply.code(201).send(await submitQuote(request.ctx, request.params.id, request.body)),
  );
  app.post(
    '/api/mall/baskets/:id/decision',
    {
      config: { access: { roles: ['purchaser'] }, subject: { type: 'mall_basket', action: 'decide' } },
      schema: { tags: ['trading'], summary: '确认或放弃 / With too few quotes, where the region lets it: the purchaser takes the lowest, or declines (MALL-07)', params: z.object({ id: z.uuid() }), body: basketDecisionInput, response: withErrors({ 200: basket }, 409) },
    },
    async (request) => decideBasket(request.ctx, request.params.id, request.body),
  );
  app.get(
    '/api/public/mall/results',
    {
      config: { access: 'public' },
      schema: {
        tags: ['trading'],
        summary: '电子卖场竞价结果 / Published results of the mall’s biddings: the winner and its price, or a failure (MALL-07)',
        response: withErrors({
          200: z.object({
            items: z.array(
              z.object({
                basketNumber: z.string(),
                title: z.string(),
                purchaserName: z.string(),
                regionCode: z.string(),
                lines: z.array(z.object({ name: z.string(), specification: z.string(), quantity: z.int() })),
                closedAt: z.string().nullable(),
                status: z.enum(['bidding', 'awaitingConfirmation', 'awarded', 'failed']),
                supplierName: z.string().nullable(),
                priceFen: z.int().nullable(),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => publishedResults(request.ctx.platform.database.db),
  );

  // 入驻审核 (MALL-08)
  app.post(
    '/api/mall/applications',
    { config: { access: { roles: ['supplier'] } }, schema: { tags: ['trading'], summary: '申请入驻电子卖场 / A supplier applies to join the mall (MALL-08)', body: applicationInput, response: withErrors({ 201: application }, 409, 422) } },
    async (request, reply) => reply.code(201).send(await applyToMall(request.ctx, request.body)),
  );
  app.get(
    '/api/mall/applications',
    { config: { access: { roles: ['operator'] } }, schema: { tags: ['trading'], summary: '入驻申请 / The applications of my province, pending first (MALL-08)', querystring: applicationQuery, response: withErrors({ 200: z.object({ items: z.array(application) }) }) } },
    async (request) => listApplications(request.ctx, request.query),
  );
  app.post(
    '/api/mall/applications/:id/decision',
    {
      config: { access: { roles: ['operator'] }, subject: { type: 'mall_application', action: 'decide' } },
      schema: { tags: ['trading'], summary: '入驻审核 / Admit or refuse an application, with the reason told to the supplier (MALL-08)', params: z.object({ id: z.uuid() }), body: applicationDecisionInput, response: withErrors({ 200: application }, 409) },
    },
    async (request) => decideApplication(request.ctx, request.params.id, request.body),
  );
  app.get(
    '/api/mall/my-admission',
    {
      config: { access: { roles: ['supplier'] } },
      schema: { tags: ['trading'], summary: '我的入驻状态 / Whether my company is admitted to the mall, and its applications (MALL-08)', response: withErrors({ 200: z.object({ admitted: z.boolean(), admittedAt: z.string().nullable(), applications: z.array(application), mayApply: z.boolean() }) }) },
    },
    async (request) => myAdmission(request.ctx),
  );
}
