import type { Actor } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { inTransaction } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import type { ArticleDetail, Revision, RevisionDetail } from './articles.schema.js';
import { changeArticle, getArticle } from './articles.service.js';
import { findArticleRow, findRevision, findRevisionByNumber, findRevisions } from './articles.store.js';
import { toRevision } from './articles.view.js';
import { lineDiff } from './diff.js';
import { noteArticleWrites } from './search.service.js';

/** Every revision of an article, newest first. */
export async function listRevisions(deps: Deps, articleId: string): Promise<{ items: Revision[] }> {
  if (!(await findArticleRow(deps.db.kysely, articleId))) throw notFound('Article');
  return { items: (await findRevisions(deps.db.kysely, articleId)).map(toRevision) };
}

/** One revision with its body and the line changes since the revision before it. */
export async function getRevision(deps: Deps, articleId: string, revisionId: string): Promise<RevisionDetail> {
  const revision = await findRevision(deps.db.kysely, articleId, revisionId);
  if (!revision) throw notFound('Revision');
  const previous = revision.number > 1 ? await findRevisionByNumber(deps.db.kysely, articleId, revision.number - 1) : undefined;
  return { ...toRevision(revision), body: revision.body, diff: lineDiff(previous?.body ?? '', revision.body) };
}

/**
 * Brings back a revision's title and body as a new revision (history is never rewritten).
 * The status stays as it is: restoring old text into a published article publishes that text.
 */
export async function restoreRevision(deps: Deps, actor: Actor, articleId: string, revisionId: string): Promise<ArticleDetail> {
  const { row, changed } = await inTransaction(deps, async (trx) => {
    const revision = await findRevision(trx, articleId, revisionId);
    if (!revision) throw notFound('Revision');
    return changeArticle(deps, trx, actor, articleId, { title: revision.title, body: revision.body }, { action: 'kb.article.restored', restoredFrom: revision.number });
  });
  if (changed) noteArticleWrites(deps, row.change_seq, [row], []);
  return getArticle(deps, articleId);
}

