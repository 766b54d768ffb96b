import type { Kysely } from 'kysely';
import type { Deps } from '../platform/context.js';
import type { Db } from '../platform/db/database.js';
import type { Database } from '../platform/db/tables.js';
import { activeTriggers } from './automations.store.js';

// Which triggers have active rules, per database, for a few seconds: every ticket write asks,
// and a query per write costs more than another node noticing a new rule up to 5 s late.
const TTL_MS = 5_000;
const cache = new WeakMap<Db, { at: number; triggers: Set<string> }>();

/** Forgets the cached answer (after a local change to the rules). */
export const forgetActiveTriggers = (deps: Deps): void => void cache.delete(deps.db);

/** True when an active rule runs on the trigger. Pass the open transaction when inside one. */
export async function hasRules(deps: Deps, trigger: string, db: Kysely<Database> = deps.db.kysely): Promise<boolean> {
  let entry = cache.get(deps.db);
  if (!entry || performance.now() - entry.at > TTL_MS) {
    entry = { at: performance.now(), triggers: new Set(await activeTriggers(db)) };
    cache.set(deps.db, entry);
  }
  return entry.triggers.has(trigger);
}
