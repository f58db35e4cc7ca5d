import { z } from 'zod';
import { idParams, withErrors } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { entityChoices, expertProfileInput, expertStatusInput, listExperts, myExpertProfile, saveExpertProfile, setExpertStatus } from './experts';
import { committeeInput, drawResponseInput, extendEvaluation, extensionInput, myAssignments, readCommittee, replayDraws, representativeCandidates, requestCommittee, respondToDraw } from './sampling';
import { SPECIALITIES } from './specialities';

const EXPERT = { roles: ['expert'] } as const;
const expertSchema = z.object({
  personId: z.uuid(),
  displayName: z.string().nullable(),
  regionCode: z.string(),
  employerEntityId: z.uuid().nullable(),
  employerName: z.string(),
  title: z.string(),
  specialities: z.array(z.string()),
  status: z.enum(['active', 'suspended', 'debarred']),
  statusReason: z.string().nullable(),
  unavailableDates: z.array(z.string()),
  declaredConflicts: z.array(z.uuid()),
  revision: z.int(),
});
const committeeSchema = z.object({
  projectId: z.uuid(),
  size: z.int(),
  experts: z.int(),
  purchaserRepresentatives: z.int(),
  specialities: z.array(z.string()),
  complex: z.boolean(),
  evaluationStartsAt: z.string(),
  evaluationEndsAt: z.string(),
  status: z.string(),
  unsealed: z.boolean().describe('Names are shown only once the evaluation has started'),
  counts: z.object({ drawn: z.int(), confirmed: z.int(), refused: z.int(), pending: z.int() }),
  draws: z.array(z.object({ round: z.int(), count: z.int(), drawn: z.int(), pool: z.int().nullable().describe("null until the evaluation starts"), eligible: z.int().nullable(), cause: z.string(), drawnAt: z.string() })),
  members: z.array(z.object({ personId: z.uuid(), displayName: z.string(), kind: z.string(), round: z.int(), status: z.string(), isChair: z.boolean(), refusalReason: z.string().nullable() })),
});

/** The expert library and the random sampling of committees (integrated services). */
export function expertRoutes(app: App) {
  app.get(
    '/api/expert-specialities',
    { config: { access: 'public' }, schema: { tags: ['experts'], summary: '评审专业分类 / The speciality tree', response: withErrors({ 200: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })) }) } },
    async () => SPECIALITIES,
  );
  app.get(
    '/api/experts/me',
    { config: { access: EXPERT }, schema: { tags: ['experts'], summary: '我的专家信息 / My expert profile', response: withErrors({ 200: expertSchema.nullable() }) } },
    async (request) => myExpertProfile(request.ctx),
  );
  app.put(
    '/api/experts/me',
    { config: { access: EXPERT }, schema: { tags: ['experts'], summary: '维护专家信息 / Keep my profile, unavailable dates and declared conflicts', body: expertProfileInput, response: withErrors({ 200: expertSchema }, 409, 422) } },
    async (request) => saveExpertProfile(request.ctx, request.body),
  );
  app.get(
    '/api/experts/entity-choices',
    { config: { access: EXPERT }, schema: { tags: ['experts'], summary: '可选单位 / Entities to name as employer or conflict', response: withErrors({ 200: z.array(z.object({ id: z.uuid(), name: z.string(), entityType: z.string() })) }) } },
    async (request) => entityChoices(request.ctx),
  );
  app.get(
    '/api/experts',
    { config: { access: { roles: ['operator', 'supervisor', 'authority'] } }, schema: { tags: ['experts'], summary: '专家库 / The library of the region', response: withErrors({ 200: z.array(expertSchema) }) } },
    async (request) => listExperts(request.ctx),
  );
  app.put(
    '/api/experts/:id/status',
    { config: { access: { roles: ['operator'] }, subject: { type: 'expert', action: 'setStatus' } }, schema: { tags: ['experts'], summary: '暂停、禁入或恢复专家 / Suspend, debar or restore an expert', params: idParams, body: expertStatusInput, response: withErrors({ 200: expertSchema }, 404, 409) } },
    async (request) => setExpertStatus(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/projects/:id/committee',
    {
      config: { access: { roles: ['agency', 'purchaser'] }, subject: { type: 'project', action: 'manage' } },
      schema: { tags: ['experts'], summary: '申请抽取专家 / Request the committee; experts are drawn at once, names sealed', params: idParams, body: committeeInput, response: withErrors({ 201: committeeSchema }, 404, 409, 422) },
    },
    async (request, reply) => reply.code(201).send(await requestCommittee(request.ctx, request.params.id, request.body)),
  );
  app.get(
    '/api/projects/:id/committee',
    { config: { access: { roles: ['agency', 'purchaser', 'operator', 'supervisor', 'authority'] }, subject: { type: 'project', action: 'oversee' } }, schema: { tags: ['experts'], summary: '评标委员会 / The committee (names after the evaluation starts)', params: idParams, response: withErrors({ 200: committeeSchema.nullable() }, 404) } },
    async (request) => readCommittee(request.ctx, request.params.id),
  );
  app.get(
    '/api/projects/:id/representative-candidates',
    {
      config: { access: { roles: ['agency', 'purchaser'] }, subject: { type: 'project', action: 'manage' } },
      schema: { tags: ['experts'], summary: '采购人代表人选 / Purchaser staff who may sit as its representatives', params: idParams, response: withErrors({ 200: z.array(z.object({ id: z.uuid(), displayName: z.string() })) }, 404) },
    },
    async (request) => representativeCandidates(request.ctx, request.params.id),
  );
  app.post(
    '/api/projects/:id/committee/extension',
    {
      config: { access: { roles: ['agency', 'purchaser'] }, subject: { type: 'project', action: 'manage' } },
      schema: { tags: ['experts'], summary: '延长评审时间 / Extend the evaluation period, with a reason, while the committee has not finished', params: idParams, body: extensionInput, response: withErrors({ 200: committeeSchema }, 404, 409, 422) },
    },
    async (request) => extendEvaluation(request.ctx, request.params.id, request.body),
  );
  app.get(
    '/api/projects/:id/committee/replay',
    {
      config: { access: { roles: ['supervisor', 'operator', 'authority'] }, subject: { type: 'project', action: 'replayDraws' } },
      schema: {
        tags: ['experts'],
        summary: '复核抽取 / Replay every draw from its seed and pool',
        params: idParams,
        response: withErrors({ 200: z.array(z.object({ round: z.int(), seed: z.string(), cause: z.string(), pool: z.array(z.object({ id: z.uuid(), reason: z.string().nullable() })), drawn: z.array(z.uuid()), replayed: z.array(z.uuid()), matches: z.boolean() })) }, 404, 409),
      },
    },
    async (request) => replayDraws(request.ctx, request.params.id),
  );
  app.get(
    '/api/evaluations',
    {
      config: { access: { roles: ['expert', 'purchaser'] } },
      schema: {
        tags: ['experts'],
        summary: '我的评审任务 / My invitations and committees',
        response: withErrors({
          200: z.array(
            z.object({ projectId: z.uuid(), projectNumber: z.string(), title: z.string(), projectStatus: z.string(), evaluationStartsAt: z.string(), evaluationEndsAt: z.string(), memberStatus: z.string(), kind: z.string(), isChair: z.boolean(), open: z.boolean() }),
          ),
        }),
      },
    },
    async (request) => myAssignments(request.ctx),
  );
  app.post(
    '/api/evaluations/:id/response',
    { config: { access: EXPERT, subject: { type: 'evaluation', action: 'respond' } }, schema: { tags: ['experts'], summary: '确认或拒绝参加评审 / Confirm or refuse; a refusal draws a replacement', params: idParams, body: drawResponseInput, response: withErrors({ 200: z.object({ status: z.string() }) }, 404, 409, 422) } },
    async (request) => respondToDraw(request.ctx, request.params.id, request.body),
  );
}
