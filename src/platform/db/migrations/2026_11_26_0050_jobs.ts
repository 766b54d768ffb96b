// Frozen once shipped: later changes go in a new migration. Imports nothing from the app.
import { sql, type Kysely } from 'kysely';

/** The persisted job queue (src/platform/jobs/). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // De-duplication key: at most one waiting job per (name, key).
    .addColumn('key', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    // waiting → running → done | failed (running jobs whose lease ran out are taken again).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The poller's query: due waiting jobs in run order, and expired leases.
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
  await sql`CREATE UNIQUE INDEX jobs_waiting_key ON jobs (name, key) WHERE status = 'waiting' AND key IS NOT NULL`.execute(db);
  await db.schema.createIndex('jobs_finished').on('jobs').columns(['updated_at']).where(sql.ref('status'), 'in', ['done', 'failed']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}
