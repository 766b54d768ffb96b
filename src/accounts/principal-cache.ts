import type { Principal } from '../platform/auth/principal.js';
import type { Db } from '../platform/db/database.js';

/** How long a resolved credential is trusted before it is checked against the database again. */
export const PRINCIPAL_CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * A short-lived cache of credential → principal. Most API traffic repeats one token; looking it
 * up each time costs a query that, on SQLite, also has to wait behind any open write
 * transaction, which keeps concurrent writes from sharing a commit. Changes made on this node
 * (revocation, sign-out, deactivation, role change) clear the cache at once; on other nodes they
 * take effect within PRINCIPAL_CACHE_MS.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();

  get(key: string, now: number): Principal | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.principal;
  }

  set(key: string, principal: Principal, now: number): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { principal, until: now + PRINCIPAL_CACHE_MS });
  }

  /** Forgets every credential of a user (after a change to the user or their credentials). */
  forgetUser(userId: string): void {
    for (const [key, entry] of this.entries) if (entry.principal.userId === userId) this.entries.delete(key);
  }
}

const caches = new WeakMap<Db, PrincipalCache>();

/** The cache that belongs to one open database (tests open many side by side). */
export function principalCache(db: Db): PrincipalCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new PrincipalCache()));
  return cache;
}
