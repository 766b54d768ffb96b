// Frozen once shipped: later changes go in a new migration. Imports nothing from the app.
import type { Kysely } from 'kysely';

/**
 * Triage settings versions (tier rules and signal knobs, admin-edited), agents' corrections of
 * triage verdicts (the extra training data), and learned tier models (versioned like triage_models).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('triage_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Every save is a new version; the highest is in force. Older ones stay for the record.
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('actor_label', 'text')
    .addColumn('settings', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('triage_corrections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('before_value', 'text')
    .addColumn('after_value', 'text')
    // The ticket's text when corrected: training reads it without joining messages.
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Set when a retraining has used the correction; the automatic retraining counts the others.
    .addColumn('trained_at', 'text')
    .execute();
  await db.schema.createIndex('triage_corrections_ticket').on('triage_corrections').columns(['ticket_id', 'field', 'created_at']).execute();
  await db.schema.createIndex('triage_corrections_untrained').on('triage_corrections').columns(['trained_at', 'created_at']).execute();

  await db.schema
    .createTable('triage_tier_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('metrics', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('triage_tier_models_one_active').on('triage_tier_models').column('active').unique().where('active', '=', 1).execute();
}
