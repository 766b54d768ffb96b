import type { Actor } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { UUID_PATTERN } from '../platform/ids.js';
import { addFeedback } from '../kb/feedback.service.js';
import { popularArticles, publicArticle, publicArticlesInCategory, publicCategories } from '../kb/public.service.js';
import { searchArticles } from '../kb/search.service.js';
import { listPublicGuides } from '../guides/guides.service.js';
import { attachRunToTicket, getRun } from '../guides/runs.service.js';
import type { Run } from '../guides/guides.schema.js';
import { createTicket } from '../tickets/tickets.service.js';
import { AppError } from '../platform/errors.js';
import type { ViewCounter } from './view-counter.js';

/** Who acts when a visitor of the public help center writes something. */
export const VISITOR: Actor = { type: 'customer', id: null, label: 'help center visitor' };

export const CATEGORY_PAGE_SIZE = 50;

/** What the home page lists. */
export async function homeData(deps: Deps, locale: string) {
  const [categories, popular, guides] = await Promise.all([publicCategories(deps, locale), popularArticles(deps, locale, 8), listPublicGuides(deps, locale, 50)]);
  return { categories, popular, guides };
}

/** A page of a category, or undefined when the category has no public article. */
export async function categoryData(deps: Deps, name: string, locale: string, page: number) {
  const rows = await publicArticlesInCategory(deps, name, locale, page, CATEGORY_PAGE_SIZE);
  if (rows.length === 0) return undefined;
  return { articles: rows.slice(0, CATEGORY_PAGE_SIZE), hasMore: rows.length > CATEGORY_PAGE_SIZE };
}

/** A public article for its page, counting the view; undefined when it is not public and published. */
export async function viewArticle(deps: Deps, views: ViewCounter, id: string) {
  const found = await publicArticle(deps, id);
  if (found) views.add(id);
  return found;
}

/** Public search: published public articles, in the locale asked for. Never fails on odd text. */
export async function searchPublic(deps: Deps, q: string, locale: string) {
  if (!q.trim()) return [];
  const { items } = await searchArticles(deps, { q, limit: 20, visibility: 'public', locale });
  return items;
}

/** "Was this helpful?" from a visitor. */
export async function visitorFeedback(deps: Deps, articleId: string, helpful: boolean, comment: string | undefined): Promise<void> {
  await addFeedback(deps, VISITOR, articleId, { helpful, comment: comment?.trim() ? comment.trim().slice(0, 2_000) : undefined });
}

/** A run id from a form or link, when it names a run; anything else is ignored. */
export async function findRunForContact(deps: Deps, runId: string | undefined): Promise<Run | undefined> {
  if (!runId || !UUID_PATTERN.test(runId)) return undefined;
  try {
    return await getRun(deps, runId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return undefined;
    throw error;
  }
}

export interface ContactInput {
  email: string;
  name?: string;
  subject: string;
  message: string;
  guideRunId?: string;
  articleId?: string;
}

/**
 * Opens a ticket from the "still need help?" form. With a guide run, the run is tied to the
 * ticket and the path the customer took becomes an internal note on it.
 */
export async function openTicketFromHelpCenter(deps: Deps, input: ContactInput) {
  const run = await findRunForContact(deps, input.guideRunId);
  const context = [input.articleId && UUID_PATTERN.test(input.articleId) ? `Sent from help-center article ${input.articleId}.` : '', run ? `Sent after the troubleshooting guide "${run.guideTitle}".` : '']
    .filter(Boolean)
    .join(' ');
  const ticket = await createTicket(deps, VISITOR, {
    subject: input.subject,
    body: context ? `${input.message}\n\n— ${context}` : input.message,
    requester: { email: input.email, name: input.name || undefined },
    channel: 'portal',
    tags: run ? ['help-center', 'guide'] : ['help-center'],
  });
  // The ticket exists from here on: a failure to attach the path is logged, not shown as a failed submit.
  if (run) await attachRunToTicket(deps, VISITOR, run.id, ticket.id).catch((error: unknown) => deps.logger.error({ err: error, runId: run.id, ticketId: ticket.id }, 'guide run not attached to its ticket'));
  return ticket;
}
