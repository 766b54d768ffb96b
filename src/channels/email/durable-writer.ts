import { WorkerCalls } from '../../platform/worker-calls.js';

// Runs in the worker. Writes go through the promise API there, so several files are in flight at
// once (their fsyncs overlap on the thread pool); a failed write leaves no temporary file behind.
const WRITER_SOURCE = `
const { open, rename, unlink } = require('node:fs/promises');
async function handle({ temporary, path, bytes }) {
  try {
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
`;

/**
 * Writes files durably (a temporary name, fsync, rename) from a worker thread. Every inbound mail
 * is written so before it is acknowledged; done from the main thread, its five file-system calls
 * each hand work to the thread pool and take its answer back, which on a busy two-core machine
 * cost the event loop more than the rest of storing the mail. Here the main thread posts one
 * message and gets one back.
 */
export class DurableFileWriter {
  private readonly calls = new WorkerCalls<{ temporary: string; path: string; bytes: Uint8Array }, void>(WRITER_SOURCE);

  /** Writes `bytes` to `temporary`, fsyncs it and renames it to `path`; resolves once the file is durable. */
  write(temporary: string, path: string, bytes: Buffer): Promise<void> {
    return this.calls.call({ temporary, path, bytes });
  }

  /** Stops the worker once the writes in flight are done (the next write starts it again). */
  close(): Promise<void> {
    return this.calls.close();
  }
}
