import { z } from 'zod';
import { idParams, withErrors } from '../platform/http/schemas';
import type { App } from '../platform/http/server';
import { acknowledgeAssetPush, acknowledgementInput, listAssetPushes } from './assets/asset-push';
import { budgetExportSchema, budgetImportInput, budgetImportResultSchema, exportBudgetFlows, importBudgetLines } from './budget/budget-exchange';

const PURCHASER = { roles: ['purchaser'] } as const;

const assetRecordSchema = z.object({
  lineNo: z.int(),
  name: z.string(),
  brand: z.string().nullable(),
  model: z.string().nullable(),
  assetCategory: z.string().nullable(),
  quantity: z.int(),
  unitPriceFen: z.int(),
  valueFen: z.int(),
});
export const assetPushSchema = z
  .object({
    id: z.uuid(),
    contractId: z.uuid(),
    contractNumber: z.string(),
    contractTitle: z.string(),
    purchaserEntityId: z.uuid(),
    purchaserName: z.string(),
    supplierName: z.string(),
    regionCode: z.string(),
    records: z.array(assetRecordSchema),
    totalFen: z.int(),
    adapter: z.string(),
    adapterReference: z.string().nullable(),
    status: z.enum(['pushed', 'acknowledged']),
    pushedAt: z.string(),
    cardNumbers: z.record(z.string(), z.string()).nullable(),
    acknowledgedAt: z.string().nullable(),
    note: z.string().nullable(),
    revision: z.int(),
  })
  .meta({ id: 'AssetPush' });

/** The exchanges with the budget-management and asset-management systems (seeds 003, 004). */
export function exchangeRoutes(app: App) {
  app.post(
    '/api/budget-lines/import',
    {
      config: { access: PURCHASER },
      schema: {
        tags: ['exchange'],
        summary: '导入预算指标 / Import budget lines from the budget system (idempotent on its line id; a changed line is refused)',
        body: budgetImportInput,
        response: withErrors({ 200: budgetImportResultSchema }, 409, 422),
      },
    },
    async (request) => importBudgetLines(request.ctx, request.body),
  );
  app.get(
    '/api/budget-lines/export',
    {
      config: { access: PURCHASER },
      schema: { tags: ['exchange'], summary: '预算执行回传 / What plans, contracts and payments did with each budget line, for the budget system', response: withErrors({ 200: budgetExportSchema }) },
    },
    async (request) => exportBudgetFlows(request.ctx.platform.database.db, request.ctx.actor!.entityId, request.ctx.platform.clock.now()),
  );

  app.get(
    '/api/asset-pushes',
    {
      config: { access: { roles: ['purchaser', 'supervisor'] } },
      schema: { tags: ['exchange'], summary: '新增资产推送 / New assets pushed to the asset system (a purchaser’s own; a supervisor’s region)', response: withErrors({ 200: z.array(assetPushSchema) }) },
    },
    async (request) => listAssetPushes(request.ctx),
  );
  app.post(
    '/api/contracts/:id/asset-push/acknowledgement',
    {
      config: { access: PURCHASER, subject: { type: 'contract', action: 'accept' } },
      schema: {
        tags: ['exchange'],
        summary: '资产管理系统确认 / Record the asset system’s acknowledgement with its asset card numbers',
        params: idParams,
        body: acknowledgementInput,
        response: withErrors({ 200: assetPushSchema }, 404, 409, 422),
      },
    },
    async (request) => acknowledgeAssetPush(request.ctx, request.params.id, request.body),
  );
}
