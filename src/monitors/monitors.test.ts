import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import type { DomainEvents } from '../platform/events/bus.js';
import { createTicket } from '../tickets/tickets.service.js';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { runMonitors } from './monitors.service.js';

describe.each(DIALECTS)('monitors on %s', (dialect) => {
  let t: TestContext;
  let admin: string;
  let lead: string;
  const raised: Array<DomainEvents['alert.raised']> = [];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = (await t.userWithToken('admin')).token;
    lead = (await t.userWithToken('lead')).token;
    t.deps.events.subscribe('alert.raised', (e) => void raised.push(e));
    // Four quiet weeks, then twelve tickets about one printer in one hour.
    t.clock.set('2026-03-02T10:05:00.000Z');
    for (let i = 0; i < 12; i++) {
      t.clock.advance(60_000);
      await createTicket(t.deps, SYSTEM_ACTOR, { subject: `Printer jam #${i + 1}`, body: 'Paper stuck', requester: { email: `p${i}@example.test` } } as never);
    }
    t.clock.set('2026-03-02T11:02:00.000Z');
  });
  afterAll(() => t.close());

  const run = () => t.app.inject({ method: 'POST', url: '/api/v1/monitors/run', headers: bearer(admin), payload: {} });

  it('raises a volume spike and a knowledge-base gap with evidence, audited, mailed and published', async () => {
    const res = await run();
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.ran.map((r: { monitor: string }) => r.monitor)).toEqual(['escalations', 'volume_spike', 'sla_breaches', 'csat_decline', 'kb_gaps', 'process']);
    const spike = body.alerts.find((a: { monitor: string }) => a.monitor === 'volume_spike');
    expect(spike).toMatchObject({ status: 'open', occurrences: 1 });
    expect(spike.evidence.figures).toMatchObject({ observed: 12, baseline: 0 });
    expect(spike.evidence.samples).toHaveLength(5);
    expect(spike.evidence.link).toContain('/api/v1/analytics/volume');
    const gap = body.alerts.find((a: { monitor: string }) => a.monitor === 'kb_gaps');
    expect(gap.title).toContain('printer jam');
    expect(gap.evidence.figures.tickets).toBe(12);
    await new Promise((r) => setTimeout(r, 10));
    expect(raised.map((e) => e.monitor).sort()).toEqual(['kb_gaps', 'volume_spike']);
    const mails = (await t.deps.jobs.waiting('email.send')).map((j) => j.payload);
    expect(mails.length).toBeGreaterThanOrEqual(2);
    expect(mails[0]).toMatchObject({ to: expect.stringContaining('@'), subject: expect.stringContaining('[Frontline alert]') });
    const audit = await t.deps.db.kysely.selectFrom('audit_events').select('action').where('entity_type', '=', 'alert').execute();
    expect(audit.filter((a) => a.action === 'alert.raised')).toHaveLength(2);
  });

  it('de-duplicates while an alert is open, then acknowledges and resolves it with an audit trail', async () => {
    const again = (await run()).json();
    const spike = again.alerts.find((a: { monitor: string }) => a.monitor === 'volume_spike');
    expect(spike.occurrences).toBe(2);
    expect(raised).toHaveLength(2);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: bearer(lead) });
    expect(list.json().items).toHaveLength(2);
    const ack = await t.app.inject({ method: 'POST', url: `/api/v1/alerts/${spike.id}/acknowledge`, headers: bearer(lead), payload: {} });
    expect(ack.json()).toMatchObject({ status: 'acknowledged', acknowledgedAt: expect.any(String) });
    const resolved = await t.app.inject({ method: 'POST', url: `/api/v1/alerts/${spike.id}/resolve`, headers: bearer(lead), payload: {} });
    expect(resolved.json().status).toBe('resolved');
    const twice = await t.app.inject({ method: 'POST', url: `/api/v1/alerts/${spike.id}/resolve`, headers: bearer(lead), payload: {} });
    expect(twice.statusCode).toBe(409);
    const actions = await t.deps.db.kysely.selectFrom('audit_events').select('action').where('entity_id', '=', spike.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['alert.raised', 'alert.acknowledged', 'alert.resolved']);
    // Resolved, the same condition raises a fresh alert.
    const third = (await run()).json();
    expect(third.alerts.find((a: { monitor: string }) => a.monitor === 'volume_spike')).toMatchObject({ occurrences: 1, status: 'open' });
  });

  it('lets admins set thresholds and refuses impossible ones', async () => {
    const ok = await t.app.inject({ method: 'PATCH', url: '/api/v1/monitors/escalations', headers: bearer(admin), payload: { thresholds: { maxRate: 0.3 } } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().thresholds).toMatchObject({ maxRate: 0.3, windowHours: 24 });
    for (const [name, thresholds] of [['escalations', { maxRate: 1.5 }], ['csat_decline', { windowDays: 30, trailingDays: 7 }], ['volume_spike', { zScore: -1 }], ['process', { unknown: 1 }]] as const) {
      const bad = await t.app.inject({ method: 'PATCH', url: `/api/v1/monitors/${name}`, headers: bearer(admin), payload: { thresholds } });
      expect(bad.statusCode, name).toBe(400);
      expect(bad.json().code).toBe('invalid_thresholds');
    }
    const byLead = await t.app.inject({ method: 'PATCH', url: '/api/v1/monitors/escalations', headers: bearer(lead), payload: { enabled: false } });
    expect(byLead.statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/monitors', headers: bearer(lead) });
    expect(list.json().items.find((m: { name: string }) => m.name === 'escalations').thresholds.maxRate).toBe(0.3);
  });
});

describe.each(DIALECTS)('the CSAT monitor on %s', (dialect) => {
  let t: TestContext;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  it('detects a CSAT drop of 0.5 over the last week against the four weeks before', async () => {
    const now = Date.parse('2026-04-06T12:00:00.000Z');
    const db = t.deps.db.kysely;
    // Four trailing weeks averaging 4.5 (4 and 5 alternately), then a week averaging 4.0 (3, 4, 5, 4).
    const answers: Array<[number, number]> = [
      ...Array.from({ length: 40 }, (_, i): [number, number] => [now - (8 + (i % 27)) * 86_400_000, i % 2 ? 5 : 4]),
      ...Array.from({ length: 20 }, (_, i): [number, number] => [now - (1 + (i % 6)) * 86_400_000, [3, 4, 5, 4][i % 4]]),
    ];
    for (const [at, rating] of answers) {
      t.clock.set(new Date(at - 3_600_000));
      const ticket = await createTicket(t.deps, SYSTEM_ACTOR, { subject: 'Rated', body: 'x', requester: { email: 'rater@example.test' } } as never);
      const row = await db.selectFrom('tickets').select('requester_id').where('id', '=', ticket.id).executeTakeFirstOrThrow();
      const iso = new Date(at).toISOString();
      await db.insertInto('csat_surveys').values({ ticket_id: ticket.id, requester_id: row.requester_id, sent_at: iso, rating, comment: null, source: 'api', answered_at: iso, updated_at: iso }).execute();
    }
    t.clock.set(new Date(now));
    const report = await runMonitors(t.deps, SYSTEM_ACTOR, 'csat_decline');
    expect(report.alerts).toHaveLength(1);
    expect(report.alerts[0].evidence.figures).toMatchObject({ current: 4, trailing: 4.5, drop: 0.5 });
    expect(report.alerts[0].evidence.figures.z as number).toBeGreaterThan(2);
  });
});
