import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Makes other writers of a table wait until the caller's transaction ends (a rebuild replacing
 * the table's contents). PostgreSQL takes an EXCLUSIVE table lock (reads still go on); SQLite
 * already has a single writer per database, so there is nothing to do.
 */
export async function lockTableForWrite(trx: Kysely<any>, table: string): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`LOCK TABLE ${sql.table(table)} IN EXCLUSIVE MODE`.execute(trx);
}

/**
 * Takes, up front, the lock a write to the table would take anyway (PostgreSQL: ROW EXCLUSIVE),
 * for a transaction that reads the table before writing it. A plain read takes a weaker lock
 * that a rebuild's EXCLUSIVE lock lets through, and holding it would then block the rebuild's
 * final swap while this transaction waits for the rebuild: a deadlock. Taken first, the lock makes
 * the transaction wait for a running rebuild before it touches the table. SQLite has one writer.
 */
export async function lockTableAsWriter(trx: Kysely<any>, table: string): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`LOCK TABLE ${sql.table(table)} IN ROW EXCLUSIVE MODE`.execute(trx);
}
