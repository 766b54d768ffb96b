import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test-support/databases.js';
import { startTestApp, type TestContext } from '../../test-support/harness.js';
import { restoreDeferredIndexes, withDeferredIndexes } from './bulk-load.js';

describe.each(DIALECTS)('bulk loads on %s', (dialect) => {
  let t: TestContext;
  const db = () => t.deps.db;
  const indexesOf = async (table: string) =>
    dialect === 'sqlite'
      ? (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ${table} ORDER BY name`.execute(db().kysely)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ${table} ORDER BY indexname`.execute(db().kysely)).rows.map((r) => r.name);

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  it('drops only the secondary indexes during the load and rebuilds them after', async () => {
    const before = await indexesOf('tickets');
    expect(before).toContain('tickets_category');
    const during = await withDeferredIndexes(db(), ['tickets'], () => indexesOf('tickets'));
    expect(during).not.toContain('tickets_category');
    // Primary key and unique constraints keep guarding the load.
    expect(during.length).toBeGreaterThan(0);
    expect(await indexesOf('tickets')).toEqual(before);
  });

  it('rebuilds the indexes when the load fails', async () => {
    const before = await indexesOf('messages');
    await expect(withDeferredIndexes(db(), ['messages'], async () => Promise.reject(new Error('load failed')))).rejects.toThrow('load failed');
    expect(await indexesOf('messages')).toEqual(before);
  });

  it('rebuilds, at the next load, indexes a crashed load left dropped', async () => {
    const before = await indexesOf('audit_events');
    // What a process killed mid-load leaves behind: the definitions kept, the indexes gone.
    const definitions = before.includes('audit_at') ? [{ name: 'audit_at', sql: 'CREATE INDEX audit_at ON audit_events (at)' }] : [];
    expect(definitions).toHaveLength(1);
    await db().kysely.insertInto('system_settings').values({ key: 'bulk_load.deferred_indexes', value: JSON.stringify(definitions) }).execute();
    await sql`DROP INDEX audit_at`.execute(db().kysely);
    expect(await indexesOf('audit_events')).not.toContain('audit_at');
    expect(await restoreDeferredIndexes(db())).toEqual(['audit_at']);
    expect(await indexesOf('audit_events')).toEqual(before);
    expect(await restoreDeferredIndexes(db())).toEqual([]);
  });
});
