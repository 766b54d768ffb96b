import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WsClient as Client, type Frame } from '../test-support/ws-client.js';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { raiseAlert } from '../monitors/alerts.service.js';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';

describe.each(DIALECTS)('console live stream on %s', (dialect) => {
  let t: TestContext;
  let base: string;
  let host: string;
  let ann: { token: string; userId: string };
  let bob: { token: string; userId: string };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    ann = await t.userWithToken('agent');
    bob = await t.userWithToken('agent');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    host = `127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    base = `ws://${host}/api/v1/stream`;
  });
  afterAll(() => t.close());

  const createTicket = async (subject: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(ann.token), payload: { subject, body: 'Details', requester: { email: 'c@customer.example' } } });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; number: number; version: number };
  };

  it('refuses callers without credentials, with a foreign Origin, or with a bad token', async () => {
    await expect(Client.open(base)).rejects.toThrow(/401/);
    await expect(Client.open(base, bearer('fl_not_a_token'))).rejects.toThrow(/401/);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: (await t.userWithToken('agent', 'cookie@example.test')).email, password: 'correct horse battery' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    await expect(Client.open(base, { cookie, origin: 'https://evil.example' })).rejects.toThrow(/401/);
    await expect(Client.open(base, { cookie })).rejects.toThrow(/401/);
    const ok = await Client.open(base, { cookie, origin: `http://${host}` });
    expect(await ok.next((f) => f.type === 'welcome')).toMatchObject({ type: 'welcome' });
    ok.close();
  });

  it('broadcasts ticket.created, ticket.updated and message.created to every connected console', async () => {
    const a = await Client.open(base, bearer(ann.token));
    const b = await Client.open(base, bearer(bob.token));
    await Promise.all([a.next((f) => f.type === 'welcome'), b.next((f) => f.type === 'welcome')]);
    const ticket = await createTicket('Printer on fire');
    expect(await b.next((f) => f.type === 'ticket.created' && f.ticketId === ticket.id)).toMatchObject({ number: ticket.number });
    await a.next((f) => f.type === 'ticket.created' && f.ticketId === ticket.id);

    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers: { ...bearer(ann.token), 'if-match': String(ticket.version) }, payload: { priority: 1 } });
    expect(patch.statusCode).toBe(200);
    expect(await b.next((f) => f.type === 'ticket.updated' && f.ticketId === ticket.id)).toMatchObject({ changed: expect.arrayContaining(['priority']) });

    const reply = await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers: bearer(ann.token), payload: { body: 'On it', visibility: 'internal' } });
    expect(reply.statusCode).toBe(201);
    expect(await b.next((f) => f.type === 'message.created' && f.ticketId === ticket.id)).toMatchObject({ visibility: 'internal', authorType: 'agent' });
    a.close();
    b.close();
  });

  it('tells agents on the same ticket who else is viewing and typing, and when they leave', async () => {
    const ticket = await createTicket('Refund twice');
    const other = await createTicket('Something else');
    const a = await Client.open(base, bearer(ann.token));
    const b = await Client.open(base, bearer(bob.token));
    await Promise.all([a.next((f) => f.type === 'welcome'), b.next((f) => f.type === 'welcome')]);
    const viewers = (f: Frame) => (f.viewers as { userId: string; typing: boolean }[]) ?? [];
    const onTicket = (f: Frame) => f.type === 'presence' && f.ticketId === ticket.id;

    a.send({ type: 'viewing', ticketId: ticket.id });
    await a.next((f) => onTicket(f) && viewers(f).length === 1);
    let mark = a.frames.length;
    b.send({ type: 'viewing', ticketId: ticket.id });
    const both = await a.next((f) => onTicket(f) && viewers(f).length === 2, mark);
    expect(viewers(both).map((v) => v.userId).sort()).toEqual([ann.userId, bob.userId].sort());

    mark = a.frames.length;
    b.send({ type: 'typing', ticketId: ticket.id });
    const typing = await a.next((f) => onTicket(f) && viewers(f).some((v) => v.userId === bob.userId && v.typing), mark);
    expect(typing.viewers).toContainEqual(expect.objectContaining({ userId: bob.userId, typing: true }));

    mark = a.frames.length;
    b.send({ type: 'typing', ticketId: ticket.id, on: false });
    await a.next((f) => onTicket(f) && viewers(f).every((v) => !v.typing), mark);

    // Someone viewing another ticket hears nothing about this one.
    const c = await Client.open(base, bearer(bob.token));
    c.send({ type: 'viewing', ticketId: other.id });
    await c.next((f) => f.type === 'presence' && f.ticketId === other.id);

    mark = a.frames.length;
    b.close();
    const left = await a.next((f) => onTicket(f), mark);
    expect(viewers(left).map((v) => v.userId)).toEqual([ann.userId]);
    expect(c.frames.some((f) => f.type === 'presence' && f.ticketId === ticket.id)).toBe(false);

    c.send({ type: 'viewing', ticketId: 'x'.repeat(65) });
    expect(await c.next((f) => f.type === 'error')).toMatchObject({ code: 'validation_failed' });
    c.ws.send('not json');
    expect(await c.next((f) => f.type === 'error' && f.code === 'malformed_json')).toBeTruthy();
    a.close();
    c.close();
  });

  it('sends a new monitor alert to leads and admins, not to agents', async () => {
    const lead = await t.userWithToken('lead');
    const l = await Client.open(base, bearer(lead.token));
    const a = await Client.open(base, bearer(ann.token));
    await Promise.all([l.next((f) => f.type === 'welcome'), a.next((f) => f.type === 'welcome')]);
    const finding = { key: 'all', severity: 'warning' as const, title: 'Ticket volume spike: 30 tickets', evidence: { figures: { observed: 30 }, samples: [], link: '/api/v1/analytics/volume' } };
    const { alert } = await raiseAlert(t.deps, SYSTEM_ACTOR, 'volume_spike', finding, ['ops@example.test']);
    expect(await l.next((f) => f.type === 'alert.raised')).toMatchObject({ alertId: alert.id, monitor: 'volume_spike', severity: 'warning', title: finding.title, link: finding.evidence.link });
    // The agent's socket gets the ticket created after the alert, and never the alert before it.
    const ticket = await createTicket('After the alert');
    await a.next((f) => f.type === 'ticket.created' && f.ticketId === ticket.id);
    expect(a.frames.some((f) => f.type === 'alert.raised')).toBe(false);
    // A repeat of an unresolved alert is no new alert: nothing more is sent.
    await raiseAlert(t.deps, SYSTEM_ACTOR, 'volume_spike', finding, ['ops@example.test']);
    const again = await createTicket('After the repeat');
    await l.next((f) => f.type === 'ticket.created' && f.ticketId === again.id);
    expect(l.frames.filter((f) => f.type === 'alert.raised')).toHaveLength(1);
    l.close();
    a.close();
  });
});
