/**
 * JSON-lines files for the commands that take or give many records: input checked and streamed
 * line by line with line numbers, output that appears whole or not at all. Memory stays flat
 * whatever the file's size.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, openSync, renameSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/** Why a path cannot be read as an input file, in words a person can act on; null when it can. */
export async function inputFileProblem(path: string): Promise<string | null> {
  const info = await stat(path).catch(() => null);
  if (!info) return `Input file not found: ${path}`;
  if (!info.isFile()) return `Input is not a file: ${path}`;
  if (info.size === 0) return `Input file is empty: ${path}`;
  return null;
}

/** A non-blank line of a JSON-lines file: its 1-based number and its parsed value (or the parse failure). */
export type JsonLine = { line: number; value: unknown; error?: undefined } | { line: number; value?: undefined; error: string };

/**
 * Streams a JSON-lines file: each non-blank line parsed, in order, with its line number (a UTF-8
 * byte order mark is ignored). A line that is not JSON comes back with `error` rather than
 * throwing, so callers choose whether to stop or to report every bad line. A file that cannot
 * be opened throws "Cannot read PATH: CODE".
 */
export async function* readJsonLines(path: string): AsyncGenerator<JsonLine> {
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(new Error(`Cannot read ${path}: ${error.code ?? error.message}`));
    input.once('error', failed).once('open', () => {
      input.off('error', failed);
      resolve();
    });
  });
  let line = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch {
      yield { line, error: 'not valid JSON' };
    }
  }
}

/** A JSON-lines file written next to its destination and moved into place only when complete. */
export interface AtomicJsonLines {
  /** Appends one value as a line, waiting when the disk falls behind. */
  write(value: unknown): Promise<void>;
  /** Flushes and renames OUTPUT.partial to OUTPUT. */
  commit(): Promise<void>;
  /** Removes the partial file after a failure, once pending writes have settled. */
  abort(): Promise<void>;
}

/** Lines are handed to the stream in chunks this large: one stream write per line costs more than the JSON. */
const CHUNK_CHARS = 1 << 16;

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
  let chunk = '';
  const finish = () =>
    new Promise<Error | null | undefined>((resolve) => {
      if (chunk !== '') out.write(chunk);
      chunk = '';
      out.end(resolve);
    });
  return {
    async write(value) {
      chunk += `${JSON.stringify(value)}\n`;
      if (chunk.length < CHUNK_CHARS) return;
      const full = out.write(chunk);
      chunk = '';
      if (!full) {
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
      chunk = '';
      if (!out.writableFinished) await finish();
      rmSync(partial, { force: true });
    },
  };
}

/**
 * Writes OUTPUT through `produce`, which gets a function appending one line: the file appears
 * when `produce` returns, and not at all when it throws (the error is passed on).
 */
export async function writeJsonLinesAtomically<T>(output: string, produce: (write: (value: unknown) => Promise<void>) => Promise<T>): Promise<T> {
  const out = openAtomicJsonLines(output);
  try {
    const result = await produce((value) => out.write(value));
    await out.commit();
    return result;
  } catch (error) {
    await out.abort();
    throw error;
  }
}
