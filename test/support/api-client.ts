import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/demo/demo-accounts';
import { totpCode } from '../../src/identity/totp';

/** What the test helpers need from a platform: in-process (inject) or a real server over HTTP. */
export interface ApiClient {
  baseUrl: string;
  /** `ip` is the client's address (a proxy's X-Forwarded-For over HTTP); `headers` come back lower-cased. */
  api(
    method: string,
    url: string,
    options?: { body?: unknown; cookie?: string; raw?: Buffer; contentType?: string; ip?: string },
  ): Promise<{ status: number; body: any; cookie?: string; headers: Record<string, string | undefined> }>;
  /** Signs in a demo account (completing its second factor if it has one); returns the session cookie. */
  signIn(username: string, password?: string): Promise<string>;
}

export async function demoSignIn(api: ApiClient['api'], username: string, password = DEMO_PASSWORD, totpTime: () => Date = () => new Date()): Promise<string> {
  const login = await api('POST', '/api/session', { body: { username, password } });
  if (login.status !== 200) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(login.body)}`);
  if (login.body.stage !== 'secondFactor') return login.cookie!;
  const check = await api('POST', '/api/session/second-factor', { body: { code: totpCode(DEMO_TOTP_SECRET, totpTime()) }, cookie: login.cookie });
  if (check.status !== 200) throw new Error(`second factor of ${username} failed: ${JSON.stringify(check.body)}`);
  // The session id changes once the second factor is checked.
  return check.cookie!;
}

/** An ApiClient for a platform running in another process. */
export function httpClient(baseUrl: string): ApiClient {
  const api: ApiClient['api'] = async (method, url, { body, cookie, raw, contentType, ip } = {}) => {
    const response = await fetch(baseUrl + url, {
      method,
      headers: { ...(cookie ? { cookie } : {}), ...(ip ? { 'x-forwarded-for': ip } : {}), ...(raw ? { 'content-type': contentType ?? 'application/octet-stream' } : body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: raw ? new Uint8Array(raw) : body === undefined ? undefined : JSON.stringify(body),
    });
    const sid = /sid=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
    const json = (response.headers.get('content-type') ?? '').includes('json');
    return {
      status: response.status,
      body: json ? await response.json() : Buffer.from(await response.arrayBuffer()),
      cookie: sid ? `sid=${sid}` : undefined,
      headers: Object.fromEntries(response.headers.entries()),
    };
  };
  return { baseUrl, api, signIn: (username, password) => demoSignIn(api, username, password) };
}

