/**
 * What triage reads of tickets: the requester's recent tickets, the organisation's plan and VIP
 * flag, a ticket's first message, and the labelled history that retraining learns from.
 * (Read-only: triage never writes tickets' tables except through the lifecycle hooks' row.)
 */
import type { Kysely } from 'kysely';
import { CompiledStatements } from '../platform/db/compiled.js';
import type { Database } from '../platform/db/tables.js';

const statements = new CompiledStatements();

/**
 * The requester's tickets created at or after `since`, counted up to `cap` (an integration that
 * opens thousands of tickets under one requester must not make each new one count them all).
 * Reads only the (requester_id, created_at) index.
 */
export async function ticketsOfRequesterSince(db: Kysely<Database>, requesterId: string, since: string, cap: number): Promise<number> {
  // Runs for every new ticket: compiled once, then only bound.
  const [row] = await statements.run<{ n: number | string }>(
    db,
    'tickets-of-requester-since',
    (k: Kysely<Database>) =>
      k
        .selectFrom((eb) => eb.selectFrom('tickets').select('created_at').where('requester_id', '=', '').where('created_at', '>=', '').limit(0).as('recent'))
        .select((eb) => eb.fn.countAll().as('n')),
    [requesterId, since, cap],
  );
  return Number(row?.n ?? 0);
}

export const organisationTier = (db: Kysely<Database>, organisationId: string) =>
  db.selectFrom('organisations').select(['name', 'plan', 'vip']).where('id', '=', organisationId).executeTakeFirst();

/** The first message of a ticket (the customer's report). */
export async function firstMessageBody(db: Kysely<Database>, ticketId: string): Promise<string> {
  const row = await db.selectFrom('messages').select('body_text').where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
  return row?.body_text ?? '';
}

export interface LabelledTicket {
  id: string;
  subject: string;
  body: string;
  category: string | null;
  priority: number;
}

/** Solved and closed tickets, newest first, with their first message: the labels agents settled on. */
export async function resolvedTickets(db: Kysely<Database>, limit: number): Promise<LabelledTicket[]> {
  const rows = await db
    .selectFrom('tickets as t')
    .select((eb) => [
      't.id',
      't.subject',
      't.category',
      't.priority',
      eb
        .selectFrom('messages as m')
        .select('m.body_text')
        .whereRef('m.ticket_id', '=', 't.id')
        .orderBy('m.created_at')
        .orderBy('m.id')
        .limit(1)
        .as('body'),
    ])
    .where('t.status', 'in', ['solved', 'closed'])
    .orderBy('t.created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, subject: r.subject, body: r.body ?? '', category: r.category, priority: Number(r.priority) }));
}
