import { z } from 'zod';
import type { App } from '../../platform/http/server';
import { idParams, withErrors, bilingualText } from '../../platform/http/schemas';
import { CHALLENGE_SUBJECTS } from './case.rules';
import { CHALLENGE_STATUSES, COMPLAINT_STATUSES } from './case.states';
import { caseFile, challengeInput, challengeStepInput, challengeWindows, complaintInput, complaintStepInput, fileChallenge, fileComplaint, listCases, publicCreditRecords, readChallenge, readComplaint, stepChallenge, stepComplaint } from './complaints';

const clockSchema = z.object({
  step: z.string().describe('answer, complain (challenge); review, respond, decide (complaint)'),
  ruleId: z.string(),
  dueOn: z.string().describe('The last day (Shanghai)'),
  workingDaysLeft: z.int().describe('0 on the last day; negative once overdue'),
  overdue: z.boolean(),
  paused: z.boolean().describe('QC-10: the decision clock is not running'),
  doneAt: z.string().nullable(),
});
const party = z.object({ entityId: z.uuid(), name: z.string() });
const caseSchema = z
  .looseObject({
    kind: z.enum(['challenge', 'complaint']),
    id: z.uuid(),
    caseNumber: z.string(),
    status: z.enum([...CHALLENGE_STATUSES, ...COMPLAINT_STATUSES]),
    revision: z.int(),
    project: z.object({ id: z.uuid(), projectNumber: z.string(), title: z.string() }),
    subject: z.enum(CHALLENGE_SUBJECTS),
    lot: z.object({ id: z.uuid(), lotNo: z.int(), title: z.string() }).nullish().describe('The lot whose candidates an objection concerns (WK-13)'),
    filer: party,
    respondent: party,
    department: party.nullable(),
    claims: z.array(z.object({ no: z.int(), claim: z.string(), facts: z.string(), legalBasis: z.string() })),
    clocks: z.array(clockSchema),
    suspension: z.object({ from: z.string(), until: z.string() }).nullable(),
    events: z.array(z.looseObject({ id: z.uuid(), action: z.string(), at: z.string(), text: z.string().nullable() })),
    actions: z.array(z.string()).describe('What the caller may do now'),
  })
  .meta({ id: 'Case' });
const summarySchema = z.looseObject({ kind: z.enum(['challenge', 'complaint']), id: z.uuid(), caseNumber: z.string(), status: z.string(), clock: clockSchema.nullable(), actions: z.array(z.string()), party: z.enum(['filer', 'respondent', 'department', 'observer']) });

const CASE_ROLES = { roles: ['supplier', 'purchaser', 'agency', 'supervisor', 'authority', 'operator'] } as const;
const fileParams = z.object({ id: z.uuid(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** 质疑、投诉 one window (RULES.md §5.1): the supplier files, the purchaser or agency answers, the finance department handles. */
export function complaintRoutes(app: App) {
  app.get(
    '/api/cases',
    {
      config: { access: CASE_ROLES },
      schema: {
        tags: ['complaints'],
        summary: '质疑投诉一窗通办 / My cases: filed, to answer or to handle, each with the clock of its open step',
        querystring: z.object({ overdue: z.stringbool().default(false).describe('Only the cases whose open step is overdue (the supervisors’ list)') }),
        response: withErrors({ 200: z.object({ items: z.array(summarySchema) }) }),
      },
    },
    async (request) => listCases(request.ctx, { overdue: request.query.overdue }),
  );
  app.get(
    '/api/projects/:id/challenge-windows',
    { config: { access: { roles: ['supplier'] } }, schema: { tags: ['complaints'], summary: '可质疑事项 / Whether and until when I may challenge the documents, the process, the result (QC-01 to QC-03)', params: idParams, response: withErrors({ 200: z.array(z.object({ subject: z.enum(CHALLENGE_SUBJECTS), knewOn: z.string().nullable(), lastDay: z.string().nullable(), workingDaysLeft: z.int().nullable(), refusal: z.object({ ruleId: z.string(), message: bilingualText }).nullable() })) }, 404) } },
    async (request) => challengeWindows(request.ctx, request.params.id),
  );
  app.post(
    '/api/projects/:id/challenges',
    { config: { access: { roles: ['supplier'] } }, schema: { tags: ['complaints'], summary: '提出质疑 / File a challenge (质疑函, QC-06) to the purchaser or its agency, within 7 working days (QC-01)', params: idParams, body: challengeInput, response: withErrors({ 201: caseSchema }, 404, 409, 422) } },
    async (request, reply) => reply.code(201).send(await fileChallenge(request.ctx, request.params.id, request.body)),
  );
  app.get('/api/challenges/:id', { config: { access: CASE_ROLES, subject: { type: 'challenge', action: 'read' } }, schema: { tags: ['complaints'], summary: '质疑详情 / A challenge with its clocks and every document exchanged', params: idParams, response: withErrors({ 200: caseSchema }, 404) } }, async (request) => readChallenge(request.ctx, request.params.id));
  app.post(
    '/api/challenges/:id/steps',
    { config: { access: { roles: ['supplier', 'purchaser', 'agency'] }, subject: { type: 'challenge', action: 'step' } }, schema: { tags: ['complaints'], summary: '质疑答复、撤回 / Answer item by item (QC-04), or withdraw', params: idParams, body: challengeStepInput, response: withErrors({ 200: caseSchema }, 404, 409, 422) } },
    async (request) => stepChallenge(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/challenges/:id/complaints',
    { config: { access: { roles: ['supplier'] }, subject: { type: 'challenge', action: 'complain' } }, schema: { tags: ['complaints'], summary: '提起投诉 / Complain to the finance department about challenged matters (QC-07, QC-08)', params: idParams, body: complaintInput, response: withErrors({ 201: caseSchema }, 404, 409, 422) } },
    async (request, reply) => reply.code(201).send(await fileComplaint(request.ctx, request.params.id, request.body)),
  );
  app.get('/api/complaints/:id', { config: { access: CASE_ROLES, subject: { type: 'complaint', action: 'read' } }, schema: { tags: ['complaints'], summary: '投诉详情 / A complaint with its clocks and every document exchanged', params: idParams, response: withErrors({ 200: caseSchema }, 404) } }, async (request) => readComplaint(request.ctx, request.params.id));
  app.post(
    '/api/complaints/:id/steps',
    {
      config: { access: { roles: ['supplier', 'purchaser', 'agency', 'supervisor', 'authority'] }, subject: { type: 'complaint', action: 'step' } },
      schema: { tags: ['complaints'], summary: '投诉处理 / Review (QC-09), respond, pause the clock (QC-10), suspend the procurement (QC-11), decide and publish (QC-12), or withdraw', params: idParams, body: complaintStepInput, response: withErrors({ 200: caseSchema }, 404, 409, 422) },
    },
    async (request) => stepComplaint(request.ctx, request.params.id, request.body),
  );
  for (const kind of ['challenge', 'complaint'] as const) {
    app.get(
      `/api/${kind}s/:id/files/:sha256`,
      { config: { access: CASE_ROLES, subject: { type: kind, action: 'read' } }, schema: { tags: ['complaints'], summary: `${kind === 'challenge' ? '质疑' : '投诉'}证明材料 / An evidence file of the case`, params: fileParams, response: withErrors({ 200: z.any().describe('the file as uploaded') }, 404) } },
      async (request, reply) => {
        const file = await caseFile(request.ctx, kind, request.params.id, request.params.sha256);
        return reply.type('application/octet-stream').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`).send(file.content);
      },
    );
  }
  app.get(
    '/api/public/entities/:id/credit-records',
    { config: { access: 'public' }, schema: { tags: ['complaints'], summary: '信用记录 / An entity’s credit records from complaint decisions (QC-12)', params: idParams, response: withErrors({ 200: z.array(z.object({ id: z.uuid(), kind: z.enum(['falseComplaint', 'complaintUpheld', 'collusionConfirmed', 'dishonestListed']), ruleId: z.string(), summary: z.string(), recordedAt: z.string(), noticeId: z.uuid().nullable() })) }) } },
    async (request) => publicCreditRecords(request.ctx.platform.database.db, request.params.id),
  );
}
