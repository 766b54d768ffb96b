// Frozen once shipped: later changes go in a new migration. Imports nothing from the app.
import { sql, type Kysely } from 'kysely';

const COUNTS = ['created', 'escalated', 'open', 'responded', 'solved', 'fcr', 'reopened'] as const;

/** Analytics rollups (hour and day buckets by dimension), per-ticket analytics state, monitors and alerts. */
export async function up(db: Kysely<any>): Promise<void> {
  let rollup = db.schema
    .createTable('analytics_rollup')
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull());
  for (const column of COUNTS) rollup = rollup.addColumn(column, 'bigint', (c) => c.notNull().defaultTo(0));
  await rollup
    .addColumn('frt_sum', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('res_sum', 'double precision', (c) => c.notNull().defaultTo(0))
    // Dashboards read one dimension over a range of buckets: the key is their index.
    .addPrimaryKeyConstraint('analytics_rollup_pk', ['grain', 'dim', 'bucket', 'value'])
    .execute();
  await db.schema
    .createTable('analytics_hist')
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('bin', 'integer', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('analytics_hist_pk', ['grain', 'dim', 'bucket', 'value', 'metric', 'bin'])
    .execute();
  // What each ticket currently contributes to the rollups, so a change subtracts exactly that.
  await db.schema
    .createTable('analytics_ticket_state')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('first_response_at', 'text')
    .addColumn('solved_at', 'text')
    .addColumn('open', 'integer', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('group_id', 'text')
    .addColumn('assignee_id', 'text')
    .addColumn('organisation_id', 'text')
    .addColumn('agent_replies', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('group_moves', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('analytics_state_moves').on('analytics_ticket_state').columns(['group_moves', 'created_at']).execute();
  await db.schema
    .createTable('monitor_settings')
    .addColumn('monitor', 'text', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('thresholds', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('monitor', 'text', (c) => c.notNull())
    .addColumn('dedup_key', 'text', (c) => c.notNull())
    // open → acknowledged → resolved (or open → resolved).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('occurrences', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .execute();
  // De-duplication: one unresolved alert per monitor and key.
  await sql`CREATE UNIQUE INDEX alerts_unresolved_key ON alerts (monitor, dedup_key) WHERE status <> 'resolved'`.execute(db);
  await db.schema.createIndex('alerts_status').on('alerts').columns(['status', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['alerts', 'monitor_settings', 'analytics_ticket_state', 'analytics_hist', 'analytics_rollup']) await db.schema.dropTable(table).execute();
}
