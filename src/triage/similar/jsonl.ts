import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { AppError } from '../../platform/errors.js';

/** A non-blank line of a JSON-lines file: its 1-based number and its parsed value (or the parse failure). */
export type JsonLine = { line: number; value: unknown; error?: undefined } | { line: number; value?: undefined; error: string };

/** Checks that a path names a readable, non-empty file, with an error a person can act on. */
export async function checkInputFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new AppError('validation_failed', `Input file not found: ${path}`);
  if (!info.isFile()) throw new AppError('validation_failed', `Input is not a file: ${path}`);
  if (info.size === 0) throw new AppError('validation_failed', `Input file is empty: ${path}`);
}

/**
 * Streams a JSON-lines file: each non-blank line parsed, in order, with its line number. A line
 * that is not JSON comes back with `error` rather than throwing, so callers choose whether to
 * stop or to report every bad line. Memory stays flat whatever the file's size.
 */
export async function* readJsonLines(path: string): AsyncGenerator<JsonLine> {
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
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
