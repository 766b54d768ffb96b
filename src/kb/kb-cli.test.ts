import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../platform/db/database.js';
import { runCli } from '../test-support/cli.js';
import { DIALECTS, freshDatabaseUrl } from '../test-support/databases.js';
import { jsonLines, scratchDir, type ScratchDir } from '../test-support/scratch.js';


const ARTICLES = [
  { externalId: 'a-reset', title: 'Reset your password', body: 'Open Settings, then Security, and press Reset.', category: 'Account', tags: ['login'] },
  { externalId: 'a-export', title: 'Export invoices to PDF', body: 'Billing keeps every invoice; export them as PDF.' },
  { externalId: 'a-ship', title: 'Delivery times', body: 'Orders ship within two days.', category: 'Shipping' },
];

describe.each(DIALECTS)('frontline kb import and search on %s', (dialect) => {
  let url: string;
  let drop: () => Promise<void>;
  let scratch: ScratchDir;
  const articleCount = async () => {
    const db = await openDatabase(url);
    try {
      const rows = await db.kysely.selectFrom('kb_articles').select(['external_id', 'title', 'status', 'visibility']).orderBy('external_id').execute();
      return rows;
    } finally {
      await db.close();
    }
  };

  beforeAll(async () => {
    ({ url, drop } = await freshDatabaseUrl(dialect));
    scratch = scratchDir('kb-cli');
  });
  afterAll(async () => {
    scratch.remove();
    await drop();
  });

  it('imports published public articles, and re-importing updates instead of duplicating', async () => {
    const first = await runCli(['kb', 'import', '--input', scratch.file('articles.jsonl', jsonLines(ARTICLES))], { DATABASE_URL: url });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Imported 3 articles (3 created, 0 updated, 0 unchanged)');
    const changed = [...ARTICLES.slice(0, 2), { ...ARTICLES[2], title: 'Delivery times and tracking' }];
    const second = await runCli(['kb', 'import', '--input', scratch.file('again.jsonl', jsonLines(changed))], { DATABASE_URL: url });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Imported 3 articles (0 created, 1 updated, 2 unchanged)');
    const rows = await articleCount();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.status === 'published' && r.visibility === 'public')).toBe(true);
    expect(rows.find((r) => r.external_id === 'a-ship')?.title).toBe('Delivery times and tracking');
  });

  it('searches a file of queries into one result line per query, in order, best first', async () => {
    const queries = scratch.file('queries.jsonl', jsonLines([{ id: 'q1', query: 'how do I reset my pasword' }, { id: 2, query: 'invoice pdf' }, { id: 'q3', query: 'zzzz qqqq' }]) + '\n');
    const output = scratch.path('out.jsonl');
    const res = await runCli(['kb', 'search', '--input', queries, '--output', output, '--limit', '2'], { DATABASE_URL: url });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const lines = readFileSync(output, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({ id: 'q1', results: expect.arrayContaining(['a-reset']) });
    expect(lines[0].results[0]).toBe('a-reset');
    expect(lines[0].results.length).toBeLessThanOrEqual(2);
    expect(lines[1]).toMatchObject({ id: 2 });
    expect(lines[1].results[0]).toBe('a-export');
    expect(lines[2]).toEqual({ id: 'q3', results: [] });
  });

  it('refuses a bad import file with a one-line error naming the line, importing none of it', async () => {
    const bad = scratch.file('bad.jsonl', jsonLines([{ externalId: 'b-1', title: 'Fine', body: 'ok' }]) + '{"externalId": "b-2", "title": \n');
    const res = await runCli(['kb', 'import', '--input', bad], { DATABASE_URL: url });
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('line 2: not valid JSON');
    const missingTitle = await runCli(['kb', 'import', '--input', scratch.file('notitle.jsonl', jsonLines([{ externalId: 'b-3', body: 'x' }]))], { DATABASE_URL: url });
    expect(missingTitle.code).toBe(1);
    expect(missingTitle.stderr).toContain('line 1: title');
    expect((await articleCount()).map((r) => r.external_id)).not.toContain('b-1');

    const missing = await runCli(['kb', 'import', '--input', scratch.path('nope.jsonl')], { DATABASE_URL: url });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cannot read');
  });

  it('refuses a bad query line or option, leaving no output file behind', async () => {
    const output = scratch.path('bad-out.jsonl');
    const badQuery = await runCli(['kb', 'search', '--input', scratch.file('badq.jsonl', jsonLines([{ id: 1, query: 'reset' }, { id: 2 }])), '--output', output], { DATABASE_URL: url });
    expect(badQuery.code).toBe(1);
    expect(badQuery.stderr).toContain('line 2: query must be a string');
    expect(existsSync(output)).toBe(false);
    const limit = await runCli(['kb', 'search', '--input', scratch.file('q.jsonl', '{"id":1,"query":"x"}\n'), '--output', output, '--limit', 'ten'], { DATABASE_URL: url });
    expect(limit.code).toBe(1);
    expect(limit.stderr).toContain('--limit must be');
  });
});
