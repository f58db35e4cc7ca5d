import { z } from 'zod';
import type { App } from '../../platform/http/server';
import { idParams, withErrors } from '../../platform/http/schemas';
import { creditFile, importDishonestList, liftMeasure, ownMeasures } from './credit';

const measureSchema = z
  .object({
    id: z.uuid(),
    entityId: z.uuid(),
    kind: z.enum(['debarment']),
    scope: z.enum(['governmentProcurement', 'tendering', 'all']),
    ruleId: z.string(),
    reason: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    sourceType: z.enum(['alert', 'dishonestList']),
    sourceId: z.string(),
    imposedAt: z.string(),
    liftedAt: z.string().nullable(),
    liftReason: z.string().nullable(),
    inForce: z.boolean(),
  })
  .meta({ id: 'CreditMeasure' });
const SUPERVISORS = { roles: ['supervisor', 'authority'], feature: 'creditMeasures' } as const;

/** 信用 (issue 13): an entity's credit file, the measures against it, and the imported dishonest lists. */
export function creditRoutes(app: App) {
  app.get(
    '/api/supervision/entities/:id/credit',
    {
      config: { access: { roles: ['supervisor', 'authority', 'operator'], feature: 'credit' } },
      schema: {
        tags: ['credit'],
        summary: '信用档案 / An entity’s credit records and measures',
        params: idParams,
        response: withErrors({ 200: z.object({ entity: z.object({ id: z.uuid(), name: z.string(), creditCode: z.string() }), records: z.array(z.looseObject({ id: z.uuid(), kind: z.string(), ruleId: z.string(), summary: z.string(), recordedAt: z.string() })), measures: z.array(measureSchema), performance: z.array(z.object({ contractNumber: z.string(), title: z.string(), ratings: z.record(z.string(), z.number()), average: z.number().describe('1 to 5'), comment: z.string().nullable(), recordedAt: z.string() })).describe('履约评价: purchasers’ ratings of its contracts') }) }, 404),
      },
    },
    async (request) => creditFile(request.ctx, request.params.id),
  );
  app.get('/api/my/credit-measures', { config: { access: { roles: ['supplier'] } }, schema: { tags: ['credit'], summary: '我的信用惩戒 / The measures against my organisation, with basis and period', response: withErrors({ 200: z.array(measureSchema) }) } }, async (request) => ownMeasures(request.ctx));
  app.post(
    '/api/supervision/credit-measures/:id/lift',
    { config: { access: SUPERVISORS, subject: { type: 'creditMeasure', action: 'lift' } }, schema: { tags: ['credit'], summary: '解除惩戒 / Lift a measure early, with the reason', params: idParams, body: z.object({ reason: z.string().trim().min(2).max(2000) }), response: withErrors({ 200: measureSchema }, 404, 409) } },
    async (request) => liftMeasure(request.ctx, request.params.id, request.body.reason),
  );
  app.post(
    '/api/supervision/dishonest-lists',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags: ['credit'],
        summary: '导入严重失信主体名单 / Import a list of seriously dishonest entities (CSV: 统一社会信用代码,名称,列入日期,移出日期,列入事由,认定部门), CM-03',
        body: z.object({ csv: z.string().min(1).max(5_000_000) }),
        response: withErrors({ 200: z.object({ batchId: z.uuid(), imported: z.array(z.object({ creditCode: z.string(), name: z.string(), startsOn: z.string(), endsOn: z.string() })), alreadyImported: z.int(), notRegistered: z.int(), errors: z.array(z.object({ line: z.int(), message: z.string() })) }) }, 422),
      },
    },
    async (request) => importDishonestList(request.ctx, request.body.csv),
  );
}
