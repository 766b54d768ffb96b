import type { Kysely } from 'kysely';
import type { Database } from './tables.js';
import { randomToken } from '../secrets.js';

/**
 * The server secret: FRONTLINE_SECRET when set, else one made on first start and kept in the
 * database, so that every node of a cluster and every restart share it.
 */
export async function resolveServerSecret(db: Kysely<Database>, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const existing = await db.selectFrom('system_settings').select('value').where('key', '=', 'server_secret').executeTakeFirst();
  if (existing) return existing.value;
  await db
    .insertInto('system_settings')
    .values({ key: 'server_secret', value: randomToken(48) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // Read back: when two nodes race on first start, both take the one that was stored.
  return (await db.selectFrom('system_settings').select('value').where('key', '=', 'server_secret').executeTakeFirstOrThrow()).value;
}
