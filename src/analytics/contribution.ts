import { binOf } from './buckets.js';
import type { TicketStateRow } from './analytics.tables.js';

/** The dimensions a report can be broken down by (`all` is the whole help desk). */
export const DIMENSIONS = ['tier', 'channel', 'category', 'group', 'agent', 'organisation'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type DimOrAll = Dimension | 'all';

/**
 * Hour buckets are kept for the whole help desk only (forecasts, seasonality, spikes and sub-day
 * totals read them); breakdowns by a dimension use day buckets. Hour rows per dimension value
 * would outnumber the tickets themselves on a large help desk and slow every rebuild.
 */
export const HOURLY_DIMS: readonly DimOrAll[] = ['all'];
export const DAILY_DIMS: readonly DimOrAll[] = ['all', ...DIMENSIONS];

/** The additive columns of a rollup row, in storage order. */
export const COLUMNS = ['created', 'escalated', 'open', 'responded', 'solved', 'fcr', 'reopened', 'frt_sum', 'res_sum'] as const;
export type Column = (typeof COLUMNS)[number];
const C = Object.fromEntries(COLUMNS.map((c, i) => [c, i])) as Record<Column, number>;

/** Separates key parts; it cannot occur in ISO times, dimension names or the values we store. */
export const SEP = '\u0001';

/** What one ticket is counted as: its row's analytic fields plus facts from its history. */
export type TicketState = TicketStateRow;

/** The value of each dimension for a ticket ('' when unset). */
export function dimensionValues(s: TicketState): Array<[DimOrAll, string]> {
  return [
    ['all', ''],
    ['tier', String(s.priority)],
    ['channel', s.channel],
    ['category', s.category ?? ''],
    ['group', s.group_id ?? ''],
    ['agent', s.assignee_id ?? ''],
    ['organisation', s.organisation_id ?? ''],
  ];
}

const zeros = (): number[] => [0, 0, 0, 0, 0, 0, 0, 0, 0];

const seconds = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// Numeric keys: hashing a number is far cheaper than building and hashing a string per bucket,
// which dominated a rebuild. Row key = ((grain · 2^20 + time index) · 2^21 + dimension value id);
// histogram key = row key · 2^8 + metric · 2^7 + bin. All stay below 2^53.
const TIME_SPAN = 2 ** 20;
const VALUE_SPAN = 2 ** 21;
const METRICS = ['frt', 'res'] as const;

/** A rollup row's identity, decoded. */
export interface RollupKey {
  grain: 'hour' | 'day';
  dim: string;
  bucket: string;
  value: string;
}

/**
 * Sums of rollup deltas per (grain, dimension, bucket, value), and of histogram bins. A ticket's
 * contribution is a pure function of its state, so a change is exactly "subtract the old state,
 * add the new one", and a rebuild is the sum over all tickets: the incremental path and the
 * rebuild cannot drift apart.
 */
export class Deltas {
  // Plain arrays, not typed arrays: V8 allocates small typed arrays many times slower.
  readonly rows = new Map<number, number[]>();
  readonly hist = new Map<number, number>();
  private readonly ids = new Map<string, number>();
  private readonly names: Array<[string, string]> = [];

  /** Adds (sign 1) or subtracts (sign −1) a ticket's whole contribution. */
  add(s: TicketState, sign: 1 | -1): void {
    const dims = dimensionValues(s).map(([dim, value]) => this.idOf(dim, value));
    const created = zeros();
    created[C.created] = sign;
    if (s.escalations > 0) created[C.escalated] = sign;
    if (s.open) created[C.open] = sign;
    this.spread(dims, Date.parse(s.created_at), created, -1, 0, 0);
    if (s.first_response_at) {
      const frt = seconds(s.created_at, s.first_response_at);
      const v = zeros();
      v[C.responded] = sign;
      v[C.frt_sum] = sign * frt;
      this.spread(dims, Date.parse(s.first_response_at), v, 0, binOf(frt), sign);
    }
    if (s.solved_at && !s.open) {
      const res = seconds(s.created_at, s.solved_at);
      const v = zeros();
      v[C.solved] = sign;
      v[C.res_sum] = sign * res;
      // First-contact resolution: solved after exactly one public agent reply, never reopened.
      if (s.agent_replies === 1 && s.reopens === 0) v[C.fcr] = sign;
      if (s.reopens > 0) v[C.reopened] = sign;
      this.spread(dims, Date.parse(s.solved_at), v, 1, binOf(res), sign);
    }
  }

  /** The rows with their decoded keys. */
  *rowEntries(): Generator<[RollupKey, number[]]> {
    for (const [key, values] of this.rows) yield [this.decode(key), values];
  }

  /** The histogram bins with their decoded keys. */
  *histEntries(): Generator<[RollupKey & { metric: string; bin: number }, number]> {
    for (const [key, n] of this.hist) {
      const low = key % 256;
      yield [{ ...this.decode((key - low) / 256), metric: METRICS[low >> 7], bin: low & 127 }, n];
    }
  }

  /** Drops entries that sum to zero (a change that moved nothing). */
  compact(): this {
    for (const [key, row] of this.rows) if (row.every((v) => v === 0)) this.rows.delete(key);
    for (const [key, n] of this.hist) if (n === 0) this.hist.delete(key);
    return this;
  }

  private idOf(dim: DimOrAll, value: string): number {
    const name = `${dim}${SEP}${value}`;
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push([dim, value]);
      this.ids.set(name, id);
    }
    return id;
  }

  private decode(key: number): RollupKey {
    const id = key % VALUE_SPAN;
    const time = (key - id) / VALUE_SPAN;
    const index = time % TIME_SPAN;
    const grain = time >= TIME_SPAN ? 'hour' : 'day';
    const [dim, value] = this.names[id];
    return { grain, dim, bucket: new Date(index * (grain === 'hour' ? HOUR_MS : DAY_MS)).toISOString(), value };
  }

  /** metric −1 = no histogram. */
  private spread(dims: number[], atMs: number, values: number[], metric: number, bin: number, sign: number): void {
    const hourKey = (TIME_SPAN + Math.floor(atMs / HOUR_MS)) * VALUE_SPAN;
    const dayKey = Math.floor(atMs / DAY_MS) * VALUE_SPAN;
    for (let d = 0; d < dims.length; d++) {
      // dims[0] is `all`, the one dimension with hour buckets (see HOURLY_DIMS).
      if (d === 0) this.put(hourKey + dims[d], values, metric, bin, sign);
      this.put(dayKey + dims[d], values, metric, bin, sign);
    }
  }

  private put(key: number, values: number[], metric: number, bin: number, sign: number): void {
    const row = this.rows.get(key);
    if (row) for (let i = 0; i < values.length; i++) row[i] += values[i];
    else this.rows.set(key, values.slice());
    if (metric >= 0) {
      const histKey = key * 256 + metric * 128 + Math.min(bin, 127);
      this.hist.set(histKey, (this.hist.get(histKey) ?? 0) + sign);
    }
  }
}

/** True when the status counts as not yet done (the backlog). */
export const isOpenStatus = (status: string): boolean => status !== 'solved' && status !== 'closed';
