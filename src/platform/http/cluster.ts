import cluster from 'node:cluster';
import type { PlatformConfig } from '../config';

/**
 * How many API processes serve the port. PGlite is PostgreSQL inside one process (a second one
 * would corrupt its files): with it, one, and start-up says why.
 */
export function apiProcessCount(config: PlatformConfig): number {
  const asked = config.webConcurrency;
  if (asked > 1 && !config.databaseUrl) {
    console.warn(
      `WEB_CONCURRENCY=${asked}：内嵌数据库 PGlite 只能由一个进程打开，本次只启动一个 API 进程；要运行多个进程，请用 DATABASE_URL 连接 PostgreSQL 服务器。\n` +
        `WEB_CONCURRENCY=${asked}: the embedded PGlite database can be opened by one process only, so one API process runs; for several, set DATABASE_URL to a PostgreSQL server.`,
    );
    return 1;
  }
  return asked;
}

export interface ApiProcesses {
  /** The port they share (the one the first worker was given, when PORT is 0). */
  port: number;
  /** Stops every worker cleanly (each closes its server, jobs and database) and waits for them. */
  stop(): Promise<void>;
}

// A worker that dies is replaced after this long, so one that cannot start (database down) does not spin.
const RESTART_DELAY_MS = 1000;

/**
 * The primary forks `count` workers (this same script, in which `cluster.isWorker`), which share
 * the port; resolves once all of them listen. A worker that dies later is replaced, with a log
 * line; one that dies before they all listen fails the start, as a single process would.
 */
export function forkApiProcesses(count: number): Promise<ApiProcesses> {
  let stopping = false;
  let started = false;
  const stop = async () => {
    stopping = true;
    await Promise.all(
      Object.values(cluster.workers ?? {}).map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (!worker || worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            // A signal, not disconnect(): the worker runs its own clean stop, as a single process does.
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  };
  return new Promise((resolve, reject) => {
    let listening = 0;
    cluster.on('listening', (_worker, address) => {
      if (started || ++listening < count) return;
      started = true;
      resolve({ port: address.port, stop });
    });
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      const how = signal ?? `code ${code}`;
      if (!started) {
        void stop().then(() => reject(new Error(`API 进程 ${worker.process.pid} 启动失败（${how}） / API process ${worker.process.pid} failed to start (${how})`)));
        return;
      }
      console.error(`API 进程 ${worker.process.pid} 已退出（${how}），正在重启 / API process ${worker.process.pid} exited (${how}); starting another`);
      setTimeout(() => stopping || cluster.fork(), RESTART_DELAY_MS);
    });
    for (let i = 0; i < count; i++) cluster.fork();
  });
}
