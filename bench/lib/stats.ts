/** Small helpers shared by benchmark scripts: order statistics and the docs section writer. */
import { readFileSync, writeFileSync } from 'node:fs';

/** The value at quantile q (0…1) of the numbers, nearest rank; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** The median (the lower middle value for an even count, so it is always a measured value). */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/**
 * Replaces the text between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->` in a
 * Markdown file. Refuses (returns false) when the markers are missing, rather than guessing
 * where a section belongs.
 */
export function writeDocsSection(path: string | URL, name: string, body: string): boolean {
  const docs = readFileSync(path, 'utf8');
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const from = docs.indexOf(start);
  const to = docs.indexOf(end);
  if (from === -1 || to < from) return false;
  writeFileSync(path, `${docs.slice(0, from + start.length)}\n${body.trim()}\n${docs.slice(to)}`);
  return true;
}
