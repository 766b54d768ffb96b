// Frozen once shipped: later changes go in a new migration. Imports nothing from the app.
import type { Kysely } from 'kysely';

/** Knowledge base: articles (with translations), their tags, revisions, feedback, synonyms and the search change log. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kb_articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_id', 'text', (c) => c.unique())
    // Translations of one article share a group id (the original's id), one row per locale.
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('type', 'text', (c) => c.notNull().defaultTo('article'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('section', 'text')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('review_due_at', 'text')
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('helpful_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('not_helpful_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_label', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    // The knowledge-base change counter's value at the article's last content change:
    // search indexes on other nodes reload the rows above the value they last saw.
    .addColumn('change_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('kb_articles_group_locale').on('kb_articles').columns(['group_id', 'locale']).unique().execute();
  await db.schema.createIndex('kb_articles_updated').on('kb_articles').columns(['updated_at', 'id']).execute();
  await db.schema.createIndex('kb_articles_status').on('kb_articles').columns(['status', 'updated_at', 'id']).execute();
  await db.schema.createIndex('kb_articles_category').on('kb_articles').columns(['category', 'updated_at']).execute();
  await db.schema.createIndex('kb_articles_review_due').on('kb_articles').columns(['review_due_at', 'id']).execute();
  await db.schema.createIndex('kb_articles_change_seq').on('kb_articles').column('change_seq').execute();

  await db.schema
    .createTable('kb_article_tags')
    .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('kb_article_tags_pk', ['article_id', 'tag'])
    .execute();
  await db.schema.createIndex('kb_article_tags_tag').on('kb_article_tags').columns(['tag', 'article_id']).execute();

  await db.schema
    .createTable('kb_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_label', 'text')
    .addColumn('restored_from', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kb_revisions_article').on('kb_revisions').columns(['article_id', 'number']).unique().execute();

  await db.schema
    .createTable('kb_feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('helpful', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kb_feedback_article').on('kb_feedback').columns(['article_id', 'created_at']).execute();

  await db.schema
    .createTable('kb_synonyms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('phrases', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Deleted articles leave their id here with the change counter's value, so other nodes drop them.
  await db.schema
    .createTable('kb_deletions')
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('kb_deletions_pk', ['seq', 'article_id'])
    .execute();

  await db.insertInto('counters').values({ name: 'kb_change_seq', value: 0 }).execute();
}
