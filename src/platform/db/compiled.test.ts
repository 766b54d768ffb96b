import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test-support/databases.js';
import { startTestApp, type TestContext } from '../../test-support/harness.js';
import { CompiledStatements } from './compiled.js';

describe.each(DIALECTS)('statements compiled once on %s', (dialect) => {
  let t: TestContext;
  const db = () => t.deps.db.kysely as Kysely<any>;
  const rows = async () => (await sql<{ k: string; a: string; b: number | null }>`SELECT k, a, b FROM probe ORDER BY k`.execute(db())).rows.map((r) => [r.k, r.a, r.b === null ? null : Number(r.b)]);

  beforeAll(async () => {
    t = await startTestApp(dialect);
    await db().schema.createTable('probe').addColumn('k', 'text', (c) => c.primaryKey()).addColumn('a', 'text', (c) => c.notNull()).addColumn('b', 'integer').execute();
  });
  afterAll(() => t.close());

  it('binds later rows by column name, whatever the order of their keys', async () => {
    const statements = new CompiledStatements();
    await statements.insertRow(db(), 'probe', 'probe', { k: 'one', a: 'first', b: 1 });
    await statements.insertRow(db(), 'probe', 'probe', { b: 2, k: 'two', a: 'second' });
    await statements.insertRow(db(), 'probe', 'probe', { a: 'third', b: null, k: 'three' });
    expect(await rows()).toEqual([
      ['one', 'first', 1],
      ['three', 'third', null],
      ['two', 'second', 2],
    ]);
  });

  it('keeps what follows the values, and reports the rows it wrote', async () => {
    const statements = new CompiledStatements();
    const insert = (row: Record<string, unknown>) =>
      statements.insertRow<{ k: string }>(db(), 'probe-if-new', 'probe', row, (q) => q.onConflict((oc) => oc.column('k').doNothing()).returning('k'));
    const fresh = await insert({ k: 'four', a: 'fourth', b: 4 });
    expect(fresh.rows).toEqual([{ k: 'four' }]);
    const again = await insert({ k: 'four', a: 'changed', b: 5 });
    expect(again.rows).toEqual([]);
    expect((await rows()).find((r) => r[0] === 'four')).toEqual(['four', 'fourth', 4]);
  });

  it('refuses a row with other columns, or a missing value, instead of binding values to the wrong ones', async () => {
    const statements = new CompiledStatements();
    await statements.insertRow(db(), 'strict', 'probe', { k: 'five', a: 'fifth', b: 5 });
    await expect(statements.insertRow(db(), 'strict', 'probe', { k: 'six', a: 'sixth' })).rejects.toThrow('2 columns for 3');
    await expect(statements.insertRow(db(), 'strict', 'probe', { k: 'six', a: 'sixth', c: 6 })).rejects.toThrow('no value for b');
    await expect(statements.insertRow(db(), 'strict', 'probe', { k: 'six', a: 'sixth', b: undefined })).rejects.toThrow('no value for b');
    // The first row shapes the statement: an undefined value there would drop its column.
    await expect(new CompiledStatements().insertRow(db(), 'first', 'probe', { k: 'six', a: 'sixth', b: undefined })).rejects.toThrow('2 parameters for 3 columns');
    // A clause after the values that binds values of its own is refused too.
    await expect(
      new CompiledStatements().insertRow(db(), 'upsert', 'probe', { k: 'six', a: 'sixth', b: 6 }, (q) => q.onConflict((oc) => oc.column('k').doUpdateSet({ a: 'other' }))),
    ).rejects.toThrow('4 parameters for 3 columns');
    expect((await rows()).map((r) => r[0])).not.toContain('six');
  });

  it('runs a compiled query with new values each time, and checks their count', async () => {
    const statements = new CompiledStatements();
    const find = (k: string) => statements.run<{ a: string }>(db(), 'find', (q: Kysely<any>) => q.selectFrom('probe').select('a').where('k', '=', ''), [k]);
    expect(await find('one')).toEqual([{ a: 'first' }]);
    expect(await find('two')).toEqual([{ a: 'second' }]);
    await expect(statements.run(db(), 'find', (q: Kysely<any>) => q.selectFrom('probe').select('a').where('k', '=', ''), ['one', 'two'])).rejects.toThrow('2 values for 1 parameters');
    const update = await statements.execute(db(), 'touch', (q: Kysely<any>) => q.updateTable('probe').set({ b: 0 }).where('b', '>', 0), [10, 2]);
    expect(Number(update.numAffectedRows)).toBe(2);
  });
});
