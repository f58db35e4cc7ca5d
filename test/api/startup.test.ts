import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { serverEnvironment, spawnServer, type ServerEnvironment } from '../support/server-process';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-start-'));
let environment: ServerEnvironment | undefined;

afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  await environment?.drop();
});

describe('starting the platform from nothing (src/main.ts, as `npm start` runs it)', () => {
  it('creates its database, prints the URL and the demo accounts, serves, stops cleanly, and leaves an intact audit trail', async () => {
    environment = await serverEnvironment(dataDir, `yiwang_start_${process.pid}`);
    const server = await spawnServer(environment.env);
    const output = server.output();
    expect(output).toContain('Demo@2026');
    for (const role of ['operator', 'supervisor', 'authority', 'treasury', 'purchaser', 'agency', 'supplier', 'expert']) expect(output).toContain(role);

    const health = await (await fetch(`${server.baseUrl}/api/health`)).json();
    expect(health).toEqual({ status: 'ok', database: environment.databaseUrl ? 'postgres' : 'pglite' });
    const login = await fetch(`${server.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'purchaser', password: 'Demo@2026' }) });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);

    // Someone keeps a copy of the published checkpoints; the audit check refuses a live PGlite data directory.
    const checkpoints = path.join(dataDir, 'checkpoints.json');
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
  }, 180_000);
});
