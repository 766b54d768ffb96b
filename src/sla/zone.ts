/**
 * Time-zone offsets from the platform's own tz database (Intl), with no date library.
 * Offsets are cached per zone and 15-minute UTC slot: every transition in the tz database since
 * 1970 falls on a quarter hour, so one lookup per slot is exact and makes repeated due-time
 * computations cost a map read instead of an Intl call (~2 µs each).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, Map<number, number>>();
const SLOT_MS = 15 * 60_000;
const MAX_CACHED_SLOTS = 200_000;

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when the platform knows the IANA zone name. */
export function isValidTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

function computeOffset(zone: string, instant: number): number {
  const parts = formatter(zone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  // Sub-second precision is lost in the formatted parts: compare at whole seconds.
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The zone's offset from UTC in ms at the instant (positive east of Greenwich). */
export function zoneOffset(zone: string, instant: number): number {
  let cache = offsetCaches.get(zone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(zone, cache);
  }
  const slot = Math.floor(instant / SLOT_MS);
  let offset = cache.get(slot);
  if (offset === undefined) {
    if (cache.size > MAX_CACHED_SLOTS) cache.clear();
    offset = computeOffset(zone, slot * SLOT_MS);
    cache.set(slot, offset);
  }
  return offset;
}

/**
 * The instant at which the zone's clocks show `wall` (a wall time expressed as ms since the epoch
 * as if it were UTC). Like Temporal's `compatible` disambiguation: a wall time repeated when
 * clocks go back is the earlier instant; one skipped when they go forward is moved forward by
 * the gap (02:30 on a spring-forward night in Berlin is 03:30 CEST).
 */
export function wallToInstant(zone: string, wall: number): number {
  const before = zoneOffset(zone, wall - 86_400_000);
  const after = zoneOffset(zone, wall + 86_400_000);
  if (before === after) return wall - before;
  const early = wall - before;
  const late = wall - after;
  const earlyValid = zoneOffset(zone, early) === before;
  const lateValid = zoneOffset(zone, late) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (earlyValid) return early;
  if (lateValid) return late;
  return early;
}

/** The local calendar day (days since 1970-01-01) on which the instant falls in the zone. */
export function localDay(zone: string, instant: number): number {
  return Math.floor((instant + zoneOffset(zone, instant)) / 86_400_000);
}
