import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import { updateUser } from '../accounts/users.service.js';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';

type Member = { id: string; name: string; email: string; role: string };

describe.each(DIALECTS)('groups on %s', (dialect) => {
  let t: TestContext;
  let admin: string;
  let lead: string;
  let agent: string;
  let viewer: string;
  let agentUser: { userId: string; email: string };
  let leadUser: { userId: string };
  let viewerUser: { userId: string };

  const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', token: string, url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const get = (token: string, url: string) => t.app.inject({ url, headers: bearer(token) });
  const memberIds = (group: { members: Member[] }) => group.members.map((m) => m.id).sort();
  const auditOf = async (entityId: string) =>
    (await get(admin, `/api/v1/audit?entityType=group&entityId=${entityId}&order=asc`)).json().items as { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = (await t.userWithToken('admin')).token;
    ({ token: lead, ...leadUser } = await t.userWithToken('lead'));
    ({ token: agent, ...agentUser } = await t.userWithToken('agent'));
    ({ token: viewer, ...viewerUser } = await t.userWithToken('viewer'));
  });
  afterAll(() => t.close());

  it('lets a lead create, rename and list groups, auditing each write', async () => {
    const created = await send('POST', lead, '/api/v1/groups', { name: 'Billing', description: 'Invoices and refunds' });
    expect(created.statusCode).toBe(201);
    const group = created.json();
    expect(group).toMatchObject({ name: 'Billing', description: 'Invoices and refunds', memberCount: 0, members: [] });

    const renamed = await send('PATCH', lead, `/api/v1/groups/${group.id}`, { name: 'Billing EU', description: null });
    expect(renamed.json()).toMatchObject({ name: 'Billing EU', description: null });
    await send('POST', lead, '/api/v1/groups', { name: 'Accounts' });
    const list = (await get(viewer, '/api/v1/groups?q=b')).json();
    expect(list.items.map((g: { name: string }) => g.name)).toEqual(['Billing EU']);
    const page1 = (await get(viewer, '/api/v1/groups?limit=1')).json();
    expect(page1.items.map((g: { name: string }) => g.name)).toEqual(['Accounts']);
    expect((await get(viewer, `/api/v1/groups?limit=1&cursor=${page1.nextCursor}`)).json().items.map((g: { name: string }) => g.name)).toEqual(['Billing EU']);

    const events = await auditOf(group.id);
    expect(events.map((e) => e.action)).toEqual(['group.created', 'group.updated']);
    expect(events[1]).toMatchObject({ before: { name: 'Billing', description: 'Invoices and refunds' }, after: { name: 'Billing EU', description: null } });
  });

  it('adds, replaces and removes members, showing id, name, email and role', async () => {
    const group = (await send('POST', lead, '/api/v1/groups', { name: 'Tier 2' })).json();
    const added = await send('POST', lead, `/api/v1/groups/${group.id}/members`, { userId: agentUser.userId });
    expect(added.statusCode).toBe(200);
    expect(added.json().members).toEqual([{ id: agentUser.userId, name: expect.any(String), email: agentUser.email, role: 'agent' }]);
    // Adding again changes nothing and records nothing.
    expect((await send('POST', lead, `/api/v1/groups/${group.id}/members`, { userId: agentUser.userId })).json().memberCount).toBe(1);

    const replaced = (await send('PUT', lead, `/api/v1/groups/${group.id}/members`, { userIds: [leadUser.userId, agentUser.userId] })).json();
    expect(memberIds(replaced)).toEqual([leadUser.userId, agentUser.userId].sort());
    expect((await get(viewer, `/api/v1/groups/${group.id}`)).json().memberCount).toBe(2);

    const removed = await send('DELETE', lead, `/api/v1/groups/${group.id}/members/${agentUser.userId}`);
    expect(memberIds(removed.json())).toEqual([leadUser.userId]);
    const again = await send('DELETE', lead, `/api/v1/groups/${group.id}/members/${agentUser.userId}`);
    expect(again.statusCode).toBe(404);

    const emptied = (await send('PUT', lead, `/api/v1/groups/${group.id}/members`, { userIds: [] })).json();
    expect(emptied.members).toEqual([]);

    const events = await auditOf(group.id);
    expect(events.map((e) => e.action)).toEqual(['group.created', 'group.member_added', 'group.members_replaced', 'group.member_removed', 'group.members_replaced']);
    expect(events[1]).toMatchObject({ before: { memberIds: [] }, after: { memberIds: [agentUser.userId] } });
    expect(events[3]).toMatchObject({ before: { memberIds: [leadUser.userId, agentUser.userId].sort() }, after: { memberIds: [leadUser.userId] } });
  });

  it('admits only active non-viewer users as members', async () => {
    const group = (await send('POST', admin, '/api/v1/groups', { name: 'Picky' })).json();
    const asViewer = await send('POST', lead, `/api/v1/groups/${group.id}/members`, { userId: viewerUser.userId });
    expect(asViewer.statusCode).toBe(400);
    expect(asViewer.json().errors).toEqual([{ path: 'userId', message: 'is a viewer; viewers cannot be group members' }]);

    const gone = await t.userWithToken('agent');
    await updateUser(t.deps, SYSTEM_ACTOR, gone.userId, { active: false });
    const unknown = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    const mixed = await send('PUT', lead, `/api/v1/groups/${group.id}/members`, { userIds: [agentUser.userId, gone.userId, unknown] });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().errors.map((e: { path: string }) => e.path)).toEqual(['userIds.1', 'userIds.2']);
    expect((await get(viewer, `/api/v1/groups/${group.id}`)).json().members).toEqual([]);

    const bad = await send('PUT', lead, `/api/v1/groups/${group.id}/members`, { userIds: ['nope', agentUser.userId, agentUser.userId] });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses duplicate names with 409 and unknown ids with 404', async () => {
    await send('POST', lead, '/api/v1/groups', { name: 'Escalations' });
    const dup = await send('POST', lead, '/api/v1/groups', { name: 'ESCALATIONS' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('already_exists');
    const other = (await send('POST', lead, '/api/v1/groups', { name: 'Escalations 2' })).json();
    expect((await send('PATCH', lead, `/api/v1/groups/${other.id}`, { name: 'Escalations' })).statusCode).toBe(409);
    expect((await send('POST', lead, '/api/v1/groups', { name: '  ' })).statusCode).toBe(400);

    const missing = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect((await get(viewer, `/api/v1/groups/${missing}`)).statusCode).toBe(404);
    expect((await send('PATCH', lead, `/api/v1/groups/${missing}`, { name: 'X' })).statusCode).toBe(404);
    expect((await send('DELETE', lead, `/api/v1/groups/${missing}`)).statusCode).toBe(404);
    expect((await send('POST', lead, `/api/v1/groups/${missing}/members`, { userId: agentUser.userId })).statusCode).toBe(404);
  });

  it('deletes a group, unassigning its tickets, and audits it', async () => {
    const group = (await send('POST', lead, '/api/v1/groups', { name: 'Doomed' })).json();
    await send('PUT', lead, `/api/v1/groups/${group.id}/members`, { userIds: [agentUser.userId] });
    const ticket = (await send('POST', agent, '/api/v1/tickets', { subject: 'Routed', body: 'Hi', requester: { email: 'r@example.test' }, groupId: group.id })).json();
    expect(ticket.groupId).toBe(group.id);

    expect((await send('DELETE', lead, `/api/v1/groups/${group.id}`)).statusCode).toBe(204);
    expect((await get(viewer, `/api/v1/groups/${group.id}`)).statusCode).toBe(404);
    expect((await get(agent, `/api/v1/tickets/${ticket.id}`)).json().groupId).toBeNull();
    const deleted = (await auditOf(group.id)).find((e) => e.action === 'group.deleted');
    expect(deleted?.before).toEqual({ name: 'Doomed', description: null, memberIds: [agentUser.userId], ticketsUnassigned: 1 });
  });

  it('lets viewers and agents read groups but only leads and admins manage them', async () => {
    const group = (await send('POST', admin, '/api/v1/groups', { name: 'Roles' })).json();
    expect((await get(viewer, '/api/v1/groups')).statusCode).toBe(200);
    expect((await get(agent, `/api/v1/groups/${group.id}`)).statusCode).toBe(200);
    for (const token of [viewer, agent]) {
      const attempts = [
        send('POST', token, '/api/v1/groups', { name: 'Not allowed' }),
        send('PATCH', token, `/api/v1/groups/${group.id}`, { name: 'Not allowed' }),
        send('PUT', token, `/api/v1/groups/${group.id}/members`, { userIds: [agentUser.userId] }),
        send('POST', token, `/api/v1/groups/${group.id}/members`, { userId: agentUser.userId }),
        send('DELETE', token, `/api/v1/groups/${group.id}`),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('forbidden');
      }
    }
    expect((await get(viewer, `/api/v1/groups/${group.id}`)).json()).toMatchObject({ name: 'Roles', memberCount: 0 });
  });
});
