// Frozen once shipped: later changes go in a new migration. Imports nothing from the app.
import type { Kysely } from 'kysely';

/** Live chat: conversations and their messages, numbered so that a reconnecting client can catch up. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chat_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visitor_id', 'text', (c) => c.notNull())
    .addColumn('visitor_name', 'text')
    .addColumn('visitor_email', 'text')
    // waiting (no agent yet) → active (an agent took it) → ended; `offline` when nobody was online.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text')
    .addColumn('agent_id', 'text')
    .addColumn('ticket_id', 'text')
    .addColumn('page_url', 'text')
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('chat_sessions_visitor').on('chat_sessions').columns(['visitor_id', 'started_at']).execute();
  await db.schema.createIndex('chat_sessions_status').on('chat_sessions').columns(['status', 'started_at']).execute();

  await db.schema
    .createTable('chat_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('chat_sessions.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    // The sender's own id for the message: a message sent twice (after a reconnect) is stored once.
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chat_messages_seq').on('chat_messages').columns(['session_id', 'seq']).unique().execute();
  await db.schema.createIndex('chat_messages_client').on('chat_messages').columns(['session_id', 'sender', 'client_id']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('chat_messages').execute();
  await db.schema.dropTable('chat_sessions').execute();
}
