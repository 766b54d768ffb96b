import type { Kysely } from 'kysely';
import { BulkInsert } from '../platform/db/bulk-insert.js';
import type { AuditEventRow, Database } from '../platform/db/tables.js';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  ticketId?: string;
  actorId?: string;
  action?: string;
  since?: string;
  until?: string;
  /** Only events with an id below this (keyset paging, newest first). */
  beforeId?: number;
  /** Only events with an id above this (oldest first). */
  afterId?: number;
  limit: number;
  order: 'asc' | 'desc';
}

// Every write appends one of these: a statement compiled once, not a query tree per event.
const auditInsert = new BulkInsert<Omit<AuditEventRow, 'id'>>('audit_events', [
  'at', 'actor_type', 'actor_id', 'actor_label', 'action', 'entity_type', 'entity_id', 'ticket_id', 'changes',
]);

/** Appends one event. There is deliberately no update or delete here. */
export async function insertAuditEvent(db: Kysely<Database>, row: Omit<AuditEventRow, 'id'>): Promise<void> {
  await auditInsert.insert(db, [row]);
}

/** Appends many events in few statements (bulk imports). */
export async function insertAuditEvents(db: Kysely<Database>, rows: Omit<AuditEventRow, 'id'>[]): Promise<void> {
  await auditInsert.insert(db, rows);
}

export async function findAuditEvents(db: Kysely<Database>, filter: AuditFilter): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_events').selectAll();
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.ticketId) query = query.where('ticket_id', '=', filter.ticketId);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.since) query = query.where('at', '>=', filter.since);
  if (filter.until) query = query.where('at', '<', filter.until);
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
  if (filter.afterId !== undefined) query = query.where('id', '>', filter.afterId);
  return query.orderBy('id', filter.order).limit(filter.limit).execute();
}
