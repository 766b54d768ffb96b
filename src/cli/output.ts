import { once } from 'node:events';
import { createWriteStream, openSync, renameSync, rmSync } from 'node:fs';

/** A JSON-lines file written next to its destination and moved into place only when complete. */
export interface AtomicJsonLines {
  /** Appends one value as a line, waiting when the disk falls behind. */
  write(value: unknown): Promise<void>;
  /** Flushes and renames OUTPUT.partial to OUTPUT. */
  commit(): Promise<void>;
  /** Removes the partial file after a failure, once pending writes have settled. */
  abort(): Promise<void>;
}

const cannotWrite = (output: string, error: unknown) =>
  new Error(`Cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message ?? String(error)}`);

/**
 * Opens OUTPUT.partial for writing, so that readers never see half an output and a failed run
 * leaves no file behind. Throws "Cannot write OUTPUT: CODE" at once when the file cannot be made.
 */
export function openAtomicJsonLines(output: string): AtomicJsonLines {
  const partial = `${output}.partial`;
  let fd: number;
  try {
    fd = openSync(partial, 'w');
  } catch (error) {
    throw cannotWrite(output, error);
  }
  const out = createWriteStream(partial, { fd, encoding: 'utf8' });
  // Errors surface through end()'s callback; the listener keeps them from crashing the process.
  out.on('error', () => undefined);
  const finish = () => new Promise<Error | null | undefined>((resolve) => out.end(resolve));
  return {
    async write(value) {
      if (!out.write(`${JSON.stringify(value)}\n`)) {
        if (out.errored) throw out.errored;
        await once(out, 'drain');
      }
    },
    async commit() {
      const error = await finish();
      if (error) throw cannotWrite(output, error);
      renameSync(partial, output);
    },
    async abort() {
      if (!out.writableFinished) await finish();
      rmSync(partial, { force: true });
    },
  };
}
