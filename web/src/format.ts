import type { MouseEvent } from 'react';
import { navigate } from './router';

/** Small display helpers shared by the ticket page and the customer and organisation pages. */

/** "3h 20m left" or "overdue by 1h 5m"; null without a due time. */
export function timeLeft(due: string | undefined | null): string | null {
  if (!due) return null;
  const ms = Date.parse(due) - Date.now();
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  return `${ms < 0 ? 'overdue by ' : ''}${h}h ${m}m${ms < 0 ? '' : ' left'}`;
}

export const when = (iso: string) => new Date(iso).toLocaleString();

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
