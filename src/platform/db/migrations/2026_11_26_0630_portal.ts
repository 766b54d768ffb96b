// Frozen once shipped: later changes go in a new migration. Imports nothing from the app.
import type { Kysely } from 'kysely';

/** Customer portal: e-mailed sign-in links, customers' sessions, and deflection events. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('portal_login_tokens')
    // Only the hash is kept: a database leak yields no working links.
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portal_login_tokens_email').on('portal_login_tokens').columns(['email', 'created_at']).execute();

  await db.schema
    .createTable('portal_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portal_sessions_expires').on('portal_sessions').column('expires_at').execute();

  await db.schema
    .createTable('portal_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The portal session's id hash: events of one visit belong together.
    .addColumn('session', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('query', 'text')
    .addColumn('article_id', 'text')
    .addColumn('ticket_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portal_events_at').on('portal_events').columns(['at', 'session']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portal_events').execute();
  await db.schema.dropTable('portal_sessions').execute();
  await db.schema.dropTable('portal_login_tokens').execute();
}
