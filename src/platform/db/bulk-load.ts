import { sql, type Kysely } from 'kysely';
import type { Db } from './database.js';

/** Where the definitions of dropped indexes wait until they are rebuilt. */
const SETTING_KEY = 'bulk_load.deferred_indexes';

interface IndexDefinition {
  name: string;
  sql: string;
}

/**
 * Runs a bulk load with the secondary indexes of `tables` dropped, then rebuilds them.
 * Keeping a dozen indexes up to date row by row costs more than the rows themselves; building
 * an index once from sorted keys at the end costs a fraction of that. Only non-unique indexes
 * are dropped, so primary keys and unique constraints keep guarding the load. Their definitions
 * are kept in system_settings first: if the process dies mid-load, `restoreDeferredIndexes`
 * (run again at the start of the next bulk load) rebuilds them.
 */
export async function withDeferredIndexes<T>(db: Db, tables: readonly string[], work: () => Promise<T>): Promise<T> {
  await restoreDeferredIndexes(db);
  const indexes = await secondaryIndexes(db, tables);
  await db.transaction(async (trx) => {
    await trx.insertInto('system_settings').values({ key: SETTING_KEY, value: JSON.stringify(indexes) }).execute();
    for (const index of indexes) await sql`DROP INDEX ${sql.id(index.name)}`.execute(trx);
  });
  try {
    return await work();
  } finally {
    await restoreDeferredIndexes(db);
  }
}

/** Rebuilds indexes that a bulk load dropped and did not get to rebuild; returns their names. */
export async function restoreDeferredIndexes(db: Db): Promise<string[]> {
  return db.transaction(async (trx) => {
    const row = await trx.selectFrom('system_settings').select('value').where('key', '=', SETTING_KEY).executeTakeFirst();
    if (!row) return [];
    const indexes = JSON.parse(row.value) as IndexDefinition[];
    for (const index of indexes) {
      // IF NOT EXISTS: a crash may have come after some of them were rebuilt.
      await sql.raw(index.sql.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS ')).execute(trx);
    }
    await trx.deleteFrom('system_settings').where('key', '=', SETTING_KEY).execute();
    return indexes.map((i) => i.name);
  });
}

/** The non-unique indexes of the tables, with the statements that create them. */
async function secondaryIndexes(db: Db, tables: readonly string[]): Promise<IndexDefinition[]> {
  const k: Kysely<any> = db.kysely;
  const rows =
    db.dialect === 'sqlite'
      ? // Indexes SQLite makes for constraints have no SQL text: they are never listed here.
        await sql<IndexDefinition>`SELECT name, sql FROM sqlite_master
          WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${sql.join(tables)}) ORDER BY name`.execute(k)
      : await sql<IndexDefinition>`SELECT indexname AS name, indexdef AS sql FROM pg_indexes
          WHERE schemaname = current_schema() AND tablename IN (${sql.join(tables)}) ORDER BY indexname`.execute(k);
  return rows.rows.filter((index) => !/^CREATE\s+UNIQUE\b/i.test(index.sql));
}
