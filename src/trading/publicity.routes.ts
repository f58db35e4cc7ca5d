import { z } from 'zod';
import { idParams, withErrors } from '../platform/http/schemas';
import type { App } from '../platform/http/server';
import { notFound, bilingual } from '../platform/errors';
import { decideObjection, fileObjection, objectionDecisionInput, objectionInput, projectPublicities, publicityOfNotice, publishSingleSourcePublicity, singleSourcePublicityInput } from './publicity/publicity';

const publicitySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['singleSource', 'candidates']),
    lotId: z.uuid().nullable(),
    noticeId: z.uuid(),
    supplierName: z.string().nullable(),
    startsAt: z.string(),
    endsOn: z.string(),
    running: z.boolean(),
    reviewBy: z.string().nullable().describe('SS-04: the last day to review objections'),
    objectionCount: z.int().nullable().describe('For those running or overseeing the project: the objections to the single source, or to this lot’s candidates (WK-19)'),
    mayObject: z.boolean().describe('SS-03: the caller may object now; for the candidates (WK-13), a supplier while the publicity runs'),
    objections: z.array(
      z.object({
        id: z.uuid(),
        text: z.string(),
        filedAt: z.string(),
        filedBy: z.object({ person: z.string().nullable(), organisation: z.string().nullable() }).nullable().describe('Who objected, for those running or overseeing the project'),
        mine: z.boolean(),
        status: z.enum(['pending', 'upheld', 'dismissed']),
        review: z.string().nullable(),
        decidedAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Publicity' });

/** 公示: the single-source publicity and its objections (DS-01, SS-03, SS-04); the works candidates' publicity (WK-13). */
export function publicityRoutes(app: App) {
  app.post(
    '/api/projects/:id/single-source-publicity',
    {
      config: { access: { roles: ['purchaser', 'agency'] }, subject: { type: 'project', action: 'manage' } },
      schema: { tags: ['trading'], summary: '单一来源采购公示 / Publicise a single-source procurement (DS-01)', params: idParams, body: singleSourcePublicityInput, response: withErrors({ 201: publicitySchema }, 404, 409, 422) },
    },
    async (request, reply) => reply.code(201).send(await publishSingleSourcePublicity(request.ctx, request.params.id, request.body)),
  );
  app.get(
    '/api/public/projects/:id/publicities',
    { config: { access: 'public', subject: { type: 'project', action: 'read' } }, schema: { tags: ['trading'], summary: '项目的公示 / The project’s publicities', params: idParams, response: withErrors({ 200: z.array(publicitySchema) }, 404) } },
    async (request) => projectPublicities(request.ctx, request.params.id),
  );
  app.get(
    '/api/public/notices/:id/publicity',
    { config: { access: 'public' }, schema: { tags: ['notices'], summary: '公告对应的公示 / The publicity a notice opened, if any', params: idParams, response: withErrors({ 200: publicitySchema }, 404) } },
    async (request) => {
      const found = await publicityOfNotice(request.ctx, request.params.id);
      if (!found) throw notFound(bilingual('公示', 'Publicity'));
      return found;
    },
  );
  app.post(
    '/api/publicities/:id/objections',
    {
      config: { access: { roles: 'any' } },
      schema: { tags: ['trading'], summary: '对单一来源公示提出异议 / Object to a single-source publicity in writing (SS-03)', params: idParams, body: objectionInput, response: withErrors({ 201: z.object({ id: z.uuid(), status: z.literal('pending'), filedAt: z.string() }) }, 404, 409, 422) },
    },
    async (request, reply) => reply.code(201).send(await fileObjection(request.ctx, request.params.id, request.body)),
  );
  app.post(
    '/api/publicity-objections/:id/decision',
    {
      config: { access: { roles: ['purchaser', 'agency'] } },
      schema: { tags: ['trading'], summary: '异议补充论证 / Record the review of an objection (SS-04)', params: idParams, body: objectionDecisionInput, response: withErrors({ 200: z.object({ id: z.uuid(), status: z.enum(['upheld', 'dismissed']) }) }, 404, 409, 422) },
    },
    async (request) => decideObjection(request.ctx, request.params.id, request.body),
  );
}
