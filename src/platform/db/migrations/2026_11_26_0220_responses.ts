// Frozen once shipped: later changes go in a new migration. Imports nothing from the app.
import type { Kysely } from 'kysely';

/** Responses and growing the knowledge: the log of knowledge-base searches that gap reports read. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kb_search_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    // Who searched: `agent` (the API), `helpcenter`, `portal` … (free text, set by the caller).
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('results', 'integer', (c) => c.notNull())
    // The engine's score of the best result (0 when nothing matched) and that article.
    .addColumn('best_score', 'double precision', (c) => c.notNull())
    .addColumn('best_article_id', 'text')
    .execute();
  // Gap reports read a recent window; the purge deletes the oldest.
  await db.schema.createIndex('kb_search_log_at').on('kb_search_log').column('at').execute();
}
