import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/database/database';

const root = path.resolve(import.meta.dirname, '../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Once per test run: a migrated PGlite data directory that every test file clones (1 s
 * instead of 5 s each), and the web app built for the browser tests when its sources changed.
 */
export default async function setup(project: TestProject) {
  const migrations = path.join(root, 'migrations');
  const digest = createHash('sha256');
  for (const f of fs.readdirSync(migrations, { recursive: true }).map(String).sort()) {
    const file = path.join(migrations, f);
    if (fs.statSync(file).isFile()) digest.update(f).update(fs.readFileSync(file));
  }
  const templatePath = path.join(os.tmpdir(), `yiwang-pglite-${digest.digest('hex').slice(0, 16)}.tar`);
  if (!fs.existsSync(templatePath)) {
    const database = await openDatabase({ pgliteDir: 'memory://', appRole: 'yiwang_app' });
    const dump = await database.dumpDataDir!();
    await database.close();
    fs.writeFileSync(`${templatePath}.part`, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(`${templatePath}.part`, templatePath);
  }
  project.provide('pgliteTemplate', templatePath);

  const dist = path.join(root, 'web/dist/index.html');
  if (!fs.existsSync(path.join(root, 'web/src'))) return;
  const webSources = Math.max(newestMtime(path.join(root, 'web/src')), fs.statSync(path.join(root, 'web/index.html')).mtimeMs);
  if (!fs.existsSync(dist) || fs.statSync(dist).mtimeMs < webSources) {
    // The bundle users get: under vitest NODE_ENV is 'test', which would build React's and antd's development warnings in.
    execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
