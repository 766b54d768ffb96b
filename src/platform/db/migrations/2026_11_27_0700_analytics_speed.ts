// Frozen once shipped: later changes go in a new migration. Imports nothing from the app.
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const COUNTS = ['created', 'escalated', 'open', 'responded', 'solved', 'fcr', 'reopened'] as const;
const SUMS = ['frt_sum', 'res_sum'] as const;
const MONTH_OF = sql`substr(bucket, 1, 7) || '-01T00:00:00.000Z'`;

/**
 * Faster analytics reads: month buckets beside the day buckets (derived here from the day rows),
 * a partial index over the day rows that still hold open tickets (the backlog), the rollup tables
 * clustered by their key on SQLite and byte-ordered keys on PostgreSQL, and a scratch table the
 * rebuild fills inside its transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await clusterOnSqlite(db);
  else await byteOrderOnPostgres(db);
  const columns = sql.join([...COUNTS, ...SUMS].map((c) => sql.ref(c)));
  const sums = sql.join([...COUNTS, ...SUMS].map((c) => sql`sum(${sql.ref(c)})`));
  await sql`INSERT INTO analytics_rollup (grain, dim, bucket, value, ${columns})
    SELECT 'month', dim, ${MONTH_OF}, value, ${sums} FROM analytics_rollup WHERE grain = 'day' GROUP BY dim, ${MONTH_OF}, value`.execute(db);
  await sql`INSERT INTO analytics_hist (grain, dim, bucket, value, metric, bin, n)
    SELECT 'month', dim, ${MONTH_OF}, value, metric, bin, sum(n) FROM analytics_hist WHERE grain = 'day' GROUP BY dim, ${MONTH_OF}, value, metric, bin`.execute(db);
  // The backlog query names the same literals ('day', 0), which is how SQLite matches a partial index.
  await db.schema
    .createIndex('analytics_rollup_backlog')
    .on('analytics_rollup')
    .columns(['dim', 'value', 'bucket', 'open'])
    .where(sql.raw<boolean>(`grain = 'day' AND open > 0`))
    .execute();
  // Facts (replies, reopens, escalations, group moves) the rebuild reads from history, joined to the tickets in SQL.
  await db.schema
    .createTable('analytics_rebuild_facts')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey())
    .addColumn('agent_replies', 'integer', (c) => c.notNull())
    .addColumn('reopens', 'integer', (c) => c.notNull())
    .addColumn('escalations', 'integer', (c) => c.notNull())
    .addColumn('group_moves', 'integer', (c) => c.notNull())
    .execute();
}

/**
 * PostgreSQL: the key columns compare by bytes (COLLATE "C"), as SQLite's do. Dashboards group
 * and sort by them; a linguistic collation makes every comparison a strcoll() call and rules out
 * abbreviated sort keys, which made those sorts several times slower.
 */
async function byteOrderOnPostgres(db: Kysely<any>): Promise<void> {
  for (const [table, columns] of [
    ['analytics_rollup', ['grain', 'dim', 'bucket', 'value']],
    ['analytics_hist', ['grain', 'dim', 'bucket', 'value', 'metric']],
  ] as const) {
    const alter = sql.join(columns.map((c) => sql`ALTER COLUMN ${sql.ref(c)} TYPE text COLLATE "C"`));
    await sql`ALTER TABLE ${sql.table(table)} ${alter}`.execute(db);
  }
}

/**
 * SQLite: recreates both rollup tables WITHOUT ROWID, so rows are stored in primary-key order and
 * a range read is one sequential pass instead of an index walk plus a table lookup per row.
 */
async function clusterOnSqlite(db: Kysely<any>): Promise<void> {
  let rollup = db.schema
    .createTable('analytics_rollup_new')
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull());
  for (const column of COUNTS) rollup = rollup.addColumn(column, 'bigint', (c) => c.notNull().defaultTo(0));
  for (const column of SUMS) rollup = rollup.addColumn(column, 'double precision', (c) => c.notNull().defaultTo(0));
  await rollup.addPrimaryKeyConstraint('analytics_rollup_pk', ['grain', 'dim', 'bucket', 'value']).modifyEnd(sql`WITHOUT ROWID`).execute();
  await db.schema
    .createTable('analytics_hist_new')
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('bin', 'integer', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('analytics_hist_pk', ['grain', 'dim', 'bucket', 'value', 'metric', 'bin'])
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute();
  for (const table of ['analytics_rollup', 'analytics_hist']) {
    await sql`INSERT INTO ${sql.table(`${table}_new`)} SELECT * FROM ${sql.table(table)} ORDER BY grain, dim, bucket, value`.execute(db);
    await db.schema.dropTable(table).execute();
    await db.schema.alterTable(`${table}_new`).renameTo(table).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analytics_rebuild_facts').execute();
  await db.schema.dropIndex('analytics_rollup_backlog').execute();
  await db.deleteFrom('analytics_hist').where('grain', '=', 'month').execute();
  await db.deleteFrom('analytics_rollup').where('grain', '=', 'month').execute();
}
