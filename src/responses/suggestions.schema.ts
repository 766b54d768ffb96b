import { z } from 'zod';

export const SuggestionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(20).default(5).describe('Items per kind (articles, guides, tickets); default 5'),
});

export const ArticleSuggestion = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  title: z.string(),
  visibility: z.enum(['public', 'internal']),
  score: z.number().describe('Search relevance (BM25F), comparable within one answer'),
  coverage: z.number().describe("Share of the ticket's key words (idf-weighted) the article contains, 0–1"),
  strong: z.boolean().describe('Coverage high enough to answer the ticket from this article'),
  snippet: z.string().describe('HTML-escaped, matches in <mark>'),
  url: z.string().nullable().describe('Help-center link; null for internal articles'),
});

export const GuideSuggestionSchema = z.object({ id: z.string(), title: z.string(), score: z.number(), url: z.string().nullable() });

export const TicketSuggestion = z.object({
  id: z.string(),
  number: z.number().int(),
  subject: z.string(),
  status: z.string(),
  solvedAt: z.string().nullable(),
  score: z.number().describe('Similarity 0–1'),
  reply: z.object({ messageId: z.string(), body: z.string(), createdAt: z.string() }).describe('The public agent reply that solved it'),
});

export const SuggestionsResponse = z.object({
  ticketId: z.string(),
  articles: z.array(ArticleSuggestion),
  guides: z.array(GuideSuggestionSchema),
  tickets: z.array(TicketSuggestion),
});
export type Suggestions = z.infer<typeof SuggestionsResponse>;
export type ArticleSuggestion = z.infer<typeof ArticleSuggestion>;
export type TicketSuggestion = z.infer<typeof TicketSuggestion>;
