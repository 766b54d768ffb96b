import { sql, type Kysely } from 'kysely';
import { BulkInsert } from '../platform/db/bulk-insert.js';
import type { Database, MessageRow, TicketRow, TicketUpdate } from '../platform/db/tables.js';
import type { FullTextIndex } from '../platform/db/fulltext.js';

/** A ticket row joined with its requester, as lists and details read it. */
export type TicketWithRequester = TicketRow & { requester_email: string; requester_name: string | null };

const withRequester = (db: Kysely<Database>) =>
  db
    .selectFrom('tickets')
    .innerJoin('customers', 'customers.id', 'tickets.requester_id')
    .selectAll('tickets')
    .select(['customers.email as requester_email', 'customers.name as requester_name']);

export type TicketQuery = ReturnType<typeof withRequester>;

/**
 * The list query: all tickets, or with `matches` only the full-text candidates, exposing their
 * rank as `search_rank`. The candidates come first in a CROSS JOIN, which SQLite's planner keeps
 * as the outer loop: probing a thousand candidates beats scanning tickets in sort order for
 * words that match few of them.
 */
export function baseTicketQuery(db: Kysely<Database>, matches?: NonNullable<ReturnType<FullTextIndex['matches']>>): TicketQuery {
  if (!matches) return withRequester(db);
  return db
    .selectFrom(sql`(${matches})`.as('search'))
    .crossJoin('tickets')
    .innerJoin('customers', 'customers.id', 'tickets.requester_id')
    .where(sql<boolean>`tickets.number = search.doc_key`)
    .selectAll('tickets')
    .select(['customers.email as requester_email', 'customers.name as requester_name', sql<number>`search.rank`.as('search_rank')]) as unknown as TicketQuery;
}

export const findTicket = (db: Kysely<Database>, id: string) =>
  withRequester(db).where('tickets.id', '=', id).executeTakeFirst() as Promise<TicketWithRequester | undefined>;

export const findTicketRow = (db: Kysely<Database>, id: string) =>
  db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();

// Ticket creation is the hottest write: its inserts use statements compiled once.
const ticketInsert = new BulkInsert<TicketRow>('tickets', [
  'id', 'number', 'external_id', 'subject', 'status', 'priority', 'category', 'channel', 'requester_id', 'organisation_id', 'assignee_id',
  'group_id', 'tags', 'custom_fields', 'triage', 'sla', 'sla_next_due_at', 'version', 'created_at', 'updated_at', 'first_response_at',
  'solved_at', 'closed_at',
]);
const tagInsert = new BulkInsert<{ ticket_id: string; tag: string }>('ticket_tags', ['ticket_id', 'tag']);
const messageInsert = new BulkInsert<MessageRow>('messages', ['id', 'ticket_id', 'visibility', 'author_type', 'author_id', 'body_text', 'body_html', 'channel', 'created_at']);

export async function insertTicket(db: Kysely<Database>, row: TicketRow): Promise<void> {
  await ticketInsert.insert(db, [row]);
}

/** Updates a ticket only if its version is still `expectedVersion`; returns false when it is not. */
export async function updateTicketIfVersion(db: Kysely<Database>, id: string, expectedVersion: number, changes: TicketUpdate): Promise<boolean> {
  const result = await db
    .updateTable('tickets')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertTicketTags(db: Kysely<Database>, ticketId: string, tags: string[]): Promise<void> {
  await tagInsert.insert(db, tags.map((tag) => ({ ticket_id: ticketId, tag })));
}

export async function replaceTicketTags(db: Kysely<Database>, ticketId: string, tags: string[]): Promise<void> {
  await db.deleteFrom('ticket_tags').where('ticket_id', '=', ticketId).execute();
  await insertTicketTags(db, ticketId, tags);
}

export async function insertMessage(db: Kysely<Database>, row: MessageRow): Promise<void> {
  await messageInsert.insert(db, [row]);
}

/** Messages of a ticket, oldest first, after a (created_at, id) cursor. */
export function findMessages(db: Kysely<Database>, ticketId: string, limit: number, after?: { createdAt: string; id: string }) {
  let query = db.selectFrom('messages').selectAll().where('ticket_id', '=', ticketId);
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('created_at', '>', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)])]),
    );
  }
  return query.orderBy('created_at', 'asc').orderBy('id', 'asc').limit(limit).execute();
}

export const allMessageBodies = async (db: Kysely<Database>, ticketId: string) =>
  (await db.selectFrom('messages').select('body_text').where('ticket_id', '=', ticketId).orderBy('created_at').execute()).map((m) => m.body_text);

