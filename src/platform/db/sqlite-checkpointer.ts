import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Runs in a worker thread with its own connection. Plain CommonJS, evaluated, so it needs no
// build step and works the same from sources and from dist/.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage({ error: String(error) }); }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/** WAL pages after which the writer checkpoints itself: a backstop should the worker stall. */
export const BACKSTOP_CHECKPOINT_PAGES = 20_000;

/**
 * Moves WAL checkpoints off the request path. A checkpoint copies the WAL into the database and
 * fsyncs both; done by the writer (SQLite's default, every 1,000 pages) it stalls whichever
 * request crosses the threshold for milliseconds, and halves write throughput. Here a worker
 * thread checkpoints every `intervalMs` without blocking writers, which also bounds what a
 * power loss can take (with synchronous=NORMAL) to about that interval.
 */
export function startCheckpointer(path: string, intervalMs: number, onError: (message: string) => void): () => Promise<void> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, intervalMs, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  worker.on('message', (message: { error?: string }) => message.error && onError(message.error));
  worker.on('error', (error) => onError(String(error)));
  worker.unref();
  return async () => {
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
    await worker.terminate();
  };
}
