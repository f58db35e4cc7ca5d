import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type TransferListItem } from 'node:worker_threads';

/** What a task module exports: `run`, answering with its result and the buffers to move (not copy) back. */
export type WorkerTask<Task, Result> = (task: Task) => Promise<{ result: Result; transfer: ArrayBuffer[] }>;

/**
 * Node 20 does not apply module hooks (tsx's loader) inside worker threads, but tsx's require
 * hook works there: each worker registers it, then requires the TypeScript task module.
 * The task module is compiled as CommonJS, so it must not use `import.meta` or top-level await.
 */
const tsxRequireHook = createRequire(import.meta.url).resolve('tsx/cjs');
const bootstrap = (taskModule: string) => `
  require(${JSON.stringify(tsxRequireHook)});
  const { parentPort } = require('node:worker_threads');
  const { run } = require(${JSON.stringify(taskModule)});
  parentPort.on('message', ({ id, task }) => run(task).then(
    ({ result, transfer }) => parentPort.postMessage({ id, result }, transfer),
    (error) => parentPort.postMessage({ id, error: String(error?.stack ?? error) }),
  ));`;

interface Pending<Result> {
  resolve(result: Result): void;
  reject(error: Error): void;
}

interface Thread<Result> {
  worker: Worker;
  pending: Map<number, Pending<Result>>;
}

/**
 * A few worker threads running one task module, for CPU-heavy work (hashing, decrypting, parsing
 * PDFs) that would otherwise hold up every request on the main thread. A task goes at once to the
 * least busy worker, which runs its tasks interleaved at their awaits: a worker never waits for the
 * busy main thread to hand it the next one. Workers start on first use and hold the process open
 * only while they have tasks.
 */
export class WorkerPool<Task, Result> {
  private readonly threads: Thread<Result>[] = [];
  private nextId = 0;

  constructor(
    private readonly taskModule: URL,
    private readonly size = availableParallelism(),
  ) {}

  run(task: Task, transfer: TransferListItem[] = []): Promise<Result> {
    const thread = this.leastBusy();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.ref();
      thread.worker.postMessage({ id, task }, transfer);
    });
  }

  private leastBusy(): Thread<Result> {
    const idle = this.threads.find((t) => t.pending.size === 0);
    if (idle) return idle;
    if (this.threads.length < this.size) return this.spawn();
    return this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  private spawn(): Thread<Result> {
    const thread: Thread<Result> = { worker: new Worker(bootstrap(fileURLToPath(this.taskModule)), { eval: true }), pending: new Map() };
    const { worker, pending } = thread;
    this.threads.push(thread);
    worker.on('message', (message: { id: number; result: Result } | { id: number; error: string }) => {
      const task = pending.get(message.id)!;
      pending.delete(message.id);
      if (pending.size === 0) worker.unref();
      if ('error' in message) task.reject(new Error(message.error));
      else task.resolve(message.result);
    });
    // A worker that died takes its tasks with it; the next task starts a fresh one.
    const fail = (error: Error) => {
      const at = this.threads.indexOf(thread);
      if (at >= 0) this.threads.splice(at, 1);
      for (const task of pending.values()) task.reject(error);
      pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('the worker thread exited')));
    return thread;
  }
}
