/**
 * What suggestions read besides the knowledge base, as small interfaces the composition root
 * fills in: this feature imports neither the similar-ticket index nor the guides, and works
 * without either (a node without guides simply suggests none).
 */

/** Similar tickets (src/triage/similar's SimilarTickets satisfies it). */
export interface SimilarSource {
  similarTo(ticketId: string, query: { limit: number; solvedOnly?: boolean }): Promise<{ id: string; number: number; score: number }[]>;
}

/** A troubleshooting guide that may walk the customer through the problem. */
export interface GuideSuggestion {
  id: string;
  title: string;
  /** The provider's relevance, higher is better. */
  score: number;
  /** Where a customer runs it (help center), if public. */
  url: string | null;
}

/** Troubleshooting guides matching a ticket's text. */
export interface GuideSource {
  suggest(text: { subject: string; body: string }, limit: number): Promise<GuideSuggestion[]>;
}

export interface ResponseSources {
  similar?: SimilarSource;
  guides?: GuideSource;
}
