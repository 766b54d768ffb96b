/** Report periods: presets in whole UTC days (breakdowns are kept per day), `to` exclusive, kept in the address. */

export interface Period {
  from: string;
  to: string;
}

const DAY = 86_400_000;
const startOfDay = (ms: number) => Math.floor(ms / DAY) * DAY;
const iso = (ms: number) => new Date(ms).toISOString();

export const PRESETS = [
  ['7d', 'Last 7 days'],
  ['30d', 'Last 30 days'],
  ['90d', 'Last 90 days'],
  ['month', 'This month'],
  ['last-month', 'Last month'],
  ['custom', 'Custom'],
] as const;
export type Preset = (typeof PRESETS)[number][0];

/** The period of a preset as of `now`: whole days, today included. */
export function presetPeriod(preset: Exclude<Preset, 'custom'>, now = Date.now()): Period {
  const tomorrow = startOfDay(now) + DAY;
  const d = new Date(now);
  const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  switch (preset) {
    case '7d':
      return { from: iso(tomorrow - 7 * DAY), to: iso(tomorrow) };
    case '30d':
      return { from: iso(tomorrow - 30 * DAY), to: iso(tomorrow) };
    case '90d':
      return { from: iso(tomorrow - 90 * DAY), to: iso(tomorrow) };
    case 'month':
      return { from: iso(monthStart), to: iso(tomorrow) };
    case 'last-month':
      return { from: iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)), to: iso(monthStart) };
  }
}

/** `2026-03-01T00:00:00.000Z` → `2026-03-01` for a date input. */
export const dateOf = (isoTime: string) => isoTime.slice(0, 10);
/** A date input's value as the start of that UTC day; the last day of a range is included by adding one. */
export const fromDate = (date: string, plusDays = 0) => iso(Date.parse(`${date}T00:00:00.000Z`) + plusDays * DAY);

/** The period and breakdown in the address (`/app/reports?from=…&to=…&by=…`), when valid. */
export function readQuery(search: string): { period: Period | null; by: string | null } {
  const q = new URLSearchParams(search);
  const from = q.get('from');
  const to = q.get('to');
  const valid = from && to && !Number.isNaN(Date.parse(from)) && !Number.isNaN(Date.parse(to)) && Date.parse(from) < Date.parse(to);
  return { period: valid ? { from: new Date(from).toISOString(), to: new Date(to).toISOString() } : null, by: q.get('by') };
}
