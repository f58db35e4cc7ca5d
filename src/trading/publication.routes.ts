import { z } from 'zod';
import { idParams, withErrors } from '../platform/http/schemas';
import type { App } from '../platform/http/server';
import { downloadNoticeAttachment, listNoticeAttachments } from './publication/attachments';
import { currentDisclosureRate } from './publication/disclosure-rate.store';
import { projectTimeline, TIMELINE_STEPS } from './publication/timeline';
import { NOTICE_TYPES, PROJECT_STATUSES } from './trading.schema';

const iso = z.string().describe('ISO 8601 instant (UTC)');
const rateEntry = z.object({
  code: z.string(),
  item: z.string(),
  ruleId: z.string().nullable(),
  rule: z.object({ id: z.string(), citation: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }), verified: z.boolean() }).nullable().describe('The legal basis of the rule ID, when the platform knows it'),
  timeLimit: z.string(),
  noticeTypes: z.array(z.string()),
  measured: z.boolean().describe('false for entries with no triggering fact the platform records'),
  due: z.int().describe('Notices due by now: the fact happened and the limit passed, or already published'),
  published: z.int(),
  late: z.int().describe('Published after the limit'),
  rate: z.number().nullable().describe('published / due in per cent; null when nothing was due'),
  pending: z.int().describe('Facts whose limit has not passed and whose notice is not out yet'),
  missing: z.array(z.object({ key: z.string(), projectId: z.uuid().nullable(), projectLabel: z.string(), happenedAt: iso, dueBy: z.string().describe('Last day (Shanghai) the notice was due') })),
});
export const disclosureRateSchema = z
  .object({ asOf: iso, due: z.int(), published: z.int(), late: z.int(), rate: z.number().nullable(), entries: z.array(rateEntry) })
  .meta({ id: 'DisclosureRate' });

export const timelineSchema = z
  .object({
    summary: z.object({
      projectId: z.uuid(),
      projectNumber: z.string(),
      ocid: z.string(),
      title: z.string(),
      purchaserName: z.string().nullable(),
      agencyName: z.string().nullable(),
      budgetFen: z.int(),
      method: z.string(),
      category: z.string(),
      regionCode: z.string(),
      status: z.enum(PROJECT_STATUSES),
      publishedAt: iso.nullable(),
      documentsUntil: iso.nullable(),
      deadline: iso.nullable(),
    }),
    steps: z.array(
      z.object({
        step: z.enum(TIMELINE_STEPS),
        status: z.enum(['done', 'pending', 'skipped']),
        at: iso.nullable(),
        notices: z.array(z.object({ id: z.uuid(), noticeType: z.enum(NOTICE_TYPES), title: z.string(), publishedAt: iso, lotId: z.uuid().nullable() })),
        records: z.array(z.object({ lotId: z.uuid(), lotNo: z.int() })).describe('For the opening step: lots whose opening started, their records public live'),
      }),
    ),
  })
  .meta({ id: 'ProjectTimeline' });

const attachmentSchema = z
  .object({ id: z.string(), name: z.string(), size: z.int().nullable(), sha256: z.string(), downloads: z.int().describe('Times downloaded (counted per day, nobody named)') })
  .meta({ id: 'NoticeAttachment' });

export function publicationRoutes(app: App) {
  app.get(
    '/api/public/notices/:id/attachments',
    {
      config: { access: 'public' },
      schema: { tags: ['trading'], summary: '公告附件 / A notice’s attachments (the opening record’s PDF; the procurement documents with the result notice, GP-72)', params: idParams, response: withErrors({ 200: z.array(attachmentSchema) }, 404) },
    },
    async (request) => listNoticeAttachments(request.ctx.platform.database.db, request.params.id),
  );
  app.get(
    '/api/public/notices/:id/attachments/:attachmentId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['trading'],
        summary: '下载公告附件 / Download an attachment (the download is counted)',
        params: z.object({ id: z.uuid(), attachmentId: z.string().min(1).max(64) }),
        response: withErrors({ 200: z.any().describe('application/pdf') }, 404),
      },
    },
    async (request, reply) => {
      const { name, content } = await downloadNoticeAttachment(request.ctx, request.params.id, request.params.attachmentId);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`).send(content);
    },
  );
  app.get(
    '/api/public/disclosure-rate',
    {
      config: { access: 'public' },
      schema: {
        tags: ['trading'],
        summary: '信息公开率 / Disclosure rate: notices due by now vs published, overall and per disclosure-catalogue entry',
        querystring: z.object({ regionCode: z.string().regex(/^\d{6}$/).optional() }),
        response: withErrors({ 200: disclosureRateSchema }),
      },
    },
    async (request) => {
      const ctx = request.ctx;
      return currentDisclosureRate(ctx.platform.database.db, ctx.platform.clock.now(), request.query.regionCode);
    },
  );
  app.get(
    '/api/public/projects/:id/timeline',
    {
      config: { access: 'public', subject: { type: 'project', action: 'read' } },
      schema: { tags: ['trading'], summary: '项目进度 / A project’s summary and timeline, each step linking to its notices', params: idParams, response: withErrors({ 200: timelineSchema }, 404) },
    },
    async (request) => projectTimeline(request.ctx.platform.database.db, request.ctx.actor, request.params.id),
  );
}
