import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/tables.js';
import { pastKeyset, type Keyset } from './paging.js';

/** Articles with a review date on or before `until` (YYYY-MM-DD), earliest first, after a keyset. */
export function findReviewDue(db: Kysely<Database>, filter: { until: string; status?: string; visibility?: string }, after: Keyset | undefined, limit: number) {
  let query = db.selectFrom('kb_articles').selectAll().where('review_due_at', 'is not', null).where('review_due_at', '<=', filter.until);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.visibility) query = query.where('visibility', '=', filter.visibility);
  if (after) query = query.where(pastKeyset('review_due_at', 'id', after, '>'));
  return query.orderBy('review_due_at', 'asc').orderBy('id', 'asc').limit(limit).execute();
}
