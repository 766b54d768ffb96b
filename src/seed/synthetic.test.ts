import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { seedSyntheticTickets } from './synthetic.js';

const COUNT = 2_000;

describe.each(DIALECTS)('synthetic tickets on %s', (dialect) => {
  let t: TestContext;
  let token: string;
  let progress: number[];
  const db = () => t.deps.db.kysely;
  const count = async (table: 'tickets' | 'messages' | 'customers' | 'ticket_tags') =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const subjects = async (from: number, to: number) =>
    (await db().selectFrom('tickets').select('subject').where('number', '>=', from).where('number', '<=', to).orderBy('number').execute()).map((r) => r.subject);

  beforeAll(async () => {
    t = await startTestApp(dialect);
    token = (await t.userWithToken('agent')).token;
    progress = [];
    expect(await seedSyntheticTickets(t.deps, COUNT, { seed: 7, onProgress: (n) => progress.push(n) })).toBe(COUNT);
  });
  afterAll(() => t.close());

  it('creates the tickets with consecutive numbers and reports progress', async () => {
    expect(await count('tickets')).toBe(COUNT);
    const numbers = await db().selectFrom('tickets').select([(eb) => eb.fn.min('number').as('low'), (eb) => eb.fn.max('number').as('high')]).executeTakeFirstOrThrow();
    expect([Number(numbers.low), Number(numbers.high)]).toEqual([1, COUNT]);
    expect(progress[progress.length - 1]).toBe(COUNT);
  });

  it('gives each ticket one first message from its requester and one ticket.created audit event', async () => {
    expect(await count('messages')).toBe(COUNT);
    const mismatched = await db()
      .selectFrom('tickets')
      .innerJoin('messages', 'messages.ticket_id', 'tickets.id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where((eb) => eb.or([eb('messages.author_id', '!=', eb.ref('tickets.requester_id')), eb('messages.created_at', '!=', eb.ref('tickets.created_at'))]))
      .executeTakeFirstOrThrow();
    expect(Number(mismatched.n)).toBe(0);
    const audits = await db()
      .selectFrom('audit_events')
      .select([(eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.count('ticket_id').distinct().as('tickets')])
      .where('action', '=', 'ticket.created')
      .executeTakeFirstOrThrow();
    expect([Number(audits.n), Number(audits.tickets)]).toEqual([COUNT, COUNT]);
  });

  it('spreads realistic tickets over priorities, statuses, channels and a pool of customers', async () => {
    const tickets = await db().selectFrom('tickets').select(['priority', 'status', 'channel', 'category', 'tags', 'created_at', 'updated_at']).execute();
    expect(new Set(tickets.map((x) => x.priority))).toEqual(new Set([1, 2, 3, 4]));
    expect(new Set(tickets.map((x) => x.status)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(tickets.map((x) => x.channel)).size).toBe(6);
    expect(new Set(tickets.map((x) => x.category)).size).toBe(20);
    expect(tickets.every((x) => x.updated_at >= x.created_at && Date.parse(x.updated_at) <= t.clock.now().getTime())).toBe(true);
    const tagged = tickets.reduce((sum, x) => sum + (JSON.parse(x.tags) as string[]).length, 0);
    expect(await count('ticket_tags')).toBe(tagged);
    const customers = await count('customers');
    expect(customers).toBeGreaterThanOrEqual(COUNT / 10);
    expect(customers).toBeLessThan(COUNT / 5);
  });

  it('indexes the tickets for search', async () => {
    const subject = (await db().selectFrom('tickets').select('subject').where('number', '=', 1234).executeTakeFirstOrThrow()).subject;
    const res = await t.app.inject({ url: `/api/v1/tickets?q=${encodeURIComponent(subject)}&limit=100`, headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((x: { number: number }) => x.number)).toContain(1234);
  });

  it('writes the same tickets again for the same seed, reusing its customers', async () => {
    const customers = await count('customers');
    expect(await seedSyntheticTickets(t.deps, COUNT, { seed: 7 })).toBe(COUNT);
    expect(await subjects(COUNT + 1, 2 * COUNT)).toEqual(await subjects(1, COUNT));
    expect(await count('customers')).toBe(customers);
  });

  it('writes other tickets for another seed, and rebuilds the indexes it dropped for a bulk load', async () => {
    const indexes = async () =>
      dialect === 'sqlite'
        ? (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name`.execute(db())).rows.map((r) => r.name)
        : (await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`.execute(db())).rows.map((r) => r.name);
    const before = await indexes();
    expect(before).toContain('tickets_status_updated');
    expect(await seedSyntheticTickets(t.deps, 500, { seed: 8, deferIndexes: true })).toBe(500);
    expect(await indexes()).toEqual(before);
    const other = await subjects(2 * COUNT + 1, 2 * COUNT + 500);
    expect(other).not.toEqual((await subjects(1, 500)));
    const listed = await t.app.inject({ url: '/api/v1/tickets?status=new,open&sort=created&limit=5', headers: bearer(token) });
    expect(listed.statusCode).toBe(200);
    expect(await count('tickets')).toBe(2 * COUNT + 500);
  });

  it('writes the same tickets when a worker thread generates them', async () => {
    const start = 2 * COUNT + 501;
    const columns = ['subject', 'status', 'priority', 'channel', 'created_at', 'tags'] as const;
    const rows = (from: number) => db().selectFrom('tickets').select(columns).where('number', '>=', from).where('number', '<', from + 1500).orderBy('number').execute();
    expect(await seedSyntheticTickets(t.deps, 1500, { seed: 9, worker: true })).toBe(1500);
    expect(await seedSyntheticTickets(t.deps, 1500, { seed: 9, worker: false })).toBe(1500);
    const [inWorker, here] = [await rows(start), await rows(start + 1500)];
    expect(inWorker).toHaveLength(1500);
    expect(inWorker).toEqual(here);
  });
});
