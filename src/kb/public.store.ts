import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/tables.js';

type Db = Kysely<Database>;

// Queries behind the public help center: published, public articles only, always.
const published = (db: Db) => db.selectFrom('kb_articles').where('status', '=', 'published').where('visibility', '=', 'public');

/** Categories of a locale's public articles with how many each has, by name. */
export const findPublicCategories = (db: Db, locale: string) =>
  published(db)
    .select(['category', (eb) => eb.fn.countAll<number>().as('count')])
    .where('locale', '=', locale)
    .where('category', 'is not', null)
    .groupBy('category')
    .orderBy('category')
    .execute();

/** A page of a category's public articles of a locale, by title. */
export const findPublicInCategory = (db: Db, category: string, locale: string, offset: number, limit: number) =>
  published(db)
    .select(['id', 'title', 'section', 'type', 'updated_at'])
    .where('category', '=', category)
    .where('locale', '=', locale)
    .orderBy('section')
    .orderBy('title')
    .orderBy('id')
    .offset(offset)
    .limit(limit)
    .execute();

/** The most viewed public articles of a locale. */
export const findPopular = (db: Db, locale: string, limit: number) =>
  published(db).select(['id', 'title', 'category']).where('locale', '=', locale).orderBy('view_count', 'desc').orderBy('id').limit(limit).execute();

/** A public, published article by id, or undefined. */
export const findPublicArticle = (db: Db, id: string) => published(db).selectAll().where('id', '=', id).executeTakeFirst();

/** The public, published versions (locales) of an article group, except `exceptId` (none when empty). */
export const findPublicTranslations = (db: Db, groupId: string, exceptId: string) =>
  published(db).select(['id', 'locale', 'title']).where('group_id', '=', groupId).where('id', '!=', exceptId).orderBy('locale').execute();

/** Every public, published article's id, locale, category and last change (the sitemap), after an id. */
export const findSitemapPage = (db: Db, afterId: string, limit: number) =>
  published(db).select(['id', 'locale', 'category', 'updated_at']).where('id', '>', afterId).orderBy('id').limit(limit).execute();

/** Adds `n` views to an article (the help center batches them); false when it is gone. */
export async function addViews(db: Db, id: string, n: number): Promise<void> {
  await db
    .updateTable('kb_articles')
    .set((eb) => ({ view_count: eb('view_count', '+', n) }))
    .where('id', '=', id)
    .execute();
}
