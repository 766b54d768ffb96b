import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test-support/databases.js';
import { startTestApp, type TestContext } from '../../test-support/harness.js';
import { openDatabase, type Db } from './database.js';
import { replaceTableContents, settleReplacedTables } from './replace.js';

describe.each(DIALECTS)('replacing a table’s contents on %s', (dialect) => {
  let t: TestContext;
  let reader: Db;
  const db = () => t.deps.db.kysely as Kysely<any>;
  const rows = async (k: Kysely<any> = db()) => (await sql<{ k: string; v: number }>`SELECT k, v FROM probe ORDER BY k`.execute(k)).rows.map((r) => `${r.k}=${Number(r.v)}`);
  const indexes = async () =>
    dialect === 'sqlite'
      ? (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'probe' ORDER BY name`.execute(db())).rows.map((r) => r.name)
      : (await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'probe' ORDER BY indexname`.execute(db())).rows.map((r) => r.name);
  const insert = (target: string, values: Array<[string, number]>) =>
    sql`INSERT INTO ${sql.table(target)} (k, v) VALUES ${sql.join(values.map(([k, v]) => sql`(${k}, ${v})`))}`.execute(db());

  beforeAll(async () => {
    t = await startTestApp(dialect);
    // SQLite: a second connection to the file, as another process would have; PostgreSQL: the pool.
    reader = dialect === 'sqlite' ? await openDatabase(t.deps.db.location) : t.deps.db;
    await db().schema.createTable('probe').addColumn('k', 'text', (c) => c.notNull()).addColumn('v', 'integer', (c) => c.notNull().defaultTo(0)).addPrimaryKeyConstraint('probe_pk', ['k']).execute();
    await db().schema.createIndex('probe_positive').on('probe').column('v').where(sql.raw<boolean>('v > 0')).execute();
    await insert('probe', [['a', 1], ['b', 2]]);
  });
  afterAll(async () => {
    if (reader !== t.deps.db) await reader.close();
    await t.close();
  });

  it('swaps in the new rows at the commit, readers seeing the old ones until then, keys and indexes kept', async () => {
    const before = await indexes();
    expect(before.length).toBeGreaterThan(0);
    let seenDuring: string[] = [];
    await t.deps.db.transaction((trx) =>
      replaceTableContents(trx, 'probe', async (target) => {
        await sql`INSERT INTO ${sql.table(target)} (k, v) VALUES ('c', 3), ('d', 0)`.execute(trx);
        seenDuring = await rows(reader.kysely);
      }),
    );
    await settleReplacedTables(db(), ['probe']);
    expect(seenDuring).toEqual(['a=1', 'b=2']);
    expect(await rows()).toEqual(['c=3', 'd=0']);
    expect(await indexes()).toEqual(before);
    // The primary key guards the new table.
    await expect(insert('probe', [['c', 9]])).rejects.toThrow();
    // And again, onto the table the first replacement made.
    await t.deps.db.transaction((trx) => replaceTableContents(trx, 'probe', (target) => sql`INSERT INTO ${sql.table(target)} (k, v) VALUES ('e', 5)`.execute(trx).then(() => undefined)));
    expect(await rows()).toEqual(['e=5']);
    expect(await indexes()).toEqual(before);
  });

  it('leaves the table as it was when the fill fails', async () => {
    const before = { rows: await rows(), indexes: await indexes() };
    await expect(
      t.deps.db.transaction((trx) =>
        replaceTableContents(trx, 'probe', async (target) => {
          await sql`INSERT INTO ${sql.table(target)} (k, v) VALUES ('x', 1)`.execute(trx);
          throw new Error('fill failed');
        }),
      ),
    ).rejects.toThrow('fill failed');
    expect({ rows: await rows(), indexes: await indexes() }).toEqual(before);
  });
});
