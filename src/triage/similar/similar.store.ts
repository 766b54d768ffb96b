import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/tables.js';
import { findPublicCustomerMessages } from '../../tickets/history.store.js';
import type { TicketText } from './vector.js';

/** A ticket as the similar-ticket index reads it. */
export interface IndexedTicket extends TicketText {
  id: string;
  number: number;
  solved: boolean;
  createdMs: number;
  updatedAt: string;
}

type TicketHead = { id: string; number: number | string; subject: string; status: string; created_at: string; updated_at: string };

const SOLVED_STATUSES = new Set(['solved', 'closed']);
/** Numbers per `IN (…)` list: well under SQLite's bound-parameter limit. */
const PAGE_OF_NUMBERS = 500;

/** Joins each ticket with the text of its public customer messages, oldest first (the report, then follow-ups). */
async function withText(db: Kysely<Database>, heads: TicketHead[]): Promise<IndexedTicket[]> {
  if (heads.length === 0) return [];
  const bodies = new Map<string, string[]>();
  for (const row of await findPublicCustomerMessages(db, heads.map((h) => h.id))) {
    const list = bodies.get(row.ticket_id);
    if (list) list.push(row.body_text);
    else bodies.set(row.ticket_id, [row.body_text]);
  }
  return heads.map((h) => ({
    id: h.id,
    number: Number(h.number),
    subject: h.subject,
    body: (bodies.get(h.id) ?? []).join('\n\n'),
    solved: SOLVED_STATUSES.has(h.status),
    createdMs: Date.parse(h.created_at),
    updatedAt: h.updated_at,
  }));
}

const heads = (db: Kysely<Database>) => db.selectFrom('tickets').select(['id', 'number', 'subject', 'status', 'created_at', 'updated_at']);

/** Tickets numbered above `afterNumber`, lowest first, with their text: pages of the initial load. */
export async function ticketsAfter(db: Kysely<Database>, afterNumber: number, limit: number): Promise<IndexedTicket[]> {
  return withText(db, (await heads(db).where('number', '>', afterNumber).orderBy('number').limit(limit).execute()) as TicketHead[]);
}

/** Tickets by number, with their text (numbers that are not tickets are left out). */
export async function ticketsNumbered(db: Kysely<Database>, numbers: readonly number[]): Promise<IndexedTicket[]> {
  const found: TicketHead[] = [];
  for (let i = 0; i < numbers.length; i += PAGE_OF_NUMBERS) found.push(...((await heads(db).where('number', 'in', numbers.slice(i, i + PAGE_OF_NUMBERS)).execute()) as TicketHead[]));
  return withText(db, found);
}

/** Tickets changed at or after a time (numbered up to `maxNumber`), with their text. */
export async function ticketsUpdatedSince(db: Kysely<Database>, since: string, maxNumber: number, limit: number): Promise<IndexedTicket[]> {
  const rows = await heads(db).where('updated_at', '>=', since).where('number', '<=', maxNumber).orderBy('updated_at').limit(limit).execute();
  return withText(db, rows as TicketHead[]);
}

/** One ticket with its text, by id. */
export async function ticketById(db: Kysely<Database>, id: string): Promise<IndexedTicket | undefined> {
  const row = await heads(db).where('id', '=', id).executeTakeFirst();
  return row ? (await withText(db, [row as TicketHead]))[0] : undefined;
}

/** The highest ticket number and latest update time in the database. */
export async function ticketsHighWater(db: Kysely<Database>): Promise<{ maxNumber: number; maxUpdatedAt: string | null }> {
  // Two queries: each lone max() is answered from its index; together they would scan the table.
  const number = await db.selectFrom('tickets').select((eb) => eb.fn.max('number').as('value')).executeTakeFirst();
  const updated = await db.selectFrom('tickets').select((eb) => eb.fn.max('updated_at').as('value')).executeTakeFirst();
  return { maxNumber: Number(number?.value ?? 0), maxUpdatedAt: (updated?.value as string | null | undefined) ?? null };
}

/** Ids and external ids of tickets by number. */
export async function ticketRefs(db: Kysely<Database>, numbers: readonly number[]): Promise<Map<number, { id: string; externalId: string | null }>> {
  if (numbers.length === 0) return new Map();
  const rows = await db.selectFrom('tickets').select(['id', 'number', 'external_id']).where('number', 'in', [...numbers]).execute();
  return new Map(rows.map((r) => [Number(r.number), { id: r.id, externalId: r.external_id }]));
}

/** One ticket with its text, by external id. */
export async function ticketByExternalId(db: Kysely<Database>, externalId: string): Promise<IndexedTicket | undefined> {
  const row = await heads(db).where('external_id', '=', externalId).executeTakeFirst();
  return row ? (await withText(db, [row as TicketHead]))[0] : undefined;
}
