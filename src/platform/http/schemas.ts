import { z } from 'zod';
import { UUID_PATTERN } from '../ids.js';

/** Shared pieces of route schemas. */
export const IdParams = z.object({ id: z.string().regex(UUID_PATTERN, 'must be an id') });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .describe('An RFC 9457 problem document; `code` is stable');

/** Error responses every protected route may give, for the OpenAPI document. */
export const protectedErrors = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
} as const;

export const Timestamp = z.string().describe('ISO-8601 UTC time');
export const Email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));
export const Limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
