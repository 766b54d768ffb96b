import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../../test-support/harness.js';
import { importTickets } from './import.service.js';
import type { JsonLine } from '../../platform/files/json-lines.js';

/** Lines as the JSON-lines reader yields them, numbered from 1. */
const linesOf = (values: unknown[]) => () =>
  (async function* (): AsyncGenerator<JsonLine> {
    for (const [i, value] of values.entries()) yield typeof value === 'string' && value.startsWith('!') ? { line: i + 1, error: 'not valid JSON' } : { line: i + 1, value };
  })();

const record = (externalId: string, overrides: Record<string, unknown> = {}) => ({
  externalId,
  subject: `Subject of ${externalId}`,
  body: `Body of ${externalId}`,
  requester: { email: `${externalId.toLowerCase()}@customer.example` },
  ...overrides,
});

describe.each(DIALECTS)('ticket import on %s', (dialect) => {
  let t: TestContext;
  let agent: string;
  const ticketByExternalId = (externalId: string) => t.deps.db.kysely.selectFrom('tickets').selectAll().where('external_id', '=', externalId).executeTakeFirst();

  beforeAll(async () => {
    t = await startTestApp(dialect);
    agent = (await t.userWithToken('agent')).token;
  });
  afterAll(() => t.close());

  it('imports tickets keeping createdAt, status and priority, with messages, requesters, audit events and search entries', async () => {
    const counts = await importTickets(
      t.deps,
      linesOf([
        record('IMP-1', { createdAt: '2020-01-02 17:14:21+00:00', status: 'solved', priority: 2, category: 'Billing', requester: { email: 'Ann@Example.com', name: 'Ann' } }),
        record('IMP-2', { subject: 'Zanzibar gateway timeout', body: '' }),
      ]),
    );
    expect(counts).toEqual({ lines: 2, created: 2, skipped: 0 });
    const first = (await ticketByExternalId('IMP-1'))!;
    expect(first).toMatchObject({ status: 'solved', priority: 2, category: 'Billing', created_at: '2020-01-02T17:14:21.000Z', solved_at: '2020-01-02T17:14:21.000Z' });
    const second = (await ticketByExternalId('IMP-2'))!;
    expect(second).toMatchObject({ status: 'new', priority: 3, category: null });
    expect(Number(second.number)).toBe(Number(first.number) + 1);

    const view = (await t.app.inject({ url: `/api/v1/tickets/${first.id}`, headers: bearer(agent) })).json();
    expect(view.requester).toMatchObject({ email: 'ann@example.com', name: 'Ann' });
    const messages = (await t.app.inject({ url: `/api/v1/tickets/${first.id}/messages`, headers: bearer(agent) })).json();
    expect(messages.items).toEqual([expect.objectContaining({ body: 'Body of IMP-1', author: expect.objectContaining({ type: 'customer' }) })]);
    const events = (await t.app.inject({ url: `/api/v1/tickets/${first.id}/events`, headers: bearer(agent) })).json();
    expect(events.items).toEqual([expect.objectContaining({ action: 'ticket.imported', actor: { type: 'system', id: null, label: 'import' } })]);
    const found = (await t.app.inject({ url: '/api/v1/tickets?q=zanzibar', headers: bearer(agent) })).json();
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([second.id]);
  });

  it('skips an externalId already imported, in an earlier import or earlier in the same file', async () => {
    const counts = await importTickets(t.deps, linesOf([record('IMP-1', { subject: 'Changed' }), record('IMP-3'), record('IMP-3', { subject: 'Second copy' })]));
    expect(counts).toEqual({ lines: 3, created: 1, skipped: 2 });
    expect((await ticketByExternalId('IMP-1'))!.subject).toBe('Subject of IMP-1');
    expect((await ticketByExternalId('IMP-3'))!.subject).toBe('Subject of IMP-3');
    const total = await t.deps.db.kysely.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where('external_id', 'like', 'IMP-%').executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(3);
  });

  it('refuses a file with bad lines, naming each by number, and writes none of it', async () => {
    const attempt = importTickets(
      t.deps,
      linesOf([
        record('BAD-1'),
        '!',
        record('BAD-3', { requester: { email: 'not-an-email' } }),
        { subject: 'no id', body: 'x', requester: { email: 'a@b.example' } },
        record('BAD-5', { createdAt: 'yesterday' }),
        record('BAD-6', { status: 'archived' }),
        [1, 2],
      ]),
      { source: 'tickets.jsonl' },
    );
    await expect(attempt).rejects.toMatchObject({ code: 'validation_failed' });
    const detail = ((await attempt.catch((e) => e)) as { detail: string }).detail;
    expect(detail).toContain('6 bad lines in tickets.jsonl, nothing imported');
    expect(detail).toContain('line 2: not valid JSON');
    expect(detail).toContain('line 3: requester.email');
    expect(detail).toContain('line 4: externalId is missing');
    expect(detail).toContain('line 5: createdAt');
    expect(detail).toContain('and 1 more');
    expect(await ticketByExternalId('BAD-1')).toBeUndefined();
    await expect(importTickets(t.deps, linesOf([]), { source: 'empty.jsonl' })).rejects.toMatchObject({ detail: 'empty.jsonl has no ticket lines' });
  });
});
