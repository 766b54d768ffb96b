import type { Deps } from '../platform/context.js';
import type { Db } from '../platform/db/database.js';
import { newId } from '../platform/ids.js';
import type { KbSearchLogRow } from '../responses/responses.tables.js';
import { deleteSearchLogBefore, insertSearchLog, searchesSince } from './search-log.store.js';

/**
 * The log of searches people ran (help center, portal, agents), read by the gap report.
 * Search runs on every keystroke, so a write per search would cost more than the search and
 * log every half-typed word: entries wait in memory for `SETTLE_MS`, a newer query from the
 * same caller that extends or trims a waiting one replaces it (the final text of a typing
 * burst is what gets logged), and settled entries are written in one batch statement.
 * Logging never fails a search: write errors are logged and the entries dropped.
 */

/** Who ran a search; searches without an origin (internal matching, the CLI) are not logged. */
export interface SearchOrigin {
  /** `agent`, `helpcenter`, `portal` … */
  source: string;
  /** A stable key of the searcher (user id, session, address) so typing bursts collapse per person. */
  caller?: string;
}

interface Pending {
  row: KbSearchLogRow;
  caller: string;
  /** The normalised query, for the prefix test. */
  text: string;
  lastMs: number;
}

interface LogBuffer {
  pending: Pending[];
  timer?: NodeJS.Timeout;
  flushing: Promise<void>;
}

/** How long a query waits for the next keystroke before it counts as final. */
export const SETTLE_MS = 3_000;
/** Past this many waiting entries, everything settled is written at once. */
const MAX_PENDING = 500;
const MAX_QUERY_CHARS = 200;

const buffers = new WeakMap<Db, LogBuffer>();

const normalise = (q: string) => q.trim().toLowerCase().replace(/\s+/g, ' ').slice(0, MAX_QUERY_CHARS);

function bufferOf(db: Db): LogBuffer {
  let buffer = buffers.get(db);
  if (!buffer) buffers.set(db, (buffer = { pending: [], flushing: Promise.resolve() }));
  return buffer;
}

/** Notes one search and its best result; written within a few seconds. */
export function logSearch(deps: Deps, origin: SearchOrigin, q: string, results: { id: string; score: number }[]): void {
  const text = normalise(q);
  if (text === '') return;
  const buffer = bufferOf(deps.db);
  const nowMs = performance.now();
  const caller = `${origin.source}\u0000${origin.caller ?? ''}`;
  const best = results[0];
  const row: KbSearchLogRow = {
    id: newId(),
    at: deps.clock.now().toISOString(),
    source: origin.source,
    query: text,
    results: results.length,
    best_score: best?.score ?? 0,
    best_article_id: best?.id ?? null,
  };
  const typing = buffer.pending.find((p) => p.caller === caller && nowMs - p.lastMs < SETTLE_MS && (text.startsWith(p.text) || p.text.startsWith(text)));
  if (typing) Object.assign(typing, { row: { ...row, id: typing.row.id }, text, lastMs: nowMs });
  else buffer.pending.push({ row, caller, text, lastMs: nowMs });
  if (buffer.pending.length >= MAX_PENDING) void flushSearchLog(deps, { all: true });
  else schedule(deps, buffer);
}

function schedule(deps: Deps, buffer: LogBuffer): void {
  if (buffer.timer || buffer.pending.length === 0) return;
  buffer.timer = setTimeout(() => {
    buffer.timer = undefined;
    void flushSearchLog(deps).then(() => schedule(deps, buffer));
  }, SETTLE_MS);
  // A waiting log entry must not keep a process (a CLI command, a test) alive.
  buffer.timer.unref();
}

/** Writes the settled entries (every waiting entry with `all`, as on shutdown and before a gap report). */
export function flushSearchLog(deps: Deps, options: { all?: boolean } = {}): Promise<void> {
  const buffer = buffers.get(deps.db);
  if (!buffer) return Promise.resolve();
  const nowMs = performance.now();
  const due = buffer.pending.filter((p) => options.all || nowMs - p.lastMs >= SETTLE_MS);
  if (due.length === 0) return buffer.flushing;
  const taken = new Set(due);
  buffer.pending = buffer.pending.filter((p) => !taken.has(p));
  buffer.flushing = buffer.flushing.then(() =>
    insertSearchLog(deps.db.kysely, due.map((p) => p.row)).catch((error: unknown) => deps.logger.warn({ err: error, entries: due.length }, 'search log entries dropped')),
  );
  return buffer.flushing;
}

/** Distinct logged queries since a time, most asked first, with how often and when last. */
export async function loggedSearches(deps: Deps, since: string, limit: number): Promise<{ query: string; count: number; lastAt: string }[]> {
  await flushSearchLog(deps, { all: true });
  return searchesSince(deps.db.kysely, since, limit);
}

/** Deletes log entries older than `days` (a housekeeping sweep). */
export function purgeSearchLog(deps: Deps, days = 180): Promise<number> {
  return deleteSearchLogBefore(deps.db.kysely, new Date(deps.clock.now().getTime() - days * 86_400_000).toISOString());
}
