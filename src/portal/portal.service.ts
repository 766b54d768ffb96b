import type { Actor } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { searchArticles } from '../kb/search.service.js';
import { addMessage } from '../tickets/messages.service.js';
import { createTicket } from '../tickets/tickets.service.js';
import type { PortalCustomer } from './portal-auth.js';
import type { PortalEventKind } from './portal.tables.js';

const actorOf = (customer: PortalCustomer): Actor => ({ type: 'customer', id: customer.id, label: `${customer.email} (portal)` });
const MY_TICKETS_SHOWN = 100;
const MESSAGES_SHOWN = 500;

/** The customer's own tickets, most recent first. Nobody else's, ever: the query is by requester. */
export async function myTickets(deps: Deps, customer: PortalCustomer) {
  return deps.db.kysely
    .selectFrom('tickets')
    .select(['id', 'number', 'subject', 'status', 'created_at', 'updated_at'])
    .where('requester_id', '=', customer.id)
    .orderBy('created_at', 'desc')
    .limit(MY_TICKETS_SHOWN)
    .execute();
}

/** One of the customer's tickets with its public conversation; 404 for any other ticket. */
export async function myTicket(deps: Deps, customer: PortalCustomer, ticketId: string) {
  const ticket = await deps.db.kysely
    .selectFrom('tickets')
    .select(['id', 'number', 'subject', 'status', 'created_at', 'updated_at'])
    .where('id', '=', ticketId)
    .where('requester_id', '=', customer.id)
    .executeTakeFirst();
  if (!ticket) throw notFound('Ticket');
  const messages = await deps.db.kysely
    .selectFrom('messages')
    .select(['id', 'author_type', 'body_text', 'created_at'])
    .where('ticket_id', '=', ticketId)
    // Internal notes are the team's; the customer sees the public conversation only.
    .where('visibility', '=', 'public')
    .orderBy('created_at')
    .orderBy('id')
    .limit(MESSAGES_SHOWN)
    .execute();
  return { ticket, messages };
}

export async function replyToMyTicket(deps: Deps, customer: PortalCustomer, ticketId: string, body: string): Promise<void> {
  await myTicket(deps, customer, ticketId);
  await addMessage(deps, actorOf(customer), { type: 'customer', id: customer.id }, ticketId, { body, visibility: 'public' });
}

export async function openMyTicket(deps: Deps, customer: PortalCustomer, input: { subject: string; body: string }): Promise<string> {
  const ticket = await createTicket(deps, actorOf(customer), { subject: input.subject, body: input.body, requester: { email: customer.email }, channel: 'portal' });
  await recordPortalEvent(deps, customer, 'form_submitted', { query: input.subject, ticketId: ticket.id });
  return ticket.id;
}

/** Public published articles that may answer what the customer is typing. */
export async function suggestArticles(deps: Deps, customer: PortalCustomer, text: string, limit = 5) {
  const q = text.trim().slice(0, 300);
  if (q.length < 3) return [];
  const { items } = await searchArticles(deps, { q, limit, visibility: 'public' });
  if (items.length > 0) await recordPortalEvent(deps, customer, 'suggestion_shown', { query: q });
  return items.map((item) => ({ id: item.id, title: item.title, snippet: item.snippet.replace(/<\/?mark>/g, ''), score: item.score }));
}

export async function recordPortalEvent(deps: Deps, customer: PortalCustomer, kind: PortalEventKind, detail: { query?: string; articleId?: string; ticketId?: string } = {}): Promise<void> {
  await deps.db.kysely
    .insertInto('portal_events')
    .values({ id: newId(), session: customer.session, kind, query: detail.query?.slice(0, 300) ?? null, article_id: detail.articleId ?? null, ticket_id: detail.ticketId ?? null, at: deps.clock.now().toISOString() })
    .execute();
}

/**
 * Deflection over a period, by portal visit (session): visits shown suggestions, visits that
 * opened an article, visits that submitted a ticket, and deflected visits — shown suggestions,
 * opened an article, and opened no ticket.
 */
export async function deflectionSummary(deps: Deps, from: string, to: string) {
  const rows = await deps.db.kysely
    .selectFrom('portal_events')
    .select(['session', 'kind'])
    .where('at', '>=', from)
    .where('at', '<', to)
    .execute();
  const visits = new Map<string, Set<string>>();
  for (const row of rows) {
    const kinds = visits.get(row.session) ?? new Set<string>();
    kinds.add(row.kind);
    visits.set(row.session, kinds);
  }
  const count = (test: (kinds: Set<string>) => boolean) => [...visits.values()].filter(test).length;
  const shown = count((k) => k.has('suggestion_shown'));
  const deflected = count((k) => k.has('suggestion_shown') && k.has('article_opened') && !k.has('form_submitted'));
  return {
    visitsWithSuggestions: shown,
    visitsOpeningAnArticle: count((k) => k.has('article_opened')),
    visitsAbandoningTheForm: count((k) => k.has('form_abandoned') && !k.has('form_submitted')),
    visitsSubmittingATicket: count((k) => k.has('form_submitted')),
    deflected,
    deflectionRate: shown ? Math.round((deflected / shown) * 10_000) / 10_000 : null,
  };
}
