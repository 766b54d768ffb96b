// Frozen once shipped: later changes go in a new migration. Imports nothing from the app.
import type { Kysely } from 'kysely';

/** Troubleshooting guides (with a version per save), their runs and steps, and the help center's settings. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('guides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category', 'text')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('start_node_id', 'text', (c) => c.notNull())
    // The decision tree as JSON; each save also keeps a copy in guide_versions for the runs started on it.
    .addColumn('nodes', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('guides_updated').on('guides').columns(['updated_at', 'id']).execute();
  await db.schema.createIndex('guides_public').on('guides').columns(['status', 'visibility', 'locale', 'title']).execute();

  await db.schema
    .createTable('guide_versions')
    .addColumn('guide_id', 'text', (c) => c.notNull().references('guides.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('start_node_id', 'text', (c) => c.notNull())
    .addColumn('nodes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('guide_versions_pk', ['guide_id', 'version'])
    .execute();

  await db.schema
    .createTable('guide_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('guide_id', 'text', (c) => c.notNull().references('guides.id').onDelete('cascade'))
    .addColumn('guide_version', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    // The ticket an agent ran the guide in, or the ticket a customer opened after giving up.
    .addColumn('ticket_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_node_id', 'text', (c) => c.notNull())
    .addColumn('step_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('outcome_node_id', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('guide_runs_guide').on('guide_runs').columns(['guide_id', 'started_at']).execute();
  await db.schema.createIndex('guide_runs_ticket').on('guide_runs').column('ticket_id').execute();
  await db.schema.createIndex('guide_runs_idle').on('guide_runs').columns(['status', 'updated_at']).execute();

  // One row per node a run reached, in order: the path taken and the per-node figures.
  await db.schema
    .createTable('guide_run_steps')
    .addColumn('run_id', 'text', (c) => c.notNull().references('guide_runs.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('guide_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('guide_run_steps_pk', ['run_id', 'position'])
    .execute();
  await db.schema.createIndex('guide_run_steps_node').on('guide_run_steps').columns(['guide_id', 'node_id', 'run_id']).execute();

  await db.schema
    .createTable('helpcenter_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_name', 'text', (c) => c.notNull())
    .addColumn('logo_url', 'text')
    .addColumn('base_url', 'text')
    .addColumn('theme', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
