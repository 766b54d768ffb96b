// Frozen once shipped: later changes go in a new migration. Imports nothing from the app.
import type { Kysely } from 'kysely';

/** SLA calendars and policies (src/sla/), and the ticket column the at-risk list sorts on. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sla_calendars')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    // JSON: [{day, start, end}] weekly opening hours, local to time_zone.
    .addColumn('hours', 'text', (c) => c.notNull())
    // JSON: {country, state, region, dates}.
    .addColumn('holidays', 'text', (c) => c.notNull())
    // The calendar the built-in tier defaults run on (at most one).
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sla_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    // Matching order: the first active policy whose conditions all hold applies.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('calendar_id', 'text', (c) => c.references('sla_calendars.id'))
    .addColumn('warn_percent', 'integer', (c) => c.notNull())
    .addColumn('escalation', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sla_policies_position').on('sla_policies').columns(['position', 'id']).execute();

  // tickets.sla_next_due_at (the timer sweep's column) is indexed by the core migration. The
  // earliest running deadline, breached or not, is what the at-risk list sorts on.
  await db.schema.alterTable('tickets').addColumn('sla_due_at', 'text').execute();
  await db.schema.createIndex('tickets_sla_deadline').on('tickets').columns(['sla_due_at', 'id']).execute();
}
