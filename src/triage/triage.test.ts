import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triageEngineOf } from '../app.js';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { createOrganisation } from '../tickets/organisations.service.js';
import { ticketsOfRequesterSince } from './history.store.js';

let mailbox = 0;
const ticket = (subject: string, body: string, extra: Record<string, unknown> = {}) => ({ subject, body, requester: { email: `customer${++mailbox}@example.test` }, ...extra });

describe.each(DIALECTS)('triage on %s', (dialect) => {
  let t: TestContext;
  let agent: string;
  let admin: string;
  const post = (url: string, token: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as Record<string, unknown> });

  beforeAll(async () => {
    t = await startTestApp(dialect);
    agent = (await t.userWithToken('agent')).token;
    admin = (await t.userWithToken('admin')).token;
  });
  afterAll(() => t.close());

  it('predict: 409 with how to train when no model exists; blank text is out of scope with a reason', async () => {
    const res = await post('/api/v1/triage/predict', agent, { subject: 'Refund', body: 'I was charged twice' });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('no_triage_model');
    expect(res.json().detail).toContain('/api/v1/triage/retrain');

    const blank = await post('/api/v1/triage/predict', agent, { body: '  \n\t ' });
    expect(blank.statusCode).toBe(200);
    expect(blank.json()).toMatchObject({ outOfScope: true, category: null, confidence: 0, language: 'und' });
    expect(blank.json().reasons).toContain('empty text: nothing to classify → out of scope');

    expect((await post('/api/v1/triage/predict', agent, { subject: 'x' })).json().code).toBe('validation_failed');
    const viewer = (await t.userWithToken('viewer')).token;
    expect((await post('/api/v1/triage/predict', viewer, { body: 'hello' })).statusCode).toBe(403);
  });

  it('triages a new ticket without a model: the tier rules run, category stays empty, the verdict is stored and audited', async () => {
    const res = await post('/api/v1/tickets', agent, ticket('Payments failing at checkout', 'Every card payment fails with a processing error since 10:00.'));
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ priority: 1, category: null });
    expect(created.triage).toMatchObject({ priority: 1, category: null, modelVersion: null, rulesVersion: 0, language: 'en', explicit: [] });
    expect(created.triage.tier.rule.subtype).toBe('payment_failure');
    expect(created.triage.tierReasons[0]).toMatch(/^matched .*'processing error'.* → payment processing failure → Tier 1$/);
    expect(created.triage.reasons).toContain('no category model trained yet → category left empty');

    const read = (await t.app.inject({ url: `/api/v1/tickets/${created.id}`, headers: bearer(agent) })).json();
    expect(read.triage).toEqual(created.triage);
    const events = (await t.app.inject({ url: `/api/v1/tickets/${created.id}/events`, headers: bearer(agent) })).json().items;
    const triaged = events.find((e: { action: string }) => e.action === 'ticket.triaged');
    expect(triaged.actor).toMatchObject({ type: 'automation', label: 'triage' });
    expect(triaged.after).toMatchObject({ priority: 1, category: null });
  });

  it('keeps what the caller set explicitly', async () => {
    const both = (await post('/api/v1/tickets', agent, ticket('Payments failing', 'Card payments fail.', { priority: 4, category: 'billing' }))).json();
    expect(both).toMatchObject({ priority: 4, category: 'billing', triage: null });
    const one = (await post('/api/v1/tickets', agent, ticket('Payments failing', 'Card payments fail.', { priority: 3 }))).json();
    expect(one).toMatchObject({ priority: 3, category: null });
    expect(one.triage).toMatchObject({ priority: 1, explicit: ['priority'] });
  });

  it('raises the tier for a VIP organisation, a frustrated customer and repeat contacts', async () => {
    await createOrganisation(t.deps, SYSTEM_ACTOR, { name: 'Globex', domains: ['globex.test'], vip: true });
    const vip = (await post('/api/v1/tickets', agent, { subject: 'Question', body: 'How do I add a colleague to a group?', requester: { email: 'hank@globex.test' } })).json();
    expect(vip.priority).toBe(2);
    expect(vip.triage.tier).toMatchObject({ baseTier: 3, raisedBy: ['VIP organisation Globex'] });
    expect(vip.triage.reasons).toContain('VIP organisation Globex → raised from Tier 3 to Tier 2');

    const requester = { email: 'repeat@example.test' };
    await post('/api/v1/tickets', agent, { subject: 'Export', body: 'Where can I find the export?', requester });
    await post('/api/v1/tickets', agent, { subject: 'Export again', body: 'Still no answer about the export.', requester });
    const third = (await post('/api/v1/tickets', agent, { subject: 'Export', body: 'This is the third time I ask where the export is!!!', requester })).json();
    expect(third.triage.frustration.cues).toContain('2 earlier tickets from the same requester in 72 h');
    expect(third.triage.frustration.level).toBe('high');
    expect(third.triage.tier.raisedBy[0]).toMatch(/^frustrated customer/);
    expect(third.priority).toBe(2);
    // Counted up to a cap, from the index alone: the third ticket sees 2 earlier ones, or the cap.
    const requesterId = (await t.deps.db.kysely.selectFrom('customers').select('id').where('email', '=', 'repeat@example.test').executeTakeFirstOrThrow()).id;
    const since = new Date(t.clock.now().getTime() - 3_600_000).toISOString();
    expect(await ticketsOfRequesterSince(t.deps.db.kysely, requesterId, since, 100)).toBe(3);
    expect(await ticketsOfRequesterSince(t.deps.db.kysely, requesterId, since, 2)).toBe(2);
  });

  it('raises the tier when many similar tickets arrived within the hour (probable incident)', async () => {
    const engine = triageEngineOf(t.deps)!;
    const report = (i: number) => ticket(`Invoices page blank ${i}`, 'The invoices page shows a blank screen after the latest release, tried two browsers.');
    for (let i = 0; i < 5; i++) await post('/api/v1/tickets', agent, report(i));
    await engine.similarSettled();
    const next = (await post('/api/v1/tickets', agent, report(9))).json();
    expect(next.triage.tier.raisedBy[0]).toMatch(/^\d+ similar tickets in the last 60 min \(probable incident\)$/);
    expect(next.priority).toBeLessThan(next.triage.tier.baseTier);
    // An hour later the burst is over.
    t.clock.advance(2 * 3_600_000);
    const later = (await post('/api/v1/tickets', agent, report(10))).json();
    expect(later.triage.tier.raisedBy).toEqual([]);
  });

  it('lets admins read and replace the rules (validated, versioned, audited) and applies them at once', async () => {
    const current = await t.app.inject({ url: '/api/v1/triage/rules', headers: bearer(admin) });
    expect(current.json()).toMatchObject({ version: 0, source: 'default' });
    expect(current.json().settings.subtypes).toHaveLength(20);
    expect((await t.app.inject({ url: '/api/v1/triage/rules', headers: bearer(agent) })).statusCode).toBe(403);

    const settings = current.json().settings;
    const put = (body: unknown) => t.app.inject({ method: 'PUT', url: '/api/v1/triage/rules', headers: bearer(admin), payload: body as Record<string, unknown> });
    const bad = await put({ ...settings, subtypes: [{ ...settings.subtypes[0], patterns: ['(oops'] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'subtypes.0.patterns.0' }] });
    expect((await put({ ...settings, defaultTier: 7 })).json().code).toBe('validation_failed');

    const custom = { ...settings, subtypes: [...settings.subtypes, { id: 'zanzibar', tier: 1, title: 'Zanzibar gateway', weight: 5, phrases: ['zanzibar'], patterns: [] }] };
    const saved = await put(custom);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, source: 'custom' });
    const created = (await post('/api/v1/tickets', agent, ticket('Zanzibar', 'How do I use the zanzibar thing?'))).json();
    expect(created.priority).toBe(1);
    expect(created.triage).toMatchObject({ rulesVersion: 1, tier: { rule: { subtype: 'zanzibar' } } });

    const audit = await t.deps.db.kysely.selectFrom('audit_events').select(['action', 'changes']).where('action', '=', 'triage.rules.updated').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].changes!)).toMatchObject({ before: { version: 0 }, after: { version: 1 } });
  });
});
