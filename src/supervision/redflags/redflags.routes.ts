import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { oversees, regionCovers } from '../../identity';
import { bilingual, notFound } from '../../platform/errors';
import type { App } from '../../platform/http/server';
import { idParams, withErrors, bilingualText } from '../../platform/http/schemas';
import type { SubjectGuard } from '../../platform/http/subjects';
import { findJob } from '../../platform/jobs/jobs';
import { alertFile, alertListQuery, alertStepInput, assignees, indicatorCatalogue, listAlerts, readAlert, startFullRecompute, stepAlert } from './alerts';
import { ALERT_ACTIONS, ALERT_STATUSES } from './alert.states';
import { REDFLAGS_FULL_JOB, networkGraph } from './redflags';
import { redFlagAlert } from './redflags.schema';

const READERS = { roles: ['supervisor', 'authority', 'operator'], feature: 'alerts' } as const;
const ACTORS = { roles: ['supervisor', 'authority'], feature: 'investigation' } as const;

const summarySchema = z.looseObject({
  id: z.uuid(),
  code: z.string(),
  ruleId: z.string(),
  name: bilingualText,
  strength: z.enum(['presumption', 'eligibility', 'weak', 'screen', 'network', 'indicator']).describe('presumption: presumed collusion by law; eligibility: may not take part together; weak: suspicious alone; screen: statistical; network: across lots; indicator: an open-contracting red flag'),
  status: z.enum(ALERT_STATUSES),
  project: z.object({ id: z.uuid(), projectNumber: z.string(), title: z.string() }).nullable(),
  lot: z.object({ id: z.uuid(), lotNo: z.int(), title: z.string() }).nullable(),
  external: z.object({ ocid: z.string(), title: z.string(), platformName: z.string() }).nullable().describe('The procurement traded elsewhere an OCDS indicator matched (no project here): its portal page is /external/:ocid'),
  entities: z.array(z.object({ id: z.uuid(), name: z.string() })),
  detectedAt: z.string(),
  gone: z.boolean().describe('A later run no longer found the match'),
});
const alertSchema = summarySchema
  .extend({
    revision: z.int(),
    explanation: bilingualText.nullable(),
    evidence: z.object({
      matched: z.array(z.object({ label: bilingualText, value: z.string() })),
      bids: z.array(z.object({ bidId: z.uuid(), supplierEntityId: z.uuid(), supplierName: z.string(), values: z.record(z.string(), z.unknown()).describe('What was compared for this bid: text, a number or null') })),
    }),
    assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    decision: z.object({ at: z.string(), reason: z.string().nullable() }).nullable(),
    events: z.array(z.looseObject({ id: z.uuid(), action: z.string(), at: z.string(), by: z.string(), text: z.string().nullable() })),
    actions: z.array(z.enum(ALERT_ACTIONS)).describe('What the caller may do now'),
  })
  .meta({ id: 'RedFlagAlert' });

/** An alert is read by those overseeing procurement in a region covering it; nobody else learns it exists. */
export const alertGuard: SubjectGuard<{ regionCode: string }> = {
  name: bilingual('预警', 'Alert'),
  async load(db, id) {
    const [row] = await db.select({ regionCode: redFlagAlert.regionCode }).from(redFlagAlert).where(eq(redFlagAlert.id, id));
    return row ?? null;
  },
  decide(actor, action, f) {
    if (!actor || !oversees(actor.roles) || !regionCovers(actor.regionCode, f.regionCode)) return 'hidden';
    if (action === 'read') return 'allowed';
    return actor.roles.some((r) => r === 'supervisor' || r === 'authority') ? 'allowed' : 'denied';
  },
};

/** 围标串标预警 (issue 13): the indicators, their alerts with evidence, and the investigation of each. */
export function redFlagRoutes(app: App) {
  app.get(
    '/api/supervision/indicators',
    { config: { access: READERS }, schema: { tags: ['redflags'], summary: '预警指标 / The red-flag indicators: code, legal basis, strength, parameters and plain explanation', response: withErrors({ 200: z.array(z.object({ code: z.string(), ruleId: z.string(), strength: z.string(), name: bilingualText, explanation: bilingualText, defaults: z.record(z.string(), z.union([z.number(), z.boolean()])) })) }) } },
    async () => indicatorCatalogue(),
  );
  app.get(
    '/api/supervision/alerts',
    { config: { access: READERS }, schema: { tags: ['redflags'], summary: '预警列表 / Alerts of my region, newest first', querystring: alertListQuery, response: withErrors({ 200: z.object({ items: z.array(summarySchema) }) }) } },
    async (request) => listAlerts(request.ctx, request.query),
  );
  app.get(
    '/api/supervision/alerts/:id',
    { config: { access: READERS, subject: { type: 'redFlagAlert', action: 'read' } }, schema: { tags: ['redflags'], summary: '预警详情 / An alert with its evidence, its investigation and what I may do', params: idParams, response: withErrors({ 200: alertSchema }, 404) } },
    async (request) => readAlert(request.ctx, request.params.id),
  );
  app.get(
    '/api/supervision/alerts/:id/assignees',
    { config: { access: ACTORS, subject: { type: 'redFlagAlert', action: 'step' } }, schema: { tags: ['redflags'], summary: '可指派人员 / The supervisors an alert may be assigned to (their region covers it)', params: idParams, response: withErrors({ 200: z.array(z.object({ id: z.uuid(), displayName: z.string(), username: z.string(), entityName: z.string() })) }, 404) } },
    async (request) => assignees(request.ctx, request.params.id),
  );
  app.get(
    '/api/supervision/alerts/:id/files/:sha256',
    { config: { access: READERS, subject: { type: 'redFlagAlert', action: 'read' } }, schema: { tags: ['redflags'], summary: '核查材料 / A file attached to the investigation', params: z.object({ id: z.uuid(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }), response: withErrors({ 200: z.any().describe('the file as attached') }, 404) } },
    async (request, reply) => {
      const file = await alertFile(request.ctx, request.params.id, request.params.sha256);
      return reply.header('content-type', 'application/octet-stream').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`).send(file.content);
    },
  );
  app.post(
    '/api/supervision/alerts/:id/steps',
    {
      config: { access: ACTORS, subject: { type: 'redFlagAlert', action: 'step' } },
      schema: { tags: ['redflags'], summary: '核查预警 / Take on, assign, note, confirm (with credit record and optional debarment, CM-01/CM-02), dismiss or reopen', params: idParams, body: alertStepInput, response: withErrors({ 200: alertSchema }, 404, 409, 422) },
    },
    async (request) => stepAlert(request.ctx, request.params.id, request.body),
  );
  app.get(
    '/api/supervision/co-bidding-network',
    {
      config: { access: { ...READERS, feature: 'network' } },
      schema: {
        tags: ['redflags'],
        summary: '投标关系网络 / The co-bidding graph of my province: suppliers, how often each pair bid together against chance, and the groups that take turns winning',
        response: withErrors({
          200: z.object({
            nodes: z.array(z.object({ id: z.uuid(), name: z.string(), lots: z.int(), wins: z.int() })),
            edges: z.array(z.object({ a: z.uuid(), b: z.uuid(), coBids: z.int(), lift: z.number(), flagged: z.boolean() })),
            groups: z.array(z.object({ members: z.array(z.uuid()), lots: z.int(), rotationScore: z.number(), rotating: z.boolean(), explanation: bilingualText })),
            notes: bilingualText,
          }),
        }),
      },
    },
    async (request) => networkGraph(request.ctx),
  );
  app.post(
    '/api/supervision/redflag-runs',
    { config: { access: ACTORS }, schema: { tags: ['redflags'], summary: '全量重算 / Run every indicator over every opened lot (a job with progress)', response: withErrors({ 202: z.object({ jobId: z.uuid() }) }) } },
    async (request, reply) => reply.code(202).send(await startFullRecompute(request.ctx)),
  );
  app.get(
    '/api/supervision/redflag-runs/:id',
    {
      config: { access: ACTORS },
      schema: { tags: ['redflags'], summary: '重算进度 / Progress and outcome of a full run', params: idParams, response: withErrors({ 200: z.object({ id: z.uuid(), status: z.enum(['queued', 'running', 'succeeded', 'failed']), progress: z.object({ done: z.int(), total: z.int() }).nullable(), outcome: z.unknown(), finishedAt: z.string().nullable() }) }, 404) },
    },
    async (request) => {
      const job = await findJob(request.ctx.platform.database.db, request.params.id);
      if (!job || job.kind !== REDFLAGS_FULL_JOB) throw notFound(bilingual('重算任务', 'Run'));
      return { id: job.id, status: job.status as 'queued' | 'running' | 'succeeded' | 'failed', progress: job.progress ?? null, outcome: job.result ?? null, finishedAt: job.finishedAt?.toISOString() ?? null };
    },
  );
}
