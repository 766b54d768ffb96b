import { binOf, DAY_MS, HOUR_MS, monthIndex, monthStart } from './buckets.js';
import type { TicketStateRow } from './analytics.tables.js';

/** The dimensions a report can be broken down by (`all` is the whole help desk). */
export const DIMENSIONS = ['tier', 'channel', 'category', 'group', 'agent', 'organisation'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type DimOrAll = Dimension | 'all';

/**
 * Hour buckets are kept for the whole help desk only (forecasts, seasonality, spikes and sub-day
 * totals read them); breakdowns use day buckets, and every dimension also has month buckets so
 * that long periods read a dozen rows per value instead of hundreds. Hour rows per dimension
 * value would outnumber the tickets themselves on a large help desk and slow every rebuild.
 */
export const HOURLY_DIMS: readonly DimOrAll[] = ['all'];
export const DAILY_DIMS: readonly DimOrAll[] = ['all', ...DIMENSIONS];

/** The additive columns of a rollup row, in storage order. */
export const COLUMNS = ['created', 'escalated', 'open', 'responded', 'solved', 'fcr', 'reopened', 'frt_sum', 'res_sum'] as const;
export type Column = (typeof COLUMNS)[number];
const C = Object.fromEntries(COLUMNS.map((c, i) => [c, i])) as Record<Column, number>;
const WIDTH = COLUMNS.length;

/** Statuses that take a ticket out of the backlog (the SQL rebuild reads the same list). */
export const DONE_STATUSES = ['solved', 'closed'] as const;
/** True when the status counts as not yet done (the backlog). */
export const isOpenStatus = (status: string): boolean => !(DONE_STATUSES as readonly string[]).includes(status);

/** What one ticket is counted as: its row's analytic fields plus facts from its history. */
export type TicketState = TicketStateRow;

/** Every dimension with `all` first, in the order dimensionValues() gives their values. */
const ALL_DIMS: readonly DimOrAll[] = ['all', ...DIMENSIONS];

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

// Grain codes, in the text order of their names so that rows can be written in primary-key order.
export type Grain = 'day' | 'hour' | 'month';
const GRAIN_NAMES: readonly Grain[] = ['day', 'hour', 'month'];
const DAY = 0;
const HOUR = 1;
const MONTH = 2;
// Numeric keys: hashing a number is far cheaper than building and hashing a string per bucket,
// which dominated a rebuild. Row key = ((grain · 2^20 + time index) · 2^21 + dimension value id),
// where the time index counts hours, days or months since 1970. All stay below 2^53.
const TIME_SPAN = 2 ** 20;
const VALUE_SPAN = 2 ** 21;
const METRICS = ['frt', 'res'] as const;
const NO_METRIC = -1;

/** A rollup row's identity, decoded. */
export interface RollupKey {
  grain: Grain;
  dim: DimOrAll;
  bucket: string;
  value: string;
}

/**
 * Sums of rollup deltas per (grain, dimension, bucket, value), and of histogram bins. A ticket's
 * contribution is a pure function of its state, so a change is exactly "subtract the old state,
 * add the new one", and a rebuild is the sum over all tickets: the incremental path and the
 * rebuild cannot drift apart.
 *
 * Storage is flat: a map from row key to a slot, the slot's counters in one Float64Array, and
 * histogram counts keyed by slot · 256 + metric · 128 + bin. Nothing is allocated per ticket.
 */
export class Deltas {
  private readonly slots = new Map<number, number>();
  private keys: number[] = [];
  private sums = new Float64Array(WIDTH * 16);
  private readonly hist = new Map<number, number>();
  private readonly ids = ALL_DIMS.map(() => new Map<string, number>());
  private readonly names: Array<[DimOrAll, string]> = [];
  private readonly dims = new Array<number>(ALL_DIMS.length).fill(0);
  private readonly values = new Float64Array(WIDTH);
  private lastDay = NaN;
  private lastMonth = 0;

  /** With `months: false` month rows are left out; rollUpMonths() adds them from the day rows at the end (what a rebuild does). */
  constructor(private readonly options: { months: boolean } = { months: true }) {}

  /** Adds (sign 1) or subtracts (sign −1) a ticket's whole contribution. */
  add(s: TicketState, sign: 1 | -1): void {
    const dims = this.dims;
    dims[0] = this.idOf(0, '');
    dims[1] = this.idOf(1, String(s.priority));
    dims[2] = this.idOf(2, s.channel);
    dims[3] = this.idOf(3, s.category ?? '');
    dims[4] = this.idOf(4, s.group_id ?? '');
    dims[5] = this.idOf(5, s.assignee_id ?? '');
    dims[6] = this.idOf(6, s.organisation_id ?? '');
    const v = this.values;
    v.fill(0);
    v[C.created] = sign;
    if (s.escalations > 0) v[C.escalated] = sign;
    if (s.open) v[C.open] = sign;
    this.spread(Date.parse(s.created_at), NO_METRIC, 0, sign);
    if (s.first_response_at) {
      const frt = seconds(s.created_at, s.first_response_at);
      v.fill(0);
      v[C.responded] = sign;
      v[C.frt_sum] = sign * frt;
      this.spread(Date.parse(s.first_response_at), 0, binOf(frt), sign);
    }
    if (s.solved_at && !s.open) {
      const res = seconds(s.created_at, s.solved_at);
      v.fill(0);
      v[C.solved] = sign;
      v[C.res_sum] = sign * res;
      // First-contact resolution: solved after exactly one public agent reply, never reopened.
      if (s.agent_replies === 1 && s.reopens === 0) v[C.fcr] = sign;
      if (s.reopens > 0) v[C.reopened] = sign;
      this.spread(Date.parse(s.solved_at), 1, binOf(res), sign);
    }
  }

  /** Adds month rows and bins as the sums of the day rows and bins (after adding with `months: false`). */
  rollUpMonths(): void {
    if (this.options.months) throw new Error('Month rows are already being added');
    const daySlots = this.keys.length;
    const monthSlotOf = new Int32Array(daySlots).fill(-1);
    for (let slot = 0; slot < daySlots; slot++) {
      const { grain, time, valueId } = decodeKey(this.keys[slot]);
      if (grain !== DAY) continue;
      const month = this.slotOf(keyOf(MONTH, this.monthOfDay(time), valueId));
      monthSlotOf[slot] = month;
      for (let i = 0; i < WIDTH; i++) this.sums[month * WIDTH + i] += this.sums[slot * WIDTH + i];
    }
    const dayBins: Array<[number, number]> = [];
    for (const [key, n] of this.hist) if (monthSlotOf[Math.floor(key / 256)] >= 0) dayBins.push([key, n]);
    for (const [key, n] of dayBins) {
      const monthKey = monthSlotOf[Math.floor(key / 256)] * 256 + (key % 256);
      this.hist.set(monthKey, (this.hist.get(monthKey) ?? 0) + n);
    }
  }

  /**
   * Every non-zero row in primary-key order (grain, dimension, bucket, value), each followed by
   * its non-zero bins in (metric, bin) order: a bulk load then appends to the tables' keys.
   */
  *sortedEntries(): Generator<{ key: RollupKey; values: Float64Array; bins: Array<[string, number, number]> }> {
    const order = this.keyOrder();
    const binsBySlot = new Map<number, number[]>();
    for (const [key, n] of this.hist) {
      if (n === 0) continue;
      const low = key % 256;
      const slot = (key - low) / 256;
      const list = binsBySlot.get(slot);
      if (list) list.push(low);
      else binsBySlot.set(slot, [low]);
    }
    for (const slot of order) {
      const values = this.sums.subarray(slot * WIDTH, (slot + 1) * WIDTH);
      if (values.every((x) => x === 0)) continue;
      const low = (binsBySlot.get(slot) ?? []).sort((a, b) => a - b);
      yield { key: this.decode(slot), values, bins: low.map((b): [string, number, number] => [METRICS[b >> 7], b & 127, this.hist.get(slot * 256 + b)!]) };
    }
  }

  /** Slots sorted by (grain, dimension name, time, value) — the tables' text key order. */
  private keyOrder(): Uint32Array {
    const valueRank = new Float64Array(this.names.length);
    const byText = this.names.map((_, id) => id).sort((a, b) => compareText(this.names[a][1], this.names[b][1]));
    byText.forEach((id, rank) => (valueRank[id] = rank));
    const major = new Float64Array(this.keys.length);
    const order = new Uint32Array(this.keys.length);
    for (let slot = 0; slot < this.keys.length; slot++) {
      const { grain, time, valueId } = decodeKey(this.keys[slot]);
      // Grain (2 bits), dimension (3 bits) and time (20 bits) order first, then the value's rank.
      major[slot] = ((grain * 8 + DIM_RANK.get(this.names[valueId][0])!) * TIME_SPAN + time) * VALUE_SPAN + valueRank[valueId];
      order[slot] = slot;
    }
    return order.sort((a, b) => major[a] - major[b]);
  }

  private idOf(dim: number, value: string): number {
    const ids = this.ids[dim];
    let id = ids.get(value);
    if (id === undefined) {
      id = this.names.length;
      if (id >= VALUE_SPAN) throw new Error('Too many dimension values for one set of rollup deltas');
      this.names.push([ALL_DIMS[dim], value]);
      ids.set(value, id);
    }
    return id;
  }

  private decode(slot: number): RollupKey {
    const { grain, time, valueId } = decodeKey(this.keys[slot]);
    const [dim, value] = this.names[valueId];
    return { grain: GRAIN_NAMES[grain], dim, bucket: bucketName(grain, time), value };
  }

  private monthOfDay(day: number): number {
    if (day !== this.lastDay) {
      this.lastDay = day;
      this.lastMonth = monthIndex(day * DAY_MS);
    }
    return this.lastMonth;
  }

  /** Adds the current values to every bucket of the event's time; metric NO_METRIC = no histogram. */
  private spread(atMs: number, metric: number, bin: number, sign: number): void {
    const day = Math.floor(atMs / DAY_MS);
    const dims = this.dims;
    // dims[0] is `all`, the one dimension with hour buckets (see HOURLY_DIMS).
    this.put(keyOf(HOUR, Math.floor(atMs / HOUR_MS), dims[0]), metric, bin, sign);
    const month = this.options.months ? this.monthOfDay(day) : -1;
    for (let d = 0; d < dims.length; d++) {
      this.put(keyOf(DAY, day, dims[d]), metric, bin, sign);
      if (month >= 0) this.put(keyOf(MONTH, month, dims[d]), metric, bin, sign);
    }
  }

  private put(key: number, metric: number, bin: number, sign: number): void {
    const slot = this.slotOf(key);
    const base = slot * WIDTH;
    const v = this.values;
    for (let i = 0; i < WIDTH; i++) this.sums[base + i] += v[i];
    if (metric !== NO_METRIC) {
      const histKey = slot * 256 + metric * 128 + Math.min(bin, 127);
      this.hist.set(histKey, (this.hist.get(histKey) ?? 0) + sign);
    }
  }

  private slotOf(key: number): number {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.keys.length;
      this.keys.push(key);
      this.slots.set(key, slot);
      if ((slot + 1) * WIDTH > this.sums.length) {
        const grown = new Float64Array(this.sums.length * 2);
        grown.set(this.sums);
        this.sums = grown;
      }
    }
    return slot;
  }
}

/** Dimensions ranked by name (their order in the tables' keys). */
const DIM_RANK = new Map([...ALL_DIMS].sort().map((d, i) => [d, i]));

// Bucket names by grain and time index, shared by every Deltas (a hook makes one per ticket
// change and would otherwise format the same few buckets each time). Cleared when it grows.
const bucketNames = new Map<number, string>();
function bucketName(grain: number, time: number): string {
  const cacheKey = grain * TIME_SPAN + time;
  let name = bucketNames.get(cacheKey);
  if (name === undefined) {
    if (bucketNames.size >= 100_000) bucketNames.clear();
    name = new Date(grain === HOUR ? time * HOUR_MS : grain === DAY ? time * DAY_MS : monthStart(time)).toISOString();
    bucketNames.set(cacheKey, name);
  }
  return name;
}

const keyOf = (grain: number, time: number, valueId: number) => (grain * TIME_SPAN + time) * VALUE_SPAN + valueId;

function decodeKey(key: number): { grain: number; time: number; valueId: number } {
  const valueId = key % VALUE_SPAN;
  const rest = (key - valueId) / VALUE_SPAN;
  const time = rest % TIME_SPAN;
  return { grain: (rest - time) / TIME_SPAN, time, valueId };
}

/** Byte order of UTF-8 text for ASCII values (SQLite's default collation): only the write order depends on it. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
