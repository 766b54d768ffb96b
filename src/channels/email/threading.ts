import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/tables.js';
import { findMessageIds, ticketByNumber } from './email.store.js';
import type { ParsedEmail } from './parse.js';

export interface ThreadMatch {
  ticketId: string;
  via: 'in-reply-to' | 'references' | 'subject-token';
}

/** The `[#123]` ticket token we put in outbound subjects. */
export const SUBJECT_TOKEN = /\[#(\d{1,12})\]/;

/**
 * The ticket a message belongs to, or null for a new ticket. In order: In-Reply-To, then
 * References (newest first), against the Message-IDs we have received and sent; then the
 * `[#number]` token in the subject, but only when the sender is the ticket's requester or from
 * its organisation (a token is guessable, a Message-ID is not). Never by subject text alone:
 * two customers writing "Invoice question" are two tickets.
 */
export async function findThread(db: Kysely<Database>, mail: ParsedEmail, sender: { id: string; organisation_id: string | null }): Promise<ThreadMatch | null> {
  const references = [...mail.references].reverse();
  const known = await findMessageIds(db, [...mail.inReplyTo, ...references]);
  if (known.length > 0) {
    const byId = new Map(known.map((k) => [k.message_id, k.ticket_id]));
    for (const id of mail.inReplyTo) if (byId.has(id)) return { ticketId: byId.get(id)!, via: 'in-reply-to' };
    for (const id of references) if (byId.has(id)) return { ticketId: byId.get(id)!, via: 'references' };
  }
  const token = SUBJECT_TOKEN.exec(mail.subject);
  if (token) {
    const ticket = await ticketByNumber(db, Number(token[1]));
    const sameOrganisation = ticket?.organisation_id != null && ticket.organisation_id === sender.organisation_id;
    if (ticket && (ticket.requester_id === sender.id || sameOrganisation)) return { ticketId: ticket.id, via: 'subject-token' };
  }
  return null;
}
