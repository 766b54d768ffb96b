// Frozen once shipped: later changes go in a new migration. Imports nothing from the app.
import type { Kysely } from 'kysely';

/** Routing: category → group rules, each group's assignment mode, agents' skills and availability; incident links. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('routing_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Rules are tried in this order; the first whose category matches wins.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('skill', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('routing_rules_position').on('routing_rules').column('position').execute();

  await db.schema
    .createTable('group_routing')
    .addColumn('group_id', 'text', (c) => c.primaryKey().references('groups.id').onDelete('cascade'))
    .addColumn('mode', 'text', (c) => c.notNull())
    // Round-robin position: the member assigned last.
    .addColumn('last_assignee_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('agent_skills')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('skill', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_skills_pk', ['user_id', 'skill'])
    .execute();

  await db.schema
    .createTable('agent_status')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('available', 'integer', (c) => c.notNull())
    .addColumn('max_open', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Least-loaded assignment counts each candidate's open tickets.
  await db.schema.createIndex('tickets_assignee_status').on('tickets').columns(['assignee_id', 'status']).execute();

  await db.schema
    .createTable('incident_links')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey().references('tickets.id').onDelete('cascade'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_links_incident').on('incident_links').columns(['incident_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('incident_links').execute();
  await db.schema.dropIndex('tickets_assignee_status').execute();
  await db.schema.dropTable('agent_status').execute();
  await db.schema.dropTable('agent_skills').execute();
  await db.schema.dropTable('group_routing').execute();
  await db.schema.dropTable('routing_rules').execute();
}
