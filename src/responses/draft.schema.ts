import { z } from 'zod';

// A POST without a body is the common case: it means the defaults.
export const DraftBody = z.preprocess(
  (value) => value ?? {},
  z
    .object({
      useLlm: z.boolean().default(true).describe('Let the configured LLM polish the draft and summarise a long thread (default true; ignored when none is configured)'),
    })
    .strict(),
);

const Citation = z.discriminatedUnion('type', [
  z.object({ type: z.literal('article'), id: z.string(), title: z.string(), url: z.string(), score: z.number(), coverage: z.number(), used: z.enum(['steps', 'link']) }),
  z.object({ type: z.literal('ticket'), id: z.string(), number: z.number(), subject: z.string(), messageId: z.string(), score: z.number(), used: z.literal('reply') }),
  z.object({ type: z.literal('guide'), id: z.string(), title: z.string(), url: z.string(), score: z.number(), used: z.literal('link') }),
]);

const LlmOutcome = z.object({
  status: z.enum(['used', 'fallback', 'not_configured', 'disabled', 'not_needed']),
  reason: z.string().optional().describe('Why the built-in text was kept: timeout, http_error, invalid_response, network_error, dropped_link, dropped_name, too_long'),
  ms: z.number().optional(),
});

export const DraftResponse = z.object({
  ticketId: z.string(),
  body: z.string().describe('The reply to review; nothing is sent'),
  source: z.enum(['builtin', 'llm']),
  builtinBody: z.string().describe('The built-in draft (equal to body unless the LLM polished it)'),
  basis: z.enum(['article', 'ticket', 'none']).describe('What the solution was drawn from'),
  citations: z.array(Citation),
  llm: z.object({ polish: LlmOutcome, summary: LlmOutcome }),
  summary: z.object({ text: z.string(), source: z.enum(['builtin', 'llm']) }).nullable().describe('For long threads only'),
  sent: z.literal(false).describe('Drafts are never sent automatically'),
});
export type Draft = z.infer<typeof DraftResponse>;
