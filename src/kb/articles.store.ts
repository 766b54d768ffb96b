import type { Kysely } from 'kysely';
import type { Database, KbArticleRow, KbArticleUpdate, KbFeedbackRow, KbRevisionRow } from '../platform/db/tables.js';
import { pastKeyset, type Keyset } from './paging.js';
import type { ListArticlesFilter } from './articles.schema.js';

type Db = Kysely<Database>;

/** One article row by id. */
export const findArticleRow = (db: Db, id: string) => db.selectFrom('kb_articles').selectAll().where('id', '=', id).executeTakeFirst();

/** The articles with these external ids (the import's upsert lookup). */
export const findArticlesByExternalIds = (db: Db, externalIds: string[]) =>
  externalIds.length === 0 ? Promise.resolve([] as KbArticleRow[]) : db.selectFrom('kb_articles').selectAll().where('external_id', 'in', externalIds).execute();

/** Inserts new article rows in one statement. */
export async function insertArticles(db: Db, rows: KbArticleRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('kb_articles').values(rows).execute();
}

/** Updates an article only if its version is still `expectedVersion`; false when it is not. */
export async function updateArticleIfVersion(db: Db, id: string, expectedVersion: number, changes: KbArticleUpdate): Promise<boolean> {
  const result = await db
    .updateTable('kb_articles')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes an article; its tags, revisions and feedback go with it (foreign keys cascade). */
export async function deleteArticleRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('kb_articles').where('id', '=', id).execute();
}

/** Other-locale versions of the same article. */
export const findTranslations = (db: Db, groupId: string, exceptId: string) =>
  db.selectFrom('kb_articles').select(['id', 'locale', 'title', 'status']).where('group_id', '=', groupId).where('id', '!=', exceptId).orderBy('locale').execute();

/** The article of a translation group in a locale, if there is one. */
export const findGroupLocale = (db: Db, groupId: string, locale: string) =>
  db.selectFrom('kb_articles').select('id').where('group_id', '=', groupId).where('locale', '=', locale).executeTakeFirst();

/** Makes the tag rows of each article exactly its tags in `tagsById` (for the tag filter). */
export async function replaceArticleTags(db: Db, articleIds: string[], tagsById: Map<string, string[]>): Promise<void> {
  if (articleIds.length === 0) return;
  await db.deleteFrom('kb_article_tags').where('article_id', 'in', articleIds).execute();
  const rows = articleIds.flatMap((id) => (tagsById.get(id) ?? []).map((tag) => ({ article_id: id, tag })));
  if (rows.length > 0) await db.insertInto('kb_article_tags').values(rows).execute();
}

/** Articles matching the list filters, most recently updated first, after a keyset. */
export function findArticles(db: Db, filter: ListArticlesFilter, after: Keyset | undefined, limit: number) {
  let query = db.selectFrom('kb_articles').selectAll('kb_articles');
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.visibility) query = query.where('visibility', '=', filter.visibility);
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.section) query = query.where('section', '=', filter.section);
  if (filter.locale) query = query.where('locale', '=', filter.locale);
  if (filter.externalId) query = query.where('external_id', '=', filter.externalId);
  if (filter.reviewDueBefore) query = query.where('review_due_at', '<=', filter.reviewDueBefore);
  if (filter.tag) {
    const tag = filter.tag.trim().toLowerCase().replace(/\s+/g, '-');
    query = query.where((eb) => eb.exists(eb.selectFrom('kb_article_tags').select('tag').whereRef('article_id', '=', 'kb_articles.id').where('tag', '=', tag)));
  }
  if (after) query = query.where(pastKeyset('kb_articles.updated_at', 'kb_articles.id', after, '<'));
  return query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Articles whose content changed after `after.seq` (all of them from 0), a page at a time in (change_seq, id) order; a first load needs only the published ones. */
export const findChangedArticles = (db: Db, after: { seq: number; id?: string }, limit: number, onlyPublished = false) =>
  db
    .selectFrom('kb_articles')
    .$if(onlyPublished, (q) => q.where('status', '=', 'published'))
    .select(['id', 'external_id', 'title', 'body', 'category', 'section', 'tags', 'visibility', 'status', 'locale', 'type', 'change_seq'])
    .where((eb) =>
      after.id === undefined
        ? eb('change_seq', '>', after.seq)
        : eb.or([eb('change_seq', '>', after.seq), eb.and([eb('change_seq', '=', after.seq), eb('id', '>', after.id)])]),
    )
    .orderBy('change_seq')
    .orderBy('id')
    .limit(limit)
    .execute();

/** Articles deleted after change `afterSeq`, for other nodes' indexes. */
export const findDeletionsAfter = (db: Db, afterSeq: number) =>
  db.selectFrom('kb_deletions').select(['seq', 'article_id']).where('seq', '>', afterSeq).execute();

/** Records a deletion with its change number. */
export async function insertDeletion(db: Db, seq: number, articleId: string): Promise<void> {
  await db.insertInto('kb_deletions').values({ seq, article_id: articleId }).execute();
}

/** Every revision of an article, newest first. */
export const findRevisions = (db: Db, articleId: string) =>
  db.selectFrom('kb_revisions').selectAll().where('article_id', '=', articleId).orderBy('number', 'desc').execute();

/** One revision of an article by id. */
export const findRevision = (db: Db, articleId: string, revisionId: string) =>
  db.selectFrom('kb_revisions').selectAll().where('article_id', '=', articleId).where('id', '=', revisionId).executeTakeFirst();

/** One revision of an article by number. */
export const findRevisionByNumber = (db: Db, articleId: string, number: number) =>
  db.selectFrom('kb_revisions').selectAll().where('article_id', '=', articleId).where('number', '=', number).executeTakeFirst();

/** The highest revision number of each article. */
export async function latestRevisionNumbers(db: Db, articleIds: string[]): Promise<Map<string, number>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('kb_revisions')
    .select(['article_id', (eb) => eb.fn.max('number').as('number')])
    .where('article_id', 'in', articleIds)
    .groupBy('article_id')
    .execute();
  return new Map(rows.map((r) => [r.article_id, Number(r.number)]));
}

/** Inserts revision rows in one statement. */
export async function insertRevisions(db: Db, rows: KbRevisionRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('kb_revisions').values(rows).execute();
}

/** Inserts one feedback row. */
export async function insertFeedback(db: Db, row: KbFeedbackRow): Promise<void> {
  await db.insertInto('kb_feedback').values(row).execute();
}

/** An article's feedback, oldest first, after a keyset. */
export function findFeedback(db: Db, articleId: string, after: Keyset | undefined, limit: number) {
  let query = db.selectFrom('kb_feedback').selectAll().where('article_id', '=', articleId);
  if (after) query = query.where(pastKeyset('created_at', 'id', after, '>'));
  return query.orderBy('created_at').orderBy('id').limit(limit).execute();
}

/** Adds one to a counter column of an article (views and votes), without touching its version. */
export async function incrementCounter(db: Db, id: string, column: 'view_count' | 'helpful_count' | 'not_helpful_count'): Promise<boolean> {
  const result = await db
    .updateTable('kb_articles')
    .set((eb) => ({ [column]: eb(column, '+', 1) }))
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
