import type { LlmConfig } from '../platform/config/config.js';
import type { Message } from '../tickets/tickets.schema.js';
import { chatCompletion, type LlmFailure } from './llm.js';

/**
 * What the optional LLM does to a draft, and the checks that decide whether its text is kept.
 * The model may reword; it may not drop a link we cite, the customer's name, or grow the reply
 * out of bounds. Anything else falls back to the built-in text, with the reason.
 */

export type LlmOutcome =
  | { status: 'used'; ms: number }
  | { status: 'fallback'; reason: LlmFailure | 'dropped_link' | 'dropped_name' | 'too_long'; ms: number }
  | { status: 'not_configured' | 'disabled' | 'not_needed' };

const POLISH_SYSTEM = [
  'You edit replies that customer-support agents will review before sending.',
  'Rewrite the draft so it reads clearly and warmly, in the same language as the draft, in plain text.',
  'Keep every step, fact and URL exactly as given; keep the greeting name and the sign-off.',
  'Do not add facts, promises, prices, dates or links that are not in the draft.',
  'Answer with the reply text only.',
].join(' ');

const SUMMARY_SYSTEM = [
  'You summarise customer-support conversations for the agent taking over.',
  'In at most five short sentences: the problem, what was tried, what the customer is waiting for.',
  'Use only facts from the conversation. Plain text only.',
].join(' ');

/** Characters of conversation sent to the model at most (the newest kept when cut). */
const MAX_THREAD_CHARS = 12_000;

/** The conversation as the model reads it, oldest first, internal notes left out. */
export function threadText(messages: Message[]): string {
  const text = messages
    .filter((m) => m.visibility === 'public')
    .map((m) => `${m.author.type === 'customer' ? 'Customer' : 'Agent'}: ${m.body.trim()}`)
    .join('\n\n');
  return text.length <= MAX_THREAD_CHARS ? text : `…${text.slice(-MAX_THREAD_CHARS)}`;
}

/** The draft reworded by the model, or the reason to keep the built-in one. */
export async function polishDraft(
  llm: LlmConfig,
  draft: string,
  thread: string,
  keep: { urls: string[]; name: string | null },
): Promise<{ text: string | null; outcome: LlmOutcome }> {
  const result = await chatCompletion(
    llm,
    [
      { role: 'system', content: POLISH_SYSTEM },
      { role: 'user', content: `Conversation so far:\n${thread}\n\nDraft reply to polish:\n${draft}` },
    ],
    { maxTokens: 800 },
  );
  if (!result.ok) return { text: null, outcome: { status: 'fallback', reason: result.reason, ms: result.ms } };
  const text = result.text;
  if (keep.urls.some((url) => !text.includes(url))) return { text: null, outcome: { status: 'fallback', reason: 'dropped_link', ms: result.ms } };
  if (keep.name && !text.includes(keep.name)) return { text: null, outcome: { status: 'fallback', reason: 'dropped_name', ms: result.ms } };
  if (text.length > draft.length * 2 + 200) return { text: null, outcome: { status: 'fallback', reason: 'too_long', ms: result.ms } };
  return { text, outcome: { status: 'used', ms: result.ms } };
}

/** A summary of the thread by the model, or the reason there is none. */
export async function summariseThread(llm: LlmConfig, thread: string): Promise<{ text: string | null; outcome: LlmOutcome }> {
  const result = await chatCompletion(
    llm,
    [
      { role: 'system', content: SUMMARY_SYSTEM },
      { role: 'user', content: thread },
    ],
    { maxTokens: 300 },
  );
  if (!result.ok) return { text: null, outcome: { status: 'fallback', reason: result.reason, ms: result.ms } };
  return { text: result.text.slice(0, 2_000), outcome: { status: 'used', ms: result.ms } };
}

const firstSentence = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  const match = /^(.{20,300}?[.!?])(\s|$)/.exec(flat);
  return match ? match[1] : flat.slice(0, 300);
};

/** The built-in summary of a long thread: the first report and the latest customer word, quoted. */
export function extractiveSummary(messages: Message[]): string {
  const customer = messages.filter((m) => m.author.type === 'customer' && m.visibility === 'public');
  const agents = messages.filter((m) => m.author.type === 'agent' && m.visibility === 'public').length;
  const parts = [`${messages.length} messages (${customer.length} from the customer, ${agents} public replies).`];
  if (customer[0]) parts.push(`Reported: "${firstSentence(customer[0].body)}"`);
  const last = customer[customer.length - 1];
  if (last && last !== customer[0]) parts.push(`Latest from the customer: "${firstSentence(last.body)}"`);
  return parts.join(' ');
}
