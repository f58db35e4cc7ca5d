import { z } from 'zod';
import { idParams, revisionInput, withErrors } from '../platform/http/schemas';
import type { App } from '../platform/http/server';
import { budgetLineInput, createBudgetLine, listBudgetLines } from './budget/budget';
import { createPlan, intentionInput, listPlans, planInput, publishIntention, resolveWarehouseMatch, reviewImport } from './plan/plan';
import { budgetLineSchema, assetSchema, noticeSchema, planSchema } from './trading.views';
import { addAsset, assetInput, listAssets, listReallocations } from './warehouse/warehouse';

const PURCHASER = { roles: ['purchaser'] } as const;
const WAREHOUSE_KEEPERS = { roles: ['operator', 'supervisor'] } as const;

/** Budget lines, the public asset warehouse, plans, import approvals and intentions (seed 004). */
export function planningRoutes(app: App) {
  app.get(
    '/api/budget-lines',
    { config: { access: PURCHASER }, schema: { tags: ['trading'], summary: '预算指标 / My budget lines with what is left', response: withErrors({ 200: z.array(budgetLineSchema) }) } },
    async (request) => listBudgetLines(request.ctx.platform.database.db, request.ctx.actor!.entityId),
  );
  app.post(
    '/api/budget-lines',
    { config: { access: PURCHASER }, schema: { tags: ['trading'], summary: '录入预算指标 / Record a budget line', body: budgetLineInput, response: withErrors({ 201: budgetLineSchema }, 409) } },
    async (request, reply) => reply.code(201).send(await createBudgetLine(request.ctx, request.body)),
  );

  app.get(
    '/api/warehouse/assets',
    {
      config: { access: { roles: ['purchaser', 'agency', 'operator', 'supervisor', 'authority'] } },
      schema: { tags: ['trading'], summary: '公物仓资产 / Assets in the public asset warehouse of my region', response: withErrors({ 200: z.array(assetSchema) }) },
    },
    async (request) => listAssets(request.ctx.platform.database.db, request.ctx.actor!.regionCode),
  );
  app.post(
    '/api/warehouse/assets',
    { config: { access: WAREHOUSE_KEEPERS }, schema: { tags: ['trading'], summary: '公物仓入库 / Record an idle asset', body: assetInput, response: withErrors({ 201: assetSchema }) } },
    async (request, reply) => reply.code(201).send(await addAsset(request.ctx, request.body)),
  );
  app.get(
    '/api/warehouse/reallocations',
    {
      config: { access: { roles: ['purchaser', 'operator', 'supervisor'] } },
      schema: {
        tags: ['trading'],
        summary: '资产调剂记录 / Asset reallocations',
        response: withErrors({ 200: z.array(z.object({ assetId: z.uuid(), assetName: z.string(), toEntityId: z.uuid(), planId: z.uuid().nullable(), quantity: z.int(), reallocatedAt: z.string() })) }),
      },
    },
    async (request) =>
      (await listReallocations(request.ctx.platform.database.db, request.ctx.actor!.regionCode)).map(({ reallocation: r, asset: a }) => ({
        assetId: a.id,
        assetName: a.name,
        toEntityId: r.toEntityId,
        planId: r.planId,
        quantity: r.quantity,
        reallocatedAt: r.reallocatedAt.toISOString(),
      })),
  );

  app.get(
    '/api/plans',
    {
      config: { access: { roles: ['purchaser', 'supervisor'] } },
      schema: { tags: ['trading'], summary: '采购计划 / Plans (a purchaser’s own; a supervisor’s region)', querystring: z.object({ importStatus: z.enum(['pending', 'approved', 'rejected']).optional() }), response: withErrors({ 200: z.array(planSchema) }) },
    },
    async (request) => {
      const actor = request.ctx.actor!;
      const scope = actor.actingRole === 'supervisor' ? { regionCode: actor.regionCode } : { purchaserEntityId: actor.entityId };
      return listPlans(request.ctx.platform.database.db, { ...scope, importStatus: request.query.importStatus });
    },
  );
  app.post(
    '/api/plans',
    {
      config: { access: PURCHASER },
      schema: { tags: ['trading'], summary: '新建采购计划 / Create a plan (budget and warehouse checked)', body: planInput, response: withErrors({ 201: planSchema }, 404, 422) },
    },
    async (request, reply) => reply.code(201).send(await createPlan(request.ctx, request.body)),
  );
  app.post(
    '/api/plans/:id/warehouse-resolutions',
    {
      config: { access: PURCHASER, subject: { type: 'plan', action: 'manage' } },
      schema: {
        tags: ['trading'],
        summary: '公物仓核查处理 / Take a warehouse asset, or record why it does not fit',
        params: idParams,
        body: revisionInput.extend({ assetId: z.uuid(), action: z.enum(['taken', 'unsuitable']), reason: z.string().max(1000).nullish() }),
        response: withErrors({ 200: planSchema }, 404, 409, 422),
      },
    },
    async (request) => resolveWarehouseMatch(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/plans/:id/import-review',
    {
      config: { access: { roles: ['supervisor'] }, subject: { type: 'plan', action: 'reviewImport' } },
      schema: {
        tags: ['trading'],
        summary: '进口产品论证审核 / Approve or reject an import justification (finance supervisor)',
        params: idParams,
        body: revisionInput.extend({ approve: z.boolean(), note: z.string().max(2000).nullish() }),
        response: withErrors({ 200: planSchema }, 404, 409, 422),
      },
    },
    async (request) => reviewImport(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/plans/:id/intention',
    {
      config: { access: PURCHASER, subject: { type: 'plan', action: 'manage' } },
      schema: { tags: ['trading'], summary: '公开采购意向 / Publish the procurement intention', params: idParams, body: intentionInput, response: withErrors({ 201: noticeSchema }, 404) },
    },
    async (request, reply) => reply.code(201).send(await publishIntention(request.ctx, request.params.id, request.body)),
  );
}
