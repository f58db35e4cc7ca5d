import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createPlatform, type RunningPlatform } from '../../src/app';
import type { BlobStore } from '../../src/platform/blobs/blob-store';
import { seedDemoData } from '../../src/demo/seed-demo';
import { demoSignIn, type ApiClient } from './api-client';

export type { ApiClient } from './api-client';
export { httpClient } from './api-client';
import { ManualClock } from '../../src/platform/clock';
import { loadConfig } from '../../src/platform/config';

/** 10:00 in Shanghai on Monday 2 March 2026, a working day. */
export const DEFAULT_TEST_START = '2026-03-02T02:00:00.000Z';

export interface TestPlatform extends RunningPlatform, ApiClient {
  clock: ManualClock;
  /** Where a browser can reach the platform, when started with `listen`. */
  baseUrl: string;
  /** The connection string of this file's own database (PostgreSQL runs only). */
  databaseUrl: string | undefined;
  dataDir: string;
  masterKey: Buffer;
}

/** A fresh database for this test file: a new PostgreSQL database, or a clone of the PGlite template. */
async function freshDatabaseUrl(): Promise<string | undefined> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return undefined;
  const name = `yiwang_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

/**
 * `env` adds configuration variables (e.g. COOKIE_SECURE) to the test's own. `sameDatabaseAs`
 * starts a second platform on another platform's PostgreSQL database and clock, as a second
 * process of one installation would run. `blobs` makes the blob store, in the test's data directory
 * (to record or fail its steps).
 */
export async function startTestPlatform(
  options: { demo?: boolean; listen?: boolean; now?: string; env?: Record<string, string>; sameDatabaseAs?: TestPlatform; blobs?: (dataDir: string) => BlobStore } = {},
): Promise<TestPlatform> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-test-'));
  const shared = options.sameDatabaseAs;
  if (shared && !shared.databaseUrl) throw new Error('only a PostgreSQL database can be shared by two platforms');
  const databaseUrl = shared ? shared.databaseUrl : await freshDatabaseUrl();
  const clock = shared?.clock ?? new ManualClock(options.now ?? DEFAULT_TEST_START);
  const masterKey = shared?.masterKey ?? randomBytes(32);
  const config = loadConfig({ ...options.env, DATA_DIR: dataDir, TEST_CLOCK: '1', DEMO_DATA: '0', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const template = databaseUrl ? undefined : new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
  // Unexpected errors (500) are logged so a failing test shows why.
  const running = await createPlatform({ config, clock, pgliteDir: 'memory://', pgliteTemplate: template, masterKey, logger: { level: 'error' }, blobs: options.blobs?.(dataDir) });
  if (options.demo) await seedDemoData(running.platform, { projects: false });
  let baseUrl = '';
  if (options.listen) {
    await running.app.listen({ port: 0, host: '127.0.0.1' });
    const address = running.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  const api: TestPlatform['api'] = async (method, url, { body, cookie, raw, contentType, ip } = {}) => {
    const response = await running.app.inject({
      method: method as never,
      url,
      ...(ip ? { remoteAddress: ip } : {}),
      headers: { ...(cookie ? { cookie } : {}), ...(raw ? { 'content-type': contentType ?? 'application/octet-stream' } : body !== undefined ? { 'content-type': 'application/json' } : {}) },
      payload: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const setCookie = response.cookies.find((c) => c.name === 'sid');
    const json = String(response.headers['content-type'] ?? '').includes('json');
    return {
      status: response.statusCode,
      body: json ? JSON.parse(response.body) : response.rawPayload,
      cookie: setCookie ? `sid=${setCookie.value}` : undefined,
      headers: Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, v === undefined ? undefined : String(v)])),
    };
  };

  const signIn = (username: string, password?: string) =>
    demoSignIn(api, username, password, () => {
      // A code is accepted once per 30-second step: move the clock to a fresh step first.
      clock.advance(30_000);
      return clock.now();
    });

  return {
    ...running,
    clock,
    baseUrl,
    databaseUrl,
    dataDir,
    masterKey,
    api,
    signIn,
    async close() {
      await running.close();
      if (databaseUrl && !shared) await dropDatabase(databaseUrl);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
