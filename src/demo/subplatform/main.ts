// `npm run demo:subplatform`: the demo construction sub-platform, signing in through the platform.
// Env: SSO_ISSUER (default http://localhost:3000/oidc), DEMO_SUBPLATFORM_URL (default http://127.0.0.1:3100,
// as the platform's demo data registers it), SSO_CLIENT_ID / SSO_CLIENT_SECRET and SYNC_KEY_ID / SYNC_SECRET (default the demo's).
import { DEMO_SSO_CLIENT_ID, DEMO_SSO_CLIENT_SECRET, DEMO_SUBPLATFORM_NAME, DEMO_SYNC_KEY } from './demo-client';
import { startDemoSubPlatform } from './server';

const publicUrl = (process.env.DEMO_SUBPLATFORM_URL ?? 'http://127.0.0.1:3100').replace(/\/+$/, '');
const listenUrl = new URL(publicUrl);
const running = await startDemoSubPlatform({
  issuer: process.env.SSO_ISSUER ?? 'http://localhost:3000/oidc',
  clientId: process.env.SSO_CLIENT_ID ?? DEMO_SSO_CLIENT_ID,
  clientSecret: process.env.SSO_CLIENT_SECRET ?? DEMO_SSO_CLIENT_SECRET,
  port: Number(process.env.DEMO_SUBPLATFORM_PORT ?? listenUrl.port ?? 3100),
  host: process.env.DEMO_SUBPLATFORM_HOST ?? listenUrl.hostname,
  publicUrl,
  sync: { keyId: process.env.SYNC_KEY_ID ?? DEMO_SYNC_KEY.keyId, secret: process.env.SYNC_SECRET ?? DEMO_SYNC_KEY.secret },
});
console.log(`${DEMO_SUBPLATFORM_NAME}（演示子平台 / demo sub-platform）: ${running.url}/`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void running.close().finally(() => process.exit(0)));
