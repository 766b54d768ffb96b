import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Replaces every row of `table` within the caller's transaction; readers keep seeing the old rows
 * until it commits. `fill(target)` writes the new rows into the table named `target`.
 *
 * - SQLite deletes the rows (without a WHERE it frees the table's pages wholesale) and fills the
 *   table itself; readers in WAL mode keep their snapshot, and there is a single writer anyway.
 * - PostgreSQL fills a fresh copy of the table (`LIKE … INCLUDING DEFAULTS INCLUDING CONSTRAINTS`)
 *   that has no indexes yet, builds its primary key and indexes once at the end (from the live
 *   table's own definitions, so the copy never drifts from the migrations), analyses it, then
 *   drops the old table and gives the copy its name and its indexes' names. Deleting and
 *   re-inserting every row instead would leave a dead duplicate under each key that every insert
 *   has to step over, and keeping indexes current row by row costs several times the rows
 *   themselves. The swap holds an exclusive lock for a moment at the end: statements reading the
 *   table then wait for the commit and read the new table.
 *
 * The caller must hold a lock that keeps other writers out of the table for the whole transaction
 * (see lockTableForWrite) and must write to it only through `fill`.
 */
export async function replaceTableContents(trx: Kysely<any>, table: string, fill: (target: string) => Promise<void>): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) {
    await sql`DELETE FROM ${sql.table(table)}`.execute(trx);
    await fill(table);
    return;
  }
  const copy = `${table}_next`;
  const { constraints, indexes } = await keysAndIndexes(trx, table);
  await sql`DROP TABLE IF EXISTS ${sql.table(copy)}`.execute(trx);
  await sql`CREATE TABLE ${sql.table(copy)} (LIKE ${sql.table(table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`.execute(trx);
  await fill(copy);
  // Built under temporary names (the live table still holds the real ones), renamed after the swap.
  for (const c of constraints) await sql`ALTER TABLE ${sql.table(copy)} ADD CONSTRAINT ${sql.id(`${c.name}_next`)} ${sql.raw(c.definition)}`.execute(trx);
  for (const i of indexes) await sql.raw(onCopy(i.definition, i.name, table, copy)).execute(trx);
  // Statistics for the planner at once (settleReplacedTables vacuums after the commit).
  await sql`ANALYZE ${sql.table(copy)}`.execute(trx);
  await sql`DROP TABLE ${sql.table(table)}`.execute(trx);
  await sql`ALTER TABLE ${sql.table(copy)} RENAME TO ${sql.id(table)}`.execute(trx);
  for (const c of constraints) await sql`ALTER TABLE ${sql.table(table)} RENAME CONSTRAINT ${sql.id(`${c.name}_next`)} TO ${sql.id(c.name)}`.execute(trx);
  for (const i of indexes) await sql`ALTER INDEX ${sql.id(`${i.name}_next`)} RENAME TO ${sql.id(i.name)}`.execute(trx);
}

interface Definitions {
  /** Primary key and unique constraints: name and `PRIMARY KEY (…)` / `UNIQUE (…)`. */
  constraints: Array<{ name: string; definition: string }>;
  /** Other indexes: name and CREATE INDEX statement. */
  indexes: Array<{ name: string; definition: string }>;
}

/** The live table's keys and indexes, as PostgreSQL prints them. */
async function keysAndIndexes(trx: Kysely<any>, table: string): Promise<Definitions> {
  const constraints = await sql<{ name: string; definition: string }>`
    SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c
    WHERE c.conrelid = ${table}::regclass AND c.contype IN ('p', 'u') ORDER BY c.conname`.execute(trx);
  const indexes = await sql<{ name: string; definition: string }>`
    SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
    WHERE x.indrelid = ${table}::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) ORDER BY i.relname`.execute(trx);
  return { constraints: constraints.rows, indexes: indexes.rows };
}

/** An index definition of the live table rewritten for the copy, under the temporary name. */
function onCopy(definition: string, name: string, table: string, copy: string): string {
  const match = /^CREATE (UNIQUE )?INDEX (\S+) ON (?:ONLY )?(\S+) (USING .*)$/s.exec(definition);
  if (!match || match[2] !== name || match[3].replace(/^.*\./, '') !== table) throw new Error(`Unexpected index definition: ${definition}`);
  return `CREATE ${match[1] ?? ''}INDEX ${name}_next ON ${match[3].replace(/[^.]*$/, copy)} ${match[4]}`;
}

/**
 * After a transaction that replaced tables: PostgreSQL vacuums and analyses them, so the new
 * tables have their visibility map at once (index-only scans need it; autovacuum would get there
 * later) and fresh statistics. VACUUM cannot run inside a transaction, hence a separate call.
 * SQLite needs nothing.
 */
export async function settleReplacedTables(db: Kysely<any>, tables: readonly string[]): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const table of tables) await sql`VACUUM (ANALYZE) ${sql.table(table)}`.execute(db);
}
