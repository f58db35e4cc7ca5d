import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Context } from '../../platform/context';
import { DomainError } from '../../platform/errors';
import type { App } from '../../platform/http/server';
import { withErrors } from '../../platform/http/schemas';
import { changePassword, changePasswordInput } from '../person/change-password';
import { findPersonById } from '../person/person.store';
import { sessionSchema } from '../identity.views';
import { SESSION_COOKIE } from './authenticate';
import { login } from './login';
import { logout } from './logout';
import { startSecondFactorEnrollment, verifySecondFactor } from './second-factor';

const PENDING = ['secondFactor', 'passwordChange'] as const;

export function sessionRoutes(app: App) {
  async function currentSession(ctx: Context) {
    const actor = ctx.actor;
    if (!actor) return null;
    const found = (await findPersonById(ctx.platform.database.db, actor.personId))!;
    return {
      stage: actor.sessionStage,
      mustChangePassword: actor.mustChangePassword,
      secondFactorEnrolled: found.person.totpEnabled,
      person: { id: actor.personId, username: actor.username, displayName: actor.displayName, roles: found.roles, isEntityAdmin: actor.entityAdmin },
      entity: { id: found.entity.id, name: found.entity.name, entityType: found.entity.entityType, regionCode: found.entity.regionCode },
    };
  }

  // httpOnly and SameSite=Strict; no Max-Age, so it ends with the browser, and the server
  // enforces the idle and absolute timeouts.
  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: reply.request.ctx.platform.config.cookieSecure, path: '/' });

  // A refused sign-in attempt says when to come back (RFC 9110 Retry-After, in seconds).
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof DomainError && error.code === 'TOO_MANY_ATTEMPTS') reply.header('retry-after', String(error.details.retryAfterSeconds));
  });

  app.post(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['identity'],
        summary: '登录 / Sign in with user name and password',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(128) }),
        response: withErrors({ 200: z.object({ stage: z.enum(['secondFactor', 'active']), secondFactorEnrolled: z.boolean(), mustChangePassword: z.boolean() }) }, 429),
      },
    },
    async (request, reply) => {
      const result = await login(request.ctx, request.body);
      setSessionCookie(reply, result.token);
      return { stage: result.stage, secondFactorEnrolled: result.secondFactorEnrolled, mustChangePassword: result.mustChangePassword };
    },
  );

  app.get(
    '/api/session',
    {
      // Every page asks; nobody signed in is an answer, not an error.
      config: { access: 'public' },
      schema: { tags: ['identity'], summary: '当前登录信息 / The signed-in person (null when nobody is)', response: withErrors({ 200: sessionSchema.nullable() }) },
    },
    async (request) => currentSession(request.ctx),
  );

  app.delete(
    '/api/session',
    {
      config: { access: { roles: 'any', allowPending: PENDING } },
      schema: { tags: ['identity'], summary: '退出登录 / Sign out', response: withErrors({ 204: z.null() }) },
    },
    async (request, reply) => {
      await logout(request.ctx, request.cookies[SESSION_COOKIE]!);
      reply.clearCookie(SESSION_COOKIE, { path: '/', secure: request.ctx.platform.config.cookieSecure });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/session/second-factor/enrollment',
    {
      config: { access: { roles: 'any', allowPending: PENDING } },
      schema: {
        tags: ['identity'],
        summary: '绑定动态口令 / Set up the TOTP second factor',
        response: withErrors({ 200: z.object({ secret: z.string(), uri: z.string() }) }, 409),
      },
    },
    async (request) => startSecondFactorEnrollment(request.ctx),
  );

  app.post(
    '/api/session/second-factor',
    {
      config: { access: { roles: 'any', allowPending: PENDING } },
      schema: {
        tags: ['identity'],
        summary: '验证动态口令 / Check a TOTP code',
        body: z.object({ code: z.string().regex(/^\d{6}$/) }),
        response: withErrors({ 200: z.object({ stage: z.literal('active') }) }, 409, 429),
      },
    },
    async (request, reply) => {
      const { token } = await verifySecondFactor(request.ctx, request.cookies[SESSION_COOKIE]!, request.body.code);
      setSessionCookie(reply, token);
      return { stage: 'active' as const };
    },
  );

  app.post(
    '/api/session/password',
    {
      config: { access: { roles: 'any', allowPending: ['passwordChange'] } },
      schema: { tags: ['identity'], summary: '修改密码 / Change my password', body: changePasswordInput, response: withErrors({ 204: z.null() }, 409, 422) },
    },
    async (request, reply) => {
      await changePassword(request.ctx, request.cookies[SESSION_COOKIE]!, request.body);
      return reply.code(204).send(null);
    },
  );
}
