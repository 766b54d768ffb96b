import { sql, type Kysely, type RawBuilder } from 'kysely';
import { CompiledStatements } from '../platform/db/compiled.js';
import type { Database } from '../platform/db/tables.js';
import type { AnalyticsHistTable, AnalyticsRollupTable, AnalyticsTicketStateTable } from './analytics.tables.js';
import { COLUMNS, type Deltas, type TicketState } from './contribution.js';
import type { BucketRange } from './period.js';

type Db = Kysely<Database>;
const KEY = ['grain', 'dim', 'bucket', 'value'] as const;
/** Columns of a rollup row and of a histogram bin, in storage order. */
export const ROLLUP_COLUMNS = [...KEY, ...COLUMNS] as const satisfies readonly (keyof AnalyticsRollupTable)[];
export const HIST_COLUMNS = [...KEY, 'metric', 'bin', 'n'] as const satisfies readonly (keyof AnalyticsHistTable)[];
export const STATE_COLUMNS = [
  'ticket_id', 'created_at', 'first_response_at', 'solved_at', 'open', 'priority', 'channel', 'category', 'group_id', 'assignee_id',
  'organisation_id', 'agent_replies', 'reopens', 'escalations', 'group_moves',
] as const satisfies readonly (keyof AnalyticsTicketStateTable)[];

// The per-ticket statements run inside every ticket change: compiled once, then only bound.
const statements = new CompiledStatements();
const zeros = (columns: readonly string[]) => Object.fromEntries(columns.map((c) => [c, 0]));

/**
 * Adds deltas to the rollups: one additive upsert for the rows and one for the histogram bins
 * (`INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n`, atomic on both dialects under
 * concurrent writers). Rows go in key order, so concurrent transactions lock shared rows (the
 * `all` buckets) in the same order and cannot deadlock on them.
 */
export async function applyDeltas(db: Db, deltas: Deltas): Promise<void> {
  const rows: unknown[] = [];
  const bins: unknown[] = [];
  for (const { key, values, bins: keyBins } of deltas.sortedEntries()) {
    rows.push(key.grain, key.dim, key.bucket, key.value);
    for (let i = 0; i < values.length; i++) rows.push(values[i]);
    for (const [metric, bin, n] of keyBins) bins.push(key.grain, key.dim, key.bucket, key.value, metric, bin, n);
  }
  const rowCount = rows.length / ROLLUP_COLUMNS.length;
  if (rowCount > 0) {
    await statements.run(db, `rollup-upsert-${rowCount}`, (k) =>
      k
        .insertInto('analytics_rollup')
        .values(Array.from({ length: rowCount }, () => zeros(ROLLUP_COLUMNS)))
        .onConflict((oc) => oc.columns([...KEY]).doUpdateSet(Object.fromEntries(COLUMNS.map((c) => [c, sql`analytics_rollup.${sql.ref(c)} + excluded.${sql.ref(c)}`])))),
      rows,
    );
  }
  const binCount = bins.length / HIST_COLUMNS.length;
  if (binCount > 0) {
    await statements.run(db, `hist-upsert-${binCount}`, (k) =>
      k
        .insertInto('analytics_hist')
        .values(Array.from({ length: binCount }, () => zeros(HIST_COLUMNS)))
        .onConflict((oc) => oc.columns([...KEY, 'metric', 'bin']).doUpdateSet({ n: sql`analytics_hist.n + excluded.n` })),
      bins,
    );
  }
}

/** What the ticket is counted as now, or undefined when it never was (bulk-loaded before a rebuild). */
export async function findTicketState(db: Db, ticketId: string): Promise<TicketState | undefined> {
  const rows = await statements.run<TicketState>(db, 'state-find', (k) => k.selectFrom('analytics_ticket_state').select([...STATE_COLUMNS]).where('ticket_id', '=', ''), [ticketId]);
  return rows[0];
}

/** Stores what the ticket is counted as now. */
export async function saveTicketState(db: Db, state: TicketState): Promise<void> {
  await statements.run(
    db,
    'state-upsert',
    (k) =>
      k
        .insertInto('analytics_ticket_state')
        .values(zeros(STATE_COLUMNS) as never)
        .onConflict((oc) => oc.column('ticket_id').doUpdateSet(Object.fromEntries(STATE_COLUMNS.slice(1).map((c) => [c, sql`excluded.${sql.ref(c)}`])))),
    STATE_COLUMNS.map((c) => state[c]),
  );
}

export interface RangeFilter {
  dim: string;
  /** Bucket ranges to read (see bucketRanges()); together they must not overlap. */
  ranges: BucketRange[];
}

/**
 * The rows of the ranges as one UNION ALL: each branch is a range scan of the primary key (an OR
 * of ranges made SQLite scan the table).
 */
function rangesOf(table: 'analytics_rollup' | 'analytics_hist', columns: readonly string[], filter: RangeFilter): RawBuilder<unknown> {
  const list = sql.join(columns.map((c) => sql.ref(c)));
  return sql.join(
    filter.ranges.map(([grain, from, to]) => sql`SELECT ${list} FROM ${sql.table(table)} WHERE grain = ${grain} AND dim = ${filter.dim} AND bucket >= ${from} AND bucket < ${to}`),
    sql` UNION ALL `,
  );
}

/** Sums of the rollup columns per dimension value over the ranges. */
export async function sumRollups(db: Db, filter: RangeFilter): Promise<Array<Record<string, number> & { value: string }>> {
  if (filter.ranges.length === 0) return [];
  const sums = sql.join(COLUMNS.map((c) => sql`sum(${sql.ref(c)}) AS ${sql.ref(c)}`));
  const { rows } = await sql<Record<string, unknown>>`SELECT value, ${sums} FROM (${rangesOf('analytics_rollup', ['value', ...COLUMNS], filter)}) AS r GROUP BY value`.execute(db);
  return rows.map((r) => {
    const out = { value: String(r.value) } as Record<string, number> & { value: string };
    for (const c of COLUMNS) out[c] = Number(r[c] ?? 0);
    return out;
  });
}

/** Histogram bins (bin → count) per dimension value and metric over the ranges. */
export type Histograms = Map<string, Map<string, Map<number, number>>>;

/**
 * Histogram counts per dimension value and metric over the ranges. The rows come back as one
 * `bin:n,bin:n…` text per value and metric (string_agg: SQLite ≥ 3.44 and PostgreSQL alike), a
 * bin appearing once per bucket it has counts in, and are summed here: a breakdown by
 * organisation is then a thousand rows instead of tens of thousands (moving rows into JavaScript
 * cost the most), and the database groups once instead of twice.
 */
export async function sumHistograms(db: Db, filter: RangeFilter): Promise<Histograms> {
  const out: Histograms = new Map();
  if (filter.ranges.length === 0) return out;
  const { rows } = await sql<{ value: string; metric: string; bins: string }>`
    SELECT value, metric, string_agg(bin || ':' || n, ',') AS bins
    FROM (${rangesOf('analytics_hist', ['value', 'metric', 'bin', 'n'], filter)}) AS h GROUP BY value, metric`.execute(db);
  for (const row of rows) {
    const byMetric = out.get(row.value) ?? new Map<string, Map<number, number>>();
    const bins = byMetric.get(row.metric) ?? new Map<number, number>();
    for (const pair of row.bins.split(',')) {
      const colon = pair.indexOf(':');
      const bin = Number(pair.slice(0, colon));
      bins.set(bin, (bins.get(bin) ?? 0) + Number(pair.slice(colon + 1)));
    }
    byMetric.set(row.metric, bins);
    out.set(row.value, byMetric);
  }
  return out;
}

/** The backlog of one dimension value: open tickets, and how many of them were created on each day (oldest first). */
export interface Backlog {
  value: string;
  open: number;
  /** [day 'YYYY-MM-DD', open tickets created that day], oldest first. */
  days: Array<[string, number]>;
}

/**
 * Open (backlog) tickets per dimension value now, whenever created, with their creation days:
 * summed in SQL from the day rows that still have open tickets, read through a partial index
 * that holds only those rows (the literals `'day'` and `0` let SQLite match its condition).
 */
export async function backlogByDay(db: Db, dim: string): Promise<Backlog[]> {
  const { rows } = await sql<{ value: string; open: number; days: string }>`
    SELECT value, sum(open) AS open, string_agg(substr(bucket, 1, 10) || ':' || open, ',' ORDER BY bucket) AS days
    FROM analytics_rollup WHERE grain = 'day' AND open > 0 AND dim = ${dim} GROUP BY value`.execute(db);
  return rows.map((r) => ({
    value: r.value,
    open: Number(r.open),
    days: r.days.split(',').map((pair): [string, number] => [pair.slice(0, 10), Number(pair.slice(11))]),
  }));
}

/** One column of the hourly `all` rollup between two hour buckets, as [bucket, value] pairs (missing hours omitted). */
export async function hourlySeries(db: Db, column: 'created' | 'solved' | 'escalated', from: string, to: string, dim = 'all', value = ''): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('analytics_rollup')
    .select(['bucket', column])
    .where('grain', '=', 'hour')
    .where('dim', '=', dim)
    .where('value', '=', value)
    .where('bucket', '>=', from)
    .where('bucket', '<', to)
    .execute();
  return new Map(rows.map((r) => [r.bucket, Number((r as Record<string, unknown>)[column])]));
}

/** Created and solved tickets per bucket of a grain (whole help desk), oldest first. */
export async function volumeRows(db: Db, grain: 'hour' | 'day', from: string, to: string): Promise<Array<{ bucket: string; created: number; solved: number }>> {
  const rows = await db
    .selectFrom('analytics_rollup')
    .select(['bucket', 'created', 'solved'])
    .where('grain', '=', grain)
    .where('dim', '=', 'all')
    .where('bucket', '>=', from)
    .where('bucket', '<', to)
    .orderBy('bucket')
    .execute();
  return rows.map((r) => ({ bucket: r.bucket, created: Number(r.created), solved: Number(r.solved) }));
}
