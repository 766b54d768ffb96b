import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { takeSequenceNumbers } from '../platform/db/dialect.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { TICKET_NUMBERS } from './tickets.service.js';

const newTicket = (overrides: Record<string, unknown> = {}) => ({
  subject: 'Cannot export invoices to PDF',
  body: 'Since this morning the export button spins forever. We need the invoices for our month-end close.',
  requester: { email: 'Dana@Acme.example', name: 'Dana Reyes' },
  ...overrides,
});

describe.each(DIALECTS)('tickets on %s', (dialect) => {
  let t: TestContext;
  let agent: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    agent = (await t.userWithToken('agent')).token;
    viewer = (await t.userWithToken('viewer')).token;
  });
  afterAll(() => t.close());

  it('creates a ticket with its first message and an audit event', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: newTicket({ tags: ['Billing', 'billing', 'PDF export'] }) });
    expect(res.statusCode).toBe(201);
    const ticket = res.json();
    expect(ticket).toMatchObject({ subject: 'Cannot export invoices to PDF', status: 'new', channel: 'api', version: 1, tags: ['billing', 'pdf-export'] });
    // Triage set the priority (src/triage): the ticket shows the verdict and its reasons.
    expect(ticket.priority).toBe(ticket.triage.priority);
    expect(ticket.triage.reasons.length).toBeGreaterThan(0);
    expect(ticket.requester).toMatchObject({ email: 'dana@acme.example', name: 'Dana Reyes' });
    expect(ticket.number).toBeGreaterThan(0);

    const messages = await t.app.inject({ url: `/api/v1/tickets/${ticket.id}/messages`, headers: bearer(agent) });
    expect(messages.json().items).toHaveLength(1);
    expect(messages.json().items[0]).toMatchObject({ visibility: 'public', author: { type: 'customer' } });

    const events = await t.app.inject({ url: `/api/v1/tickets/${ticket.id}/events`, headers: bearer(agent) });
    expect(events.json().items.map((e: { action: string }) => e.action)).toContain('ticket.created');
  });

  it('creates one customer when several tickets for a new email arrive at once', async () => {
    const email = `rush-${dialect}@example.test`;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: newTicket({ subject: `Rush ${i}`, requester: { email } }) })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    expect(new Set(results.map((r) => r.json().requester.id)).size).toBe(1);
    const created = await t.deps.db.kysely.selectFrom('audit_events').select('id').where('action', '=', 'customer.created').where('entity_id', '=', results[0].json().requester.id).execute();
    expect(created).toHaveLength(1);
  });

  it('numbers tickets sequentially', async () => {
    const a = (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: newTicket() })).json();
    const b = (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: newTicket() })).json();
    expect(b.number).toBe(a.number + 1);
  });

  if (dialect === 'postgres') {
    it('numbers a ticket while another transaction holds a number, which a rollback leaves unused', async () => {
      const before = (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: newTicket() })).json();
      // A creation still in its transaction: with a counter row this one would wait for it (and never finish here).
      await expect(
        t.deps.db.transaction(async (trx) => {
          const [held] = await takeSequenceNumbers(trx, TICKET_NUMBERS, 1);
          expect(held).toBe(before.number + 1);
          const meanwhile = (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: newTicket() })).json();
          expect(meanwhile.number).toBe(before.number + 2);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      const after = (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: newTicket() })).json();
      expect(after.number).toBe(before.number + 3);
    });
  }

  it('rejects bad input with field-level problems and creates nothing', async () => {
    const before = (await t.app.inject({ url: '/api/v1/tickets?limit=100', headers: bearer(agent) })).json().items.length;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: { subject: '', body: 'x', requester: { email: 'not-an-email' }, priority: 9 } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('validation_failed');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.subject', 'body.requester.email', 'body.priority']));
    const malformed = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...bearer(agent), 'content-type': 'application/json' }, payload: '{"subject": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('malformed_json');
    const after = (await t.app.inject({ url: '/api/v1/tickets?limit=100', headers: bearer(agent) })).json().items.length;
    expect(after).toBe(before);
  });

  it('answers 404 for an unknown ticket and 401 without a token', async () => {
    const missing = await t.app.inject({ url: '/api/v1/tickets/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', headers: bearer(agent) });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('not_found');
    const anonymous = await t.app.inject({ url: '/api/v1/tickets' });
    expect(anonymous.statusCode).toBe(401);
    const badToken = await t.app.inject({ url: '/api/v1/tickets', headers: bearer('flt_nope') });
    expect(badToken.json().code).toBe('invalid_token');
  });

  it('lets a viewer read but not write', async () => {
    const list = await t.app.inject({ url: '/api/v1/tickets', headers: bearer(viewer) });
    expect(list.statusCode).toBe(200);
    const create = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(viewer), payload: newTicket() });
    expect(create.statusCode).toBe(403);
    expect(create.json().code).toBe('forbidden');
  });

  it('updates fields, honours If-Match and audits before and after', async () => {
    const ticket = (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: newTicket() })).json();
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers: { ...bearer(agent), 'if-match': '"1"' }, payload: { priority: 1, status: 'open', category: 'billing' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ priority: 1, status: 'open', category: 'billing', version: 2 });
    expect(ok.headers.etag).toBe('"2"');

    const stale = await t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers: { ...bearer(agent), 'if-match': '1' }, payload: { priority: 2 } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('precondition_failed');
    expect((await t.app.inject({ url: `/api/v1/tickets/${ticket.id}`, headers: bearer(agent) })).json().priority).toBe(1);

    const events = (await t.app.inject({ url: `/api/v1/tickets/${ticket.id}/events`, headers: bearer(agent) })).json().items;
    const update = events.find((e: { action: string }) => e.action === 'ticket.updated');
    expect(update.before).toMatchObject({ priority: ticket.priority, status: 'new', category: null });
    expect(update.after).toMatchObject({ priority: 1, status: 'open', category: 'billing' });
    expect(update.actor.type).toBe('token');
  });

  it('allows only legal status moves; closed is final', async () => {
    const ticket = (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: newTicket() })).json();
    const patch = (payload: object) => t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers: bearer(agent), payload });
    expect((await patch({ status: 'closed' })).json().code).toBe('invalid_status_transition');
    expect((await patch({ status: 'solved' })).json().solvedAt).not.toBeNull();
    expect((await patch({ status: 'closed' })).statusCode).toBe(200);
    const reopen = await patch({ status: 'open' });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().code).toBe('ticket_closed');
  });

  it('replays an idempotent POST and creates nothing new', async () => {
    const headers = { ...bearer(agent), 'idempotency-key': `key-${dialect}` };
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload: newTicket({ subject: 'Idempotent one' }) });
    const second = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload: newTicket({ subject: 'Idempotent one' }) });
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const reused = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload: newTicket({ subject: 'Something else' }) });
    expect(reused.statusCode).toBe(422);
    const found = (await t.app.inject({ url: '/api/v1/tickets?q=idempotent', headers: bearer(agent) })).json().items;
    expect(found).toHaveLength(1);
  });

  it('adds replies and notes; the first public reply is the first response', async () => {
    const ticket = (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: newTicket() })).json();
    const note = await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers: bearer(agent), payload: { body: 'Checking the export queue', visibility: 'internal' } });
    expect(note.statusCode).toBe(201);
    expect((await t.app.inject({ url: `/api/v1/tickets/${ticket.id}`, headers: bearer(agent) })).json().firstResponseAt).toBeNull();
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      headers: bearer(agent),
      payload: { body: 'Fixed, please try again', html: '<p>Fixed, <script>alert(1)</script><b>please</b> try again</p>', visibility: 'public', status: 'pending' },
    });
    expect(reply.json().html).toBe('<p>Fixed, <b>please</b> try again</p>');
    const after = (await t.app.inject({ url: `/api/v1/tickets/${ticket.id}`, headers: bearer(agent) })).json();
    expect(after.status).toBe('pending');
    expect(after.firstResponseAt).not.toBeNull();
  });

  it('searches subject and messages with filters and pages with a cursor', async () => {
    const created = [];
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1000);
      created.push((await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: newTicket({ subject: `Refund request ${i}`, body: 'I was charged twice for my subscription', tags: i % 2 ? ['vip'] : [] }) })).json());
    }
    await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${created[0].id}/messages`, headers: bearer(agent), payload: { body: 'The zeppelin integration is affected too', visibility: 'internal' } });
    const byMessage = (await t.app.inject({ url: '/api/v1/tickets?q=zeppelin', headers: bearer(agent) })).json();
    expect(byMessage.items.map((x: { id: string }) => x.id)).toEqual([created[0].id]);
    const stemmed = (await t.app.inject({ url: '/api/v1/tickets?q=charges%20twice&tag=vip', headers: bearer(agent) })).json();
    expect(stemmed.items).toHaveLength(2);

    const page1 = (await t.app.inject({ url: '/api/v1/tickets?q=refund&sort=created&limit=2', headers: bearer(agent) })).json();
    expect(page1.items.map((x: { subject: string }) => x.subject)).toEqual(['Refund request 4', 'Refund request 3']);
    const page2 = (await t.app.inject({ url: `/api/v1/tickets?q=refund&sort=created&limit=2&cursor=${page1.nextCursor}`, headers: bearer(agent) })).json();
    expect(page2.items.map((x: { subject: string }) => x.subject)).toEqual(['Refund request 2', 'Refund request 1']);
    const bad = await t.app.inject({ url: '/api/v1/tickets?cursor=garbage', headers: bearer(agent) });
    expect(bad.json().code).toBe('invalid_cursor');
  });

  it('finds a ticket by the number agents quote', async () => {
    const ticket = (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: newTicket({ subject: 'Quoted by number' }) })).json();
    const found = (await t.app.inject({ url: `/api/v1/tickets?number=${ticket.number}`, headers: bearer(viewer) })).json();
    expect(found.items.map((x: { id: string }) => x.id)).toEqual([ticket.id]);
    const none = (await t.app.inject({ url: `/api/v1/tickets?number=${ticket.number + 1000}`, headers: bearer(viewer) })).json();
    expect(none.items).toEqual([]);
    const bad = await t.app.inject({ url: '/api/v1/tickets?number=abc', headers: bearer(viewer) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('querystring.number');
  });
});
