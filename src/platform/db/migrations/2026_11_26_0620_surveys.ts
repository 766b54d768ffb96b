// Frozen once shipped: later changes go in a new migration. Imports nothing from the app.
import type { Kysely } from 'kysely';

/** CSAT surveys: one per solved ticket, with the customer's rating once they answer. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('csat_surveys')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey().references('tickets.id').onDelete('cascade'))
    .addColumn('requester_id', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer')
    .addColumn('comment', 'text')
    // Where the answer came from: email (one-click link), portal, api.
    .addColumn('source', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('csat_surveys_answered').on('csat_surveys').columns(['answered_at', 'ticket_id']).execute();
  await db.schema.createIndex('csat_surveys_requester').on('csat_surveys').column('requester_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('csat_surveys').execute();
}
