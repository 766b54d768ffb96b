import type { MouseEvent } from 'react';
import { navigate } from './router';

/** Small display helpers shared by the console's pages: times, ratings, links and numbers. */

/** "3h 20m left" or "overdue by 1h 5m"; null without a due time. */
export function timeLeft(due: string | undefined | null): string | null {
  if (!due) return null;
  const ms = Date.parse(due) - Date.now();
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  return `${ms < 0 ? 'overdue by ' : ''}${h}h ${m}m${ms < 0 ? '' : ' left'}`;
}

/** A stored ISO time in the reader's locale and zone. */
export const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '–');

export const statusLabel = (status: string) => status.replace('_', ' ');

export const RATING_LABELS = ['Very unhappy', 'Unhappy', 'Neutral', 'Happy', 'Very happy'];

/** "4/5 (Happy)". */
export const ratingText = (rating: number) => `${rating}/5 (${RATING_LABELS[rating - 1] ?? '?'})`;

/** Props for a console link that moves without a page load; a modified click opens a new tab as usual. */
export const link = (path: string) => ({
  href: `/app${path}`,
  onClick: (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(path);
  },
});

// Numbers as the admin and report pages show them (figures come from the API as plain numbers).

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


export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** `windowHours` → "Window hours": labels for settings whose names are all we know. */
export const humanize = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()).replace(/ ([A-Z])(?=[a-z])/g, (m) => m.toLowerCase());
