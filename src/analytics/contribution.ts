import { binOf, dayOf, hourOf } from './buckets.js';
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

const seconds = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

/**
 * Sums of rollup deltas: rows keyed grain|dim|bucket|value, histogram bins keyed
 * grain|dim|bucket|value|metric|bin. A ticket's contribution is a pure function of its state,
 * so a change is exactly "subtract the old state, add the new one", and a rebuild is the sum
 * over all tickets: the incremental path and the rebuild cannot drift apart.
 */
export class Deltas {
  readonly rows = new Map<string, Float64Array>();
  readonly hist = new Map<string, number>();

  /** Adds (sign 1) or subtracts (sign −1) a ticket's whole contribution. */
  add(s: TicketState, sign: 1 | -1): void {
    const dims = dimensionValues(s);
    const created = new Float64Array(COLUMNS.length);
    created[C.created] = sign;
    if (s.escalations > 0) created[C.escalated] = sign;
    if (s.open) created[C.open] = sign;
    this.spread(dims, s.created_at, created);
    if (s.first_response_at) {
      const frt = seconds(s.created_at, s.first_response_at);
      const v = new Float64Array(COLUMNS.length);
      v[C.responded] = sign;
      v[C.frt_sum] = sign * frt;
      this.spread(dims, s.first_response_at, v, 'frt', binOf(frt), sign);
    }
    if (s.solved_at && !s.open) {
      const res = seconds(s.created_at, s.solved_at);
      const v = new Float64Array(COLUMNS.length);
      v[C.solved] = sign;
      v[C.res_sum] = sign * res;
      // First-contact resolution: solved after exactly one public agent reply, never reopened.
      if (s.agent_replies === 1 && s.reopens === 0) v[C.fcr] = sign;
      if (s.reopens > 0) v[C.reopened] = sign;
      this.spread(dims, s.solved_at, v, 'res', binOf(res), sign);
    }
  }

  private spread(dims: Array<[DimOrAll, string]>, at: string, values: Float64Array, metric?: string, bin?: number, sign?: number): void {
    const hour = hourOf(at);
    const day = dayOf(at);
    for (const [dim, value] of dims) {
      if (HOURLY_DIMS.includes(dim)) this.put(`hour${SEP}${dim}${SEP}${hour}${SEP}${value}`, values, metric, bin, sign);
      this.put(`day${SEP}${dim}${SEP}${day}${SEP}${value}`, values, metric, bin, sign);
    }
  }

  private put(key: string, values: Float64Array, metric?: string, bin?: number, sign?: number): void {
    const row = this.rows.get(key);
    if (row) for (let i = 0; i < values.length; i++) row[i] += values[i];
    else this.rows.set(key, Float64Array.from(values));
    if (metric !== undefined) {
      const histKey = `${key}${SEP}${metric}${SEP}${bin}`;
      this.hist.set(histKey, (this.hist.get(histKey) ?? 0) + (sign ?? 0));
    }
  }

  /** Drops entries that sum to zero (a change that moved nothing). */
  compact(): this {
    for (const [key, row] of this.rows) if (row.every((v) => v === 0)) this.rows.delete(key);
    for (const [key, n] of this.hist) if (n === 0) this.hist.delete(key);
    return this;
  }
}

/** True when the status counts as not yet done (the backlog). */
export const isOpenStatus = (status: string): boolean => status !== 'solved' && status !== 'closed';
