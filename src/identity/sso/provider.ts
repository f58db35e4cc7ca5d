import Provider, { interactionPolicy } from 'oidc-provider';
import type { Platform } from '../../platform/context';
import { findPersonById } from '../person/person.store';
import { SESSION_COOKIE } from '../session/authenticate';
import { hashToken } from '../session/session.store';
import { oidcAdapter } from './oidc-adapter';
import { loadProviderKeys } from './provider-keys';
import { SSO_SCOPE_CLAIMS, SSO_SCOPES, ssoClaims } from './sso-claims';
import { endPlatformSessionFromSubPlatform } from './sso-sessions';
import { errorPage, logoutPage, signedOutPage } from './sso-pages';

/** Where the provider is mounted on the platform. */
export const OIDC_PATH = '/oidc';
/** The portal's own page that finishes an SSO sign-in (see sso.routes.ts). */
export const interactionPath = (uid: string) => `/sso/interaction/${uid}`;

/** Short lives: a sub-platform gets no refresh token and comes back through the platform's session check. */
const TTL = { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600 };

/**
 * The security headers the platform's own answers carry (src/platform/http/server.ts); the
 * provider's pages are the platform's too. `formTargets` are the other origins a page's form may
 * lead to (a sub-platform's registered address after signing out).
 */
export function securityHeaders(formTargets: string[] = []): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      `form-action 'self'${formTargets.map((t) => ` ${t}`).join('')}`,
    ].join('; '),
  };
}

const providers = new WeakMap<Platform, Promise<Provider>>();

/** The platform's OpenID Connect provider, made once per platform (its keys come from the database). */
export function ssoProvider(platform: Platform): Promise<Provider> {
  let found = providers.get(platform);
  if (!found) {
    found = createProvider(platform);
    providers.set(platform, found);
    found.catch(() => providers.delete(platform));
  }
  return found;
}

/** The platform session behind the provider's current request (the hash of its cookie), if it sent one. */
function platformSessionOfRequest(): string | null {
  const token = Provider.ctx?.cookies?.get(SESSION_COOKIE) as string | undefined;
  return token ? hashToken(token) : null;
}

async function createProvider(platform: Platform): Promise<Provider> {
  const { db } = platform.database;
  const keys = await loadProviderKeys(db, platform.sealer);

  // Every authorisation comes back to the portal's page, which checks the platform session there
  // (its cookie is SameSite=Strict, so a sub-platform's redirect cannot carry it): an OIDC session
  // alone never signs anyone in, and once the platform session is over nothing is issued silently.
  const policy = interactionPolicy.base();
  policy
    .get('login')
    .checks.add(
      new interactionPolicy.Check('platform_session', 'the platform session is checked on every sign-in', 'login_required', (ctx: { oidc: { result?: { login?: unknown } } }) =>
        ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );

  const provider = new Provider(`${platform.config.publicUrl}${OIDC_PATH}`, {
    adapter: oidcAdapter(db, platform.sealer, platformSessionOfRequest),
    jwks: { keys: [keys.signing] },
    cookies: { keys: [keys.cookieKey], long: { httpOnly: true, sameSite: 'lax', secure: platform.config.cookieSecure }, short: { httpOnly: true, sameSite: 'lax', secure: platform.config.cookieSecure } },
    scopes: SSO_SCOPES,
    claims: { sid: null, ...SSO_SCOPE_CLAIMS },
    // The claims of the granted scopes are in the ID token too, so a sub-platform needs no second call.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    ttl: TTL,
    clientBasedCORS: () => false,
    // The provider's only outgoing request is the back-channel logout, to an address the operator
    // registered; sub-platforms sit on the government network (private addresses), which the
    // library's default guard against special-use addresses would refuse. Its 2.5 s timeout stays.
    fetch: (url: string, { dispatcher: _dispatcher, ...options }: RequestInit & { dispatcher?: unknown }) => globalThis.fetch(url, options),
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => interactionPath(interaction.uid), policy },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (
          ctx: { body: string; set(h: string, v: string): void; oidc: { params: { post_logout_redirect_uri?: string }; session: { accountId?: string }; entities: { IdTokenHint?: { payload: { sub?: string } } } } },
          form: string,
        ) => {
          const target = ctx.oidc.params.post_logout_redirect_uri;
          ctx.set('content-security-policy', securityHeaders(target ? [new URL(target).origin] : [])['content-security-policy']!);
          // Asked by a sub-platform with this person's own (verified) ID token: no second question.
          // Anyone else's link to the sign-out asks first.
          const hint = ctx.oidc.entities.IdTokenHint?.payload.sub;
          ctx.body = logoutPage(form, !!hint && hint === ctx.oidc.session.accountId);
        },
        postLogoutSuccessSource: async (ctx: { body: string }) => {
          ctx.body = signedOutPage();
        },
      },
    },
    renderError: async (ctx: { type: string; body: string }, out: { error: string; error_description?: string }) => {
      ctx.type = 'html';
      ctx.body = errorPage(out.error, out.error_description);
    },
    findAccount: async (_ctx: unknown, sub: string) => {
      const found = await findPersonById(db, sub).catch(() => undefined);
      if (!found || found.person.status !== 'active' || found.entity.status !== 'active') return undefined;
      const claims = ssoClaims({
        personId: found.person.id,
        username: found.person.username,
        displayName: found.person.displayName,
        entity: { name: found.entity.name, entityType: found.entity.entityType, creditCode: found.entity.creditCode, regionCode: found.entity.regionCode },
        roles: found.roles,
      });
      return { accountId: sub, claims: async () => claims };
    },
  });
  // The mounting route hands over Fastify's own reading of the forwarded headers (sso.routes.ts).
  provider.proxy = true;

  provider.use(async (ctx: { set(h: string, v: string): void; status: number; oidc?: { route?: string }; cookies: { get(name: string): string | undefined } }, next: () => Promise<void>) => {
    for (const [name, value] of Object.entries(securityHeaders())) ctx.set(name, value);
    await next();
    // Signing out at the provider (a sub-platform's 退出登录) ends the platform session too: the
    // confirmation is posted from the provider's own page, so the portal's cookie comes with it.
    if (ctx.oidc?.route === 'end_session_confirm' && ctx.status >= 300 && ctx.status < 400) {
      const token = ctx.cookies.get(SESSION_COOKIE);
      if (token) await endPlatformSessionFromSubPlatform(platform, token);
    }
  });
  return provider;
}
