import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, freshDatabaseUrl } from '../../test-support/databases.js';
import { openDatabase, type Db } from './database.js';
import { migrateToLatest } from './migrate.js';

describe.each(DIALECTS)('transactions on %s', (dialect) => {
  let db: Db;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl(dialect);
    drop = fresh.drop;
    db = await openDatabase(fresh.url);
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  const put = (key: string) => db.kysely.insertInto('system_settings').values({ key, value: 'v' }).execute();
  const keys = async () => (await db.kysely.selectFrom('system_settings').select('key').where('key', 'like', 'gc_%').orderBy('key').execute()).map((r) => r.key);

  it('commits concurrent units together, and a failing unit alone rolls back', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction(async (trx) => {
          await trx.insertInto('system_settings').values({ key: `gc_${String(i).padStart(2, '0')}`, value: 'v' }).execute();
          await trx.insertInto('system_settings').values({ key: `gc_${String(i).padStart(2, '0')}_b`, value: 'v' }).execute();
          if (i % 5 === 0) throw new Error(`unit ${i} fails after writing`);
          return i;
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(4);
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value)).toHaveLength(16);
    const stored = await keys();
    expect(stored).toHaveLength(32);
    expect(stored).not.toContain('gc_05');
    expect(stored).not.toContain('gc_05_b');
    expect(stored).toContain('gc_06_b');
  });

  it('turns a constraint violation in one unit into that unit\'s error only', async () => {
    await put('gc_unique');
    const [dup, fine] = await Promise.allSettled([
      db.transaction((trx) => trx.insertInto('system_settings').values({ key: 'gc_unique', value: 'again' }).execute()),
      db.transaction((trx) => trx.insertInto('system_settings').values({ key: 'gc_other', value: 'v' }).execute()),
    ]);
    expect(dup.status).toBe('rejected');
    expect(fine.status).toBe('fulfilled');
    expect(await keys()).toContain('gc_other');
  });

  it('reuses prepared statements without mixing up results', async () => {
    const values = await Promise.all(Array.from({ length: 50 }, (_, i) => sql<{ v: number }>`SELECT ${i} + 1 AS v`.execute(db.kysely)));
    expect(values.map((r) => Number(r.rows[0].v))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });
});
