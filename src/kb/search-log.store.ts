import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/tables.js';
import type { KbSearchLogRow } from '../responses/responses.tables.js';

type Db = Kysely<Database>;
// Seven columns a row: 200 rows stay far below either engine's bound parameter limit.
const INSERT_CHUNK = 200;

/** Inserts logged searches, a few hundred rows per statement. */
export async function insertSearchLog(db: Db, rows: KbSearchLogRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await db.insertInto('kb_search_log').values(rows.slice(i, i + INSERT_CHUNK)).execute();
}

/** Searches logged at or after `since`, grouped by their query text (lower case), most asked first. */
export async function searchesSince(db: Db, since: string, limit: number): Promise<{ query: string; count: number; lastAt: string }[]> {
  const rows = await db
    .selectFrom('kb_search_log')
    .select((eb) => ['query', eb.fn.countAll<number>().as('count'), eb.fn.max('at').as('lastAt')])
    .where('at', '>=', since)
    .groupBy('query')
    .orderBy('count', 'desc')
    .orderBy('lastAt', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ query: r.query, count: Number(r.count), lastAt: String(r.lastAt) }));
}

/** Deletes searches logged before `before`; returns how many. */
export async function deleteSearchLogBefore(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('kb_search_log').where('at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
