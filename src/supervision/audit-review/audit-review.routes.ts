import { z } from 'zod';
import { auditHead } from '../../platform/audit/audit-trail';
import { bilingual, notFound } from '../../platform/errors';
import type { App } from '../../platform/http/server';
import { idParams, withErrors } from '../../platform/http/schemas';
import { findJob } from '../../platform/jobs/jobs';
import { AUDIT_VERIFY_JOB, requestVerification, searchAuditEntries } from './audit-review';

const AUDITORS = { roles: ['auditAdmin', 'operator', 'supervisor'] } as const;

const entrySchema = z
  .object({
    seq: z.int(),
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
    prevHash: z.string(),
    hash: z.string(),
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

export function auditReviewRoutes(app: App) {
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
          beforeSeq: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: withErrors({ 200: z.object({ items: z.array(entrySchema) }) }),
      },
    },
    async (request) => ({ items: await searchAuditEntries(request.ctx.platform.database.db, request.ctx.actor!, request.ctx.platform.clock.now(), request.query) }),
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
      schema: { tags: ['supervision'], summary: '校验审计链 / Recompute the whole hash chain (a job with progress)', response: withErrors({ 202: z.object({ id: z.uuid() }) }) },
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
