import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { sharedSimilarTickets } from '../triage/similar/shared.js';

const MINUTE = 60_000;
const OUTAGE = [
  ['Checkout fails with error 502', 'Customers cannot pay: checkout shows error 502 since 9:10.'],
  ['Error 502 at checkout', 'Our checkout page returns error 502, nobody can pay.'],
  ['Checkout page error 502', 'Payments fail, the checkout page shows a 502 error.'],
  ['502 error when paying at checkout', 'Checkout gives error 502 for every customer trying to pay.'],
  ['Cannot pay, checkout error 502', 'Checkout error 502 again, customers cannot pay.'],
  ['Checkout 502 error still', 'Still getting error 502 on the checkout page, cannot pay.'],
] as const;

type View = { incident: { id: string; number: number; linkedBy: string } | null; members: { id: string; linkedBy: string }[] };

describe.each(DIALECTS)('incidents on %s', (dialect) => {
  let t: TestContext;
  let agent: string;
  let admin: string;
  const start = new Date('2026-03-02T09:00:00.000Z').getTime();

  const create = async (subject: string, body: string, atMs: number) => {
    t.clock.set(new Date(atMs));
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: { subject, body, requester: { email: 'c@customer.example' }, priority: 2 } });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; number: number };
  };
  const viewOf = async (id: string) => (await t.app.inject({ url: `/api/v1/tickets/${id}/incident`, headers: bearer(agent) })).json() as View;
  const runChecks = async () => {
    t.clock.advance(3_000);
    return t.deps.jobs.drain();
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    agent = (await t.userWithToken('agent')).token;
    admin = (await t.userWithToken('admin')).token;
  });
  afterAll(() => t.close());

  it('opens an incident ticket when a burst completes, linked both ways, and later look-alikes join it', async () => {
    const unrelated = await create('Please change my invoice address', 'Our company moved; new address attached.', start);
    // The index loads in the background on first use; until it has, every ticket is checked.
    await sharedSimilarTickets(t.deps).ready();
    const burst: { id: string; number: number }[] = [];
    for (const [i, [subject, body]] of OUTAGE.slice(0, 4).entries()) burst.push(await create(subject, body, start + (i + 1) * MINUTE));
    // Fewer look-alikes than a burst needs (4 besides the ticket): no check is scheduled for any.
    const checked = async () => (await t.deps.jobs.waiting('incident.check')).map((j) => (j.payload as { ticketId: string }).ticketId);
    expect((await checked()).filter((id) => burst.some((b) => b.id === id))).toEqual([]);
    await runChecks();
    expect((await viewOf(burst[3]!.id)).incident).toBeNull();

    const events: string[] = [];
    t.deps.events.subscribe('incident.created', ({ ticketIds }) => void events.push(`created:${ticketIds.length}`));
    burst.push(await create(...OUTAGE[4], start + 5 * MINUTE));
    expect(await checked()).toContain(burst[4]!.id);
    await runChecks();
    const fifth = await viewOf(burst[4]!.id);
    expect(fifth.incident).toMatchObject({ linkedBy: 'auto' });
    const incidentId = fifth.incident!.id;
    const incident = await viewOf(incidentId);
    expect(incident.members.map((m) => m.id)).toEqual(burst.map((b) => b.id));
    expect((await viewOf(unrelated.id)).incident).toBeNull();
    const ticket = (await t.app.inject({ url: `/api/v1/tickets/${incidentId}`, headers: bearer(agent) })).json();
    expect(ticket).toMatchObject({ subject: expect.stringMatching(/^Incident: /), tags: ['incident'], priority: 2 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toEqual(['created:5']);

    // A sixth report joins as it is created (no job), and the event follows the commit.
    const joined: string[][] = [];
    t.deps.events.subscribe('incident.joined', ({ incidentId: id, ticketIds }) => void joined.push([id, ...ticketIds]));
    const sixth = await create(...OUTAGE[5], start + 8 * MINUTE);
    expect(await checked()).not.toContain(sixth.id);
    expect((await viewOf(sixth.id)).incident).toMatchObject({ id: incidentId, linkedBy: 'auto' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(joined).toEqual([[incidentId, sixth.id]]);
    // The incident ticket itself is never checked into another incident.
    await runChecks();
    expect((await viewOf(incidentId)).incident).toBeNull();
    expect((await viewOf(incidentId)).members).toHaveLength(6);
  });

  it('lets agents link and unlink by hand, refusing nonsense links', async () => {
    // Two hours on: the outage above is out of the window, so nothing joins it at creation.
    const a = await create('Login page blank', 'The login page shows nothing.', start + 120 * MINUTE);
    const b = await create('Blank login', 'Login page is blank for me.', start + 121 * MINUTE);
    const put = (id: string, incidentId: string) => t.app.inject({ method: 'PUT', url: `/api/v1/tickets/${id}/incident`, headers: bearer(agent), payload: { incidentId } });
    const linked = await put(b.id, a.id);
    expect(linked.statusCode).toBe(200);
    expect(linked.json().incident).toMatchObject({ id: a.id, number: a.number });
    expect((await viewOf(a.id)).members.map((m) => m.id)).toEqual([b.id]);
    expect((await put(a.id, a.id)).statusCode).toBe(400);
    // An incident with members cannot itself be linked under another ticket.
    const c = await create('Other', 'Something else entirely.', start + 122 * MINUTE);
    expect((await put(a.id, c.id)).json().errors[0].path).toBe('incidentId');
    const unlinked = await t.app.inject({ method: 'DELETE', url: `/api/v1/tickets/${b.id}/incident`, headers: bearer(agent) });
    expect(unlinked.json().incident).toBeNull();
    const events = (await t.app.inject({ url: `/api/v1/tickets/${b.id}/events`, headers: bearer(agent) })).json().items.map((e: { action: string }) => e.action);
    expect(events).toEqual(expect.arrayContaining(['ticket.incident_linked', 'ticket.incident_unlinked']));
  });

  it('keeps an admin-set burst rule, and does nothing when detection is off', async () => {
    const settings = { enabled: false, minTickets: 3, windowMinutes: 30, minScore: 0.3 };
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/incidents/settings', headers: bearer(agent), payload: settings })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/incidents/settings', headers: bearer(admin), payload: { ...settings, minTickets: 1 } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/incidents/settings', headers: bearer(admin), payload: settings })).json()).toEqual(settings);
    const quiet = [];
    for (let i = 0; i < 3; i++) quiet.push(await create('Search returns nothing', 'Product search returns no results at all.', start + (200 + i) * MINUTE));
    await runChecks();
    expect((await viewOf(quiet[2]!.id)).incident).toBeNull();
    await t.app.inject({ method: 'PUT', url: '/api/v1/incidents/settings', headers: bearer(admin), payload: { ...settings, enabled: true } });
    const fourth = await create('Search returns nothing', 'Product search returns no results at all, again.', start + 204 * MINUTE);
    await runChecks();
    // Three of the four make a burst under the new rule.
    expect((await viewOf(fourth.id)).incident).not.toBeNull();
  });
});
