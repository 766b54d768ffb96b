import { AppError } from '../platform/errors.js';
import { DAY_MS, HOUR_MS, monthIndex, monthStart } from './buckets.js';

export interface Period {
  from: Date;
  to: Date;
}

/** Checks a period: `to` before `from` is a 400; an empty period is allowed (it reports zeros). */
export function checkPeriod(from: Date, to: Date): Period {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new AppError('invalid_period', '`from` and `to` must be ISO-8601 times');
  if (to.getTime() < from.getTime()) throw new AppError('invalid_period', '`to` is before `from`');
  return { from, to };
}

/** A run of buckets of one grain to read: [grain, first bucket inclusive, last bucket exclusive]. */
export type BucketRange = [grain: 'hour' | 'day' | 'month', from: string, to: string];

const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;
const ceilTo = (ms: number, unit: number) => Math.ceil(ms / unit) * unit;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The rollup bucket ranges that cover a period exactly once, coarsest first: whole calendar
 * months from month buckets, the remaining whole days from day buckets, and the partial days at
 * either end from hour buckets (the period is widened to whole hours). Dimensions without hour
 * buckets are widened to whole UTC days. A year is then about a dozen month rows per value plus
 * the days at its ends, instead of 365 day rows.
 */
export function bucketRanges(period: Period, hourly: boolean): BucketRange[] {
  const fromMs = period.from.getTime();
  const toMs = period.to.getTime();
  if (toMs <= fromMs) return [];
  if (!hourly) return dayAndMonthRanges(floorTo(fromMs, DAY_MS), ceilTo(toMs, DAY_MS));
  const fromH = floorTo(fromMs, HOUR_MS);
  const toH = ceilTo(toMs, HOUR_MS);
  const dayStart = ceilTo(fromH, DAY_MS);
  const dayEnd = floorTo(toH, DAY_MS);
  if (dayStart >= dayEnd) return [['hour', iso(fromH), iso(toH)]];
  const ranges = dayAndMonthRanges(dayStart, dayEnd);
  if (fromH < dayStart) ranges.push(['hour', iso(fromH), iso(dayStart)]);
  if (dayEnd < toH) ranges.push(['hour', iso(dayEnd), iso(toH)]);
  return ranges;
}

/** Whole days [fromMs, toMs) as whole months plus the days before and after them. */
function dayAndMonthRanges(fromMs: number, toMs: number): BucketRange[] {
  // The first month that starts on or after fromMs, and the last month that ends by toMs.
  const firstMonth = monthStart(monthIndex(fromMs)) === fromMs ? monthIndex(fromMs) : monthIndex(fromMs) + 1;
  const endMonth = monthIndex(toMs);
  const monthsFrom = monthStart(firstMonth);
  const monthsTo = monthStart(endMonth);
  if (monthsFrom >= monthsTo) return [['day', iso(fromMs), iso(toMs)]];
  const ranges: BucketRange[] = [['month', iso(monthsFrom), iso(monthsTo)]];
  if (fromMs < monthsFrom) ranges.push(['day', iso(fromMs), iso(monthsFrom)]);
  if (monthsTo < toMs) ranges.push(['day', iso(monthsTo), iso(toMs)]);
  return ranges;
}
