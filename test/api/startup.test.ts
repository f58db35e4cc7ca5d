import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-start-'));
let databaseUrl: string | undefined;

afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (databaseUrl) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
    await admin.end();
  }
});

async function environment() {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  if (process.env.DATABASE_URL) {
    const name = `yiwang_start_${process.pid}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = databaseUrl = url.toString();
  }
  return env;
}

describe('starting the platform from nothing (src/main.ts, as `npm start` runs it)', () => {
  it('creates its database, prints the URL and the demo accounts, serves, stops cleanly, and leaves an intact audit trail', async () => {
    const env = await environment();
    // node itself (not npx) so that SIGTERM reaches the server process.
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 90_000);
      server.stdout.on('data', (chunk) => {
        output += chunk;
        const match = /地址 URL:\s+(http:\/\/\S+?)\//.exec(output);
        if (match && output.includes('auditadmin')) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      server.stderr.on('data', (chunk) => (output += chunk));
      server.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    expect(output).toContain('Demo@2026');
    for (const role of ['operator', 'supervisor', 'authority', 'treasury', 'purchaser', 'agency', 'supplier', 'expert']) expect(output).toContain(role);

    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health).toEqual({ status: 'ok', database: env.DATABASE_URL ? 'postgres' : 'pglite' });
    const login = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'purchaser', password: 'Demo@2026' }) });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);

    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    if (!env.DATABASE_URL) expect(fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);

    const verify = await promisify(execFile)('npx', ['tsx', 'src/platform/audit/verify-cli.ts'], { cwd: root, env });
    expect(verify.stdout).toContain('INTACT');
  }, 180_000);
});
