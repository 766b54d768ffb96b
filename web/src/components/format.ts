/** Number formats shared by the admin and report pages (figures come from the API as plain numbers). */

export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined || Number.isNaN(x) ? '–' : `${(x * 100).toFixed(digits)}%`);

export const fixed = (x: number | null | undefined, digits = 2) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(digits));

/** Hours as a reader wants them: minutes under an hour, days over two days. */
export function duration(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || Number.isNaN(hours)) return '–';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} d`;
}

export const count = (n: number | null | undefined) => (n === null || n === undefined ? '–' : n.toLocaleString('en'));

/** A stored ISO time in the reader's locale and zone. */
export const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '–');

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** `windowHours` → "Window hours": labels for settings whose names are all we know. */
export const humanize = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()).replace(/ ([A-Z])(?=[a-z])/g, (m) => m.toLowerCase());
