import { getArticle } from '../kb/articles.service.js';
import type { Deps } from '../platform/context.js';
import { composeDraft, type ArticleMaterial } from './compose.js';
import type { Draft } from './draft.schema.js';
import { extractiveSummary, polishDraft, summariseThread, threadText, type LlmOutcome } from './polish.js';
import type { ResponseSources } from './sources.js';
import type { ArticleSuggestion } from './suggestions.schema.js';
import { suggestForContext } from './suggestions.service.js';
import { firstName, loadTicketContext } from './ticket-context.js';

/** Coverage from which a public article is linked though not quoted. */
const RELATED_COVERAGE = 0.4;
/** Similarity from which a solved ticket's reply is reused (paraphrases of one problem score 0.3–0.6). */
const MIN_TICKET_SCORE = 0.25;
/** A thread this long gets a summary. */
const LONG_THREAD = { messages: 6, chars: 3_000 };

export interface DraftOptions {
  /** The agent asking: the draft is signed with their name. */
  agentName: string | null;
  useLlm: boolean;
}

async function material(deps: Deps, article: ArticleSuggestion | undefined): Promise<ArticleMaterial | undefined> {
  if (!article?.url) return undefined;
  const { body } = await getArticle(deps, article.id);
  return { id: article.id, title: article.title, body, url: article.url, score: article.score, coverage: article.coverage };
}

/**
 * A suggested reply for a ticket, built from its best matches and never sent: the agent
 * reviews it. Only public articles and public replies are quoted (internal articles are the
 * team's notes, not customer text). With an LLM configured the text may be polished and a long
 * thread summarised, both bounded by the LLM timeout and falling back to the built-in text.
 */
export async function draftReply(deps: Deps, sources: ResponseSources, ticketId: string, options: DraftOptions): Promise<Draft> {
  const context = await loadTicketContext(deps, ticketId);
  const suggestions = await suggestForContext(deps, sources, context, 5);
  const publicArticles = suggestions.articles.filter((a) => a.visibility === 'public');
  const answer = await material(deps, publicArticles.find((a) => a.strong));
  const related = answer ? undefined : await material(deps, publicArticles.find((a) => a.coverage >= RELATED_COVERAGE));
  const solved = suggestions.tickets.find((t) => t.score >= MIN_TICKET_SCORE);
  const guide = suggestions.guides.find((g) => g.url !== null);
  const name = firstName(context.ticket.requester.name);
  const built = composeDraft({
    firstName: name,
    agentName: options.agentName,
    problem: `${context.ticket.subject}\n${context.customerText}`,
    answer,
    related,
    ticket: solved && { id: solved.id, number: solved.number, subject: solved.subject, reply: solved.reply.body, messageId: solved.reply.messageId, score: solved.score },
    guide: guide && { id: guide.id, title: guide.title, url: guide.url!, score: guide.score },
  });

  const thread = threadText(context.messages);
  const long = context.messages.length >= LONG_THREAD.messages || thread.length >= LONG_THREAD.chars;
  const llm = deps.config.llm;
  const skipped: LlmOutcome = { status: llm ? 'disabled' : 'not_configured' };
  const urls = built.citations.flatMap((c) => ('url' in c ? [c.url] : []));
  const [polished, summarised] = await Promise.all([
    llm && options.useLlm ? polishDraft(llm, built.body, thread, { urls, name }) : { text: null, outcome: skipped },
    !long ? { text: null, outcome: { status: 'not_needed' } as LlmOutcome } : llm && options.useLlm ? summariseThread(llm, thread) : { text: null, outcome: skipped },
  ]);
  const summary = long ? (summarised.text ? { text: summarised.text, source: 'llm' as const } : { text: extractiveSummary(context.messages), source: 'builtin' as const }) : null;
  return {
    ticketId: context.ticket.id,
    body: polished.text ?? built.body,
    source: polished.text ? 'llm' : 'builtin',
    builtinBody: built.body,
    basis: built.basis,
    citations: built.citations,
    llm: { polish: polished.outcome, summary: summarised.outcome },
    summary,
    sent: false,
  };
}
