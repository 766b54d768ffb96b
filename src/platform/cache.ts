/**
 * A value read on hot paths (settings, rules) kept per database for a few seconds: a node sees its
 * own changes at once (`clear` after writing them) and other nodes' within the TTL. Keyed by the
 * database object, not by deps: route handlers and lifecycle hooks hold different deps objects.
 */
export class PerDatabaseCache<V> {
  private readonly entries = new WeakMap<object, { value: V; at: number }>();

  constructor(private readonly ttlMs: number) {}

  /** The cached value for `db`, or `load()`'s (then cached) when there is none or it is too old. */
  async get(db: object, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(db);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = await load();
    this.entries.set(db, { value, at: Date.now() });
    return value;
  }

  /** Keeps `value` as fresh (a writer that has it at hand). */
  set(db: object, value: V): void {
    this.entries.set(db, { value, at: Date.now() });
  }

  /** Forgets the value: the next `get` reads it again. */
  clear(db: object): void {
    this.entries.delete(db);
  }
}
