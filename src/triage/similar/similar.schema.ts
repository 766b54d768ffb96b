import { z } from 'zod';
import { Limit } from '../../platform/http/schemas.js';

export const SimilarQuery = z.object({
  limit: Limit(100, 10),
  status: z.enum(['solved']).optional().describe('`solved`: only solved or closed look-alikes, whose resolution can be reused'),
});

export const SimilarItemSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  externalId: z.string().nullable(),
  score: z.number().describe('Similarity from 0 to 1'),
});

export const SimilarResponse = z.object({ items: z.array(SimilarItemSchema).describe('Best first; the ticket itself is never listed') });
