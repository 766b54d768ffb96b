import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { seedDemo, seedDemoIfEmpty, type DemoCredentials } from './demo.js';

const DAY = 86_400_000;

describe.each(DIALECTS)('demo data on %s', (dialect) => {
  let t: TestContext;
  let demo: DemoCredentials;
  let token: string;
  const db = () => t.deps.db.kysely;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    demo = await seedDemo(t.deps);
    token = (await t.userWithToken('agent')).token;
  });
  afterAll(() => t.close());

  it('creates an admin who can sign in with the returned password', async () => {
    expect(demo.adminEmail).toBe('admin@frontline.local');
    expect(demo.adminPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demo.adminEmail, password: demo.adminPassword } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ email: 'admin@frontline.local', role: 'admin' });
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demo.adminEmail, password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('creates staff of every role, four groups with members, organisations with VIPs and about forty customers', async () => {
    const roles = (await db().selectFrom('users').select('role').execute()).map((u) => u.role);
    expect(new Set(roles)).toEqual(new Set(['admin', 'lead', 'agent', 'viewer']));
    const groups = await db().selectFrom('groups').select('name').orderBy('name').execute();
    expect(groups.map((g) => g.name)).toEqual(['Accounts', 'Billing', 'Platform', 'Technical']);
    expect(Number((await db().selectFrom('group_members').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThanOrEqual(8);
    const orgs = await db().selectFrom('organisations').select(['plan', 'vip']).execute();
    expect(orgs.length).toBeGreaterThanOrEqual(5);
    expect(new Set(orgs.map((o) => o.plan))).toEqual(new Set(['free', 'pro', 'enterprise']));
    expect(orgs.filter((o) => o.vip === 1).length).toBeGreaterThanOrEqual(1);
    const customers = await db().selectFrom('customers').select('organisation_id').execute();
    expect(customers.length).toBeGreaterThanOrEqual(35);
    expect(customers.filter((c) => c.organisation_id !== null).length).toBeGreaterThan(customers.length / 2);
  });

  it('creates about 200 tickets across every priority, status and several channels, in the last 30 days', async () => {
    const tickets = await db().selectFrom('tickets').select(['priority', 'status', 'channel', 'category', 'created_at', 'assignee_id', 'group_id']).execute();
    expect(tickets.length).toBe(200);
    expect(new Set(tickets.map((x) => x.priority))).toEqual(new Set([1, 2, 3, 4]));
    expect(new Set(tickets.map((x) => x.status))).toEqual(new Set(['new', 'open', 'pending', 'on_hold', 'solved', 'closed']));
    expect(new Set(tickets.map((x) => x.channel)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(tickets.map((x) => x.category)).size).toBeGreaterThanOrEqual(15);
    const now = t.clock.now().getTime();
    for (const ticket of tickets) {
      const at = Date.parse(ticket.created_at);
      expect(at).toBeLessThan(now);
      expect(at).toBeGreaterThan(now - 31 * DAY);
      expect(ticket.group_id).not.toBeNull();
      if (ticket.status !== 'new') expect(ticket.assignee_id).not.toBeNull();
    }
  });

  it('gives each ticket a conversation of one to six messages, with agent replies and internal notes', async () => {
    const perTicket = await db().selectFrom('messages').select(['ticket_id', (eb) => eb.fn.countAll().as('n')]).groupBy('ticket_id').execute();
    expect(perTicket.length).toBe(200);
    const sizes = perTicket.map((row) => Number(row.n));
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(6);
    expect(sizes.filter((n) => n >= 4).length).toBeGreaterThan(20);
    const kinds = await db().selectFrom('messages').select(['author_type', 'visibility']).distinct().execute();
    expect(kinds).toEqual(expect.arrayContaining([
      { author_type: 'customer', visibility: 'public' },
      { author_type: 'agent', visibility: 'public' },
      { author_type: 'agent', visibility: 'internal' },
    ]));
    const latest = await db().selectFrom('messages').select((eb) => eb.fn.max('created_at').as('at')).executeTakeFirstOrThrow();
    expect(Date.parse(String(latest.at))).toBeLessThanOrEqual(t.clock.now().getTime());
  });

  it('leaves the audit trail and first-response times that real use would', async () => {
    const created = await db().selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'ticket.created').executeTakeFirstOrThrow();
    expect(Number(created.n)).toBe(200);
    const answered = await db().selectFrom('tickets').select('first_response_at').where('status', 'in', ['solved', 'closed']).execute();
    expect(answered.every((x) => x.first_response_at !== null)).toBe(true);
  });

  it('makes the demo tickets searchable', async () => {
    const res = await t.app.inject({ url: '/api/v1/tickets?q=invoice&limit=100', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThan(5);
    // Replies are indexed too, not only the first message.
    const replies = await t.app.inject({ url: '/api/v1/tickets?q=marking%20solved&limit=100', headers: bearer(token) });
    expect(replies.json().items.length).toBeGreaterThan(0);
  });

  it('seedDemoIfEmpty leaves a database that has users alone', async () => {
    const before = await db().selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(await seedDemoIfEmpty(t.deps)).toBeNull();
    const after = await db().selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe.each(DIALECTS)('demo data on a fresh %s database', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  it('is seeded once when two starts race, and only the winner gets the credentials', async () => {
    const results = await Promise.all([seedDemoIfEmpty(t.deps), seedDemoIfEmpty(t.deps)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    const admins = await t.deps.db.kysely.selectFrom('users').select('email').where('email', '=', 'admin@frontline.local').execute();
    expect(admins).toHaveLength(1);
    const tickets = await t.deps.db.kysely.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(tickets.n)).toBe(200);
  });
});
