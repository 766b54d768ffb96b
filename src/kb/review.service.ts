import type { Deps } from '../platform/context.js';
import { toArticle } from './articles.view.js';
import { decodeKeyset, toPage } from './paging.js';
import type { ReviewDueFilter, ReviewDueItem } from './review.schema.js';
import { findReviewDue } from './review.store.js';

const DAY_MS = 86_400_000;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Articles whose review date has passed or falls within `withinDays` (dates are UTC days),
 * earliest first: the list a team works through to keep articles true.
 */
export async function listReviewDue(deps: Deps, filter: ReviewDueFilter): Promise<{ today: string; until: string; items: ReviewDueItem[]; nextCursor: string | null }> {
  const todayMs = Date.parse(dateOf(deps.clock.now().getTime()));
  const today = dateOf(todayMs);
  const until = dateOf(todayMs + filter.withinDays * DAY_MS);
  const rows = await findReviewDue(deps.db.kysely, { until, status: filter.status, visibility: filter.visibility }, decodeKeyset(filter.cursor), filter.limit + 1);
  const page = toPage(rows, filter.limit, (r) => r.review_due_at ?? '', (row): ReviewDueItem => {
    const { body: _body, ...article } = toArticle(row);
    const days = Math.round((Date.parse(row.review_due_at ?? today) - todayMs) / DAY_MS);
    return { ...article, review: days < 0 ? { state: 'overdue', days: -days } : days === 0 ? { state: 'due_today', days: 0 } : { state: 'due_soon', days } };
  });
  return { today, until, ...page };
}
