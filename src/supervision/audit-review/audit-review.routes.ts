import { z } from 'zod';
import { checkpointSchema } from '../../platform/audit/audit-checkpoint';
import { auditHead } from '../../platform/audit/audit-trail';
import { listCheckpoints } from '../../platform/audit/checkpoints';
import { bilingual, notFound } from '../../platform/errors';
import type { App } from '../../platform/http/server';
import { idParams, withErrors } from '../../platform/http/schemas';
import { findJob } from '../../platform/jobs/jobs';
import { AUDIT_VERIFY_JOB, requestVerification, searchAuditEntries } from './audit-review';

const AUDITORS = { roles: ['auditAdmin', 'operator', 'supervisor'] } as const;

const entrySchema = z
  .object({
    id: z.string().describe('The entry’s hash in the chain'),
    occurredAt: z.string(),
    actorPersonId: z.string().nullable(),
    actorLabel: z.string().nullable(),
    actorRole: z.string().nullable(),
    actorEntityId: z.string().nullable(),
    ip: z.string().nullable(),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string().nullable(),
    regionCode: z.string().nullable(),
    projectId: z.string().nullable(),
    subjectLabel: z.string().nullable().describe('What the entry is about, by name'),
    result: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    detail: z.unknown(),
    contentWithheld: z.boolean().describe('Procurement content, not shown to readers who do not oversee procurement'),
  })
  .meta({ id: 'AuditEntry' });

const verificationSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    progress: z.object({ done: z.int(), total: z.int() }).nullable(),
    outcome: z.unknown(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'AuditVerification' });

const CHECKPOINTS_URL = '/api/public/audit/checkpoints';

export function auditReviewRoutes(app: App) {
  app.get(
    CHECKPOINTS_URL,
    {
      config: { access: 'public' },
      schema: {
        tags: ['supervision'],
        summary: '审计链检查点 / Signed checkpoints of the audit chain, oldest first',
        description:
          '平台每小时及每次开标时签署一个检查点。请保存副本：`npm run audit:verify -- --checkpoints 文件` 据此发现改写或截断。 / ' +
          'The platform signs a checkpoint every hour and at every opening. Keep a copy: `npm run audit:verify -- --checkpoints FILE` uses it to detect a rewritten or cut chain. ' +
          'Page with `after` = the last seq you hold; the key is at /api/public/receipt-key.',
        querystring: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(1000) }),
        response: withErrors({
          200: z.object({ format: z.literal('yiwang.audit-checkpoints.v1'), publicKeyUrl: z.string(), items: z.array(checkpointSchema), next: z.string().nullable() }),
        }),
      },
    },
    async (request) => {
      const { after, limit } = request.query;
      const items = await listCheckpoints(request.ctx.platform.database.db, after, limit);
      const last = items.at(-1);
      return {
        format: 'yiwang.audit-checkpoints.v1' as const,
        publicKeyUrl: '/api/public/receipt-key',
        items,
        next: items.length === limit && last ? `${CHECKPOINTS_URL}?after=${last.seq}&limit=${limit}` : null,
      };
    },
  );

  app.get(
    '/api/audit/entries',
    {
      config: { access: AUDITORS },
      schema: {
        tags: ['supervision'],
        summary: '审计日志查询 / Search the audit trail (newest first)',
        querystring: z.object({
          subjectType: z.string().max(50).optional(),
          subjectId: z.string().max(100).optional(),
          action: z.string().max(100).optional(),
          actor: z.string().max(100).optional(),
          from: z.iso.datetime().optional(),
          to: z.iso.datetime().optional(),
          before: z.string().max(500).optional().describe('The `next` of the previous page'),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: withErrors({ 200: z.object({ items: z.array(entrySchema), next: z.string().nullable() }) }),
      },
    },
    async (request) => searchAuditEntries(request.ctx, request.query),
  );

  app.get(
    '/api/audit/head',
    {
      config: { access: AUDITORS },
      schema: { tags: ['supervision'], summary: '审计链头 / The head of the hash chain', response: withErrors({ 200: z.object({ seq: z.int(), hash: z.string() }) }) },
    },
    async (request) => auditHead(request.ctx.platform.database.db),
  );

  app.post(
    '/api/audit/verifications',
    {
      config: { access: AUDITORS },
      schema: { tags: ['supervision'], summary: '校验审计链 / Recompute the whole hash chain (a job with progress)', response: withErrors({ 202: z.object({ id: z.uuid() }) }, 409) },
    },
    async (request, reply) => reply.code(202).send({ id: await requestVerification(request.ctx) }),
  );

  app.get(
    '/api/audit/verifications/:id',
    {
      config: { access: AUDITORS },
      schema: { tags: ['supervision'], summary: '校验进度 / Progress and outcome of a verification', params: idParams, response: withErrors({ 200: verificationSchema }, 404) },
    },
    async (request) => {
      const job = await findJob(request.ctx.platform.database.db, request.params.id);
      if (!job || job.kind !== AUDIT_VERIFY_JOB) throw notFound(bilingual('校验任务', 'Verification'));
      return {
        id: job.id,
        status: job.status as 'queued' | 'running' | 'succeeded' | 'failed',
        progress: job.progress ?? null,
        outcome: job.result ?? null,
        createdAt: job.createdAt.toISOString(),
        finishedAt: job.finishedAt?.toISOString() ?? null,
      };
    },
  );
}
