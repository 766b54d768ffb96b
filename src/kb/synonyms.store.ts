import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/tables.js';

type Db = Kysely<Database>;

/** The synonym sets in their saved order, each a list of words or phrases. */
export async function findSynonymSets(db: Db): Promise<string[][]> {
  const rows = await db.selectFrom('kb_synonyms').select('phrases').orderBy('position').execute();
  return rows.map((r) => JSON.parse(r.phrases) as string[]);
}

/** Replaces every synonym set. */
export async function replaceSynonymSets(db: Db, rows: { id: string; position: number; phrases: string; created_at: string }[]): Promise<void> {
  await db.deleteFrom('kb_synonyms').execute();
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('kb_synonyms').values(rows.slice(i, i + 500)).execute();
}
