import { createPublicKey, randomBytes, verify, type JsonWebKey } from 'node:crypto';
import http from 'node:http';
import * as oidc from 'openid-client';
import { DEMO_SUBPLATFORM_NAME } from './demo-client';
import { outboxHandler } from './outbox';
import { pushReleases, type SubPlatformKey } from './sync-client';
import { worksTenderReleases } from './works-releases';

/**
 * The demo construction sub-platform: a separate small web app that signs people in through the
 * platform (OpenID Connect, authorization code with PKCE, by openid-client), shows who they are
 * and for which organisation, signs out at the platform (RP-initiated logout) and ends its own
 * sessions when the platform tells it a person signed out (back-channel logout). It knows the
 * platform only by its issuer address. Sessions live in memory.
 */
export interface DemoSubPlatformOptions {
  /** The platform's issuer, e.g. http://localhost:3000/oidc. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  port: number;
  host?: string;
  /** Where browsers reach this app (its registered addresses start with it); default http://<host>:<port>. */
  publicUrl?: string;
  /** Its API key for the sync API: a purchaser signed in here can publish a tender, synced at once to the main platform. */
  sync?: SubPlatformKey;
  /** Its clock (tests hand in the platform's). */
  now?: () => Date;
}

export interface DemoSubPlatform {
  url: string;
  /** The subjects (person ids) the platform has signed out by back-channel logout, in order. */
  backchannelLogouts: string[];
  close(): Promise<void>;
}

interface Signed {
  claims: Record<string, unknown>;
  idToken: string;
}

const ROLE_NAMES: Record<string, string> = {
  purchaser: '采购人',
  supplier: '供应商',
  agency: '采购代理机构',
  expert: '评审专家',
  authority: '行业主管部门',
  supervisor: '财政监管',
  treasury: '国库支付',
  operator: '平台运营',
  guarantor: '担保机构',
  financier: '银行信贷',
  systemAdmin: '系统管理员',
  securityAdmin: '安全管理员',
  auditAdmin: '审计管理员',
};

const escape = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const cookiesOf = (req: http.IncomingMessage) =>
  Object.fromEntries(
    (req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim().split('='))
      .filter((p) => p.length === 2) as [string, string][],
  );

function page(body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${DEMO_SUBPLATFORM_NAME}</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;margin:0;background:#f0f4f8;color:#222}header{background:#0b5394;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}main{max-width:640px;margin:24px auto;background:#fff;padding:24px;border-radius:8px}dt{color:#666;margin-top:8px}dd{margin:0 0 4px;font-size:16px}button,a.button{background:#0b5394;color:#fff;border:0;border-radius:6px;padding:8px 20px;font-size:15px;cursor:pointer;text-decoration:none;display:inline-block}</style>
</head><body><header><h1>${DEMO_SUBPLATFORM_NAME}</h1><div>演示子平台 · Demo sub-platform</div></header><main>${body}</main></body></html>`;
}

/** A tenderer's own tenders on this sub-platform, each linked to its page on the main platform's portal, and a form for a new one. */
function publishForm(mine: Record<string, unknown>[], platformUrl: string): string {
  const rows = mine.map((r) => `<li><a href="${platformUrl}/external/${encodeURIComponent(String(r.ocid))}" data-testid="rp-tender">${escape((r.tender as { title?: string }).title)}</a></li>`).join('');
  return `<h2>招标公告 / Tenders</h2>${rows ? `<ul>${rows}</ul>` : '<p>尚未发布。 / None yet.</p>'}
<form method="post" action="/tenders"><p><label>项目名称 / Title <input name="title" required minlength="4" maxlength="100" data-testid="rp-title"></label></p>
<p><label>预算金额（元）/ Budget (yuan) <input name="budget" type="number" min="1" step="0.01" required data-testid="rp-budget"></label></p>
<button type="submit" data-testid="rp-publish">发布并同步至总平台 / Publish and sync</button></form>`;
}

export async function startDemoSubPlatform(options: DemoSubPlatformOptions): Promise<DemoSubPlatform> {
  const host = options.host ?? '127.0.0.1';
  const baseUrl = (options.publicUrl ?? `http://${host}:${options.port}`).replace(/\/+$/, '');
  const issuer = new URL(options.issuer);
  const config = await oidc.discovery(issuer, options.clientId, undefined, oidc.ClientSecretBasic(options.clientSecret), {
    // The demo runs over plain http on one machine; a real sub-platform talks to the platform over https.
    execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
  });
  const metadata = config.serverMetadata();

  const pending = new Map<string, { verifier: string; nonce: string }>();
  const sessions = new Map<string, Signed>();
  const backchannelLogouts: string[] = [];
  /** What this sub-platform has published, in send order: its outbox (docs/SYNC.md §Conformance). */
  const published: Record<string, unknown>[] = [];
  const platformUrl = issuer.origin;
  const now = options.now ?? (() => new Date());
  const outbox = options.sync ? outboxHandler(() => published, options.sync, now) : null;

  /** Checks a logout token (OpenID Connect Back-Channel Logout 1.0, section 2.6) against the platform's keys. */
  async function verifyLogoutToken(token: string): Promise<Record<string, unknown>> {
    const [h, p, s] = token.split('.');
    if (!h || !p || !s) throw new Error('not a JWT');
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg: string; kid?: string };
    if (header.alg !== 'RS256') throw new Error(`unexpected alg ${header.alg}`);
    const jwks = (await (await fetch(metadata.jwks_uri!)).json()) as { keys: (JsonWebKey & { kid?: string })[] };
    const jwk = jwks.keys.find((k) => k.kid === header.kid) ?? jwks.keys[0];
    if (!jwk || !verify('sha256', Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(s, 'base64url'))) throw new Error('bad signature');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const audience = ([] as unknown[]).concat(claims.aud);
    const events = claims.events as Record<string, unknown> | undefined;
    if (claims.iss !== metadata.issuer || !audience.includes(options.clientId) || !events?.['http://schemas.openid.net/event/backchannel-logout'] || 'nonce' in claims || !claims.sub)
      throw new Error('not a logout token for this sub-platform');
    if (typeof claims.iat !== 'number' || Math.abs(Date.now() / 1000 - claims.iat) > 300) throw new Error('logout token too old');
    return claims;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const cookies = cookiesOf(req);
    const send = (status: number, html: string, headers: Record<string, string | string[]> = {}) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(html);
    };
    const redirect = (to: string, headers: Record<string, string | string[]> = {}) => {
      res.writeHead(303, { location: to, 'cache-control': 'no-store', ...headers });
      res.end();
    };

    if (req.method === 'GET' && url.pathname === '/') {
      const signed = cookies.rp_sid ? sessions.get(cookies.rp_sid) : undefined;
      if (!signed)
        return send(
          200,
          page(`<p data-testid="rp-signed-out">未登录。 / Not signed in.</p><p><a class="button" href="/login" data-testid="rp-login">通过一网交易平台统一登录 / Sign in with the platform</a></p>`),
        );
      const c = signed.claims;
      const roles = (Array.isArray(c.roles) ? c.roles : []).map((r) => `${ROLE_NAMES[String(r)] ?? r}（${r}）`).join('、');
      return send(
        200,
        page(`<p data-testid="rp-welcome">欢迎，${escape(c.name)}（${escape(c.preferred_username)}）。您已通过一网交易平台统一登录。</p>
<dl>
<dt>姓名 / Name</dt><dd data-testid="rp-name">${escape(c.name)}</dd>
<dt>单位 / Entity</dt><dd data-testid="rp-entity">${escape(c.entity_name)}</dd>
<dt>统一社会信用代码 / Credit code</dt><dd data-testid="rp-credit-code">${escape(c.unified_social_credit_code)}</dd>
<dt>行政区划 / Region</dt><dd>${escape(c.region_code)}</dd>
<dt>角色 / Roles</dt><dd data-testid="rp-roles">${escape(roles)}</dd>
</dl>
${c.entity_type === 'purchaser' && options.sync ? publishForm(published.filter((r) => (r.buyer as { id?: string } | undefined)?.id === `CN-USCC-${String(c.unified_social_credit_code)}`), platformUrl) : ''}
<form method="post" action="/logout"><button type="submit" data-testid="rp-logout">退出登录</button></form>`),
      );
    }

    if (req.method === 'GET' && url.pathname === '/login') {
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const verifier = oidc.randomPKCECodeVerifier();
      pending.set(state, { verifier, nonce });
      const to = oidc.buildAuthorizationUrl(config, {
        redirect_uri: `${baseUrl}/callback`,
        scope: 'openid profile entity',
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      return redirect(to.href, { 'set-cookie': `rp_state=${state}; HttpOnly; SameSite=Lax; Path=/` });
    }

    if (req.method === 'GET' && url.pathname === '/callback') {
      const state = cookies.rp_state;
      const started = state ? pending.get(state) : undefined;
      if (!started || url.searchParams.has('error'))
        return send(400, page(`<p data-testid="rp-error">登录未完成：${escape(url.searchParams.get('error') ?? '请求已过期')}</p><p><a class="button" href="/">返回</a></p>`));
      pending.delete(state!);
      const tokens = await oidc.authorizationCodeGrant(config, url, { pkceCodeVerifier: started.verifier, expectedState: state, expectedNonce: started.nonce });
      const sid = randomBytes(24).toString('base64url');
      sessions.set(sid, { claims: { ...tokens.claims() }, idToken: tokens.id_token! });
      return redirect('/', { 'set-cookie': [`rp_sid=${sid}; HttpOnly; SameSite=Lax; Path=/`, 'rp_state=; Max-Age=0; Path=/'] });
    }

    if (req.method === 'POST' && url.pathname === '/logout') {
      const signed = cookies.rp_sid ? sessions.get(cookies.rp_sid) : undefined;
      if (cookies.rp_sid) sessions.delete(cookies.rp_sid);
      const clear = 'rp_sid=; Max-Age=0; Path=/';
      if (!signed) return redirect('/', { 'set-cookie': clear });
      const to = oidc.buildEndSessionUrl(config, { id_token_hint: signed.idToken, post_logout_redirect_uri: `${baseUrl}/` });
      return redirect(to.href, { 'set-cookie': clear });
    }

    if (req.method === 'POST' && url.pathname === '/backchannel-logout') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const token = new URLSearchParams(Buffer.concat(chunks).toString()).get('logout_token');
      try {
        const claims = await verifyLogoutToken(token ?? '');
        for (const [id, s] of sessions) if (s.claims.sub === claims.sub && (!claims.sid || s.claims.sid === claims.sid)) sessions.delete(id);
        backchannelLogouts.push(String(claims.sub));
        res.writeHead(200, { 'cache-control': 'no-store' });
        return void res.end();
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ error: 'invalid_request' }));
      }
    }
    if (outbox?.(req, res)) return;

    if (req.method === 'POST' && url.pathname === '/tenders' && options.sync) {
      const signed = cookies.rp_sid ? sessions.get(cookies.rp_sid) : undefined;
      if (!signed || signed.claims.entity_type !== 'purchaser') return send(403, page('<p>只有招标人可以发布招标公告。 / Only a tenderer publishes tenders.</p>'));
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      const title = (form.get('title') ?? '').trim().slice(0, 100);
      const budgetYuan = Number(form.get('budget'));
      if (title.length < 4 || !Number.isFinite(budgetYuan) || budgetYuan <= 0) return send(422, page('<p data-testid="rp-error">请填写项目名称（至少4个字）和预算金额（元）。</p><p><a class="button" href="/">返回</a></p>'));
      const c = signed.claims;
      const [tender] = worksTenderReleases({
        prefix: 'ocds-shjs01',
        number: `JSGC-${now().toISOString().slice(0, 10).replace(/-/g, '')}-${String(published.length + 1).padStart(4, '0')}`,
        title,
        buyer: { name: String(c.entity_name), creditCode: String(c.unified_social_credit_code) },
        bidders: [],
        winner: null,
        budgetFen: Math.round(budgetYuan * 100),
        publishedAt: now().toISOString(),
        regionCode: String(c.region_code),
      });
      const tally = await pushReleases(platformUrl, options.sync, [tender!], 1, now);
      if (tally.accepted === 1) published.push(tender!);
      const outcome = tally.accepted === 1 ? `<p data-testid="rp-synced">已发布并同步至总平台。 / Published and synced to the main platform.</p>` : `<p data-testid="rp-error">总平台未接收：${escape(tally.refused.map((r) => `${r.path} ${r.message}`).join('；'))}</p>`;
      return send(200, page(`${outcome}<p><a class="button" href="/">返回 / Back</a></p>`));
    }

    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      return void res.end();
    }
    send(404, page('<p>页面不存在 / Not found</p>'));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page(`<p data-testid="rp-error">出错了 / Error: ${escape((error as Error).message)}</p>`));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: options.publicUrl ?? `http://${host}:${port}`,
    backchannelLogouts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
