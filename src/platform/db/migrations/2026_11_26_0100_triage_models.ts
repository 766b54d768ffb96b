// Frozen once shipped: later changes go in a new migration. Imports nothing from the app.
import type { Kysely } from 'kysely';

/** Trained triage classifiers: every version is kept with its metrics; at most one is active. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('triage_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
    // Training figures (rows, labels, cross-validation, threshold) as JSON, readable without the model.
    .addColumn('metrics', 'text', (c) => c.notNull())
    // The model file itself (versioned JSON), several megabytes for a large training set.
    .addColumn('model', 'text', (c) => c.notNull())
    .execute();
  // A partial unique index: the database itself refuses two active models.
  await db.schema.createIndex('triage_models_one_active').on('triage_models').column('active').unique().where('active', '=', 1).execute();
}
