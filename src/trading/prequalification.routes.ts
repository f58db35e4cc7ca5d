import { z } from 'zod';
import { bilingualText, idParams, withErrors } from '../platform/http/schemas';
import type { App } from '../platform/http/server';
import { applicationInput, applyForPrequalification, issueResults, retender, prequalificationInput, projectPrequalification, publishPrequalification, reviewApplication, reviewInput } from './prequalification/prequalification';

const outcome = z.enum(['qualified', 'notQualified']).nullable();

const ownApplicationSchema = z
  .object({ id: z.uuid(), statement: z.string(), submittedAt: z.string(), outcome: outcome.describe('The result, once issued (PQ-02)'), reason: z.string().nullable() })
  .meta({ id: 'OwnPrequalificationApplication' });

const prequalificationSchema = z
  .object({
    id: z.uuid(),
    noticeId: z.uuid(),
    documentsFrom: z.string(),
    documentsUntil: z.string(),
    applicationDeadline: z.string(),
    reviewDate: z.string(),
    invitedSuppliers: z.int().nullable(),
    applicationContents: z.string(),
    reviewStandard: z.string(),
    applicationsOpen: z.boolean(),
    resultsIssuedAt: z.string().nullable(),
    applicants: z
      .array(z.object({ id: z.uuid(), supplierEntityId: z.uuid(), supplierName: z.string(), statement: z.string(), submittedAt: z.string(), outcome, reason: z.string().nullable() }))
      .nullable()
      .describe('Sealed: for those running or overseeing the project, after the application deadline only'),
    tenderRefusal: z.object({ ruleId: z.string(), code: z.string(), messages: bilingualText }).nullable().describe('PQ-02: why the tender cannot follow the results (fewer than 3 qualified: re-tender)'),
    mine: ownApplicationSchema.nullable(),
  })
  .meta({ id: 'Prequalification' });

/** 资格预审 of works tendered under the Bidding Law (PQ-01, PQ-02, WK-02, WK-03). */
export function prequalificationRoutes(app: App) {
  app.post(
    '/api/projects/:id/prequalification',
    {
      config: { access: { roles: ['purchaser', 'agency'] }, subject: { type: 'project', action: 'manage' } },
      schema: { tags: ['trading'], summary: '发布资格预审公告 / Publish the prequalification notice (PQ-01, WK-02, WK-03)', params: idParams, body: prequalificationInput, response: withErrors({ 201: prequalificationSchema }, 404, 409, 422) },
    },
    async (request, reply) => reply.code(201).send(await publishPrequalification(request.ctx, request.params.id, request.body)),
  );
  app.get(
    '/api/public/projects/:id/prequalification',
    {
      config: { access: 'public', subject: { type: 'project', action: 'read' } },
      schema: { tags: ['trading'], summary: '项目的资格预审 / The project’s prequalification, if any', params: idParams, response: withErrors({ 200: prequalificationSchema.nullable() }, 404) },
    },
    async (request) => projectPrequalification(request.ctx, request.params.id),
  );
  app.put(
    '/api/projects/:id/prequalification/application',
    {
      config: { access: { roles: ['supplier'] }, subject: { type: 'project', action: 'participate' } },
      schema: { tags: ['trading'], summary: '提交资格预审申请 / Apply, or replace the application, before the deadline (sealed)', params: idParams, body: applicationInput, response: withErrors({ 200: ownApplicationSchema }, 403, 404, 409, 422) },
    },
    async (request) => applyForPrequalification(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/prequalification-applications/:id/review',
    {
      config: { access: { roles: ['purchaser', 'agency'] } },
      schema: {
        tags: ['trading'],
        summary: '资格预审审查 / Record an application’s review after the deadline (PQ-01)',
        params: idParams,
        body: reviewInput,
        response: withErrors({ 200: z.object({ id: z.uuid(), outcome: z.enum(['qualified', 'notQualified']), reason: z.string().nullable() }) }, 404, 409, 422),
      },
    },
    async (request) => reviewApplication(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/projects/:id/prequalification/results',
    {
      config: { access: { roles: ['purchaser', 'agency'] }, subject: { type: 'project', action: 'manage' } },
      schema: { tags: ['trading'], summary: '发出资格预审结果通知书 / Issue every applicant its result (PQ-02)', params: idParams, response: withErrors({ 200: prequalificationSchema }, 404, 409) },
    },
    async (request) => issueResults(request.ctx, request.params.id),
  );
  app.post(
    '/api/projects/:id/prequalification/retender',
    {
      config: { access: { roles: ['purchaser', 'agency'] }, subject: { type: 'project', action: 'manage' } },
      schema: {
        tags: ['trading'],
        summary: '重新招标 / Repeat the tender when fewer than 3 applicants prequalified (PQ-02): the project ends with a termination notice and its budget goes back to the plan',
        params: idParams,
        response: withErrors({ 200: z.object({ projectId: z.uuid(), status: z.literal('failed'), planId: z.uuid().nullable(), noticeId: z.uuid() }) }, 404, 409),
      },
    },
    async (request) => retender(request.ctx, request.params.id),
  );
}
