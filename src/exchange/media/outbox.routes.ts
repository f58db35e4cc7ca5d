import { z } from 'zod';
import { withErrors } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { listOutbox } from './outbox';

export const outboxEntrySchema = z
  .object({
    noticeId: z.uuid(),
    title: z.string(),
    noticeType: z.string(),
    regionCode: z.string(),
    publishedAt: z.string(),
    medium: z.string(),
    mediumName: z.string(),
    status: z.enum(['queued', 'retrying', 'acknowledged', 'failed']),
    attempts: z.int(),
    queuedAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    reference: z.string().nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'NoticeOutboxEntry' });

/** The push of notices to the designated outside media, as the platform operator watches it. */
export function outboxRoutes(app: App) {
  app.get(
    '/api/notice-outbox',
    {
      config: { access: { roles: ['operator'] } },
      schema: {
        tags: ['exchange'],
        summary: '公告推送 / Notices pushed to the designated media: status, attempts, acknowledgement (the operator’s region)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) }),
        response: withErrors({ 200: z.array(outboxEntrySchema) }),
      },
    },
    async (request) => listOutbox(request.ctx, request.query.limit),
  );
}
