import { z } from 'zod';
import { UUID_PATTERN } from '../platform/ids.js';

export const CHECK_CODES = [
  'unresolved_placeholder',
  'missing_greeting',
  'missing_next_step',
  'missing_article_link',
  'long_sentence',
  'hard_to_read',
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

export const CheckBody = z.object({
  body: z.string().min(1).max(50_000).describe('The reply as it would be sent (plain text)'),
  ticketId: z.string().regex(UUID_PATTERN, 'must be an id').optional().describe('The ticket it answers: enables the article-link check'),
});

export const Finding = z.object({
  code: z.enum(CHECK_CODES).describe('Stable: branch on it'),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  start: z.number().int().describe('Offset of the span in the body (UTF-16 code units)'),
  end: z.number().int(),
  line: z.number().int().describe('1-based line of the start'),
  excerpt: z.string(),
  suggestion: z.string().optional(),
});
export type Finding = z.infer<typeof Finding>;

export const CheckResponse = z.object({
  ok: z.boolean().describe('No errors and no warnings'),
  findings: z.array(Finding).describe('In order of position'),
  readability: z.object({
    words: z.number(),
    sentences: z.number(),
    averageSentenceWords: z.number(),
    fleschReadingEase: z.number().describe('0–100, higher is easier; plain English is 60–70'),
    fleschKincaidGrade: z.number(),
  }),
});
export type CheckResult = z.infer<typeof CheckResponse>;
