import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/tables.js';

type Db = Kysely<Database>;
const CHUNK = 500;

/** Public agent replies of these tickets with each ticket's solved time, newest reply first per ticket. */
export async function findPublicAgentReplies(db: Db, ticketIds: string[]) {
  const rows: { ticket_id: string; id: string; body_text: string; author_id: string | null; created_at: string; solved_at: string | null; subject: string; status: string }[] = [];
  for (let i = 0; i < ticketIds.length; i += CHUNK) {
    rows.push(
      ...(await db
        .selectFrom('messages')
        .innerJoin('tickets', 'tickets.id', 'messages.ticket_id')
        .select(['messages.ticket_id', 'messages.id', 'messages.body_text', 'messages.author_id', 'messages.created_at', 'tickets.solved_at', 'tickets.subject', 'tickets.status'])
        .where('messages.ticket_id', 'in', ticketIds.slice(i, i + CHUNK))
        .where('messages.author_type', '=', 'agent')
        .where('messages.visibility', '=', 'public')
        .orderBy('messages.ticket_id')
        .orderBy('messages.created_at', 'desc')
        .orderBy('messages.id', 'desc')
        .execute()),
    );
  }
  return rows;
}

/** Tickets created at or after `since`, newest first, with their first public customer message. */
export async function findRecentTicketsWithReport(db: Db, since: string, limit: number) {
  const tickets = await db
    .selectFrom('tickets')
    .select(['id', 'number', 'subject', 'status', 'created_at'])
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const reports = new Map<string, string>();
  for (const row of await findPublicCustomerMessages(db, tickets.map((t) => t.id))) if (!reports.has(row.ticket_id)) reports.set(row.ticket_id, row.body_text);
  return tickets.map((t) => ({ ...t, number: Number(t.number), report: reports.get(t.id) ?? '' }));
}

/** The public customer messages of these tickets, grouped by ticket, oldest first in each (the report, then follow-ups). */
export async function findPublicCustomerMessages(db: Db, ticketIds: string[]): Promise<{ ticket_id: string; body_text: string }[]> {
  const rows: { ticket_id: string; body_text: string }[] = [];
  for (let i = 0; i < ticketIds.length; i += CHUNK) {
    const chunk = await db
      .selectFrom('messages')
      .select(['ticket_id', 'body_text'])
      .where('ticket_id', 'in', ticketIds.slice(i, i + CHUNK))
      .where('author_type', '=', 'customer')
      .where('visibility', '=', 'public')
      .orderBy('ticket_id')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const row of chunk) rows.push(row);
  }
  return rows;
}
