import type { ParsedEmail } from './parse.js';

export interface ThreadMatch {
  ticketId: string;
  via: 'in-reply-to' | 'references' | 'subject-token';
}

/** A Message-ID we have received (in) or sent (out), with its ticket. */
export interface KnownMessageId {
  message_id: string;
  ticket_id: string;
  direction: 'in' | 'out';
}

/** The `[#123]` ticket token we put in outbound subjects. */
export const SUBJECT_TOKEN = /\[#(\d{1,12})\]/;

/**
 * The ticket a message belongs to, or null for a new ticket. In order: In-Reply-To, then
 * References (newest first), against the Message-IDs we have received and sent (`known`, looked
 * up by the caller); then the `[#number]` token in the subject (`tokenTicket`), but only when the
 * sender is the ticket's requester or from its organisation (a token is guessable, a Message-ID
 * is not). Never by subject text alone: two customers writing "Invoice question" are two tickets.
 */
export function findThread(
  mail: ParsedEmail,
  known: KnownMessageId[],
  tokenTicket: { id: string; requester_id: string; organisation_id: string | null } | undefined,
  sender: { id: string; organisation_id: string | null },
): ThreadMatch | null {
  const byId = new Map(known.map((k) => [k.message_id, k.ticket_id]));
  for (const id of mail.inReplyTo) if (byId.has(id)) return { ticketId: byId.get(id)!, via: 'in-reply-to' };
  for (const id of [...mail.references].reverse()) if (byId.has(id)) return { ticketId: byId.get(id)!, via: 'references' };
  if (tokenTicket) {
    const sameOrganisation = tokenTicket.organisation_id != null && tokenTicket.organisation_id === sender.organisation_id;
    if (tokenTicket.requester_id === sender.id || sameOrganisation) return { ticketId: tokenTicket.id, via: 'subject-token' };
  }
  return null;
}
