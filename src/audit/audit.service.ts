import type { Kysely } from 'kysely';
import type { Actor } from '../platform/auth/principal.js';
import type { Clock } from '../platform/clock.js';
import type { AuditEventRow, Database } from '../platform/db/tables.js';
import { AppError } from '../platform/errors.js';
import { findAuditEvents, insertAuditEvent, type AuditFilter } from './audit.store.js';

/** Before and after values of the fields a write changed. */
export interface Changes {
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

export interface AuditEntry {
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  ticketId?: string | null;
  changes?: Changes;
}

/** The public shape of an audit event. */
export interface AuditEvent {
  id: number;
  at: string;
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  ticketId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * Records an audit event. Call it with the same transaction as the write it describes,
 * so the write and its record commit or roll back together.
 */
export async function recordAudit(trx: Kysely<Database>, clock: Clock, entry: AuditEntry): Promise<void> {
  await insertAuditEvent(trx, toRow(clock.now().toISOString(), entry));
}

/** The stored row for an entry (bulk writers batch these). */
export function toRow(at: string, entry: AuditEntry): Omit<AuditEventRow, 'id'> {
  return {
    at,
    actor_type: entry.actor.type,
    actor_id: entry.actor.id,
    actor_label: entry.actor.label,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    ticket_id: entry.ticketId ?? null,
    changes: entry.changes ? JSON.stringify(entry.changes) : null,
  };
}

/** Only the fields whose values differ, as before/after; undefined when nothing changed. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Changes | undefined {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return Object.keys(a).length > 0 ? { before: b, after: a } : undefined;
}

/** Lists events, newest first by default, with a numeric cursor. */
export async function listAuditEvents(
  db: Kysely<Database>,
  filter: Omit<AuditFilter, 'beforeId' | 'afterId'> & { cursor?: string },
): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  const cursor = filter.cursor === undefined ? undefined : Number(filter.cursor);
  if (cursor !== undefined && (!Number.isInteger(cursor) || cursor < 0)) throw new AppError('invalid_cursor');
  const rows = await findAuditEvents(db, {
    ...filter,
    limit: filter.limit + 1,
    ...(filter.order === 'desc' ? { beforeId: cursor } : { afterId: cursor }),
  });
  const page = rows.slice(0, filter.limit);
  const nextCursor = rows.length > filter.limit ? String(page[page.length - 1].id) : null;
  return { items: page.map(toEvent), nextCursor };
}

function toEvent(row: AuditEventRow): AuditEvent {
  const changes = row.changes ? (JSON.parse(row.changes) as Changes) : {};
  return {
    id: Number(row.id),
    at: row.at,
    actor: { type: row.actor_type as Actor['type'], id: row.actor_id, label: row.actor_label },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    ticketId: row.ticket_id,
    before: changes.before ?? null,
    after: changes.after ?? null,
  };
}
