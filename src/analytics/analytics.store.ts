import { sql, type Kysely } from 'kysely';
import { BulkInsert } from '../platform/db/bulk-insert.js';
import type { Database } from '../platform/db/tables.js';
import type { AnalyticsHistTable, AnalyticsRollupTable, AnalyticsTicketStateTable } from './analytics.tables.js';
import { COLUMNS, type Deltas, type TicketState } from './contribution.js';

type Db = Kysely<Database>;
const KEY = ['grain', 'dim', 'bucket', 'value'] as const;
/** Rows per upsert statement (well under both dialects' parameter limits). */
const UPSERT_ROWS = 200;

export const rollupInsert = new BulkInsert<AnalyticsRollupTable>('analytics_rollup', [...KEY, ...COLUMNS]);
export const histInsert = new BulkInsert<AnalyticsHistTable>('analytics_hist', [...KEY, 'metric', 'bin', 'n']);
export const STATE_COLUMNS = [
  'ticket_id', 'created_at', 'first_response_at', 'solved_at', 'open', 'priority', 'channel', 'category', 'group_id', 'assignee_id',
  'organisation_id', 'agent_replies', 'reopens', 'escalations', 'group_moves',
] as const satisfies readonly (keyof AnalyticsTicketStateTable)[];
export const stateInsert = new BulkInsert<AnalyticsTicketStateTable>('analytics_ticket_state', STATE_COLUMNS);

/** Adds deltas to the rollups with additive upserts, which are atomic on both dialects under concurrent writers. */
export async function applyDeltas(db: Db, deltas: Deltas): Promise<void> {
  const rows = [...deltas.rowEntries()].map(([key, values]) => {
    const row: Record<string, unknown> = { ...key };
    COLUMNS.forEach((column, i) => (row[column] = values[i]));
    return row as unknown as AnalyticsRollupTable;
  });
  for (let i = 0; i < rows.length; i += UPSERT_ROWS) {
    await db
      .insertInto('analytics_rollup')
      .values(rows.slice(i, i + UPSERT_ROWS))
      .onConflict((oc) =>
        oc.columns([...KEY]).doUpdateSet(Object.fromEntries(COLUMNS.map((c) => [c, sql`analytics_rollup.${sql.ref(c)} + excluded.${sql.ref(c)}`]))),
      )
      .execute();
  }
  const bins = [...deltas.histEntries()].map(([key, n]) => ({ ...key, n }));
  for (let i = 0; i < bins.length; i += UPSERT_ROWS) {
    await db
      .insertInto('analytics_hist')
      .values(bins.slice(i, i + UPSERT_ROWS))
      .onConflict((oc) => oc.columns([...KEY, 'metric', 'bin']).doUpdateSet({ n: sql`analytics_hist.n + excluded.n` }))
      .execute();
  }
}

/** What the ticket is counted as now, or undefined when it never was (bulk-loaded before a rebuild). */
export async function findTicketState(db: Db, ticketId: string): Promise<TicketState | undefined> {
  return db.selectFrom('analytics_ticket_state').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
}

export async function saveTicketState(db: Db, state: TicketState): Promise<void> {
  const { ticket_id: _id, ...rest } = state;
  await db
    .insertInto('analytics_ticket_state')
    .values(state)
    .onConflict((oc) => oc.column('ticket_id').doUpdateSet(rest))
    .execute();
}

/** Empties the rollups and ticket states (a rebuild writes them anew in the same transaction). */
export async function clearRollups(db: Db): Promise<void> {
  await db.deleteFrom('analytics_hist').execute();
  await db.deleteFrom('analytics_rollup').execute();
  await db.deleteFrom('analytics_ticket_state').execute();
}

export interface RangeFilter {
  dim: string;
  /** [grain, from inclusive, to exclusive] bucket ranges to read. */
  ranges: Array<[string, string, string]>;
}

/**
 * Sums of the rollup columns per dimension value over the ranges. One query per range, so each
 * is a range scan of the primary key (an OR of ranges made SQLite scan the table).
 */
export async function sumRollups(db: Db, filter: RangeFilter): Promise<Array<Record<string, number> & { value: string }>> {
  const merged = new Map<string, Record<string, number> & { value: string }>();
  for (const [grain, from, to] of filter.ranges) {
    const rows = await db
      .selectFrom('analytics_rollup')
      .select('value')
      .select((eb) => COLUMNS.map((c) => eb.fn.sum<number>(c).as(c)))
      .where('grain', '=', grain)
      .where('dim', '=', filter.dim)
      .where('bucket', '>=', from)
      .where('bucket', '<', to)
      .groupBy('value')
      .execute();
    for (const r of rows) {
      const out = merged.get(r.value) ?? ({ value: r.value } as Record<string, number> & { value: string });
      for (const c of COLUMNS) out[c] = (out[c] ?? 0) + Number((r as Record<string, unknown>)[c] ?? 0);
      merged.set(r.value, out);
    }
  }
  return [...merged.values()];
}

/** Histogram counts per dimension value, metric and bin over the ranges (one range scan each). */
export async function sumHistograms(db: Db, filter: RangeFilter): Promise<Array<{ value: string; metric: string; bin: number; n: number }>> {
  const out: Array<{ value: string; metric: string; bin: number; n: number }> = [];
  for (const [grain, from, to] of filter.ranges) {
    const rows = await db
      .selectFrom('analytics_hist')
      .select(['value', 'metric', 'bin'])
      .select((eb) => eb.fn.sum<number>('n').as('n'))
      .where('grain', '=', grain)
      .where('dim', '=', filter.dim)
      .where('bucket', '>=', from)
      .where('bucket', '<', to)
      .groupBy(['value', 'metric', 'bin'])
      .execute();
    for (const r of rows) out.push({ value: r.value, metric: r.metric, bin: Number(r.bin), n: Number(r.n) });
  }
  return out;
}

/** Open (backlog) tickets per dimension value and creation day, over all time: the backlog and its age. */
export async function backlogByDay(db: Db, dim: string): Promise<Array<{ value: string; bucket: string; open: number }>> {
  const rows = await db
    .selectFrom('analytics_rollup')
    .select(['value', 'bucket', 'open'])
    .where('grain', '=', 'day')
    .where('dim', '=', dim)
    .where('open', '>', 0)
    .execute();
  return rows.map((r) => ({ value: r.value, bucket: r.bucket, open: Number(r.open) }));
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
