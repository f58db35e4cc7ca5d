import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { secureDataDir } from './data-dir';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-datadir-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('the data directory is for the platform user only', () => {
  it('is created 0700 and what the process writes into it afterwards is 0600', () => {
    const dir = path.join(root, 'fresh', 'data');
    const warnings: string[] = [];
    secureDataDir(dir, (m) => warnings.push(m));
    fs.writeFileSync(path.join(dir, 'written-after'), 'x');
    fs.mkdirSync(path.join(dir, 'sub'));
    expect([mode(dir), mode(path.join(dir, 'written-after')), mode(path.join(dir, 'sub'))]).toEqual([0o700, 0o600, 0o700]);
    expect(warnings).toEqual([]);
  });

  it('closes an existing directory that others could reach, and its files, with a warning', () => {
    const dir = path.join(root, 'old');
    fs.mkdirSync(path.join(dir, 'pglite'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'pglite', 'pg_hba.conf'), 'x');
    fs.chmodSync(path.join(dir, 'pglite', 'pg_hba.conf'), 0o666);
    fs.chmodSync(path.join(dir, 'pglite'), 0o777);
    fs.chmodSync(dir, 0o755);
    const warnings: string[] = [];
    secureDataDir(dir, (m) => warnings.push(m));
    expect([mode(dir), mode(path.join(dir, 'pglite')), mode(path.join(dir, 'pglite', 'pg_hba.conf'))]).toEqual([0o700, 0o700, 0o600]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('755');
    expect(warnings[0]).toContain('仅限本用户');
  });
});
