import { z } from 'zod';
import { bilingualText, withErrors } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
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

/** 电子卖场 (issue 16): admitted suppliers' products, purchasers' direct orders, supervision's split-purchase list. */
export function mallRoutes(app: App) {
  app.get(
    '/api/mall/categories',
    { config: { access: 'public' }, schema: { tags: ['trading'], summary: '电子卖场品目 / The 品目 the mall sells', response: withErrors({ 200: z.object({ items: z.array(z.object({ code: z.string(), name: bilingualText })) }) }) } },
    async () => ({ items: categories() }),
  );
  app.get(
    '/api/mall/suppliers',
    { config: { access: { roles: ['operator', 'supervisor'] } }, schema: { tags: ['trading'], summary: '电子卖场供应商 / Suppliers admitted to the mall (MALL-01)', response: withErrors({ 200: z.object({ items: z.array(z.object({ entityId: z.uuid(), name: z.string(), admittedAt: z.string() })) }) }) } },
    async (request) => listSuppliers(request.ctx),
  );
  app.post(
    '/api/mall/suppliers',
    { config: { access: { roles: ['operator'] } }, schema: { tags: ['trading'], summary: '准入电子卖场供应商 / Admit a supplier to the mall (MALL-01)', body: admitInput, response: withErrors({ 201: z.object({ entityId: z.uuid(), name: z.string(), admittedAt: z.string() }) }, 409, 422) } },
    async (request, reply) => reply.code(201).send(await admitSupplier(request.ctx, request.body)),
  );
  app.get(
    '/api/mall/products',
    { config: { access: { roles: ['purchaser', 'supplier', 'operator', 'supervisor', 'authority'] } }, schema: { tags: ['trading'], summary: '电子卖场商品 / Products on sale in the mall, with the mall threshold (MALL-02)', querystring: productQuery, response: withErrors({ 200: z.object({ thresholdFen: z.int(), items: z.array(product) }) }) } },
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
    { config: { access: { roles: ['supervisor', 'authority', 'operator'] } }, schema: { tags: ['trading'], summary: '疑似化整为零 / Mall orders flagged as possible split purchases (MALL-03, GP-94)', response: withErrors({ 200: z.object({ items: z.array(order) }) }) } },
    async (request) => splitPurchases(request.ctx),
  );
}
