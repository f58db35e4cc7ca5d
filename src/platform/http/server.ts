import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { recordAuditEvent } from '../audit/audit-trail';
import type { Platform } from '../context';
import { RefusedError } from '../deny';
import { DomainError } from '../errors';
import { decideAccess, type Access, type Authenticate } from './access';
import { ACCESS_MESSAGES, errorBody, validationFields, type ErrorResponse } from './errors';

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;
export type RouteModule = (app: App) => void | Promise<void>;

export interface RouteInfo {
  method: string;
  url: string;
  access: Access | undefined;
}

export interface ServerOptions {
  platform: Platform;
  authenticate: Authenticate;
  routes: RouteModule[];
  /** The built web app (web/dist); served with a single-page fallback when present. */
  webRoot?: string;
  /** A refusal's rule with its act and article (the rule catalogue), added to the error answer. */
  citeRule?: (ruleId: string) => ErrorResponse['rule'];
  logger?: FastifyServerOptions['logger'];
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteInfo[];
  }
}

export async function buildServer(options: ServerOptions): Promise<App> {
  const { platform } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    // The documentation routes are public by nature; everything else must say who may call it.
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, access: 'public' };
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (access === undefined) throw new Error(`route ${route.method} ${route.url} does not declare who may call it (config.access)`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeTable.push({ method, url: route.url, access });
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '一网交易 API / One-network trading API',
        description: '公共资源交易与政府采购平台接口。所有金额以分为单位（整数）。 / Public-resource trading and government e-procurement. Every amount is integer fen.',
        version: '0.1.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sid' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (request, reply) => {
    request.ctx = { platform, actor: null, ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
    if (!request.url.startsWith('/api')) return;
    // Cross-site writes: the session cookie is SameSite=Strict, and a browser's Origin must match.
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && request.headers.origin) {
      const origin = new URL(request.headers.origin).host;
      if (origin !== request.headers.host)
        return reply.code(403).send(errorBody(403, 'FORBIDDEN', ACCESS_MESSAGES.FORBIDDEN!, { details: { reason: 'cross-origin' } }));
    }
    const access = request.routeOptions.config?.access;
    const actor = await options.authenticate(request, request.ctx);
    request.ctx.actor = actor;
    const decision = decideAccess(request.routeOptions.url ? access : 'public', actor);
    if (decision.allowed) {
      if (actor) actor.actingRole = decision.actingRole;
      return;
    }
    if (decision.status === 403)
      await recordAuditEvent(request.ctx, {
        action: 'access.denied',
        subjectType: 'route',
        subjectId: `${request.method} ${request.routeOptions.url}`,
        result: 'denied',
        detail: { code: decision.code, required: access === undefined || access === 'public' ? null : access.roles },
      });
    return reply.code(decision.status).send(errorBody(decision.status, decision.code, ACCESS_MESSAGES[decision.code]!));
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    return payload;
  });

  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof RefusedError) {
      await recordAuditEvent(request.ctx, {
        action: 'access.denied',
        subjectType: error.subjectType,
        subjectId: error.subjectId,
        result: 'denied',
        detail: { attempted: error.attempted, route: `${request.method} ${request.routeOptions.url}` },
      });
    }
    if (error instanceof DomainError) {
      return reply.code(error.status).send(
        errorBody(error.status, error.code, error.messages, {
          ...(error.ruleId ? { ruleId: error.ruleId, rule: options.citeRule?.(error.ruleId) } : {}),
          ...(Object.keys(error.details).length ? { details: error.details } : {}),
        }),
      );
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.code(400).send(
        errorBody(400, 'VALIDATION', ACCESS_MESSAGES.VALIDATION!, { fields: validationFields(error.validation as never, error.validationContext ?? 'body') }),
      );
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 413) return reply.code(413).send(errorBody(413, 'PAYLOAD_TOO_LARGE', ACCESS_MESSAGES.PAYLOAD_TOO_LARGE!));
    if (status >= 400 && status < 500)
      return reply.code(status).send(errorBody(status, 'BAD_REQUEST', ACCESS_MESSAGES.BAD_REQUEST!, { details: { reason: (error as Error).message } }));
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(errorBody(500, 'INTERNAL', ACCESS_MESSAGES.INTERNAL!));
  });

  for (const routes of options.routes) await app.register(async (scope) => routes(scope as App));

  const webRoot = options.webRoot;
  if (webRoot && fs.existsSync(path.join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith('/api') && webRoot && fs.existsSync(path.join(webRoot, 'index.html'))) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.code(404).send(errorBody(404, 'NOT_FOUND', ACCESS_MESSAGES.NOT_FOUND!));
  });
  return app;
}
