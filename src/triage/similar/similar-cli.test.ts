import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../platform/db/database.js';
import { runCli } from '../../test-support/cli.js';
import { DIALECTS, freshDatabaseUrl } from '../../test-support/databases.js';
import { jsonLines, scratchDir, type ScratchDir } from '../../test-support/scratch.js';

const requester = { email: 'reporter@customer.example' };

const TICKETS = [
  { externalId: 'T-1', subject: 'Charged twice for my March invoice', body: 'My card was charged two times for invoice 2291; please refund the duplicate payment.', requester, createdAt: '2024-03-02T10:00:00Z', status: 'solved' },
  { externalId: 'T-2', subject: 'Cannot reset my password', body: 'The password reset email never arrives.', requester, createdAt: '2024-03-03T10:00:00Z' },
  { externalId: 'T-3', subject: 'Double charge on invoice', body: 'We were charged twice for the same invoice this month.', requester: { email: 'other@customer.example' }, createdAt: '2024-03-04 11:30:00+01:00', priority: 2, category: 'Billing' },
  { externalId: 'T-4', subject: 'Password reset link not received', body: 'Asked for a password reset three times, no email came.', requester },
  { externalId: 'T-5', subject: 'Dark mode request', body: 'A dark theme for the dashboard, please.', requester },
];

describe.each(DIALECTS)('frontline tickets import and similar on %s', (dialect) => {
  let url: string;
  let drop: () => Promise<void>;
  let scratch: ScratchDir;
  const rows = async () => {
    const db = await openDatabase(url);
    try {
      return await db.kysely.selectFrom('tickets').select(['external_id', 'created_at', 'status', 'priority', 'category']).orderBy('number').execute();
    } finally {
      await db.close();
    }
  };

  beforeAll(async () => {
    ({ url, drop } = await freshDatabaseUrl(dialect));
    scratch = scratchDir('similar-cli');
  });
  afterAll(async () => {
    scratch.remove();
    await drop();
  });

  it('imports tickets keeping createdAt, and a re-import creates nothing', async () => {
    const input = scratch.file('tickets.jsonl', jsonLines(TICKETS));
    const first = await runCli(['tickets', 'import', '--input', input], { DATABASE_URL: url });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Imported 5 lines: 5 tickets created, 0 skipped');
    const again = await runCli(['tickets', 'import', '--input', input], { DATABASE_URL: url });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Imported 5 lines: 0 tickets created, 5 skipped');
    const stored = await rows();
    expect(stored).toHaveLength(5);
    expect(stored[0]).toMatchObject({ external_id: 'T-1', created_at: '2024-03-02T10:00:00.000Z', status: 'solved' });
    expect(stored[2]).toMatchObject({ external_id: 'T-3', created_at: '2024-03-04T10:30:00.000Z', priority: 2, category: 'Billing' });
  });

  it('writes one line per input line, in order, best first, without the ticket itself', async () => {
    const output = scratch.path('similar.jsonl');
    const input = scratch.file('ids.jsonl', jsonLines([{ externalId: 'T-3' }, { externalId: 'T-4' }, { externalId: 'NOPE' }, { externalId: 'T-1' }]));
    const res = await runCli(['tickets', 'similar', '--input', input, '--output', output, '--limit', '2'], { DATABASE_URL: url });
    expect(res.code).toBe(0);
    expect(res.stderr.trim()).toBe(`frontline: warning: ${input} line 3: no ticket has externalId "NOPE"; wrote an empty list`);
    const lines = readFileSync(output, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.externalId)).toEqual(['T-3', 'T-4', 'NOPE', 'T-1']);
    expect(lines[0]).toEqual({ externalId: 'T-3', similar: ['T-1'] });
    expect(lines[1].similar[0]).toBe('T-2');
    expect(lines[2]).toEqual({ externalId: 'NOPE', similar: [] });
    expect(lines[3].similar[0]).toBe('T-3');
    for (const line of lines) expect(line.similar).not.toContain(line.externalId);
    expect(lines.every((l) => l.similar.length <= 2)).toBe(true);
  });

  it('refuses a bad import file naming its lines, and imports none of it', async () => {
    const bad = scratch.file('bad.jsonl', jsonLines([{ ...TICKETS[0], externalId: 'B-1' }, { externalId: 'B-2', subject: 'x', body: 'y' }]) + '{"externalId": \n');
    const res = await runCli(['tickets', 'import', '--input', bad], { DATABASE_URL: url });
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('2 bad lines');
    expect(res.stderr).toContain('line 2: requester is missing');
    expect(res.stderr).toContain('line 3: not valid JSON');
    expect((await rows()).map((r) => r.external_id)).not.toContain('B-1');
    const missing = await runCli(['tickets', 'import', '--input', scratch.path('none.jsonl')], { DATABASE_URL: url });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Input file not found');
  });

  it('refuses a bad similar line or option, leaving no output file', async () => {
    const output = scratch.path('bad-out.jsonl');
    const badLine = await runCli(['tickets', 'similar', '--input', scratch.file('q.jsonl', jsonLines([{ externalId: 'T-1' }, { id: 'T-2' }])), '--output', output], { DATABASE_URL: url });
    expect(badLine.code).toBe(1);
    expect(badLine.stderr).toContain('line 2: externalId must be a non-empty string');
    expect(existsSync(output)).toBe(false);
    const badLimit = await runCli(['tickets', 'similar', '--input', scratch.file('q2.jsonl', jsonLines([{ externalId: 'T-1' }])), '--output', output, '--limit', 'ten'], { DATABASE_URL: url });
    expect(badLimit.code).toBe(1);
    expect(badLimit.stderr).toContain('--limit must be');
    expect(existsSync(output)).toBe(false);
  });
});
