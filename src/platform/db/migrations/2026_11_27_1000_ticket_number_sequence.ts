// Frozen once shipped: later changes go in a new migration. Imports nothing from the app.
import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * PostgreSQL takes ticket numbers from a SEQUENCE instead of the `ticket_number` counter row,
 * which every creating transaction held locked from its number to its commit, so tickets were
 * created one at a time however many connections asked. The sequence starts after the counter's
 * last value; the row goes, so nothing can take a number the old way by mistake. SQLite (one
 * writer at a time anyway) keeps the counter.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`CREATE SEQUENCE ticket_number_seq AS bigint`.execute(db);
  // setval(…, false) makes the next value the one given: one past the counter.
  await sql`SELECT setval('ticket_number_seq', COALESCE((SELECT value FROM counters WHERE name = 'ticket_number'), 0) + 1, false)`.execute(db);
  await sql`DELETE FROM counters WHERE name = 'ticket_number'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`INSERT INTO counters (name, value) SELECT 'ticket_number', COALESCE(max(number), 0) FROM tickets`.execute(db);
  await sql`DROP SEQUENCE ticket_number_seq`.execute(db);
}
