import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { expireIdleGuideRuns } from './stats.service.js';
import { routerGuide } from './guides.fixtures.js';

describe.each(DIALECTS)('troubleshooting guides on %s', (dialect) => {
  let t: TestContext;
  let lead: string;
  let agent: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    lead = (await t.userWithToken('lead')).token;
    agent = (await t.userWithToken('agent')).token;
    viewer = (await t.userWithToken('viewer')).token;
  });
  afterAll(() => t.close());

  const create = async (body: Record<string, unknown>, token = lead) => t.app.inject({ method: 'POST', url: '/api/v1/guides', headers: bearer(token), payload: body });
  const answer = async (runId: string, nodeId: string, option?: number) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/guides/runs/${runId}/answers`, headers: bearer(agent), payload: { nodeId, option } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('creates, reads, lists, updates with If-Match and deletes a guide, audited and role-checked', async () => {
    expect((await create(routerGuide(), agent)).statusCode).toBe(403);
    const res = await create(routerGuide({ status: 'draft' }));
    expect(res.statusCode, res.body).toBe(201);
    const guide = res.json();
    expect(guide).toMatchObject({ title: 'My internet is down', status: 'draft', version: 1, nodeCount: 6, startNodeId: 'power', locale: 'en' });
    expect((await t.app.inject({ url: `/api/v1/guides/${guide.id}`, headers: bearer(viewer) })).json().nodes).toHaveLength(6);
    const list = (await t.app.inject({ url: '/api/v1/guides?status=draft', headers: bearer(viewer) })).json();
    expect(list.items.map((g: { id: string }) => g.id)).toContain(guide.id);

    const stale = await t.app.inject({ method: 'PATCH', url: `/api/v1/guides/${guide.id}`, headers: { ...bearer(lead), 'if-match': '"7"' }, payload: { status: 'published' } });
    expect(stale.statusCode).toBe(412);
    const published = await t.app.inject({ method: 'PATCH', url: `/api/v1/guides/${guide.id}`, headers: { ...bearer(lead), 'if-match': '"1"' }, payload: { status: 'published' } });
    expect(published.json()).toMatchObject({ status: 'published', version: 2 });
    expect(published.json().publishedAt).not.toBeNull();

    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/v1/guides/${guide.id}`, headers: bearer(lead) });
    expect(deleted.statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/v1/guides/${guide.id}`, headers: bearer(lead) })).statusCode).toBe(404);
    const actions = await t.deps.db.kysely.selectFrom('audit_events').select('action').where('entity_id', '=', guide.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['guide.created', 'guide.updated', 'guide.deleted']);
  });

  it('refuses an unsound tree with guide_invalid naming the nodes at fault', async () => {
    const base = routerGuide();
    const unreachable = await create({ ...base, nodes: [...base.nodes, { id: 'lonely', type: 'outcome', title: 'Nobody comes here', outcome: 'solved' }] });
    expect(unreachable.statusCode).toBe(400);
    expect(unreachable.json()).toMatchObject({ code: 'guide_invalid', nodes: ['lonely'], problems: [{ nodeId: 'lonely', problem: 'unreachable' }] });

    const deadEnd = await create({ ...base, nodes: base.nodes.map((n) => (n.id === 'plug' ? { id: 'plug', type: 'step', title: 'Plug it in' } : n)) });
    expect(deadEnd.json()).toMatchObject({ code: 'guide_invalid', nodes: ['plug'], problems: [{ problem: 'dead_end' }] });

    // "Yes" leads into restart ⇄ plug, which never reach an outcome; "No" still does.
    const loop = await create({
      ...base,
      nodes: [
        { id: 'power', type: 'question', title: 'Is the router light on?', options: [{ label: 'Yes', next: 'restart' }, { label: 'No', next: 'check' }] },
        ...base.nodes.filter((n) => !['power', 'restart', 'plug'].includes(n.id)),
        { id: 'plug', type: 'step', title: 'Plug it in', next: 'restart' },
        { id: 'restart', type: 'step', title: 'Restart', next: 'plug' },
      ],
    });
    expect(loop.statusCode).toBe(400);
    expect(loop.json()).toMatchObject({ code: 'guide_invalid', nodes: ['plug', 'restart'] });
    expect(loop.json().problems.map((p: { problem: string }) => p.problem)).toEqual(['cycle_without_exit', 'cycle_without_exit']);

    const badArticle = await create({ ...base, nodes: base.nodes.map((n) => (n.id === 'fixed' ? { ...n, articleId: '0190a5b4-0000-7000-8000-000000000000' } : n)) });
    expect(badArticle.json()).toMatchObject({ code: 'guide_invalid', nodes: ['fixed'], problems: [{ problem: 'unknown_article' }] });

    const check = await t.app.inject({ method: 'POST', url: '/api/v1/guides/validate', headers: bearer(lead), payload: { startNodeId: 'a', nodes: [{ id: 'a', type: 'step', title: 'A' }] } });
    expect(check.json()).toEqual({ valid: false, nodes: ['a'], problems: [expect.objectContaining({ nodeId: 'a', problem: 'dead_end' })] });

    const guide = (await create(routerGuide())).json();
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/guides/${guide.id}`, headers: bearer(lead), payload: { startNodeId: 'check' } });
    expect(patch.json()).toMatchObject({ code: 'guide_invalid', nodes: ['power', 'plug'] });
    expect((await t.app.inject({ url: `/api/v1/guides/${guide.id}`, headers: bearer(lead) })).json().version).toBe(1);
  });

  it('runs a guide inside a ticket, records the path, and leaves it on the ticket as an internal note', async () => {
    const guide = (await create(routerGuide())).json();
    const ticket = (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: { subject: 'No internet', body: 'Nothing loads', requester: { email: 'c@example.test' } } })).json();
    const started = await t.app.inject({ method: 'POST', url: `/api/v1/guides/${guide.id}/runs`, headers: bearer(agent), payload: { ticketId: ticket.id } });
    expect(started.statusCode, started.body).toBe(201);
    const run = started.json();
    expect(run).toMatchObject({ status: 'active', channel: 'agent', ticketId: ticket.id, currentNode: { id: 'power' } });

    expect((await t.app.inject({ method: 'POST', url: `/api/v1/guides/runs/${run.id}/answers`, headers: bearer(agent), payload: { nodeId: 'power', option: 5 } })).statusCode).toBe(400);
    await answer(run.id, 'power', 0);
    const stale = await t.app.inject({ method: 'POST', url: `/api/v1/guides/runs/${run.id}/answers`, headers: bearer(agent), payload: { nodeId: 'power', option: 0 } });
    expect(stale.json().code).toBe('guide_run_closed');
    await answer(run.id, 'restart');
    const done = await answer(run.id, 'check', 0);
    expect(done).toMatchObject({ status: 'solved', outcome: { outcome: 'solved', nodeId: 'fixed' } });
    expect(done.path.map((s: { nodeId: string; answer: string | null }) => [s.nodeId, s.answer])).toEqual([
      ['power', 'Yes'],
      ['restart', 'Continue'],
      ['check', 'Yes'],
      ['fixed', null],
    ]);
    const notes = (await t.app.inject({ url: `/api/v1/tickets/${ticket.id}/messages`, headers: bearer(agent) })).json().items.filter((m: { visibility: string }) => m.visibility === 'internal');
    expect(notes).toHaveLength(1);
    expect(notes[0].body).toContain('Is the router light on? → Yes');
    expect(notes[0].body).toContain('Ended: Solved');
    const runs = (await t.app.inject({ url: `/api/v1/guides/runs?ticketId=${ticket.id}`, headers: bearer(viewer) })).json();
    expect(runs.items).toEqual([expect.objectContaining({ id: run.id, status: 'solved', outcomeNodeId: 'fixed' })]);
  });

  it('documents its routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/guides', '/api/v1/guides/{id}', '/api/v1/guides/{id}/stats', '/api/v1/guides/runs/{runId}/answers', '/api/v1/helpcenter/settings']));
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/help'))).toBe(false);
  });

  it('is suggested for a ticket that describes its problem, with its help-center link', async () => {
    const guide = (await create(routerGuide({ title: 'Router down: internet connection lost' }))).json();
    const ticket = (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: { subject: 'Internet connection lost', body: 'The router is down and the internet connection is lost', requester: { email: 'r@example.test' } } })).json();
    const res = await t.app.inject({ url: `/api/v1/tickets/${ticket.id}/suggestions`, headers: bearer(agent) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().guides).toEqual(expect.arrayContaining([expect.objectContaining({ id: guide.id, url: expect.stringContaining(`/help/guides/${guide.id}`) })]));
  });

  it('refuses runs of drafts and of unknown tickets', async () => {
    const draft = (await create(routerGuide({ status: 'draft' }))).json();
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/guides/${draft.id}/runs`, headers: bearer(agent), payload: {} })).json().code).toBe('guide_not_published');
    const guide = (await create(routerGuide())).json();
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/guides/${guide.id}/runs`, headers: bearer(agent), payload: { ticketId: '0190a5b4-0000-7000-8000-000000000000' } });
    expect(res.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/guides/${guide.id}/runs`, headers: bearer(viewer), payload: {} })).statusCode).toBe(403);
  });

  it('counts per node how many runs reached it, solved, escalated and dropped (abandoned or timed out)', async () => {
    const guide = (await create(routerGuide())).json();
    const start = async () => (await t.app.inject({ method: 'POST', url: `/api/v1/guides/${guide.id}/runs`, headers: bearer(agent), payload: {} })).json();
    // 1: solved through plug; 2: escalated after restart; 3: gave up at check; 4: idle at power past the timeout.
    const r1 = await start();
    await answer(r1.id, 'power', 1);
    await answer(r1.id, 'plug');
    await answer(r1.id, 'check', 0);
    const r2 = await start();
    await answer(r2.id, 'power', 0);
    await answer(r2.id, 'restart');
    await answer(r2.id, 'check', 2);
    await answer(r2.id, 'restart');
    await answer(r2.id, 'check', 1);
    const r3 = await start();
    await answer(r3.id, 'power', 0);
    await answer(r3.id, 'restart');
    const gaveUp = await t.app.inject({ method: 'POST', url: `/api/v1/guides/runs/${r3.id}/finish`, headers: bearer(agent), payload: { result: 'gave_up' } });
    expect(gaveUp.json()).toMatchObject({ status: 'abandoned', endReason: 'gave_up' });
    await start();
    t.clock.advance(31 * 60_000);

    const stats = (await t.app.inject({ url: `/api/v1/guides/${guide.id}/stats`, headers: bearer(viewer) })).json();
    expect(stats.runs).toEqual({ total: 4, active: 1, solved: 1, escalated: 1, abandoned: 1, withTicket: 0 });
    const byNode = Object.fromEntries(stats.nodes.map((n: { nodeId: string; reached: number; solved: number; escalated: number; dropped: number }) => [n.nodeId, [n.reached, n.solved, n.escalated, n.dropped]]));
    expect(byNode).toEqual({
      power: [4, 1, 1, 1],
      plug: [1, 1, 0, 0],
      restart: [2, 0, 1, 0],
      check: [3, 1, 1, 1],
      fixed: [1, 1, 0, 0],
      ticket: [1, 0, 1, 0],
    });
    // The worker's sweep turns the idle run into an abandoned one; the figures stay the same.
    expect(await expireIdleGuideRuns(t.deps)).toBe(1);
    const swept = (await t.app.inject({ url: `/api/v1/guides/${guide.id}/stats`, headers: bearer(viewer) })).json();
    expect(swept.runs).toMatchObject({ active: 0, abandoned: 2 });
    expect(swept.nodes.find((n: { nodeId: string }) => n.nodeId === 'power').dropped).toBe(1);
  });
});
