/**
 * The demo construction sub-platform's single sign-on registration: a known client id and secret,
 * like the demo accounts' known password (demo data only; a real sub-platform is registered by the
 * operator and gets a random secret, shown once).
 */
export const DEMO_SSO_CLIENT_ID = 'demo-construction-subplatform';
export const DEMO_SSO_CLIENT_SECRET = 'demo-sso-secret-2026-not-for-production';
export const DEMO_SUBPLATFORM_NAME = '上海市公共资源交易平台（建设工程招投标分平台）';

/** The registration's addresses, for a demo sub-platform served at `baseUrl`. */
export const demoSubPlatformUris = (baseUrl: string) => ({
  redirectUris: [`${baseUrl}/callback`],
  postLogoutRedirectUris: [`${baseUrl}/`],
  backchannelLogoutUri: `${baseUrl}/backchannel-logout`,
  initiateLoginUri: `${baseUrl}/login`,
});

/** Its API key for the sync API (demo data only, known like the SSO secret). */
export const DEMO_SYNC_KEY = { keyId: 'sp_demo_construction', secret: 'demo-sync-secret-2026-not-for-production' };
