import type { Kysely } from 'kysely';
import { BulkInsert } from '../../platform/db/bulk-insert.js';
import type { AuditEventsTable, CustomersTable, Database, MessagesTable, TicketsTable } from '../../platform/db/tables.js';

// Both dialects cap a statement's bound values; IN lists stay well below.
const LOOKUP_CHUNK = 500;

const TICKET_COLUMNS = [
  'id', 'number', 'external_id', 'subject', 'status', 'priority', 'category', 'channel', 'requester_id', 'organisation_id',
  'tags', 'custom_fields', 'version', 'created_at', 'updated_at', 'solved_at', 'closed_at',
] as const;

/** The columns an imported ticket sets; the others keep their defaults (no assignee, no SLA yet). */
export type ImportedTicketRow = Pick<TicketsTable, (typeof TICKET_COLUMNS)[number]>;

/** Multi-row inserts of the import (the dialect seam's bulk writer). */
export const ticketsInsert = new BulkInsert<ImportedTicketRow>('tickets', TICKET_COLUMNS);
export const messagesInsert = new BulkInsert<MessagesTable>('messages', ['id', 'ticket_id', 'visibility', 'author_type', 'author_id', 'body_text', 'body_html', 'channel', 'created_at']);
export const customersInsert = new BulkInsert<CustomersTable>('customers', ['id', 'email', 'name', 'organisation_id', 'created_at', 'updated_at']);
export const auditInsert = new BulkInsert<Omit<AuditEventsTable, 'id'>>('audit_events', [
  'at', 'actor_type', 'actor_id', 'actor_label', 'action', 'entity_type', 'entity_id', 'ticket_id', 'changes',
]);

async function inChunks<T>(values: readonly string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const found: T[] = [];
  for (let i = 0; i < values.length; i += LOOKUP_CHUNK) found.push(...(await query(values.slice(i, i + LOOKUP_CHUNK))));
  return found;
}

/** The external ids among `externalIds` that already name a ticket. */
export async function existingExternalIds(db: Kysely<Database>, externalIds: readonly string[]): Promise<Set<string>> {
  const rows = await inChunks(externalIds, (chunk) => db.selectFrom('tickets').select('external_id').where('external_id', 'in', chunk).execute());
  return new Set(rows.map((r) => r.external_id!));
}

/** Customers by email (emails already lower case). */
export async function customersByEmail(db: Kysely<Database>, emails: readonly string[]): Promise<Map<string, { id: string; organisation_id: string | null }>> {
  const rows = await inChunks(emails, (chunk) => db.selectFrom('customers').select(['id', 'email', 'organisation_id']).where('email', 'in', chunk).execute());
  return new Map(rows.map((r) => [r.email, { id: r.id, organisation_id: r.organisation_id }]));
}

/** Organisations that claim each email domain. */
export async function organisationsByDomain(db: Kysely<Database>, domains: readonly string[]): Promise<Map<string, string>> {
  const rows = await inChunks(domains, (chunk) => db.selectFrom('organisation_domains').select(['domain', 'organisation_id']).where('domain', 'in', chunk).execute());
  return new Map(rows.map((r) => [r.domain, r.organisation_id]));
}
