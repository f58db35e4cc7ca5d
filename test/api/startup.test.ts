import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { serverEnvironment, spawnServer, type ServerEnvironment } from '../support/server-process';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-start-'));
// Not created beforehand (mkdtemp would make it 0700 already): the platform creates it.
const bareDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-start-bare-')), 'data');
const environments: ServerEnvironment[] = [];

afterAll(async () => {
  for (const dir of [dataDir, path.dirname(bareDir)]) fs.rmSync(dir, { recursive: true, force: true });
  for (const environment of environments) await environment.drop();
});

/** Files and directories under `dir` (itself included) that another user could read or write. */
function openToOthers(dir: string): string[] {
  const entries = [dir, ...fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, String(f)))];
  return entries.filter((f) => fs.lstatSync(f).mode & 0o077).map((f) => `${path.relative(dir, f) || '.'} ${(fs.lstatSync(f).mode & 0o777).toString(8)}`);
}

describe('starting the platform from nothing (src/main.ts, as `npm start` runs it)', () => {
  it('creates its database, prints the URL and the demo accounts, serves, stops cleanly, and leaves an intact audit trail', async () => {
    const environment = await serverEnvironment(dataDir, `yiwang_start_${process.pid}`);
    environments.push(environment);
    const server = await spawnServer(environment.env, 240_000);
    const output = server.output();
    expect(output).toContain('Demo@2026');
    for (const role of ['operator', 'supervisor', 'authority', 'treasury', 'purchaser', 'agency', 'supplier', 'expert']) expect(output).toContain(role);

    const health = await (await fetch(`${server.baseUrl}/api/health`)).json();
    expect(health).toEqual({ status: 'ok', database: environment.databaseUrl ? 'postgres' : 'pglite' });
    const login = await fetch(`${server.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'purchaser', password: 'Demo@2026' }) });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);

    // The demo key files are the demo suppliers' secrets: theirs to read, nobody else's.
    expect(fs.statSync(path.join(dataDir, 'demo-keys', 'supplier1.key.json')).mode & 0o777).toBe(0o600);
    expect(openToOthers(dataDir)).toEqual([]);

    // Someone keeps a copy of the published checkpoints; the audit check refuses a live PGlite data directory.
    const checkpoints = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-checkpoints-')), 'checkpoints.json');
    fs.writeFileSync(checkpoints, await (await fetch(`${server.baseUrl}/api/public/audit/checkpoints`)).text());
    if (!environment.databaseUrl) {
      const live = await promisify(execFile)('npx', ['tsx', 'src/platform/audit/verify-cli.ts'], { cwd: root, env: environment.env }).catch((e) => e);
      expect(live.code).toBe(2);
      expect(live.stderr).toContain(`is in use by process ${server.process.pid}`);
    }

    await server.stop('SIGTERM');
    if (!environment.databaseUrl) expect(fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    const verify = await promisify(execFile)('npx', ['tsx', 'src/platform/audit/verify-cli.ts', '--checkpoints', checkpoints], { cwd: root, env: environment.env });
    expect(verify.stdout).toContain('INTACT');
    expect(verify.stdout).toContain('AGREES with');
    expect(openToOthers(dataDir)).toEqual([]);
  }, 360_000);

  it('without demo data, creates DATA_DIR and every file in it (PGlite’s included) for its own user only, and writes no demo key files', async () => {
    const environment = await serverEnvironment(bareDir, `yiwang_start_bare_${process.pid}`, { DEMO_DATA: '0' });
    environments.push(environment);
    const server = await spawnServer(environment.env);
    expect(server.output()).toContain('一次性密码');
    expect(openToOthers(bareDir)).toEqual([]);
    await server.stop('SIGTERM');
    expect(openToOthers(bareDir)).toEqual([]);
    expect(fs.existsSync(path.join(bareDir, 'demo-keys'))).toBe(false);
    if (!environment.databaseUrl) expect(fs.readdirSync(path.join(bareDir, 'pglite')).length).toBeGreaterThan(10);
  }, 180_000);
});
