import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { PgBossJobQueue } from '../platform/jobs/pg-boss-queue.js';
import { TableJobQueue } from '../platform/jobs/table-queue.js';
import { createLogger } from '../platform/logging/logger.js';
import { addMessage } from '../tickets/messages.service.js';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, captureMail, startTestApp, type TestContext } from '../test-support/harness.js';
import { registerSlaJobs, sweepDueTickets } from './sla.timers.js';

const MIN = 60_000;
const H = 60 * MIN;

describe.each(DIALECTS)('SLA on %s', (dialect) => {
  let t: TestContext;
  let admin: string;
  let agent: string;
  const fired: string[] = [];
  let mail: Record<string, unknown>[] = [];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    mail = captureMail(t);
    admin = (await t.userWithToken('admin')).token;
    agent = (await t.userWithToken('agent')).token;
    t.deps.events.subscribe('sla.warning', (e) => void fired.push(`warning:${e.ticketId}:${e.metric}`));
    t.deps.events.subscribe('sla.breached', (e) => void fired.push(`breach:${e.ticketId}:${e.metric}`));
  });
  afterAll(() => t.close());
  beforeEach(() => {
    fired.length = 0;
  });
  // Tickets of earlier tests stay open and keep their clocks: look at one ticket's events.
  const firedFor = (id: string) => fired.filter((f) => f.includes(`:${id}:`));

  const at = (offsetMs: number, from: number) => new Date(from + offsetMs).toISOString();
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
  async function create(priority: number, extra: Record<string, unknown> = {}) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: bearer(agent),
      payload: { subject: `P${priority} problem`, body: 'It is broken.', requester: { email: 'sam@customer.example' }, priority, ...extra },
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  }
  const get = async (id: string) => (await t.app.inject({ url: `/api/v1/tickets/${id}`, headers: bearer(agent) })).json();
  async function patch(id: string, body: Record<string, unknown>) {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${id}`, headers: bearer(agent), payload: body });
    expect(res.statusCode).toBe(200);
    return res.json();
  }
  const reply = (id: string, visibility: 'public' | 'internal' = 'public', status?: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/tickets/${id}/messages`, headers: bearer(agent), payload: { body: 'On it.', visibility, status } });
  const customerReply = (id: string) => addMessage(t.deps, SYSTEM_ACTOR, { type: 'customer', id: null }, id, { body: 'Still broken', visibility: 'public' });

  it('gives each tier its default targets, around the clock without calendars, and shows them on the ticket', async () => {
    const now = t.clock.now().getTime();
    const p1 = await create(1);
    expect(p1.sla).toMatchObject({ firstResponseDueAt: at(1 * H, now), resolutionDueAt: at(4 * H, now), policyName: 'Default', paused: false, breached: false });
    expect(p1.sla.metrics.firstResponse).toMatchObject({ targetMinutes: 60, status: 'active', warnAt: at(45 * MIN, now) });
    const p4 = await get((await create(4)).id);
    expect(p4.sla).toMatchObject({ firstResponseDueAt: at(48 * H, now), resolutionDueAt: at(168 * H, now) });
    expect(p4.sla.nextDueAt).toBe(at(36 * H, now));
  });

  it('meets the first response with a public agent reply, not with an internal note', async () => {
    const ticket = await create(2);
    t.clock.advance(30 * MIN);
    await reply(ticket.id, 'internal');
    expect((await get(ticket.id)).sla.metrics.firstResponse.status).toBe('active');
    await reply(ticket.id, 'public');
    const after = (await get(ticket.id)).sla;
    expect(after.metrics.firstResponse).toMatchObject({ status: 'met', completedAt: t.clock.now().toISOString() });
    expect(after.firstResponseDueAt).toBeNull();
    expect(after.metrics.resolution.status).toBe('active');
  });

  it('fires a warning at 75% and a breach at the due time, once each, also across a restart', async () => {
    const start = t.clock.now().getTime();
    const ticket = await create(1);
    t.clock.advance(45 * MIN);
    await t.deps.jobs.drain();
    await settle();
    expect(firedFor(ticket.id)).toEqual([`warning:${ticket.id}:firstResponse`]);
    await t.deps.jobs.drain();
    await sweepDueTickets(t.deps);
    await settle();
    expect(firedFor(ticket.id)).toHaveLength(1);

    // A new process over the same database: its own queue, the same persisted timers.
    const restarted = dialect === 'sqlite' ? new TableJobQueue(t.deps.db, t.clock, createLogger('silent')) : new PgBossJobQueue(t.deps.db, t.clock, createLogger('silent'));
    const deps2: Deps = { ...t.deps, jobs: restarted };
    registerSlaJobs(deps2);
    t.clock.set(at(60 * MIN, start));
    await restarted.drain();
    await settle();
    expect(firedFor(ticket.id)).toEqual([`warning:${ticket.id}:firstResponse`, `breach:${ticket.id}:firstResponse`]);
    t.clock.set(at(4 * H, start));
    // Both the old node and the sweep look too; still one warning and one breach per metric.
    await Promise.all([restarted.drain(), t.deps.jobs.drain(), sweepDueTickets(deps2)]);
    await settle();
    expect(firedFor(ticket.id).filter((f) => f.endsWith('resolution'))).toEqual([`breach:${ticket.id}:resolution`]);
    const audit = await t.deps.db.kysely.selectFrom('audit_events').select('action').where('ticket_id', '=', ticket.id).where('action', 'like', 'sla.%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['sla.breached', 'sla.breached', 'sla.warning']);
    expect((await get(ticket.id)).sla).toMatchObject({ breached: true, nextDueAt: null });
  });

  it('keeps one timer per ticket: meeting a metric cancels its timer', async () => {
    const ticket = await create(3);
    const timers = async () => (await t.deps.jobs.waiting('sla.timer')).map((j) => j.key).filter((k) => k?.startsWith(`${ticket.id}:`));
    expect(await timers()).toEqual([`${ticket.id}:firstResponse`]);
    await reply(ticket.id, 'public');
    expect(await timers()).toEqual([`${ticket.id}:resolution`]);
  });

  it('hands a crowd of timers due together to one sweep, firing each once', async () => {
    const start = t.clock.now().getTime();
    const crowd = [];
    for (let i = 0; i < 12; i++) crowd.push(await create(1));
    // Keep one timer job of the crowd: the sweep it runs must find the other eleven by their due times.
    const [kept, ...lost] = crowd;
    if (dialect === 'sqlite') await t.deps.db.kysely.deleteFrom('jobs').where('key', 'in', lost.map((c) => `${c.id}:firstResponse`)).execute();
    else await sql`DELETE FROM pgboss.job WHERE singleton_key = ANY(${lost.map((c) => `${c.id}:firstResponse`)})`.execute(t.deps.db.kysely);
    t.clock.set(at(61 * MIN, start));
    await t.deps.jobs.drain();
    await settle();
    // Past the due time the breach fires alone (a warning after it would say nothing new).
    for (const ticket of [kept!, ...lost]) expect(firedFor(ticket.id)).toEqual([`breach:${ticket.id}:firstResponse`]);
    await t.deps.jobs.drain();
    await settle();
    expect(crowd.flatMap((c) => firedFor(c.id))).toHaveLength(12);
  });

  it('catches timers missed while down with the sweep', async () => {
    const ticket = await create(1);
    // Timers lost (say, a queue restored from an old backup): only the sweep can notice.
    if (dialect === 'sqlite') await t.deps.db.kysely.deleteFrom('jobs').where('key', 'like', `${ticket.id}:%`).execute();
    else await sql`DELETE FROM pgboss.job WHERE singleton_key LIKE ${`${ticket.id}:%`}`.execute(t.deps.db.kysely);
    t.clock.advance(2 * H);
    expect((await t.deps.jobs.waiting('sla.timer')).filter((j) => j.key?.startsWith(`${ticket.id}:`))).toEqual([]);
    expect(await sweepDueTickets(t.deps)).toBeGreaterThanOrEqual(1);
    await settle();
    expect(firedFor(ticket.id)).toEqual([`breach:${ticket.id}:firstResponse`]);
    expect(await sweepDueTickets(t.deps)).toBe(0);
  });

  it('pauses while pending and resumes on the customer reply', async () => {
    const ticket = await create(2);
    t.clock.advance(1 * H);
    const pending = await patch(ticket.id, { status: 'pending' });
    expect(pending.sla).toMatchObject({ paused: true, resolutionDueAt: null, firstResponseDueAt: null, nextDueAt: null });
    t.clock.advance(10 * H);
    await t.deps.jobs.drain();
    await customerReply(ticket.id);
    const resumed = await get(ticket.id);
    const now = t.clock.now().getTime();
    expect(resumed.status).toBe('open');
    expect(resumed.sla).toMatchObject({ paused: false, pausedMs: 10 * H, firstResponseDueAt: at(3 * H, now), resolutionDueAt: at(23 * H, now) });
    await settle();
    expect(firedFor(ticket.id)).toEqual([]);
  });

  it('restarts resolution when a solved ticket reopens', async () => {
    const ticket = await create(3);
    t.clock.advance(2 * H);
    await reply(ticket.id, 'public', 'solved');
    const solved = (await get(ticket.id)).sla;
    expect(solved.metrics.resolution).toMatchObject({ status: 'met' });
    expect(solved.resolutionDueAt).toBeNull();
    t.clock.advance(5 * H);
    await customerReply(ticket.id);
    const reopened = (await get(ticket.id)).sla;
    expect(reopened.metrics.resolution).toMatchObject({ status: 'active', startedAt: t.clock.now().toISOString() });
    expect(reopened.resolutionDueAt).toBe(at(72 * H, t.clock.now().getTime()));
  });

  it('recomputes due times when the tier changes, keeping the time already used', async () => {
    const created = t.clock.now().getTime();
    const ticket = await create(3);
    t.clock.advance(20 * MIN);
    const raised = await patch(ticket.id, { priority: 1 });
    expect(raised.sla).toMatchObject({ firstResponseDueAt: at(1 * H, created), resolutionDueAt: at(4 * H, created) });
  });

  it('runs a policy on a business calendar, matched in admin order, and recomputes open tickets when it changes', async () => {
    const calendar = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sla/calendars',
      headers: bearer(admin),
      payload: { name: `Berlin office ${dialect}`, timeZone: 'Europe/Berlin', hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })), holidays: { country: 'DE' } },
    });
    expect(calendar.statusCode).toBe(201);
    // Friday 9 January 2026, 16:00 in Berlin.
    t.clock.set('2026-01-09T15:00:00.000Z');
    const before = await create(2, { channel: 'email' });
    expect(before.sla.policyName).toBe('Default');
    const policy = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sla/policies',
      headers: bearer(admin),
      payload: { name: `Email ${dialect}`, conditions: { channels: ['email'], tiers: [2] }, targets: { '2': { firstResponseMinutes: 120, resolutionMinutes: 480 } }, calendarId: calendar.json().id },
    });
    expect(policy.statusCode).toBe(201);
    const later = await t.app.inject({ method: 'POST', url: '/api/v1/sla/policies', headers: bearer(admin), payload: { name: `Catch-all ${dialect}`, targets: { '2': { firstResponseMinutes: 1, resolutionMinutes: 2 } } } });
    expect(later.json().position).toBeGreaterThan(policy.json().position);
    const matched = await create(2, { channel: 'email' });
    // 1 h on Friday, then Monday from 09:00: first response 10:00 CET, resolution 16:00 CET.
    expect(matched.sla).toMatchObject({ policyName: `Email ${dialect}`, firstResponseDueAt: '2026-01-12T09:00:00.000Z', resolutionDueAt: '2026-01-12T15:00:00.000Z' });
    await t.deps.jobs.drain();
    expect((await get(before.id)).sla).toMatchObject({ policyName: `Email ${dialect}`, firstResponseDueAt: '2026-01-12T09:00:00.000Z' });
    const web = await create(2, { channel: 'web' });
    expect(web.sla.policyName).toBe(`Catch-all ${dialect}`);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/sla/policies/${later.json().id}`, headers: bearer(admin) });
    const inUse = await t.app.inject({ method: 'DELETE', url: `/api/v1/sla/calendars/${calendar.json().id}`, headers: bearer(admin) });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().code).toBe('sla_calendar_in_use');
    await t.app.inject({ method: 'DELETE', url: `/api/v1/sla/policies/${policy.json().id}`, headers: bearer(admin) });
    await t.deps.jobs.drain();
  });

  it('rejects impossible calendars and policies with field-level errors, and lets only admins change them', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sla/calendars',
      headers: bearer(admin),
      payload: { name: 'Bad', timeZone: 'Europe/Atlantis', hours: [{ day: 1, start: '17:00', end: '09:00' }, { day: 2, start: '09:00', end: '12:00' }, { day: 2, start: '11:00', end: '13:00' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['hours.0.end', 'hours.2', 'timeZone']);
    const shape = await t.app.inject({ method: 'POST', url: '/api/v1/sla/calendars', headers: bearer(admin), payload: { name: 'Bad', timeZone: 'UTC', hours: [{ day: 8, start: '9am', end: '17:00' }] } });
    expect(shape.statusCode).toBe(400);
    const policy = await t.app.inject({ method: 'POST', url: '/api/v1/sla/policies', headers: bearer(admin), payload: { name: 'Bad', calendarId: '0190f0f0-0000-7000-8000-000000000000', escalation: { onBreach: [{ type: 'assign_group', groupId: 'nope' }] } } });
    expect(policy.statusCode).toBe(400);
    expect(policy.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['calendarId', 'escalation.onBreach.0.groupId']);
    const forbidden = await t.app.inject({ method: 'POST', url: '/api/v1/sla/policies', headers: bearer(agent), payload: { name: 'Mine' } });
    expect(forbidden.statusCode).toBe(403);
    const count = await t.deps.db.kysely.selectFrom('sla_policies').select('id').where('name', 'in', ['Bad', 'Mine']).execute();
    expect(count).toHaveLength(0);
  });

  it('escalates a breach: raises the priority, reassigns the group and enqueues an email', async () => {
    const group = (await t.app.inject({ method: 'POST', url: '/api/v1/groups', headers: bearer(admin), payload: { name: `Escalations ${dialect}` } })).json();
    const policy = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sla/policies',
      headers: bearer(admin),
      payload: {
        name: `Urgent tag ${dialect}`,
        position: 0,
        conditions: { tiers: [3], channels: ['phone'] },
        escalation: { onBreach: [{ type: 'raise_priority' }, { type: 'assign_group', groupId: group.id }, { type: 'email', to: ['lead@example.test'] }] },
      },
    });
    expect(policy.statusCode).toBe(201);
    const ticket = await create(3, { channel: 'phone' });
    t.clock.advance(24 * H);
    await t.deps.jobs.drain();
    const escalated = await get(ticket.id);
    expect(escalated).toMatchObject({ priority: 2, groupId: group.id });
    const mail = (await queuedEmails()).find((p) => p.subject.includes(`#${ticket.number}]`));
    expect(mail).toMatchObject({ to: 'lead@example.test', subject: expect.stringContaining('breached') });
    const events = (await t.app.inject({ url: `/api/v1/tickets/${ticket.id}/events`, headers: bearer(agent) })).json().items;
    expect(events.find((e: { action: string; actor: { label: string } }) => e.action === 'ticket.updated' && e.actor.label === 'sla')).toBeTruthy();
    await t.app.inject({ method: 'DELETE', url: `/api/v1/sla/policies/${policy.json().id}`, headers: bearer(admin) });
  });

  /** The mail sent so far (the test catches it instead of an SMTP server). */
  const queuedEmails = async () => mail as { to: string; subject: string; text: string }[];

  it('lists tickets at risk by time left, breached first', async () => {
    t.clock.set('2026-03-02T09:00:00.000Z');
    const p2 = await create(2);
    t.clock.advance(30 * MIN);
    const p1 = await create(1);
    t.clock.advance(70 * MIN);
    const res = await t.app.inject({ url: '/api/v1/sla/at-risk?withinMinutes=240&limit=200', headers: bearer(agent) });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ id: string; metric: string; timeLeftMs: number; breached: boolean }>;
    const mine = items.filter((i) => i.id === p1.id || i.id === p2.id);
    expect(mine.map((i) => [i.id, i.metric, i.timeLeftMs, i.breached])).toEqual([
      [p1.id, 'firstResponse', -10 * MIN, true],
      [p2.id, 'firstResponse', 140 * MIN, false],
    ]);
    const times = items.map((i) => i.timeLeftMs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});
