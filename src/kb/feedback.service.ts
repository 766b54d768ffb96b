import type { Actor } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { inTransaction } from '../platform/context.js';
import type { KbFeedbackRow } from '../platform/db/tables.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Feedback, FeedbackInput } from './articles.schema.js';
import { findArticleRow, findFeedback, incrementCounter, insertFeedback } from './articles.store.js';
import { toFeedback } from './articles.view.js';
import { decodeKeyset, toPage } from './paging.js';

/**
 * Records "was this helpful?" on a published article and counts it on the article, in one
 * transaction. Drafts take no votes: nobody outside the team has read them.
 */
export async function addFeedback(deps: Deps, actor: Actor, articleId: string, input: FeedbackInput): Promise<Feedback> {
  return inTransaction(deps, async (trx) => {
    const article = await findArticleRow(trx, articleId);
    if (!article) throw notFound('Article');
    if (article.status !== 'published') throw new AppError('conflict', 'Only a published article takes feedback');
    const row: KbFeedbackRow = {
      id: newId(),
      article_id: articleId,
      helpful: input.helpful ? 1 : 0,
      comment: input.comment ? input.comment : null,
      author_type: actor.type,
      author_id: actor.id,
      created_at: deps.clock.now().toISOString(),
    };
    await insertFeedback(trx, row);
    await incrementCounter(trx, articleId, input.helpful ? 'helpful_count' : 'not_helpful_count');
    await recordAudit(trx, deps.clock, {
      actor,
      action: 'kb.article.feedback',
      entityType: 'kb_article',
      entityId: articleId,
      changes: { after: { feedbackId: row.id, helpful: input.helpful, commented: row.comment !== null } },
    });
    return toFeedback(row);
  });
}

/** The feedback of an article, oldest first, with its counts. */
export async function listFeedback(deps: Deps, articleId: string, limit: number, cursor?: string) {
  const article = await findArticleRow(deps.db.kysely, articleId);
  if (!article) throw notFound('Article');
  const rows = await findFeedback(deps.db.kysely, articleId, decodeKeyset(cursor), limit + 1);
  return { helpfulCount: Number(article.helpful_count), notHelpfulCount: Number(article.not_helpful_count), ...toPage(rows, limit, (r) => r.created_at, toFeedback) };
}
