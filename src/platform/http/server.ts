import fs from 'node:fs';
import path from 'node:path';
import fastifyCompress from '@fastify/compress';
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
import type { Actor, Platform } from '../context';
import { RefusedError, deny } from '../deny';
import { DomainError, notFound } from '../errors';
import { looksLikeId, type SubjectGuards, type SubjectRoute } from './subjects';
import { decideAccess, type Access, type Authenticate } from './access';
import { ACCESS_MESSAGES, errorBody, validationFields, type ErrorResponse } from './errors';
import { guardedInput, noBody, noInput } from './schemas';
import { describeOperations, finishDocument, SECURITY_SCHEMES } from './openapi';

const BODY_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;
export type RouteModule = (app: App) => void | Promise<void>;

export interface RouteInfo {
  method: string;
  url: string;
  access: Access | undefined;
  subject: SubjectRoute | undefined;
}

export interface ServerOptions {
  platform: Platform;
  authenticate: Authenticate;
  /** Row-level guards by subject type, for routes that declare `config.subject`. */
  subjects: SubjectGuards;
  /** Whether an actor belongs to the platform’s home region (routes whose access is for home only). */
  atHome: (actor: Actor) => boolean;
  /** Whether the actor's roles have a function set in the UI (routes whose access names a `feature`). */
  featureAllowed?: (actor: Actor, feature: string) => Promise<boolean>;
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

/**
 * Scripts come from the platform only (no inline script, no eval), for the web app and the
 * API documentation alike; antd's CSS-in-JS needs inline styles; images made in the page
 * (data: and blob: URLs) may be shown.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Nothing on the platform uses these devices or APIs. */
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()';

export async function buildServer(options: ServerOptions): Promise<App> {
  const { platform } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: platform.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    ajv: undefined,
    // A malformed or overlong address is refused before any route is found: answer it in our shape too.
    frameworkErrors: (error, _request, reply) => {
      const [status, code] = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? ([414, 'URI_TOO_LONG'] as const) : ([400, 'BAD_REQUEST'] as const);
      reply.code(status as never).send(errorBody(status, code, ACCESS_MESSAGES[code]!) as never);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler((route) => validatorCompiler({ ...route, schema: guardedInput(route.schema as never) }));
  app.setSerializerCompiler(serializerCompiler);

  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    // The documentation routes are public by nature; everything else must say who may call it.
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, access: 'public' };
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (access === undefined) throw new Error(`route ${route.method} ${route.url} does not declare who may call it (config.access)`);
    const subject = (route.config as { subject?: SubjectRoute } | undefined)?.subject;
    if (subject && !options.subjects[subject.type]) throw new Error(`route ${route.method} ${route.url} names subject type ${subject.type}, which no area guards`);
    if (subject && !route.url.includes(`:${subject.param ?? 'id'}`)) throw new Error(`route ${route.method} ${route.url} has no :${subject.param ?? 'id'} for its subject`);
    // Nothing reaches a handler unchecked: a route that declares no querystring takes none, and a
    // write that declares no body takes none (an empty object at most).
    if (!route.url.startsWith('/api/docs')) {
      const takesBody = [route.method].flat().some((m) => BODY_METHODS.includes(m));
      route.schema = { ...route.schema, querystring: route.schema?.querystring ?? noInput, ...(takesBody ? { body: route.schema?.body ?? noBody } : {}) };
    }
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeTable.push({ method, url: route.url, access, subject });
  });

  await app.register(fastifyCookie);
  // Answers are compressed for clients that accept it (brotli, else gzip): JSON and text, not files
  // already compressed (PDF, .gz, .zip), nor one whose route set Content-Encoding itself, and never an
  // event stream (it must reach the client as it is written). mime-db counts application/octet-stream
  // as compressible: a route answering with sealed or encrypted bytes sets `compress: false`. Request
  // bodies are taken as sent: a signed request's signature covers the bytes on the wire.
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    customTypes: /^text\/(?!event-stream)|(?:\+|\/)(?:json|x-ndjson|xml|javascript)(?:;|$)/,
    globalDecompression: false,
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '一网交易 API / One-network trading API',
        description: '公共资源交易与政府采购平台接口。所有金额以分为单位（整数）。 / Public-resource trading and government e-procurement. Every amount is integer fen.',
        version: '0.1.0',
      },
      servers: [{ url: '/', description: '本平台 / This platform' }],
      components: { securitySchemes: SECURITY_SCHEMES as never },
    },
    // operationIds, area tags, security: see openapi.ts.
    transform: describeOperations(jsonSchemaTransform),
    transformObject: (document) => finishDocument(jsonSchemaTransformObject(document as never)),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (request, reply) => {
    request.ctx = { platform, actor: null, ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
    if (!request.url.startsWith('/api')) return;
    await platform.clock.refresh?.();
    // Cross-site writes: the session cookie is SameSite=Strict, and a browser's Origin must match.
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && request.headers.origin) {
      const origin = new URL(request.headers.origin).host;
      if (origin !== request.headers.host)
        return reply.code(403).send(errorBody(403, 'FORBIDDEN', ACCESS_MESSAGES.FORBIDDEN!, { details: { reason: 'cross-origin' } }));
    }
    const access = request.routeOptions.config?.access;
    const actor = await options.authenticate(request, request.ctx);
    request.ctx.actor = actor;
    const decision = decideAccess(request.routeOptions.url ? access : 'public', actor, options.atHome);
    const feature = access && access !== 'public' ? access.feature : undefined;
    if (decision.allowed && feature && actor && !(await options.featureAllowed?.(actor, feature))) {
      await recordAuditEvent(request.ctx, { action: 'access.denied', subjectType: 'route', subjectId: `${request.method} ${request.routeOptions.url}`, result: 'denied', detail: { code: 'FUNCTION_NOT_ENABLED', feature } });
      return reply.code(403).send(errorBody(403, 'FUNCTION_NOT_ENABLED', ACCESS_MESSAGES.FUNCTION_NOT_ENABLED!, { details: { feature } }));
    }
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

  // A body must be of the type the route reads: JSON unless it declares another (raw PDFs, bid chunks).
  app.addHook('preParsing', async (request) => {
    const contentType = request.headers['content-type'];
    const hasBody = contentType !== undefined || request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
    if (!BODY_METHODS.includes(request.method) || !hasBody || !request.routeOptions.url?.startsWith('/api')) return;
    const accepted = request.routeOptions.schema?.consumes ?? ['application/json'];
    const mediaType = contentType?.split(';')[0]!.trim().toLowerCase();
    if (!mediaType || !accepted.includes(mediaType))
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', ACCESS_MESSAGES.UNSUPPORTED_MEDIA_TYPE!, 415, { accepted });
  });


  // Row level, before the body is validated: see subjects.ts.
  app.addHook('preValidation', async (request, reply) => {
    const subject = request.routeOptions.config?.subject;
    if (!subject) return;
    const id = (request.params as Record<string, unknown>)[subject.param ?? 'id'];
    if (!looksLikeId(id)) return; // schema validation answers 400
    const guard = options.subjects[subject.type]!;
    const facts = await guard.load(platform.database.db, id, request.ctx.actor);
    const decision = facts === null ? 'hidden' : guard.decide(request.ctx.actor, subject.action, facts, platform.clock.now());
    if (decision === 'allowed') {
      request.ctx.subject = { type: subject.type, id, facts };
      return;
    }
    if (facts !== null)
      await recordAuditEvent(request.ctx, {
        action: 'access.denied',
        subjectType: subject.type,
        subjectId: id,
        // A refusal on a sealed project is sealed like the project (it says who showed interest).
        projectId: (facts as { projectId?: string }).projectId ?? null,
        result: 'denied',
        detail: { attempted: subject.action, route: `${request.method} ${request.routeOptions.url}` },
      });
    const error = decision === 'hidden' ? notFound(guard.name) : deny(subject.type, id, subject.action);
    return reply.code(error.status).send(errorBody(error.status, error.code, error.messages));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('Permissions-Policy', PERMISSIONS_POLICY);
    if (platform.config.cookieSecure) reply.header('Strict-Transport-Security', 'max-age=31536000');
    // Tests of several API processes tell which one answered.
    if (platform.config.testClock) reply.header('X-Test-Process', String(process.pid));
    // What a signed-in person was shown, and any answer about a session, is for nobody else.
    if (request.url.startsWith('/api') && (request.ctx?.actor || request.url.startsWith('/api/session'))) reply.header('Cache-Control', 'no-store');
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
    if (status === 415) return reply.code(415).send(errorBody(415, 'UNSUPPORTED_MEDIA_TYPE', ACCESS_MESSAGES.UNSUPPORTED_MEDIA_TYPE!));
    if (status >= 400 && status < 500)
      return reply.code(status).send(errorBody(status, 'BAD_REQUEST', ACCESS_MESSAGES.BAD_REQUEST!, { details: { reason: (error as Error).message } }));
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(errorBody(500, 'INTERNAL', ACCESS_MESSAGES.INTERNAL!));
  });

  for (const routes of options.routes) await app.register(async (scope) => routes(scope as App));

  const webRoot = options.webRoot;
  if (webRoot && fs.existsSync(path.join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      // The build wrote assets/*.br and *.gz beside each script (web/vite.config.ts): served as they are.
      preCompressed: true,
      cacheControl: false,
      // Built assets carry a hash of their content in their name: a new build has new names, so they
      // never change and are kept a year. The page itself is checked on every visit, to find the new names.
      setHeaders: (reply, file) => {
        const hashed = path.relative(webRoot, file).startsWith(`assets${path.sep}`);
        reply.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith('/api') && webRoot && fs.existsSync(path.join(webRoot, 'index.html'))) {
      return reply.type('text/html').header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send(errorBody(404, 'NOT_FOUND', ACCESS_MESSAGES.NOT_FOUND!));
  });
  return app;
}
