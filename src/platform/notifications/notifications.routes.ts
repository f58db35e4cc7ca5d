import { z } from 'zod';
import type { App } from '../http/server';
import { idParams, withErrors } from '../http/schemas';
import { inbox, markRead, readerLanguage, unreadCount } from './notifications';

const messageSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    subject: z.object({ type: z.string(), id: z.string() }).nullable().describe('The object the message is about'),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Message' });

const SIGNED_IN = { roles: 'any' } as const;

/**
 * The inbox: messages addressed to the signed-in person, or to a role it holds in its entity,
 * in the language of the Accept-Language header. Read state is the reader's own; marking
 * a message read is not a state change of the platform and is not audited.
 */
export function notificationRoutes(app: App) {
  app.get(
    '/api/inbox',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['platform'],
        summary: '站内消息 / My messages, newest first',
        querystring: z.object({ unread: z.enum(['0', '1']).default('0') }),
        response: withErrors({ 200: z.object({ unread: z.int(), items: z.array(messageSchema) }) }),
      },
    },
    async (request) => {
      const { db } = request.ctx.platform.database;
      const reader = request.ctx.actor!;
      return {
        unread: await unreadCount(db, reader),
        items: await inbox(db, reader, readerLanguage(request.headers['accept-language']), { onlyUnread: request.query.unread === '1' }),
      };
    },
  );
  app.post(
    '/api/inbox/:id/read',
    {
      config: { access: SIGNED_IN },
      schema: { tags: ['platform'], summary: '标为已读 / Mark one of my messages read', params: idParams, response: withErrors({ 200: z.object({ marked: z.int() }) }) },
    },
    async (request) => ({ marked: await markRead(request.ctx.platform.database.db, request.ctx.actor!, request.ctx.platform.clock.now(), [request.params.id]) }),
  );
  app.post(
    '/api/inbox/read-all',
    { config: { access: SIGNED_IN }, schema: { tags: ['platform'], summary: '全部标为已读 / Mark all my messages read', response: withErrors({ 200: z.object({ marked: z.int() }) }) } },
    async (request) => ({ marked: await markRead(request.ctx.platform.database.db, request.ctx.actor!, request.ctx.platform.clock.now(), 'all') }),
  );
}
