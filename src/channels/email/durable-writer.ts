import { Worker } from 'node:worker_threads';

// Runs in a worker thread. Plain CommonJS, evaluated, so it needs no build step and works the
// same from sources and from dist/. Writes go through the promise API there, so several files
// are in flight at once (their fsyncs overlap on the thread pool).
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { open, rename, unlink } = require('node:fs/promises');
async function write(temporary, path, bytes) {
  const file = await open(temporary, 'w');
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
}
parentPort.on('message', ({ id, temporary, path, bytes }) => {
  write(temporary, path, bytes).then(
    () => parentPort.postMessage({ id }),
    (error) => {
      unlink(temporary).catch(() => undefined);
      parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
    },
  );
});
`;

interface Pending {
  worker: Worker;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Writes files durably (a temporary name, fsync, rename) from a worker thread. Every inbound mail
 * is written so before it is acknowledged; done from the main thread, its five file-system calls
 * each hand work to the thread pool and take its answer back, which on a busy two-core machine
 * cost the event loop more than the rest of storing the mail. Here the main thread posts one
 * message and gets one back. The worker starts on first use, holds the process open only while
 * writes are pending, and is started again after a crash (the writes in flight then fail, and the
 * caller answers the sender with a temporary error).
 */
export class DurableFileWriter {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  /** Writes `bytes` to `temporary`, fsyncs it and renames it to `path`; resolves once the file is durable. */
  write(temporary: string, path: string, bytes: Buffer): Promise<void> {
    const worker = this.worker ?? this.start();
    const id = ++this.nextId;
    return new Promise<void>((resolve, reject) => {
      // Referenced only while a write is pending: an idle writer never keeps the process alive.
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { worker, resolve, reject });
      worker.postMessage({ id, temporary, path, bytes });
    });
  }

  /** Stops the worker once the writes in flight are done. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    while (this.pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    this.worker = null;
    await worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.on('message', (message: { id: number; error?: { message: string; code?: string } }) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.settle(message.id);
      if (message.error) waiting.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
      else waiting.resolve();
    });
    // A crashed worker fails its own writes; the next write starts a new one.
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const [id, waiting] of this.pending) {
        if (waiting.worker !== worker) continue;
        this.settle(id);
        waiting.reject(error);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the file writer stopped (exit code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(id: number): void {
    const { worker } = this.pending.get(id)!;
    this.pending.delete(id);
    if (![...this.pending.values()].some((p) => p.worker === worker)) worker.unref();
  }
}
