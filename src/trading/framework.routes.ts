import { z } from 'zod';
import { idParams, withErrors } from '../platform/http/schemas';
import type { App } from '../platform/http/server';
import { admissionInput, admitSuppliers, applicationDecisionInput, applicationInput, applyToJoin, decideApplication, decideOrder, leaveAgreement, decisionInput, offerInput, orderInput, placeOrder, projectFramework, submitOffer } from './framework/framework';

const orderSchema = z.object({
  id: z.uuid(),
  orderNumber: z.string(),
  title: z.string(),
  description: z.string(),
  mode: z.enum(['direct', 'competition']),
  status: z.enum(['competing', 'decided', 'failed']),
  deadline: z.string().nullable(),
  ceilingFen: z.int().nullable().describe('FA-07: the highest admitted price'),
  open: z.boolean().describe('A competition taking offers (before its deadline)'),
  supplierName: z.string().nullable(),
  priceFen: z.int().nullable(),
  contract: z.object({ id: z.uuid(), contractNumber: z.string(), status: z.string() }).nullable(),
  offers: z
    .array(z.object({ supplierEntityId: z.uuid(), supplierName: z.string(), priceFen: z.int(), submittedAt: z.string() }))
    .nullable()
    .describe('Sealed: for those running or overseeing the project, after the deadline only — before it neither the offers nor their count'),
  myOffer: z.object({ priceFen: z.int(), submittedAt: z.string() }).nullable().describe('A member’s own offer'),
  mayOffer: z.boolean(),
  mayDecide: z.boolean(),
});

const frameworkSchema = z
  .object({
    agreement: z
      .object({
        id: z.uuid(),
        kind: z.enum(['closed', 'open']),
        termStart: z.string(),
        termEnd: z.string(),
        admittedAt: z.string(),
        members: z.array(z.object({ supplierEntityId: z.uuid(), supplierName: z.string(), rank: z.int(), admittedPriceFen: z.int(), joinedAt: z.string().nullable().describe('FA-09: when it joined an open agreement (null: admitted by the first stage)') })),
        ceilingFen: z.int(),
      })
      .nullable(),
    orders: z.array(orderSchema).describe('To those running or overseeing the project all; to a member the competitions and its own orders'),
    mayOrder: z.boolean(),
    applications: z
      .array(
        z.object({
          id: z.uuid(),
          supplierName: z.string(),
          statement: z.string(),
          priceFen: z.int(),
          status: z.enum(['pending', 'admitted', 'refused']),
          reasons: z.string().nullable(),
          submittedAt: z.string(),
          decidedAt: z.string().nullable(),
          mayDecide: z.boolean(),
        }),
      )
      .describe('FA-09: applications to join an open agreement — all to those running or overseeing the project, its own to a supplier'),
    mayLeave: z.boolean().describe('FA-09: a member of an open agreement, within its term, may leave by notice'),
    mayApply: z.boolean().describe('FA-09: a supplier, not a member, without a pending application, within an open agreement’s term'),
    admission: z
      .object({ responding: z.int(), qualifying: z.int(), maximumAdmitted: z.int(), minimumAdmitted: z.int(), termMonths: z.int() })
      .nullable()
      .describe('FA-04, FA-05: before the admission, to those running the project once the report is signed'),
  })
  .meta({ id: 'FrameworkAgreement' });

/** 框架协议采购 (财政部令第110号): admission (FA-02, FA-04, FA-05), joining an open agreement (FA-09) and orders (FA-06 to FA-08). */
export function frameworkRoutes(app: App) {
  app.get(
    '/api/public/projects/:id/framework',
    {
      config: { access: 'public', subject: { type: 'project', action: 'read' } },
      schema: { tags: ['trading'], summary: '框架协议 / The project’s framework agreement, its members and the orders the caller may see (null for other methods)', params: idParams, response: withErrors({ 200: frameworkSchema.nullable() }, 404) },
    },
    async (request) => projectFramework(request.ctx, request.params.id),
  );
  app.post(
    '/api/projects/:id/framework/admission',
    {
      config: { access: { roles: ['purchaser', 'agency'] }, subject: { type: 'project', action: 'manage' } },
      schema: { tags: ['trading'], summary: '确定入围供应商并订立框架协议 / Admit the best ranked suppliers into a closed framework agreement (FA-02, FA-04, FA-05)', params: idParams, body: admissionInput, response: withErrors({ 201: frameworkSchema }, 404, 409, 422) },
    },
    async (request, reply) => reply.code(201).send(await admitSuppliers(request.ctx, request.params.id, request.body)),
  );
  app.post(
    '/api/projects/:id/framework/applications',
    {
      config: { access: { roles: ['supplier'] } },
      schema: { tags: ['trading'], summary: '申请加入开放式框架协议 / A supplier applies to join an open agreement during its term (FA-09)', params: idParams, body: applicationInput, response: withErrors({ 201: frameworkSchema }, 404, 409, 422) },
    },
    async (request, reply) => reply.code(201).send(await applyToJoin(request.ctx, request.params.id, request.body)),
  );
  app.post(
    '/api/projects/:id/framework/withdrawal',
    {
      config: { access: { roles: ['supplier'] } },
      schema: { tags: ['trading'], summary: '退出开放式框架协议 / A member leaves an open agreement by notice, within its term (FA-09)', params: idParams, response: withErrors({ 200: frameworkSchema }, 404, 409) },
    },
    async (request) => leaveAgreement(request.ctx, request.params.id),
  );
  app.post(
    '/api/framework-applications/:id/decision',
    {
      config: { access: { roles: ['purchaser', 'agency'] } },
      schema: { tags: ['trading'], summary: '审核加入申请 / Those running the project admit or refuse an application to join, with reasons (FA-09)', params: idParams, body: applicationDecisionInput, response: withErrors({ 200: frameworkSchema }, 404, 409, 422) },
    },
    async (request) => decideApplication(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/projects/:id/framework/orders',
    {
      config: { access: { roles: ['purchaser'] }, subject: { type: 'project', action: 'manage' } },
      schema: { tags: ['trading'], summary: '下达采购订单 / Order directly from a member (FA-08) or open a second-round competition (FA-07)', params: idParams, body: orderInput, response: withErrors({ 201: frameworkSchema }, 404, 409, 422) },
    },
    async (request, reply) => reply.code(201).send(await placeOrder(request.ctx, request.params.id, request.body)),
  );
  app.post(
    '/api/framework-orders/:id/offers',
    {
      config: { access: { roles: ['supplier'] } },
      schema: {
        tags: ['trading'],
        summary: '二次竞价报价 / A member’s one sealed offer, before the deadline, at most the ceiling (FA-07)',
        params: idParams,
        body: offerInput,
        response: withErrors({ 201: z.object({ orderId: z.uuid(), submittedAt: z.string(), priceFen: z.int() }) }, 404, 409, 422),
      },
    },
    async (request, reply) => reply.code(201).send(await submitOffer(request.ctx, request.params.id, request.body)),
  );
  app.post(
    '/api/framework-orders/:id/decision',
    {
      config: { access: { roles: ['purchaser'] } },
      schema: { tags: ['trading'], summary: '二次竞价确定成交 / After the deadline, the lowest offer wins and its contract is drafted (FA-07)', params: idParams, body: decisionInput, response: withErrors({ 200: frameworkSchema }, 404, 409, 422) },
    },
    async (request) => decideOrder(request.ctx, request.params.id, request.body),
  );
}
