import { PredictResponse } from './triage.schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { createTicket, updateTicket } from '../tickets/tickets.service.js';
import { inScopeRows } from './test-fixtures.js';

// A tier for each fixture category, so that a learned tier model has something to learn.
const TIER_OF: Record<string, number> = { password_reset: 2, refund_request: 1, cancel_subscription: 4, shipping_status: 3, update_billing: 4, report_bug: 2 };

/** Solved tickets with agents' categories: the history retraining learns from (12 per category). */
async function seedHistory(t: TestContext): Promise<void> {
  const rows = inScopeRows();
  const perLabel = new Map<string, number>();
  for (const row of rows) {
    const n = (perLabel.get(row.label) ?? 0) + 1;
    perLabel.set(row.label, n);
    if (n > 12) continue;
    await createTicket(t.deps, SYSTEM_ACTOR, { subject: row.text, body: row.text, requester: { email: `h${n}@history.test` }, category: row.label, priority: TIER_OF[row.label] }, { status: 'solved' });
  }
}

describe.each(DIALECTS)('triage learning on %s', (dialect) => {
  let t: TestContext;
  let agent: string;
  let admin: string;
  const post = (url: string, token: string, payload?: unknown) =>
    t.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  beforeAll(async () => {
    t = await startTestApp(dialect);
    agent = (await t.userWithToken('agent')).token;
    admin = (await t.userWithToken('admin')).token;
  });
  afterAll(() => t.close());

  it('refuses to retrain or evaluate without data or model, then retrains from solved tickets in a job', async () => {
    const early = await post('/api/v1/triage/retrain', admin);
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'insufficient_training_data' });
    expect((await post('/api/v1/triage/evaluate', admin, {})).json().code).toBe('no_triage_model');
    expect((await t.app.inject({ url: '/api/v1/triage/model', headers: bearer(admin) })).statusCode).toBe(409);
    expect((await post('/api/v1/triage/retrain', agent)).statusCode).toBe(403);

    await seedHistory(t);
    const queued = await post('/api/v1/triage/retrain', admin);
    expect(queued.statusCode).toBe(202);
    expect(queued.json()).toMatchObject({ status: 'queued' });
    const state = () => t.app.inject({ url: '/api/v1/triage/retrain', headers: bearer(admin) });
    expect((await state()).json()).toEqual({ waiting: true, runAt: expect.any(String) });
    expect((await t.app.inject({ url: '/api/v1/triage/retrain', headers: bearer(agent) })).statusCode).toBe(403);
    expect(await t.deps.jobs.drain()).toBe(1);
    expect((await state()).json()).toEqual({ waiting: false, runAt: null });

    const model = (await t.app.inject({ url: '/api/v1/triage/model', headers: bearer(admin) })).json();
    expect(model).toMatchObject({ version: 1, active: true, metrics: { rows: 72, labels: 6 } });
    expect(model.labels).toEqual(Object.keys(TIER_OF).sort());

    const predicted = (await post('/api/v1/triage/predict', agent, { subject: 'Refund please', body: 'I want my money back for the order, please refund it' })).json();
    expect(predicted).toMatchObject({ category: 'refund_request', outOfScope: false, modelVersion: 1, language: 'en' });
    // The route writes its answer without zod re-parsing it: it must still be the documented shape.
    expect(PredictResponse.safeParse(predicted).success).toBe(true);
    expect(predicted.confidence).toBeGreaterThan(0.3);
    expect(predicted.evidence.map((e: { word: string }) => e.word)).toContain('refund');
    expect(predicted.reasons.some((r: string) => r.startsWith("category 'refund_request' at confidence") && r.includes("'refund'"))).toBe(true);

    // New tickets get the category from the same request.
    const created = (await post('/api/v1/tickets', agent, { subject: 'Where is my parcel', body: 'my package still has not been delivered, can you track it', requester: { email: 'p@x.test' } })).json();
    expect(created).toMatchObject({ category: 'shipping_status', triage: { category: 'shipping_status', modelVersion: 1, outOfScope: false } });

    const evaluation = await post('/api/v1/triage/evaluate', admin, { items: [{ body: 'please refund my last payment', category: 'refund_request', priority: 1 }, { body: 'how do I reset my password', category: 'password_reset', priority: 2 }] });
    expect(evaluation.statusCode).toBe(200);
    expect(evaluation.json()).toMatchObject({ source: 'request', modelVersion: 1, category: { rows: 2 }, tier: { rows: 2 } });
    // One row per true label: each label's recall is 1 or 0, and accuracy is their mean.
    const category = (evaluation.json() as { category: { accuracy: number; perLabel: { label: string; recall: number; support: number }[] } }).category;
    expect(category.perLabel.map((l) => [l.label, l.support])).toEqual([['password_reset', 1], ['refund_request', 1]]);
    expect(category.accuracy).toBe(category.perLabel.reduce((sum, l) => sum + l.recall, 0) / 2);
    const onHistory = (await post('/api/v1/triage/evaluate', admin, {})).json();
    expect(onHistory).toMatchObject({ source: 'history', category: { rows: 72 } });
    expect(onHistory.category.accuracy).toBeGreaterThan(0.8);
  });

  it('stores agents\' corrections, retrains after enough of them, and keeps versions for roll-back', async () => {
    const settings = (await t.app.inject({ url: '/api/v1/triage/rules', headers: bearer(admin) })).json().settings;
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/triage/rules', headers: bearer(admin), payload: { ...settings, learning: { ...settings.learning, retrainAfterCorrections: 2, minTierTrainingRows: 10 } } });
    expect(put.statusCode).toBe(200);

    const open = async (subject: string, body: string) => (await post('/api/v1/tickets', agent, { subject, body, requester: { email: 'c@x.test' } })).json();
    const a = await open('Voucher', 'my gift voucher code is rejected at checkout');
    const b = await open('Voucher again', 'the voucher code does not work on the website');
    const patch = (id: string, payload: Record<string, unknown>) => t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${id}`, headers: bearer(agent), payload });

    expect((await patch(a.id, { category: 'update_billing', priority: 2 })).statusCode).toBe(200);
    let corrections = (await t.app.inject({ url: '/api/v1/triage/corrections', headers: bearer(admin) })).json().items;
    expect(corrections).toHaveLength(2);
    expect(corrections.map((c: { field: string }) => c.field).sort()).toEqual(['category', 'priority']);
    expect(corrections.find((c: { field: string }) => c.field === 'category')).toMatchObject({ ticketId: a.id, before: a.category, after: 'update_billing', trainedAt: null });
    // Two corrections reached the threshold: a retraining was queued in the same transaction.
    expect(await t.deps.jobs.drain()).toBe(1);

    const versions = (await t.app.inject({ url: '/api/v1/triage/models', headers: bearer(admin) })).json();
    expect(versions.items.map((v: { version: number; active: boolean }) => [v.version, v.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(versions.items[0].metrics.rows).toBe(73);
    expect(versions.tierModels).toHaveLength(1);
    corrections = (await t.app.inject({ url: '/api/v1/triage/corrections', headers: bearer(admin) })).json().items;
    expect(corrections.every((c: { trainedAt: string | null }) => c.trainedAt !== null)).toBe(true);

    // A person's change of another field is no correction, and automations do not teach triage.
    await patch(b.id, { status: 'open' });
    await updateTicket(t.deps, { type: 'automation', id: null, label: 'rule 7' }, b.id, { category: 'report_bug' });
    expect((await t.app.inject({ url: '/api/v1/triage/corrections', headers: bearer(admin) })).json().items).toHaveLength(2);

    const learned = await open('Refund', 'I need a refund for the order I returned');
    expect(learned.triage).toMatchObject({ modelVersion: 2, tierModelVersion: 1 });

    // Roll back to version 1: the next verdicts use it at once.
    const back = await post('/api/v1/triage/models/1/activate', admin);
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ version: 1, active: true });
    expect((await post('/api/v1/triage/predict', agent, { body: 'refund my order please' })).json().modelVersion).toBe(1);
    expect((await post('/api/v1/triage/models/99/activate', admin)).statusCode).toBe(404);
    expect((await post('/api/v1/triage/models/1/activate', agent)).statusCode).toBe(403);
    const audit = await t.deps.db.kysely.selectFrom('audit_events').select('action').where('action', 'like', 'triage.%').orderBy('id').execute();
    expect(audit.map((e) => e.action)).toEqual(['triage.model.trained', 'triage.rules.updated', 'triage.model.trained', 'triage.tier_model.trained', 'triage.model.activated']);
  });
});
