import { z } from 'zod';
import type { App } from '../../platform/http/server';
import { idParams, revisionInput, withErrors } from '../../platform/http/schemas';
import { personSchema } from '../identity.views';
import { ROLES } from '../roles';
import { actorPersonScope } from '../scope';
import { changePersonStatus } from './change-person-status';
import { createPerson, createPersonInput } from './create-person';
import { listPersons, personView } from './person.store';
import { setPersonRoles } from './set-person-roles';

const STATUS_ROUTES = { disable: 'disable', enable: 'enable', unlock: 'unlock', 'reset-second-factor': 'resetSecondFactor' } as const;

export function personRoutes(app: App) {
  app.get(
    '/api/persons',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: ['identity'],
        summary: '人员列表 / Accounts I administer (account administrators: their region; an entity administrator: its people; anyone else: itself)',
        querystring: z.object({ entityId: z.uuid().optional() }),
        response: withErrors({ 200: z.object({ items: z.array(personSchema) }) }),
      },
    },
    async (request) => ({
      items: (await listPersons(request.ctx.platform.database.db, actorPersonScope(request.ctx), request.query.entityId)).map(personView),
    }),
  );

  app.post(
    '/api/persons',
    {
      // Who may create whom is decided per row (system administrator, or a market entity's own administrator).
      config: { access: { roles: 'any' } },
      schema: { tags: ['identity'], summary: '新增人员账户 / Create an account', body: createPersonInput, response: withErrors({ 201: personSchema }, 404, 409, 422) },
    },
    async (request, reply) => reply.code(201).send(await createPerson(request.ctx, request.body)),
  );

  app.put(
    '/api/persons/:id/roles',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: ['identity'],
        summary: '分配角色 / Set the roles of a person (security administrator)',
        params: idParams,
        body: revisionInput.extend({ roles: z.array(z.enum(ROLES)).max(ROLES.length) }),
        response: withErrors({ 200: personSchema }, 404, 409, 422),
      },
    },
    async (request) => setPersonRoles(request.ctx, request.params.id, request.body),
  );

  for (const [path, what] of Object.entries(STATUS_ROUTES)) {
    app.post(
      `/api/persons/:id/${path}`,
      {
        config: { access: { roles: 'any' } },
        schema: { tags: ['identity'], summary: `人员账户管理 / ${what}`, params: idParams, body: revisionInput, response: withErrors({ 200: personSchema }, 404, 409) },
      },
      async (request) => changePersonStatus(request.ctx, request.params.id, what, request.body.revision),
    );
  }
}
