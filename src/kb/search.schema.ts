import { z } from 'zod';
import { Limit } from '../platform/http/schemas.js';
import { VISIBILITIES } from './articles.schema.js';

export const SearchQuery = z.object({
  q: z.string().default('').describe('Any text; past 500 characters it is cut'),
  limit: Limit(50, 10),
  visibility: z.enum(VISIBILITIES).optional().describe('Only public (help center) or only internal articles; default both'),
  locale: z.string().max(35).optional(),
  category: z.string().max(120).optional(),
  prefix: z.enum(['0', '1', 'true', 'false']).optional().describe('Complete the last word as typed (default true)'),
});

export const SearchResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      externalId: z.string().nullable(),
      title: z.string(),
      score: z.number(),
      snippet: z.string().describe('Plain text of the body, HTML-escaped, matches wrapped in <mark>'),
    }),
  ),
});

const Phrase = z.string().trim().min(1).max(100);
export const SynonymsBody = z.object({
  synonyms: z.array(z.array(Phrase).min(2).max(20)).max(2_000).describe('Sets of equivalent words or phrases, e.g. [["log in", "sign in", "login"]]'),
});
export const SynonymsResponse = z.object({ synonyms: z.array(z.array(z.string())) });
