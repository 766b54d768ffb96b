import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from '../../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../../test-support/harness.js';
import { purgeExpiredIdempotencyKeys } from './idempotency.js';

describe.each(DIALECTS)('platform over HTTP on %s', (dialect) => {
  let t: TestContext;
  let agent: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { bodyLimitBytes: 4096 });
    agent = (await t.userWithToken('agent')).token;
    admin = (await t.userWithToken('admin')).token;
  });
  afterAll(() => t.close());

  it('reports health and readiness', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
  });

  it('exposes Prometheus metrics with request latency by route', async () => {
    await t.app.inject({ url: '/api/v1/tickets', headers: bearer(agent) });
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('frontline_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('route="/api/v1/tickets"');
    expect(metrics.body).toContain('process_resident_memory_bytes');
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas, and its docs page', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/tickets', '/api/v1/tickets/{id}', '/api/v1/tickets/{id}/messages', '/api/v1/audit']));
    expect(doc.paths['/api/v1/tickets'].post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['subject', 'body', 'requester']));
    const page = await t.app.inject({ url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
  });

  it('answers unknown routes, oversize bodies and wrong media types as problems', async () => {
    const route = await t.app.inject({ url: '/api/v1/nothing-here', headers: bearer(agent) });
    expect(route.statusCode).toBe(404);
    expect(route.json().code).toBe('route_not_found');
    const big = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: { subject: 's', body: 'x'.repeat(10_000), requester: { email: 'a@example.test' } } });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('payload_too_large');
    const text = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...bearer(agent), 'content-type': 'text/plain' }, payload: 'hello' });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('unsupported_media_type');
    expect(text.headers['content-type']).toContain('application/problem+json');
  });

  it('gives the audit trail to admins only, with filters, and it cannot be altered', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: { subject: 'Audit me', body: 'b', requester: { email: 'a@example.test' } } });
    const ticketId = created.json().id;
    expect((await t.app.inject({ url: '/api/v1/audit', headers: bearer(agent) })).statusCode).toBe(403);
    const trail = (await t.app.inject({ url: `/api/v1/audit?ticketId=${ticketId}`, headers: bearer(admin) })).json();
    // Newest first: triage's verdict is audited beside the creation (src/triage/triage.hooks.ts).
    expect(trail.items.map((e: { action: string }) => e.action)).toEqual(['ticket.triaged', 'ticket.created']);
    const page = (await t.app.inject({ url: '/api/v1/audit?limit=1', headers: bearer(admin) })).json();
    const next = (await t.app.inject({ url: `/api/v1/audit?limit=1&cursor=${page.nextCursor}`, headers: bearer(admin) })).json();
    expect(next.items[0].id).toBeLessThan(page.items[0].id);
    for (const method of ['DELETE', 'PATCH', 'PUT', 'POST'] as const) {
      expect((await t.app.inject({ method, url: '/api/v1/audit', headers: bearer(admin), payload: {} })).statusCode).toBe(404);
    }
    await expect(sql`UPDATE audit_events SET action = 'forged'`.execute(t.deps.db.kysely)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(t.deps.db.kysely)).rejects.toThrow(/append-only/);
  });

  it('keeps idempotency keys for 24 hours, then lets housekeeping drop them', async () => {
    const headers = { ...bearer(agent), 'idempotency-key': 'day-old' };
    const payload = { subject: 'Once', body: 'b', requester: { email: 'once@example.test' } };
    const first = (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload })).json();
    t.clock.advance(23 * 3_600_000);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload })).json().id).toBe(first.id);
    t.clock.advance(2 * 3_600_000);
    expect(await purgeExpiredIdempotencyKeys(t.deps.db.kysely, t.clock)).toBeGreaterThanOrEqual(1);
    const later = (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload })).json();
    expect(later.id).not.toBe(first.id);
  });
});
