import { z } from 'zod';
import { Limit } from '../platform/http/schemas.js';
import { ArticleSchema, STATUSES, VISIBILITIES } from './articles.schema.js';

export const ReviewDueQuery = z.object({
  withinDays: z.coerce.number().int().min(0).max(365).default(14).describe('Also list reviews due within this many days from today (default 14)'),
  status: z.enum(STATUSES).optional(),
  visibility: z.enum(VISIBILITIES).optional(),
  limit: Limit(200, 50),
  cursor: z.string().max(500).optional(),
});
export type ReviewDueFilter = z.infer<typeof ReviewDueQuery>;

export const ReviewDueItem = ArticleSchema.omit({ body: true }).extend({
  review: z.object({
    state: z.enum(['overdue', 'due_today', 'due_soon']),
    days: z.number().int().describe('Days past the review date (overdue) or until it (due soon)'),
  }),
});
export type ReviewDueItem = z.infer<typeof ReviewDueItem>;

export const ReviewDueResponse = z.object({ today: z.string(), until: z.string(), items: z.array(ReviewDueItem), nextCursor: z.string().nullable() });
