import { z } from 'zod';
import type { IncomingMessage } from 'node:http';
import { decideAccess } from '../../platform/http/access';
import { ACCESS_MESSAGES, errorBody } from '../../platform/http/errors';
import type { App } from '../../platform/http/server';
import { withErrors } from '../../platform/http/schemas';
import { inTransaction } from '../../platform/unit-of-work';
import { loadSecurityProfile } from '../security-profile.store';
import { needsSecondFactor } from '../session/actor';
import { authenticate } from '../session/authenticate';
import type { Role } from '../roles';
import { interactionPath, OIDC_PATH, ssoProvider } from './provider';
import { authenticationMethods, SSO_SCOPES } from './sso-claims';
import { listSsoClients, registerSsoClient } from './sso-clients';
import { interactionPage, INTERACTION_SCRIPT, LOGOUT_SCRIPT } from './sso-pages';
import { SSO_SUBJECT } from './sso-sessions';

const uri = z.string().min(1).max(500);
const clientInput = z.object({
  entityId: z.uuid().describe('交易子平台主体 / The sub-platform entity'),
  name: z.string().min(1).max(100).describe('子平台名称，如“上海市公共资源交易平台（建设工程招投标分平台）” / Its name'),
  catalogueCode: z.string().max(20).nullish().describe('平台目录中的编码 / Its code in the platform catalogue'),
  redirectUris: z.array(uri).min(1).max(10),
  postLogoutRedirectUris: z.array(uri).max(10).default([]),
  backchannelLogoutUri: uri.nullish().describe('后端通道退出地址 / Back-channel logout address'),
  initiateLoginUri: uri.describe('子平台发起登录的地址（门户链接至此） / Where the sub-platform starts a sign-in (the portal links here)'),
});
const clientView = z.object({
  id: z.string(),
  entityId: z.string(),
  entityName: z.string(),
  catalogueCode: z.string().nullable(),
  name: z.string(),
  redirectUris: z.array(z.string()),
  postLogoutRedirectUris: z.array(z.string()),
  backchannelLogoutUri: z.string().nullable(),
  initiateLoginUri: z.string(),
  createdAt: z.date(),
});

/**
 * Single sign-on: the OpenID Connect provider under /oidc (oidc-provider, on its own Koa app,
 * handed the raw request before Fastify reads a body), the portal's page that finishes a
 * sign-in, and the registration of sub-platforms.
 */
export function ssoRoutes(app: App) {
  app.route({
    method: ['GET', 'POST', 'OPTIONS'],
    url: `${OIDC_PATH}/*`,
    // Not the platform's API: the protocol's own endpoints, described by /oidc/.well-known/openid-configuration.
    schema: { hide: true },
    // The protocol's endpoints are called by browsers arriving from sub-platforms and by the
    // sub-platforms' servers: no platform session, and the provider reads its own bodies.
    onRequest: async (request, reply) => {
      reply.hijack();
      const provider = await ssoProvider(request.ctx.platform);
      const raw = request.raw as IncomingMessage & { originalUrl?: string };
      // Koa believes X-Forwarded-* as sent; Fastify has already decided which proxies to trust
      // (TRUST_PROXY): the provider is told what Fastify concluded, nothing a client claimed.
      raw.headers['x-forwarded-proto'] = request.protocol;
      raw.headers['x-forwarded-host'] = request.host;
      raw.headers['x-forwarded-for'] = request.ip;
      raw.originalUrl = raw.url;
      raw.url = raw.url!.slice(OIDC_PATH.length) || '/';
      await provider.callback()(raw, reply.raw);
    },
    handler: async () => undefined,
  });

  // The SSO pages and their scripts are pages, not API operations: kept out of the API document.
  const page = { schema: { hide: true } };
  app.get('/sso/interaction.js', page, async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(INTERACTION_SCRIPT));
  app.get('/sso/logout.js', page, async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(LOGOUT_SCRIPT));

  // A sub-platform's redirect brings the browser here without the portal's cookie (SameSite=Strict):
  // the page asks again from the portal's own origin, which does carry it.
  app.get('/sso/interaction/:uid', { schema: { hide: true, params: z.object({ uid: z.string().regex(/^[\w-]{1,64}$/) }) } }, async (request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(interactionPage(request.params.uid)),
  );

  app.post('/sso/interaction/:uid/continue', { schema: { hide: true, params: z.object({ uid: z.string().regex(/^[\w-]{1,64}$/) }) } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const { ctx } = request;
    const origin = request.headers.origin;
    if (!origin || new URL(origin).host !== request.headers.host) return reply.code(403).send(errorBody(403, 'FORBIDDEN', ACCESS_MESSAGES.FORBIDDEN!, { details: { reason: 'cross-origin' } }));
    const provider = await ssoProvider(ctx.platform);
    // The interaction is bound to this browser by the provider's cookie (so nobody can hand someone
    // else a sign-in to finish for them).
    const details = await provider.interactionDetails(request.raw, reply.raw).catch(() => null);
    if (!details || details.uid !== request.params.uid)
      return reply.code(404).send({ ...errorBody(404, 'SSO_INTERACTION_NOT_FOUND', { 'zh-CN': '统一登录请求不存在或已过期，请回到子平台重新登录', 'en-US': 'The sign-in request is unknown or has expired; start again from the sub-platform' }) });

    // The platform session decides, as for any page: signed in, second factor done, password current.
    const actor = await authenticate(request, ctx);
    const decision = decideAccess({ roles: 'any' }, actor);
    if (!decision.allowed)
      return reply.code(decision.status).send({
        ...errorBody(decision.status, decision.code, ACCESS_MESSAGES[decision.code]!),
        signIn: `/login?next=${encodeURIComponent(interactionPath(details.uid))}`,
      });
    ctx.actor = { ...actor!, actingRole: decision.actingRole };

    const clientId = String(details.params.client_id);
    const requested = String(details.params.scope ?? 'openid')
      .split(' ')
      .filter((s) => SSO_SCOPES.includes(s));
    const grant = details.grantId ? await (provider.Grant as unknown as { find(id: string): Promise<InstanceType<typeof provider.Grant>> }).find(details.grantId) : new provider.Grant({ accountId: actor!.personId, clientId });
    grant.addOIDCScope(requested.join(' '));
    grant.addOIDCClaims(['amr']);
    const grantId: string = await grant.save();
    const { value: profile } = await loadSecurityProfile(ctx.platform.database.db);
    const amr = authenticationMethods(needsSecondFactor(actor!.roles as Role[], profile));
    const redirectTo = await provider.interactionResult(
      request.raw,
      reply.raw,
      { login: { accountId: actor!.personId, amr, remember: false }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
    await inTransaction(ctx, async (_tx, audit) => {
      audit.record({ action: 'sso.sign_in', subjectType: SSO_SUBJECT, subjectId: clientId, detail: { personId: actor!.personId, scopes: requested, amr } });
    });
    return { redirectTo };
  });

  app.get(
    '/api/sso/sub-platforms',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: ['identity'],
        summary: '可统一登录的子平台 / The sub-platforms one can enter with the platform sign-in',
        response: withErrors({ 200: z.array(z.object({ clientId: z.string(), name: z.string(), url: z.string() })) }),
      },
    },
    async (request) => (await listSsoClients(request.ctx.platform.database.db)).map((c) => ({ clientId: c.id, name: c.name, url: c.initiateLoginUri })),
  );

  app.get(
    '/api/sso/clients',
    {
      config: { access: { roles: ['operator'], home: true } },
      schema: { tags: ['identity'], summary: '统一登录子平台登记 / Sub-platforms registered for single sign-on', response: withErrors({ 200: z.array(clientView) }) },
    },
    async (request) => listSsoClients(request.ctx.platform.database.db),
  );

  app.post(
    '/api/sso/clients',
    {
      config: { access: { roles: ['operator'], home: true } },
      schema: {
        tags: ['identity'],
        summary: '登记统一登录子平台（返回一次性显示的密钥） / Register a sub-platform for single sign-on (the secret is shown once)',
        body: clientInput,
        response: withErrors({ 201: z.object({ clientId: z.string(), clientSecret: z.string(), issuer: z.string() }) }, 422),
      },
    },
    async (request, reply) => {
      const registered = await registerSsoClient(request.ctx, request.body);
      return reply.code(201).send({ ...registered, issuer: `${request.ctx.platform.config.publicUrl}${OIDC_PATH}` });
    },
  );
}
