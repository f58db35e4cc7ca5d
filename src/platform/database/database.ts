import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { restrictToOwner } from '../data-dir';
import { applyPrivileges } from './privileges';

/** The largest value an integer (int4) column holds: inputs stored in one are checked against it, so a larger one is refused, not a database error. */
export const INT4_MAX = 2_147_483_647;

/** A Drizzle database or an open transaction on it; stores take either. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  kind: 'pglite' | 'postgres';
  /** Works as the application role. */
  db: Db;
  /** Runs raw SQL as the connecting (owner) role: migrations, tests that tamper on purpose. */
  execAsOwner(statement: string): Promise<void>;
  close(): Promise<void>;
  /** How many statements the platform has sent so far (BEGIN and COMMIT not counted): bench:deadline prints it per bid. */
  statements(): number;
  /** PGlite only: a dump of the whole data directory (tests use it as a template). */
  dumpDataDir?(): Promise<Blob>;
}

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data directory, or 'memory://' for a throw-away database. */
  pgliteDir: string;
  /** A PGlite data directory dump to start from (tests clone a migrated template). */
  pgliteTemplate?: Blob;
  appRole: string;
  poolSize?: number;
}

/** Opens the database, brings its schema up to date and switches to the application role. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.appRole, options.poolSize ?? 10)
    : openPglite(options.pgliteDir, options.appRole, options.pgliteTemplate);
}

/** Another process holds the PGlite data directory. */
export class DataDirInUseError extends Error {}

const heldDataDirs = new Set<string>();

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is PostgreSQL in this process, without a postmaster to keep out a second one: two
 * processes on one data directory corrupt it, and one reading while the other writes sees a torn
 * state. Whoever opens it (the platform, `npm run audit:verify`) holds `<dir>.pid`, created
 * exclusively; a file left by a process that is gone is taken over. Returns the release.
 */
function holdDataDir(dir: string): () => void {
  const file = `${path.resolve(dir)}.pid`;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      heldDataDirs.add(file);
      return () => {
        heldDataDirs.delete(file);
        fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let pid: number;
    try {
      pid = Number(fs.readFileSync(file, 'utf8').trim());
    } catch {
      continue; // released meanwhile
    }
    // Our own pid in a file we do not hold is left from an earlier life of this pid (a restarted container).
    const inUse = pid === process.pid ? heldDataDirs.has(file) : processAlive(pid);
    if (inUse)
      throw new DataDirInUseError(
        `数据目录 ${dir} 正由进程 ${pid} 使用（平台正在运行？），为保护数据不予打开，请先停止该进程 / ` +
          `The data directory ${dir} is in use by process ${pid} (is the platform running?) and is not opened, to keep its data safe; stop that process first. ` +
          `(If no such process runs, delete ${file}.)`,
      );
    fs.rmSync(file, { force: true });
  }
}

async function openPglite(dir: string, appRole: string, template?: Blob): Promise<Database> {
  let release = () => {};
  if (dir !== 'memory://') {
    fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
    release = holdDataDir(dir);
  }
  try {
    if (dir !== 'memory://') fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // PGlite's shared buffers are the server process's own memory (the WASM heap never shrinks), and
    // the operating system already caches the data directory's files: 64 MB, not PostgreSQL's 128 MB.
    // pg_trgm: the notice search's fuzzy names (migrations create the extension, PGlite must have it loaded).
    const client = new PGlite(dir, { postgresqlconf: 'shared_buffers = 64MB', extensions: { pg_trgm }, ...(template ? { loadDataDir: template } : {}) });
    await client.waitReady;
    await migratePglite(drizzlePglite({ client, casing: 'snake_case' }), { migrationsFolder });
    const counter = statementCounter();
    const db = drizzlePglite({ client, casing: 'snake_case', logger: counter.logger });
    await applyPrivileges(async (s) => void (await client.exec(s)), appRole);
    // PGlite has a single connection: switch it to the application role for good.
    await client.exec(`SET ROLE ${appRole}`);
    if (dir !== 'memory://') restrictToOwner(dir);
    return {
      kind: 'pglite',
      db: db as unknown as Db,
      statements: counter.statements,
      async execAsOwner(statement) {
        await client.exec(`RESET ROLE; ${statement}; SET ROLE ${appRole}`);
      },
      async close() {
        await client.close();
        if (dir !== 'memory://') restrictToOwner(dir);
        release();
      },
      dumpDataDir: () => client.dumpDataDir('none'),
    };
  } catch (error) {
    release();
    throw error;
  }
}

async function openPostgres(url: string, appRole: string, poolSize: number): Promise<Database> {
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  try {
    // Several processes may start at once; one migrates, the others wait for it.
    await owner.query(`SELECT pg_advisory_lock(hashtext('yiwang.migrate'))`);
    const versionNum = Number((await owner.query('SHOW server_version_num')).rows[0].server_version_num);
    if (versionNum < 150000) throw new Error(`PostgreSQL 15 or newer is required (server is ${versionNum})`);
    await migratePg(drizzlePg({ client: owner, casing: 'snake_case' }), { migrationsFolder });
    await applyPrivileges(async (s) => void (await owner.query(s)), appRole);
  } finally {
    await owner.query(`SELECT pg_advisory_unlock(hashtext('yiwang.migrate'))`).catch(() => undefined);
    await owner.end();
  }
  // Every pooled connection starts as the application role (a startup parameter, so no
  // query can run before the switch).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c role=${appRole}` });
  // An idle connection the server drops (restart, failover, pg_terminate_backend) emits 'error' on
  // the pool; without a listener Node treats it as an uncaught exception and the platform exits.
  // The pool discards that connection and opens a new one on the next query.
  pool.on('error', (error) => console.error('PostgreSQL: an idle connection failed and was discarded:', error.message));
  const counter = statementCounter();
  const db = drizzlePg({ client: pool, casing: 'snake_case', logger: counter.logger });
  return {
    kind: 'postgres',
    db: db as unknown as Db,
    statements: counter.statements,
    async execAsOwner(statement) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    },
    close: () => pool.end(),
  };
}

/** Counts the statements Drizzle sends (its logger sees every one, in transactions too); LOG_STATEMENTS=1 also prints them, to profile a request. */
function statementCounter() {
  let count = 0;
  const logQuery = (query: string) => {
    count++;
    if (process.env.LOG_STATEMENTS) console.log(`SQL ${query.slice(0, 200)}`);
  };
  return { logger: { logQuery }, statements: () => count };
}

const preparedStatements = new WeakMap<Db, Map<unknown, unknown>>();

/**
 * A statement a request makes every time (authentication, an upload's own row), prepared once per
 * database from its builder: Drizzle builds it once, PostgreSQL plans it once per connection.
 */
export function prepared<Statement>(db: Db, build: (db: Db) => Statement): Statement {
  let byBuilder = preparedStatements.get(db);
  if (!byBuilder) preparedStatements.set(db, (byBuilder = new Map()));
  let statement = byBuilder.get(build) as Statement | undefined;
  if (!statement) byBuilder.set(build, (statement = build(db)));
  return statement;
}

/** Whether a failed statement broke the named unique constraint (PostgreSQL's error, wrapped by Drizzle or not). */
export function violates(error: unknown, constraint: string): boolean {
  for (let e = error as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505' && (e.constraint === constraint || e.message?.includes(constraint))) return true;
  }
  return false;
}

/** Runs `work` again (twice at most) when it lost a race on `constraint` to a concurrent commit; its next snapshot sees the winner. */
export async function againIfViolated<T>(constraint: string, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt === 3 || !violates(error, constraint)) throw error;
    }
  }
}

/** Rows of a raw query, whichever driver ran it. */
export async function queryRows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
