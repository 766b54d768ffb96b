import type { Deps } from '../platform/context.js';
import { listMessages } from '../tickets/messages.service.js';
import type { Message, Ticket } from '../tickets/tickets.schema.js';
import { getTicket } from '../tickets/tickets.service.js';

/** A ticket with its thread, as suggestions and drafts read it (through the tickets service). */
export interface TicketContext {
  ticket: Ticket;
  messages: Message[];
  /** The customer's public messages, oldest first: what describes the problem. */
  customerText: string;
}

/** Messages read per ticket at most: the problem is stated early, and a draft needs no more. */
const MAX_MESSAGES = 200;

/** Loads a ticket and its messages; 404 for an unknown ticket. */
export async function loadTicketContext(deps: Deps, ticketId: string): Promise<TicketContext> {
  const ticket = await getTicket(deps, ticketId);
  const { items } = await listMessages(deps, ticketId, MAX_MESSAGES);
  const customerText = items
    .filter((m) => m.author.type === 'customer' && m.visibility === 'public')
    .map((m) => m.body)
    .join('\n\n');
  return { ticket, messages: items, customerText };
}

/** The first name to greet: the first word of the requester's name, never an email address. */
export function firstName(name: string | null): string | null {
  const first = name?.trim().split(/\s+/)[0];
  if (!first || first.includes('@') || !/\p{L}/u.test(first)) return null;
  return first.charAt(0).toUpperCase() + first.slice(1);
}
