import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Makes other writers of a table wait until the caller's transaction ends (a rebuild replacing
 * the table's contents). PostgreSQL takes an EXCLUSIVE table lock (reads still go on); SQLite
 * already has a single writer per database, so there is nothing to do.
 */
export async function lockTableForWrite(trx: Kysely<any>, table: string): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`LOCK TABLE ${sql.table(table)} IN EXCLUSIVE MODE`.execute(trx);
}
