import type { Random } from './random.js';

const HOUR = 3_600_000;
// Relative ticket volume by hour of the day (UTC) and by day of the week (Sunday first):
// busy office hours and quiet weekends, the seasonality forecasts and staffing look for.
const BY_HOUR = [0.15, 0.1, 0.1, 0.1, 0.15, 0.3, 0.6, 1, 1.4, 1.6, 1.6, 1.5, 1.3, 1.5, 1.6, 1.5, 1.3, 1, 0.7, 0.5, 0.4, 0.3, 0.25, 0.2];
const BY_WEEKDAY = [0.35, 1.25, 1.15, 1.1, 1.05, 0.95, 0.4];
// The business grows: the last day of the span sees half as many tickets again as the first.
const GROWTH = 0.5;

/**
 * Creation times for `count` tickets over the `days` before `endMs`, in increasing order,
 * distributed by hour, weekday and a slow growth. Ticket i gets the time where the cumulative
 * volume reaches (i + jitter) / count, so times stay sorted without holding them all: rows then
 * arrive in time order and every time-ordered index is appended to, never split.
 */
export class Timeline {
  private readonly startMs: number;
  private readonly cumulative: Float64Array;
  private bucket = 0;
  private index = 0;

  constructor(endMs: number, days: number, private readonly count: number, private readonly r: Random) {
    const hours = Math.max(1, Math.round(days * 24));
    this.startMs = Math.floor(endMs / HOUR) * HOUR - hours * HOUR;
    this.cumulative = new Float64Array(hours);
    let total = 0;
    for (let h = 0; h < hours; h++) {
      const at = new Date(this.startMs + h * HOUR);
      total += BY_HOUR[at.getUTCHours()] * BY_WEEKDAY[at.getUTCDay()] * (1 + (GROWTH * h) / hours);
      this.cumulative[h] = total;
    }
    for (let h = 0; h < hours; h++) this.cumulative[h] /= total;
  }

  /** The first moment of the span. */
  get start(): number {
    return this.startMs;
  }

  /** The next ticket's creation time in ms. */
  next(): number {
    const target = Math.min((this.index++ + this.r.next()) / this.count, 1 - 1e-12);
    while (this.cumulative[this.bucket] <= target && this.bucket < this.cumulative.length - 1) this.bucket++;
    const before = this.bucket === 0 ? 0 : this.cumulative[this.bucket - 1];
    const fraction = (target - before) / (this.cumulative[this.bucket] - before);
    return this.startMs + Math.floor((this.bucket + fraction) * HOUR);
  }
}
