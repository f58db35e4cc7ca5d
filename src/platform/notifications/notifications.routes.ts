import { z } from 'zod';
import type { App } from '../http/server';
import { withErrors } from '../http/schemas';
import { inbox } from './notifications';

export function notificationRoutes(app: App) {
  app.get(
    '/api/inbox',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: ['platform'],
        summary: '站内消息 / My entity’s notifications, newest first',
        response: withErrors({ 200: z.array(z.object({ id: z.uuid(), title: z.string(), body: z.string(), link: z.string().nullable(), createdAt: z.string(), read: z.boolean() })) }),
      },
    },
    async (request) =>
      (await inbox(request.ctx.platform.database.db, request.ctx.actor!.entityId)).map((n) => ({ id: n.id, title: n.title, body: n.body, link: n.link, createdAt: n.createdAt.toISOString(), read: n.readAt !== null })),
  );
}
