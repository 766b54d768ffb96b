import { createArticle, listArticles } from '../kb/articles.service.js';
import type { ArticleDetail } from '../kb/articles.schema.js';
import type { Actor } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { solvingReplies } from '../tickets/history.service.js';
import { replyCore } from './steps.js';
import { loadTicketContext } from './ticket-context.js';

/**
 * Growing the knowledge base from solved tickets: a solved ticket becomes a draft article
 * (title from the subject, body from the problem and the reply that solved it), internal by
 * default and never published by this step: a person edits and publishes it. One draft per
 * ticket: its external id is `ticket:<number>`.
 */

const MAX_PROBLEM_CHARS = 3_000;

/** The subject as an article title: reply/forward prefixes and ticket references dropped, first letter capital. */
export function titleFromSubject(subject: string): string {
  const cleaned = subject
    .replace(/^\s*((re|fw|fwd|aw|sv|tr)\s*(\[\d+\])?\s*:\s*)+/i, '')
    .replace(/\[(#|ticket\s*#?)\s*\d+\]/gi, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s.!,;:]+$/, '')
    .trim();
  const title = cleaned === '' ? 'Untitled problem' : cleaned;
  return (title.charAt(0).toUpperCase() + title.slice(1)).slice(0, 300);
}

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const PHONE = /\+?\d[\d ().-]{7,}\d/g;

/** Customer details out: email addresses, phone numbers and the requester's name. */
export function redact(text: string, requesterName: string | null): string {
  let out = text.replace(EMAIL, '(email removed)').replace(PHONE, '(number removed)');
  for (const part of (requesterName ?? '').split(/\s+/).filter((p) => p.length > 1)) {
    out = out.replace(new RegExp(`\\b${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g'), 'the customer');
  }
  return out;
}

/** The customer's report without quoted history. */
function problemText(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const quoted = lines.findIndex((l) => /^On .+wrote:$/.test(l.trim()) || /^-{2,}\s*Original Message/i.test(l.trim()) || l === '-- ');
  const kept = (quoted >= 0 ? lines.slice(0, quoted) : lines).filter((l) => !l.startsWith('>'));
  const joined = kept.join('\n').trim();
  return joined.length <= MAX_PROBLEM_CHARS ? joined : `${joined.slice(0, MAX_PROBLEM_CHARS).trimEnd()}…`;
}

/** Creates the article draft from a solved ticket; 409 `ticket_not_solved` otherwise, 409 `already_exists` for a second draft. */
export async function draftArticleFromTicket(deps: Deps, actor: Actor, ticketId: string, options: { visibility: 'public' | 'internal' }): Promise<ArticleDetail> {
  const { ticket, messages } = await loadTicketContext(deps, ticketId);
  if (ticket.status !== 'solved' && ticket.status !== 'closed') throw new AppError('ticket_not_solved', `Ticket #${ticket.number} is ${ticket.status}; solve it first`);
  const reply = (await solvingReplies(deps, [ticket.id])).get(ticket.id);
  const solution = reply ? replyCore(reply.body) : '';
  if (solution === '') throw new AppError('ticket_not_solved', `Ticket #${ticket.number} has no public agent reply to draw a solution from`);
  const externalId = `ticket:${ticket.number}`;
  const existing = await listArticles(deps, { externalId, limit: 1 });
  if (existing.items[0]) throw new AppError('already_exists', `Ticket #${ticket.number} already has an article draft (${existing.items[0].id})`, { articleId: existing.items[0].id });
  const report = messages.find((m) => m.author.type === 'customer' && m.visibility === 'public')?.body ?? '';
  const name = ticket.requester.name;
  const body = [
    '## Problem',
    redact(problemText(report), name) || redact(ticket.subject, name),
    '## Solution',
    redact(solution, name),
    '---',
    `_Drafted from ticket #${ticket.number} on ${deps.clock.now().toISOString().slice(0, 10)}. Check that no customer details remain, then generalise the steps before publishing._`,
  ].join('\n\n');
  return createArticle(
    deps,
    actor,
    {
      title: titleFromSubject(ticket.subject),
      body,
      category: ticket.category ?? undefined,
      tags: [...ticket.tags.slice(0, 49), 'from-ticket'],
      visibility: options.visibility,
      status: 'draft',
      externalId,
    },
    { ticketId: ticket.id },
  );
}
