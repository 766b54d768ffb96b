import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { startReceiver, type Answer, type Receiver } from '../test-support/http-receiver.js';
import { verifySignature } from './signature.js';

type Delivery = { attempt: number; ok: boolean; statusCode: number | null; durationMs: number; error: string | null; eventType: string };

describe.each(DIALECTS)('webhooks on %s', (dialect) => {
  let t: TestContext;
  let admin: string;
  let agent: string;
  const receivers: Receiver[] = [];
  let ticketCounter = 0;

  const send = (method: 'POST' | 'PATCH' | 'DELETE', token: string, url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const get = (token: string, url: string) => t.app.inject({ url, headers: bearer(token) });
  const receiver = async (answers: Answer[], fallback: Answer = 200) => {
    const r = await startReceiver(answers, fallback);
    receivers.push(r);
    return r;
  };
  const subscribe = async (url: string, extra: object = {}) => {
    const res = await send('POST', admin, '/api/v1/webhooks', { name: `hook ${++ticketCounter}`, url, events: ['ticket.created'], ...extra });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; secret: string };
  };
  const newTicket = async () =>
    (await send('POST', agent, '/api/v1/tickets', { subject: `Printer on fire ${++ticketCounter}`, body: 'It smokes', requester: { email: 'ada@example.test', name: 'Ada' } })).json();
  const deliveries = async (id: string) => (await get(admin, `/api/v1/webhooks/${id}/deliveries`)).json().items as Delivery[];
  /** Past the longest back-off a test needs (the first retry waits 30 s). */
  const laterRetry = () => t.clock.advance(60 * 60_000);

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = (await t.userWithToken('admin')).token;
    agent = (await t.userWithToken('agent')).token;
  });
  afterEach(async () => {
    // Each test's subscriptions end with it, so later tests' events go only to their own.
    for (const hook of (await get(admin, '/api/v1/webhooks')).json().items) await send('DELETE', admin, `/api/v1/webhooks/${hook.id}`);
    await t.deps.jobs.drain();
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await t.close();
  });

  it('refuses URLs that are not http(s), unknown events, and non-admins', async () => {
    for (const url of ['ftp://example.test/hook', 'javascript:alert(1)', 'not a url', 'file:///etc/passwd']) {
      const res = await send('POST', admin, '/api/v1/webhooks', { name: 'bad', url, events: ['ticket.created'] });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors).toEqual([{ path: 'body.url', message: 'must be an http:// or https:// URL' }]);
    }
    const badEvent = await send('POST', admin, '/api/v1/webhooks', { name: 'bad', url: 'https://example.test/hook', events: ['ticket.exploded'] });
    expect(badEvent.statusCode).toBe(400);
    expect(badEvent.json().errors[0].path).toBe('body.events.0');
    expect((await send('POST', agent, '/api/v1/webhooks', { name: 'x', url: 'https://example.test/hook', events: ['*'] })).statusCode).toBe(403);
    expect((await get(agent, '/api/v1/webhooks')).statusCode).toBe(403);
  });

  it('shows the secret once, signs each delivery, and retries a 500 with back-off until a 200', async () => {
    const r = await receiver([500, 200]);
    const hook = await subscribe(r.url);
    expect(hook.secret).toMatch(/^whsec_/);
    const shown = (await get(admin, `/api/v1/webhooks/${hook.id}`)).json();
    expect(shown).not.toHaveProperty('secret');
    expect(JSON.stringify((await get(admin, '/api/v1/audit?entityType=webhook')).json())).not.toContain(hook.secret);

    const ticket = await newTicket();
    expect(r.requests).toHaveLength(0); // nothing is sent on the request path
    await t.deps.jobs.drain();
    expect(r.requests).toHaveLength(1);
    expect(await deliveries(hook.id)).toMatchObject([{ attempt: 1, ok: false, statusCode: 500, error: 'HTTP 500', eventType: 'ticket.created' }]);
    expect((await get(admin, `/api/v1/webhooks/${hook.id}`)).json()).toMatchObject({ active: true, consecutiveFailures: 1 });

    // The retry waits for its back-off.
    t.clock.advance(10_000);
    await t.deps.jobs.drain();
    expect(r.requests).toHaveLength(1);
    t.clock.advance(25_000);
    await t.deps.jobs.drain();
    expect(r.requests).toHaveLength(2);
    expect((await deliveries(hook.id)).map((d) => [d.attempt, d.statusCode, d.ok])).toEqual([
      [2, 200, true],
      [1, 500, false],
    ]);
    expect((await get(admin, `/api/v1/webhooks/${hook.id}`)).json()).toMatchObject({ consecutiveFailures: 0, lastSuccessAt: expect.any(String) });

    const [first, second] = r.requests;
    expect(second.body).toBe(first.body);
    const event = JSON.parse(second.body);
    expect(event).toMatchObject({ type: 'ticket.created', data: { ticket: { id: ticket.id, number: ticket.number, subject: ticket.subject } } });
    expect(second.headers['x-frontline-event']).toBe('ticket.created');
    expect(second.headers['x-frontline-delivery']).toBe(event.id);
    const header = second.headers['x-frontline-signature'] as string;
    const sentAt = Number(/t=(\d+)/.exec(header)?.[1]);
    expect(sentAt).toBe(Math.floor(t.clock.now().getTime() / 1000));
    expect(verifySignature({ secret: hook.secret, body: second.body, header, nowSeconds: sentAt })).toBe(true);
    expect(verifySignature({ secret: 'whsec_wrong', body: second.body, header, nowSeconds: sentAt })).toBe(false);
    expect(verifySignature({ secret: hook.secret, body: second.body.replace('Printer', 'Scanner'), header, nowSeconds: sentAt })).toBe(false);
  });

  it('gives up on a hanging receiver at the timeout, retries, and never holds up a request meanwhile', async () => {
    const r = await receiver(['hang'], 200);
    const hook = await subscribe(r.url, { timeoutMs: 1000 });
    await newTicket();
    let settled = false;
    const drainStarted = performance.now();
    const draining = t.deps.jobs.drain().then(() => (settled = true));
    while (r.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    // The delivery hangs; a request made now is answered without waiting for it.
    const res = await send('POST', agent, '/api/v1/tickets', { subject: 'Meanwhile', body: 'x', requester: { email: 'h@example.test' } });
    expect(res.statusCode).toBe(201);
    expect(settled).toBe(false);
    await draining;
    expect(performance.now() - drainStarted).toBeGreaterThanOrEqual(990);
    const log = await deliveries(hook.id);
    expect(log.find((d) => !d.ok)).toMatchObject({ attempt: 1, statusCode: null, error: 'timed out after 1000 ms' });
    expect(log.find((d) => !d.ok)?.durationMs).toBeGreaterThanOrEqual(990);

    laterRetry();
    await t.deps.jobs.drain();
    expect((await deliveries(hook.id))[0]).toMatchObject({ attempt: 2, ok: true, statusCode: 200 });
    expect(r.requests).toHaveLength(3);
  });

  it('disables a subscription after its limit of consecutive failures, with the reason, until re-enabled', async () => {
    const r = await receiver([], 503);
    const hook = await subscribe(r.url, { disableAfter: 3, events: ['*'] });
    await newTicket();
    for (let i = 0; i < 4; i++) {
      await t.deps.jobs.drain();
      laterRetry();
    }
    expect(r.requests).toHaveLength(3);
    const disabled = (await get(admin, `/api/v1/webhooks/${hook.id}`)).json();
    expect(disabled).toMatchObject({ active: false, consecutiveFailures: 3, disabledAt: expect.any(String) });
    expect(disabled.disabledReason).toBe('Disabled after 3 consecutive failed deliveries; the last: HTTP 503');
    const audit = (await get(admin, `/api/v1/audit?entityType=webhook&entityId=${hook.id}`)).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toContain('webhook.disabled');

    // Disabled: new events are not even queued for it.
    await newTicket();
    await t.deps.jobs.drain();
    expect(r.requests).toHaveLength(3);

    r.fallback = 200;
    const enabled = (await send('PATCH', admin, `/api/v1/webhooks/${hook.id}`, { active: true })).json();
    expect(enabled).toMatchObject({ active: true, disabledReason: null, consecutiveFailures: 0 });
    await newTicket();
    await t.deps.jobs.drain();
    expect(r.requests).toHaveLength(4);
    expect((await deliveries(hook.id))[0]).toMatchObject({ ok: true, eventType: 'ticket.created' });
  });

  it('sends only the subscribed event types, and every type to *', async () => {
    const messages = await receiver([]);
    const everything = await receiver([]);
    await subscribe(messages.url, { events: ['message.created'] });
    await subscribe(everything.url, { events: ['*'] });
    const ticket = await newTicket();
    await send('POST', agent, `/api/v1/tickets/${ticket.id}/messages`, { body: 'On it', visibility: 'public' });
    await t.deps.jobs.drain();
    const types = (r: Receiver) => r.requests.map((q) => q.headers['x-frontline-event']).sort();
    expect(types(messages)).toEqual(['message.created']);
    // The agent's reply also moved the ticket from new to open.
    expect(types(everything)).toEqual(['message.created', 'ticket.created', 'ticket.updated']);
    const message = JSON.parse(messages.requests[0].body);
    expect(message.data).toMatchObject({ message: { body: 'On it', visibility: 'public', authorType: 'agent' }, ticket: { id: ticket.id, status: 'open' } });
  });

  it('rotates the secret, lists, edits and deletes subscriptions with an audit trail', async () => {
    const r = await receiver([]);
    const hook = await subscribe(r.url);
    const rotated = (await send('POST', admin, `/api/v1/webhooks/${hook.id}/rotate-secret`)).json();
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(hook.secret);
    await newTicket();
    await t.deps.jobs.drain();
    const request = r.requests[0];
    expect(verifySignature({ secret: rotated.secret, body: request.body, header: request.headers['x-frontline-signature'] as string, nowSeconds: Math.floor(t.clock.now().getTime() / 1000) })).toBe(true);

    const edited = await send('PATCH', admin, `/api/v1/webhooks/${hook.id}`, { url: 'gopher://example.test' });
    expect(edited.statusCode).toBe(400);
    expect((await send('PATCH', admin, `/api/v1/webhooks/${hook.id}`, { events: ['ticket.updated', 'csat.received'] })).json().events).toEqual(['ticket.updated', 'csat.received']);
    expect((await get(admin, '/api/v1/webhooks')).json().items.map((w: { id: string }) => w.id)).toContain(hook.id);
    expect((await send('DELETE', admin, `/api/v1/webhooks/${hook.id}`)).statusCode).toBe(204);
    expect((await get(admin, `/api/v1/webhooks/${hook.id}`)).statusCode).toBe(404);
    const audit = (await get(admin, `/api/v1/audit?entityType=webhook&entityId=${hook.id}&order=asc`)).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['webhook.created', 'webhook.secret_rotated', 'webhook.updated', 'webhook.deleted']);
  });

  it('delivers SLA and CSAT events published on the bus', async () => {
    const r = await receiver([]);
    await subscribe(r.url, { events: ['sla.breached', 'csat.received'] });
    const ticket = await newTicket();
    t.deps.events.publish('sla.breached', { ticketId: ticket.id, metric: 'first_response', dueAt: '2026-01-05T10:00:00.000Z' });
    t.deps.events.publish('csat.received', { ticketId: ticket.id, rating: 2, comment: 'Meh', changed: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await t.deps.jobs.drain();
    const bodies = r.requests.map((q) => JSON.parse(q.body)).sort((a, b) => a.type.localeCompare(b.type));
    expect(bodies).toMatchObject([
      { type: 'csat.received', data: { rating: 2, comment: 'Meh', changed: false, ticket: { id: ticket.id } } },
      { type: 'sla.breached', data: { metric: 'first_response', dueAt: '2026-01-05T10:00:00.000Z', ticket: { id: ticket.id } } },
    ]);
  });
});
