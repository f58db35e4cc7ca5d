import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';

/**
 * The platform as a real process (`src/main.ts`, as `npm start` runs it), for tests and benchmarks
 * that need to kill it, restart it or load it from outside.
 */
const root = path.resolve(import.meta.dirname, '../..');

export interface ServerEnvironment {
  env: NodeJS.ProcessEnv;
  /** The database it uses when the run is on a PostgreSQL server (DATABASE_URL set). */
  databaseUrl: string | undefined;
  drop(): Promise<void>;
}

/** Environment for a server on `dataDir`, with a database of its own named `name` when on PostgreSQL. */
export async function serverEnvironment(dataDir: string, name: string, extra: NodeJS.ProcessEnv = {}): Promise<ServerEnvironment> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extra };
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { env, databaseUrl: undefined, drop: async () => undefined };
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  return { env, databaseUrl: env.DATABASE_URL, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export interface ServerProcess {
  process: ChildProcess;
  baseUrl: string;
  /** Everything it printed so far. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts node itself (not npx), so that signals reach the server process. */
export async function spawnServer(env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<ServerProcess> {
  // SERVER_NODE_ARGS adds node flags, e.g. --cpu-prof to profile the server under a benchmark.
  const nodeArgs = env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  process.once('exit', () => child.kill('SIGKILL'));
  let output = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), timeoutMs);
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /地址 URL:\s+(http:\/\/\S+?)\//.exec(output);
      // The banner is complete once the last demo account (or the URL alone, without demo data) is printed.
      if (match && (output.includes('auditadmin') || env.DEMO_DATA === '0')) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return {
    process: child,
    baseUrl,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
