import { z } from 'zod';
import { Limit, Timestamp } from '../platform/http/schemas.js';
import { UUID_PATTERN } from '../platform/ids.js';

export const Rating = z.coerce.number().int().min(1).max(5).describe('1 (very unhappy) … 5 (very happy)');
const Comment = z.string().trim().max(2_000);

export const AnswerBody = z.object({ rating: Rating, comment: Comment.nullable().optional() }).strict();
export type AnswerInput = z.infer<typeof AnswerBody>;

export const SurveySchema = z.object({
  ticketId: z.string(),
  sentAt: Timestamp,
  rating: z.number().nullable(),
  comment: z.string().nullable(),
  source: z.enum(['email', 'portal', 'api']).nullable(),
  answeredAt: Timestamp.nullable(),
  /** Until when the customer may change the answer; null before they answer. */
  changeableUntil: Timestamp.nullable(),
});
export type Survey = z.infer<typeof SurveySchema>;

export const TicketCsatResponse = z.object({ survey: SurveySchema.nullable() });

const Id = z.string().regex(UUID_PATTERN, 'must be an id');

export const CsatListQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional().describe('Answers given at or after (default: no lower bound)'),
  to: z.iso.datetime({ offset: true }).optional().describe('Answers given before (default: no upper bound)'),
  requester: Id.optional().describe("Only this customer's answers"),
  organisation: Id.optional().describe("Only answers on this organisation's tickets"),
  order: z.enum(['asc', 'desc']).default('asc').describe('By answer time; default oldest first'),
  limit: Limit(500, 100),
  cursor: z.string().max(500).optional(),
});
export type CsatListFilter = z.infer<typeof CsatListQuery>;

export const CsatListResponse = z.object({
  summary: z.object({
    sent: z.number().describe('Surveys sent in the period (and scope)'),
    answered: z.number(),
    average: z.number().nullable().describe('Mean rating; null with no answers'),
    satisfiedShare: z.number().nullable().describe('Share of answers rated 4 or 5'),
  }),
  items: z.array(z.object({ ticketId: z.string(), number: z.number(), subject: z.string(), rating: z.number(), comment: z.string().nullable(), source: z.string().nullable(), answeredAt: Timestamp })),
  nextCursor: z.string().nullable(),
});

/** The public form: the signature travels with it instead of a session. */
export const PublicSurveyQuery = z.object({ sig: z.string().max(200).default(''), rating: z.string().max(10).optional() });
export const PublicSurveyForm = z.object({ sig: z.string().max(200).default(''), rating: z.string().max(10).optional(), comment: z.string().max(10_000).optional() });
export const SurveyParams = z.object({ ticketId: z.string().max(100) });
