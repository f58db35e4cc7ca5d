import { z } from 'zod';
import type { App } from '../../platform/http/server';
import { idParams, withErrors, bilingualText } from '../../platform/http/schemas';
import { publishedDespiteWarnings, screenProject, screeningDraft } from './screening';

const warningSchema = z
  .object({
    code: z.string(),
    ruleId: z.string(),
    basis: bilingualText,
    message: bilingualText,
    source: z.string().describe('field:<name> or document'),
    documentName: z.string().nullable(),
    start: z.int(),
    end: z.int(),
    excerpt: z.string().describe('The clause, to show with the matched phrase highlighted'),
    match: z.object({ start: z.int(), end: z.int(), text: z.string() }).optional(),
    similarTo: z.looseObject({ kind: z.enum(['earlierDocument', 'supplierBrochure']), excerpt: z.string(), similarity: z.number() }).optional().describe('TS-06: the earlier clause it repeats'),
    severity: z.literal('warning'),
  })
  .meta({ id: 'ScreeningWarning' });

/** 发布前合规筛查 (issue 13): warnings before a notice is published, and the supervisors' queue after. */
export function screeningRoutes(app: App) {
  app.post(
    '/api/projects/:id/screening',
    {
      config: { access: { roles: ['agency', 'purchaser'] }, subject: { type: 'project', action: 'manage' } },
      schema: {
        tags: ['screening'],
        summary: '发布前合规筛查 / Check the notice about to be published and the documents for discriminatory conditions (TS-01 to TS-06); changes nothing',
        params: idParams,
        body: screeningDraft,
        response: withErrors({ 200: z.object({ warnings: z.array(warningSchema) }) }, 404),
      },
    },
    async (request) => ({ warnings: await screenProject(request.ctx.platform.database.db, request.params.id, request.body) }),
  );
  app.get(
    '/api/supervision/screening-queue',
    {
      config: { access: { roles: ['supervisor', 'authority', 'operator'], feature: 'screeningQueue' } },
      schema: {
        tags: ['screening'],
        summary: '带警示发布的公告 / Notices of my region published despite a screening warning, newest first',
        response: withErrors({ 200: z.array(z.object({ projectId: z.uuid(), projectNumber: z.string(), title: z.string(), publishedAt: z.string(), warnings: z.array(warningSchema) })) }),
      },
    },
    async (request) => publishedDespiteWarnings(request.ctx),
  );
}
