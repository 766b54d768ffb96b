import type { Kysely } from 'kysely';
import { nextCounterValue } from '../platform/db/dialect.js';
import type { Database } from '../platform/db/tables.js';

/**
 * The knowledge-base change counter. Every write that changes what search sees (an article's
 * content, a deletion, the synonyms) takes the next value in its transaction; each node's
 * in-memory index remembers the value it has caught up to and reloads what lies above it.
 */
export const KB_CHANGE_COUNTER = 'kb_change_seq';

/** Takes the next change number; the counter's row lock orders concurrent writers by commit. */
export const takeChangeSeq = (trx: Kysely<Database>): Promise<number> => nextCounterValue(trx, KB_CHANGE_COUNTER);

/** The last change number committed. */
export async function currentChangeSeq(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('counters').select('value').where('name', '=', KB_CHANGE_COUNTER).executeTakeFirst();
  return Number(row?.value ?? 0);
}
