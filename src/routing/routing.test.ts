import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';

describe.each(DIALECTS)('routing on %s', (dialect) => {
  let t: TestContext;
  let admin: string;
  let lead: string;
  const agents: { token: string; userId: string }[] = [];
  let billing: string;
  let onCall: string;

  const send = (method: 'POST' | 'PUT' | 'PATCH', token: string, url: string, payload: object) => t.app.inject({ method, url, headers: bearer(token), payload });
  const get = (token: string, url: string) => t.app.inject({ url, headers: bearer(token) });
  const open = async (payload: Record<string, unknown> = {}) => {
    const res = await send('POST', admin, '/api/v1/tickets', { subject: 'Invoice question', body: 'Why was I charged twice?', requester: { email: 'c@customer.example' }, category: 'billing', priority: 3, ...payload });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; status: string; assigneeId: string | null; groupId: string | null };
  };
  const solve = (id: string) => send('PATCH', admin, `/api/v1/tickets/${id}`, { status: 'solved' });

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = (await t.userWithToken('admin')).token;
    lead = (await t.userWithToken('lead')).token;
    for (let i = 0; i < 3; i++) agents.push(await t.userWithToken('agent'));
    agents.sort((a, b) => (a.userId < b.userId ? -1 : 1));
    billing = (await send('POST', lead, '/api/v1/groups', { name: 'Billing' })).json().id;
    onCall = (await send('POST', lead, '/api/v1/groups', { name: 'On call' })).json().id;
    await send('PUT', lead, `/api/v1/groups/${billing}/members`, { userIds: agents.slice(0, 2).map((a) => a.userId) });
    await send('PUT', lead, `/api/v1/groups/${onCall}/members`, { userIds: [agents[2]!.userId] });
  });
  afterAll(() => t.close());

  it('routes a category to its group and leaves assignment to people in manual mode', async () => {
    const config = await send('PUT', lead, '/api/v1/routing/rules', { rules: [{ category: 'billing', groupId: billing }] });
    expect(config.statusCode).toBe(200);
    expect(config.json().rules).toEqual([{ category: 'billing', groupId: billing, skill: null }]);
    const ticket = await open();
    expect(ticket).toMatchObject({ groupId: billing, assigneeId: null, status: 'new' });
    const other = await open({ category: 'shipping' });
    expect(other.groupId).toBeNull();
  });

  it('assigns in turns in round-robin mode, opens the ticket and audits why', async () => {
    expect((await send('PUT', lead, `/api/v1/groups/${billing}/routing`, { mode: 'round_robin' })).json()).toEqual({ groupId: billing, mode: 'round_robin' });
    const assigned = [];
    for (let i = 0; i < 4; i++) assigned.push(await open());
    expect(assigned.map((x) => x.assigneeId)).toEqual([agents[0]!.userId, agents[1]!.userId, agents[0]!.userId, agents[1]!.userId]);
    expect(assigned[0]!.status).toBe('open');
    const events = (await get(admin, `/api/v1/tickets/${assigned[0]!.id}/events`)).json().items as { action: string; actor: { label: string }; after: Record<string, unknown> }[];
    const routed = events.find((e) => e.action === 'ticket.routed');
    expect(routed?.after).toMatchObject({ groupId: billing, assigneeId: agents[0]!.userId, reason: expect.stringContaining('round-robin') });
    for (const ticket of assigned) await solve(ticket.id);
  });

  it('gives the ticket to the least-loaded agent, skipping the unavailable and those at their cap', async () => {
    await send('PUT', lead, `/api/v1/groups/${billing}/routing`, { mode: 'least_loaded' });
    const busy = await open({ assigneeId: agents[0]!.userId });
    expect(busy.assigneeId).toBe(agents[0]!.userId);
    expect((await open()).assigneeId).toBe(agents[1]!.userId);
    // Now one each: the tie goes round.
    const tie = await open();
    expect([agents[0]!.userId, agents[1]!.userId]).toContain(tie.assigneeId);

    // Agent 1 goes away (they may do it themselves); agent 0 takes everything until their cap.
    const away = await send('PUT', agents[1]!.token, `/api/v1/users/${agents[1]!.userId}/availability`, { available: false });
    expect(away.json()).toMatchObject({ available: false });
    await send('PUT', lead, `/api/v1/users/${agents[0]!.userId}/availability`, { available: true, maxOpen: 3 });
    const loadOf0 = async () => (await get(admin, `/api/v1/tickets?assignee=${agents[0]!.userId}&status=open`)).json().items.length;
    while ((await loadOf0()) < 3) expect((await open()).assigneeId).toBe(agents[0]!.userId);
    const unassigned = await open();
    expect(unassigned).toMatchObject({ groupId: billing, assigneeId: null });
    await send('PUT', agents[1]!.token, `/api/v1/users/${agents[1]!.userId}/availability`, { available: true });
  });

  it('only routes to agents with the skill a rule needs', async () => {
    await send('PUT', lead, '/api/v1/routing/rules', { rules: [{ category: 'refunds', groupId: billing, skill: 'Refunds' }] });
    const skilled = await send('PUT', lead, `/api/v1/users/${agents[1]!.userId}/skills`, { skills: ['refunds', 'german'] });
    expect(skilled.json().skills).toEqual(['german', 'refunds']);
    for (let i = 0; i < 2; i++) expect((await open({ category: 'refunds' })).assigneeId).toBe(agents[1]!.userId);
  });

  it('sends Tier 1 to the on-call group and keeps what the caller set', async () => {
    await send('PUT', lead, `/api/v1/groups/${onCall}/routing`, { mode: 'round_robin' });
    expect((await send('PUT', lead, '/api/v1/routing/on-call', { groupId: onCall })).json().onCallGroupId).toBe(onCall);
    expect(await open({ priority: 1 })).toMatchObject({ groupId: onCall, assigneeId: agents[2]!.userId });
    expect(await open({ priority: 1, groupId: billing, assigneeId: agents[0]!.userId })).toMatchObject({ groupId: billing, assigneeId: agents[0]!.userId });
    expect((await get(admin, '/api/v1/routing')).json()).toMatchObject({ onCallGroupId: onCall, groups: expect.arrayContaining([{ groupId: onCall, mode: 'round_robin' }]) });
  });

  it('refuses unknown groups, repeated categories, other agents\' availability and non-leads', async () => {
    const unknown = await send('PUT', lead, '/api/v1/routing/rules', { rules: [{ category: 'x', groupId: '01900000-0000-7000-8000-000000000000' }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ path: 'rules.0.groupId', message: 'is not a group' }]);
    const twice = await send('PUT', lead, '/api/v1/routing/rules', { rules: [{ category: 'x', groupId: billing }, { category: 'x', groupId: onCall }] });
    expect(twice.statusCode).toBe(400);
    const notMine = await send('PUT', agents[0]!.token, `/api/v1/users/${agents[1]!.userId}/availability`, { available: false });
    expect(notMine.statusCode).toBe(403);
    expect((await send('PUT', agents[0]!.token, '/api/v1/routing/rules', { rules: [] })).statusCode).toBe(403);
    expect((await send('PUT', lead, `/api/v1/groups/${billing}/routing`, { mode: 'lottery' })).statusCode).toBe(400);
  });
});
