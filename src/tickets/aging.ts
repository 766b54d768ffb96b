import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/tables.js';

export interface AgingQuery {
  /** Which timestamp measures age; both are indexed with the status. */
  column: 'created_at' | 'updated_at';
  /** Only tickets whose timestamp is at or before this. */
  cutoff: string;
  /** Only tickets in these statuses. */
  statuses: readonly string[];
  /** Keyset: continue after this (timestamp, id). */
  after?: { at: string; id: string };
  limit: number;
}

/**
 * Tickets untouched (or open) since a time, oldest first: what time-based rules sweep. Reads
 * only index columns (`tickets_status_updated`, `tickets_created`), so a sweep over a million
 * tickets touches just the ones old enough.
 */
export async function agingTickets(db: Kysely<Database>, query: AgingQuery): Promise<{ id: string; created_at: string; updated_at: string }[]> {
  let q = db
    .selectFrom('tickets')
    .select(['id', 'created_at', 'updated_at'])
    .where('status', 'in', [...query.statuses])
    .where(query.column, '<=', query.cutoff);
  if (query.after) {
    const { at, id } = query.after;
    q = q.where((eb) => eb.or([eb(query.column, '>', at), eb.and([eb(query.column, '=', at), eb('id', '>', id)])]));
  }
  return q.orderBy(query.column).orderBy('id').limit(query.limit).execute();
}
