import path from 'node:path';

/** Everything the platform reads from its environment; nothing else reads process.env. */
export interface PlatformConfig {
  port: number;
  host: string;
  /** How many API processes serve the port (WEB_CONCURRENCY); more than one needs a PostgreSQL server. */
  webConcurrency: number;
  /** Where PGlite keeps its files, the master key and (later) the blob store. */
  dataDir: string;
  /** A PostgreSQL server (15+) instead of the embedded PGlite. */
  databaseUrl: string | undefined;
  /** Fill an empty database with the demo data set. */
  demoData: boolean;
  /** Send the session cookie with `Secure`; on whenever the platform is served over HTTPS. */
  cookieSecure: boolean;
  /**
   * Which proxies' X-Forwarded-For to believe (Fastify's trustProxy): a client's address
   * decides its sign-in budget, so a client reaching the platform directly must not name its own.
   */
  trustProxy: boolean | string;
  /** Expose the test-only clock route; never in production. */
  testClock: boolean;
  /** The database role the application works as (no UPDATE/DELETE on the audit trail). */
  appRole: string;
  logLevel: string;
  /** The platform operator created on a first start without demo data. */
  operator: { name: string; creditCode: string; regionCode: string };
  /** The registered OCDS prefix; every project's ocid is this prefix + its transaction code. */
  ocidPrefix: string;
  /** Where the public reaches the platform (no trailing slash): the links in open data (OCDS) point here. */
  publicUrl: string;
  /** Base64 of 32 bytes; otherwise <dataDir>/master.key is used (created on first start). */
  masterKey: string | undefined;
  /** Where the demo sub-platform (`npm run demo:subplatform`) is served: demo data registers it for single sign-on there. */
  demoSubPlatformUrl: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const flag = (name: string, fallback: boolean) => (env[name] === undefined ? fallback : ['1', 'true', 'yes'].includes(env[name]!.toLowerCase()));
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const webConcurrency = Number(env.WEB_CONCURRENCY || 1);
  if (!Number.isInteger(webConcurrency) || webConcurrency < 1) throw new Error(`WEB_CONCURRENCY must be a number of processes (1 or more), got ${env.WEB_CONCURRENCY}`);
  const appRole = env.DATABASE_APP_ROLE ?? 'yiwang_app';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(appRole)) throw new Error('DATABASE_APP_ROLE must be a plain lower-case identifier');
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    webConcurrency,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    demoData: flag('DEMO_DATA', true),
    cookieSecure: flag('COOKIE_SECURE', false),
    trustProxy: trustProxy(env.TRUST_PROXY),
    testClock: flag('TEST_CLOCK', false),
    appRole,
    logLevel: env.LOG_LEVEL ?? 'info',
    operator: {
      name: env.OPERATOR_NAME ?? '上海市公共资源交易中心',
      creditCode: env.OPERATOR_CREDIT_CODE ?? '12310000425000001L',
      regionCode: env.OPERATOR_REGION ?? '310000',
    },
    ocidPrefix: env.OCDS_PREFIX ?? 'ocds-ywjy01',
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    masterKey: env.PLATFORM_MASTER_KEY || undefined,
    demoSubPlatformUrl: (env.DEMO_SUBPLATFORM_URL ?? 'http://127.0.0.1:3100').replace(/\/+$/, ''),
  };
}

/** Unset: only a proxy on the same host (loopback). `0`: none. Otherwise addresses or CIDR ranges, comma-separated. */
function trustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value.trim() === '') return 'loopback';
  if (['0', 'false', 'no'].includes(value.toLowerCase())) return false;
  return value;
}
