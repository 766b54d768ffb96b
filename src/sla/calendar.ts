import { localDay, wallToInstant } from './zone.js';

/**
 * Business-time arithmetic: pure functions over a compiled calendar. An SLA target of "4 hours"
 * on a calendar means four hours of the calendar's open time, counted in its zone; the same
 * target around the clock is four hours of wall time.
 */

/** One opening interval of a weekday, in minutes after local midnight (end may be 1440). */
export interface OpenInterval {
  day: number; // 0 = Sunday … 6 = Saturday
  startMinute: number;
  endMinute: number;
}

export interface CalendarDefinition {
  timeZone: string;
  hours: OpenInterval[];
  /** Local dates (YYYY-MM-DD) the calendar is closed all day, for a given year. */
  closedDates(year: number): ReadonlySet<string>;
}

const DAY_MS = 86_400_000;
const MAX_DAYS = 366 * 10;

/**
 * A calendar prepared for repeated use: each local day's open intervals as UTC instants are
 * computed once and kept (a day is the same for every ticket), which keeps a due-time
 * computation at a handful of map reads.
 */
export class BusinessCalendar {
  private readonly weekly: Array<Array<[number, number]>> = [[], [], [], [], [], [], []];
  private readonly days = new Map<number, readonly number[]>();
  private readonly closedByYear = new Map<number, ReadonlySet<string>>();
  readonly timeZone: string;

  constructor(private readonly definition: CalendarDefinition) {
    this.timeZone = definition.timeZone;
    for (const h of definition.hours) this.weekly[h.day]!.push([h.startMinute, h.endMinute]);
    for (const list of this.weekly) list.sort((a, b) => a[0] - b[0]);
    if (this.weekly.every((l) => l.length === 0)) throw new Error('a calendar needs at least one open interval');
  }

  /** The open intervals of a local day as a flat list of UTC instants [start, end, start, end …]. */
  dayIntervals(day: number): readonly number[] {
    let cached = this.days.get(day);
    if (cached) return cached;
    const date = new Date(day * DAY_MS);
    const intervals: number[] = [];
    if (!this.isClosed(date)) {
      const weekday = date.getUTCDay();
      for (const [start, end] of this.weekly[weekday]!) {
        const from = wallToInstant(this.timeZone, day * DAY_MS + start * 60_000);
        const to = wallToInstant(this.timeZone, day * DAY_MS + end * 60_000);
        if (to > from) intervals.push(from, to);
      }
    }
    cached = intervals;
    if (this.days.size > 50_000) this.days.clear();
    this.days.set(day, cached);
    return cached;
  }

  private isClosed(date: Date): boolean {
    const year = date.getUTCFullYear();
    let closed = this.closedByYear.get(year);
    if (!closed) {
      closed = this.definition.closedDates(year);
      this.closedByYear.set(year, closed);
    }
    return closed.has(date.toISOString().slice(0, 10));
  }

  /** The instant when `durationMs` of open time has passed since `from`. */
  addBusinessTime(from: number, durationMs: number): number {
    let remaining = durationMs;
    let day = localDay(this.timeZone, from);
    for (let i = 0; i < MAX_DAYS; i += 1, day += 1) {
      const intervals = this.dayIntervals(day);
      for (let k = 0; k < intervals.length; k += 2) {
        const start = Math.max(intervals[k]!, from);
        const end = intervals[k + 1]!;
        if (end <= start) continue;
        if (remaining <= end - start) return start + remaining;
        remaining -= end - start;
      }
    }
    throw new Error('the calendar has no open time within ten years');
  }

  /** Open time between two instants (0 when `to` is not after `from`). */
  businessTimeBetween(from: number, to: number): number {
    if (to <= from) return 0;
    let total = 0;
    const last = localDay(this.timeZone, to);
    for (let day = localDay(this.timeZone, from); day <= last; day += 1) {
      const intervals = this.dayIntervals(day);
      for (let k = 0; k < intervals.length; k += 2) {
        const start = Math.max(intervals[k]!, from);
        const end = Math.min(intervals[k + 1]!, to);
        if (end > start) total += end - start;
      }
    }
    return total;
  }
}

/** Time arithmetic of a policy: on a calendar, or around the clock when there is none. */
export interface SlaClock {
  add(from: number, durationMs: number): number;
  between(from: number, to: number): number;
}

export const AROUND_THE_CLOCK: SlaClock = {
  add: (from, durationMs) => from + durationMs,
  between: (from, to) => Math.max(0, to - from),
};

export const calendarClock = (calendar: BusinessCalendar): SlaClock => ({
  add: (from, durationMs) => calendar.addBusinessTime(from, durationMs),
  between: (from, to) => calendar.businessTimeBetween(from, to),
});

/** "09:30" → 570; "24:00" → 1440. */
export function parseClockTime(value: string): number | undefined {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 1440 ? minutes : undefined;
}
