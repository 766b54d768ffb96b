import { z } from 'zod';

export const GapsQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30).describe('Window: tickets created and searches run in the last N days (default 30)'),
  minCount: z.coerce.number().int().min(1).max(1_000).default(2).describe('Smallest cluster reported, counting each search as often as it was run (default 2)'),
  coverageBelow: z.coerce.number().min(0.05).max(1).default(0.5).describe('A text is unanswered when its best article covers less than this share of its key words (default 0.5)'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type GapsFilter = z.infer<typeof GapsQuery>;

const Sample = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ticket'), id: z.string(), number: z.number(), text: z.string(), status: z.string().describe('The ticket\'s status: a solved one can be drafted into an article (POST /tickets/:id/article-draft)') }),
  z.object({ type: z.literal('search'), text: z.string(), count: z.number() }),
]);

export const Gap = z.object({
  count: z.number().int().describe('Tickets plus searches (each search as often as it was run)'),
  tickets: z.number().int(),
  searches: z.number().int(),
  suggestedTitle: z.string(),
  terms: z.array(z.string()).describe('The words the cluster shares, heaviest first'),
  samples: z.array(Sample).max(5),
  closestArticle: z.object({ id: z.string(), title: z.string(), coverage: z.number() }).nullable().describe('The best partial match, if any: perhaps an article to extend'),
});
export type Gap = z.infer<typeof Gap>;

export const GapsResponse = z.object({
  since: z.string(),
  examined: z.object({ tickets: z.number(), searches: z.number(), unanswered: z.number() }),
  items: z.array(Gap),
});
export type GapReport = z.infer<typeof GapsResponse>;
