import { AppError } from '../platform/errors.js';
import { DAY_MS, HOUR_MS } from './buckets.js';

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

const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;
const ceilTo = (ms: number, unit: number) => Math.ceil(ms / unit) * unit;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The rollup bucket ranges that cover a period: whole days from day buckets and the partial days
 * at either end from hour buckets (the period is widened to whole hours). Dimensions without hour
 * buckets are widened to whole UTC days.
 */
export function bucketRanges(period: Period, hourly: boolean): Array<[string, string, string]> {
  const fromMs = period.from.getTime();
  const toMs = period.to.getTime();
  if (toMs <= fromMs) return [];
  if (!hourly) return [['day', iso(floorTo(fromMs, DAY_MS)), iso(ceilTo(toMs, DAY_MS))]];
  const fromH = floorTo(fromMs, HOUR_MS);
  const toH = ceilTo(toMs, HOUR_MS);
  const dayStart = ceilTo(fromH, DAY_MS);
  const dayEnd = floorTo(toH, DAY_MS);
  if (dayStart >= dayEnd) return [['hour', iso(fromH), iso(toH)]];
  const ranges: Array<[string, string, string]> = [['day', iso(dayStart), iso(dayEnd)]];
  if (fromH < dayStart) ranges.push(['hour', iso(fromH), iso(dayStart)]);
  if (dayEnd < toH) ranges.push(['hour', iso(dayEnd), iso(toH)]);
  return ranges;
}
