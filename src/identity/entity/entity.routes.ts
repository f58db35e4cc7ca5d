import { z } from 'zod';
import type { App } from '../../platform/http/server';
import { idParams, pageQuery, revisionInput, withErrors } from '../../platform/http/schemas';
import { hiddenRow } from '../../platform/deny';
import { bilingual, notFound } from '../../platform/errors';
import { entitySchema } from '../identity.views';
import { ENTITY_TYPES } from '../roles';
import { actorEntityScope } from '../scope';
import { ENTITY_STATUSES, ENTITY_TRANSITIONS, type EntityTransition } from './entity.states';
import { ALL_REGIONS, entityView, findEntity, listEntities } from './entity.store';
import { registerEntity, registrationInput } from './register-entity';
import { reviewEntity } from './review-entity';

export function entityRoutes(app: App) {
  app.post(
    '/api/entities',
    {
      config: { access: 'public' },
      schema: {
        tags: ['identity'],
        summary: '市场主体注册 / Register a market entity with its first account',
        body: registrationInput,
        response: withErrors({ 201: entitySchema }, 409, 422),
      },
    },
    async (request, reply) => reply.code(201).send(await registerEntity(request.ctx, request.body)),
  );

  app.get(
    '/api/entities',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: ['identity'],
        summary: '市场主体列表 / Entities visible to me (my region, or my own entity)',
        querystring: pageQuery.extend({
          entityType: z.enum(ENTITY_TYPES).optional(),
          status: z.enum(ENTITY_STATUSES).optional(),
          regionCode: z.string().regex(/^\d{6}$/).optional(),
          q: z.string().max(100).optional(),
        }),
        response: withErrors({ 200: z.object({ items: z.array(entitySchema), total: z.int() }) }),
      },
    },
    async (request) => {
      const { rows, total } = await listEntities(request.ctx.platform.database.db, actorEntityScope(request.ctx), request.query);
      return { items: rows.map(entityView), total };
    },
  );

  app.get(
    '/api/entities/:id',
    {
      config: { access: { roles: 'any' }, subject: { type: 'entity', action: 'read' } },
      schema: { tags: ['identity'], summary: '市场主体详情 / One entity', params: idParams, response: withErrors({ 200: entitySchema }, 404) },
    },
    async (request) => {
      const db = request.ctx.platform.database.db;
      const row = await findEntity(db, request.params.id, actorEntityScope(request.ctx));
      if (row) return entityView(row);
      if (await findEntity(db, request.params.id, ALL_REGIONS)) throw hiddenRow('entity', request.params.id, bilingual('单位', 'Entity'));
      throw notFound(bilingual('单位', 'Entity'));
    },
  );

  for (const transition of Object.keys(ENTITY_TRANSITIONS) as EntityTransition[]) {
    app.post(
      `/api/entities/:id/${transition}`,
      {
        config: { access: { roles: ['operator'] }, subject: { type: 'entity', action: 'review' } },
        schema: {
          tags: ['identity'],
          summary: `市场主体审核 / ${transition} an entity (operator)`,
          params: idParams,
          body: revisionInput.extend({ reason: z.string().max(500).nullish() }),
          response: withErrors({ 200: entitySchema }, 404, 409, 422),
        },
      },
      async (request) => reviewEntity(request.ctx, request.params.id, transition, request.body),
    );
  }
}
