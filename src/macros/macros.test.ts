import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';

describe.each(DIALECTS)('macros on %s', (dialect) => {
  let t: TestContext;
  let admin: string;
  let lead: string;
  let agent: string;
  let viewer: string;
  let agentUser: { userId: string; email: string };
  let counter = 0;

  const send = (method: 'POST' | 'PATCH' | 'DELETE', token: string, url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const get = (token: string, url: string) => t.app.inject({ url, headers: bearer(token) });
  const newTicket = async (extra: object = {}) =>
    (await send('POST', agent, '/api/v1/tickets', { subject: `Refund please ${++counter}`, body: 'I was charged twice', requester: { email: `grace${counter}@acme.test`, name: 'Grace Hopper' }, ...extra })).json();
  const createMacro = async (body: object) => {
    const res = await send('POST', lead, '/api/v1/macros', { name: `Macro ${++counter}`, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = (await t.userWithToken('admin')).token;
    lead = (await t.userWithToken('lead')).token;
    ({ token: agent, ...agentUser } = await t.userWithToken('agent'));
    viewer = (await t.userWithToken('viewer')).token;
    await send('POST', admin, '/api/v1/organisations', { name: 'Acme Corp', domains: ['acme.test'] });
  });
  afterAll(() => t.close());

  it('refuses unknown placeholders at save time, naming each', async () => {
    const res = await send('POST', lead, '/api/v1/macros', { name: 'Typo', body: 'Hi {{requester.nmae}}, ticket {{ticket.number}} {{ ticket.colour }}' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
    const errors = res.json().errors as { path: string; message: string }[];
    expect(errors.map((e) => e.path)).toEqual(['body', 'body']);
    expect(errors[0].message).toMatch(/^unknown placeholder \{\{requester\.nmae\}\}/);
    expect(errors[1].message).toMatch(/^unknown placeholder \{\{ticket\.colour\}\}/);
    expect(res.json().detail).toContain('{{requester.nmae}}');
    // Also when an edit introduces one.
    const ok = await createMacro({ body: 'Hello {{requester.name}}' });
    const edit = await send('PATCH', lead, `/api/v1/macros/${ok.id}`, { body: 'Hello {{customer.name}}' });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().errors[0].message).toContain('{{customer.name}}');
    expect((await get(agent, `/api/v1/macros/${ok.id}`)).json().body).toBe('Hello {{requester.name}}');
    // A macro that does nothing is refused too.
    expect((await send('POST', lead, '/api/v1/macros', { name: 'Empty' })).statusCode).toBe(400);
  });

  it('previews the rendered text and the changes without applying anything', async () => {
    const ticket = await newTicket();
    const macro = await createMacro({
      body: 'Hi {{requester.firstName}}, about #{{ticket.number}} "{{ticket.subject}}" for {{organisation.name}} ({{requester.email}}): refunded. {{agent.name}} — {{ticket.category|no category}}',
      actions: [
        { type: 'set_fields', status: 'pending', priority: 2 },
        { type: 'add_tags', tags: ['refund', 'Billing Issue'] },
        { type: 'assign', assigneeId: 'current_user' },
      ],
    });
    const res = await send('POST', agent, `/api/v1/macros/${macro.id}/preview`, { ticketId: ticket.id });
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    const agentName = (await get(admin, `/api/v1/users/${agentUser.userId}`)).json().name;
    expect(preview.body).toBe(`Hi Grace, about #${ticket.number} "${ticket.subject}" for Acme Corp (${ticket.requester.email}): refunded. ${agentName} — no category`);
    expect(preview.visibility).toBe('public');
    expect(preview.changes).toEqual({
      status: { from: 'new', to: 'pending' },
      priority: { from: ticket.priority, to: 2 },
      assigneeId: { from: null, to: agentUser.userId },
      tags: { from: [], to: ['refund', 'billing-issue'] },
    });
    const after = (await get(agent, `/api/v1/tickets/${ticket.id}`)).json();
    expect(after.version).toBe(ticket.version);
    expect((await get(agent, `/api/v1/macros/${macro.id}`)).json().usageCount).toBe(0);
  });

  it('applies a macro: the reply, the field changes, the audit trail and the usage count', async () => {
    const ticket = await newTicket();
    const macro = await createMacro({
      body: 'Hello {{requester.name}}, we are on ticket {{ticket.number}}.',
      actions: [{ type: 'set_fields', status: 'pending', category: 'billing' }, { type: 'add_tags', tags: ['macro-used'] }],
    });
    t.clock.advance(60_000);
    const res = await send('POST', agent, `/api/v1/macros/${macro.id}/apply`, { ticketId: ticket.id });
    expect(res.statusCode, res.body).toBe(200);
    const { ticket: applied, message } = res.json();
    expect(applied).toMatchObject({ status: 'pending', category: 'billing', tags: ['macro-used'] });
    expect(applied.firstResponseAt).not.toBeNull();
    expect(message).toMatchObject({ body: `Hello Grace Hopper, we are on ticket ${ticket.number}.`, visibility: 'public', author: { type: 'agent', id: agentUser.userId } });
    const messages = (await get(agent, `/api/v1/tickets/${ticket.id}/messages`)).json().items;
    expect(messages.map((m: { body: string }) => m.body)).toContain(message.body);

    const used = (await get(agent, `/api/v1/macros/${macro.id}`)).json();
    expect(used.usageCount).toBe(1);
    expect(used.lastUsedAt).toBe(t.clock.now().toISOString());
    await send('POST', agent, `/api/v1/macros/${macro.id}/apply`, { ticketId: (await newTicket()).id });
    expect((await get(agent, `/api/v1/macros/${macro.id}`)).json().usageCount).toBe(2);

    const events = (await get(admin, `/api/v1/tickets/${ticket.id}/events`)).json().items as { action: string; actor: { label: string } }[];
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['ticket.updated', 'message.reply_added', 'macro.applied']));
    expect(events.find((e) => e.action === 'macro.applied')?.actor.label).toBe(`${agentUser.email} (token)`);
  });

  it('applies a macro as a draft for the composer (send: false): actions now, the text and its status left to send', async () => {
    const ticket = await newTicket();
    const macro = await createMacro({
      body: 'Hello {{requester.firstName}}, refund on its way for #{{ticket.number}}.',
      actions: [{ type: 'set_fields', status: 'pending', priority: 2 }, { type: 'add_tags', tags: ['refund'] }],
    });
    const res = await send('POST', agent, `/api/v1/macros/${macro.id}/apply`, { ticketId: ticket.id, send: false });
    expect(res.statusCode, res.body).toBe(200);
    const { ticket: applied, message, draft } = res.json();
    expect(message).toBeNull();
    expect(draft).toEqual({ body: `Hello Grace, refund on its way for #${ticket.number}.`, visibility: 'public', status: 'pending' });
    // The tags and priority are applied; the status waits for the reply, which has not been sent.
    expect(applied).toMatchObject({ status: 'new', priority: 2, tags: ['refund'], firstResponseAt: null });
    expect((await get(agent, `/api/v1/tickets/${ticket.id}/messages`)).json().items).toHaveLength(1);
    expect((await get(agent, `/api/v1/macros/${macro.id}`)).json().usageCount).toBe(1);
    const events = (await get(admin, `/api/v1/tickets/${ticket.id}/events`)).json().items as { action: string; after: Record<string, unknown> | null }[];
    expect(events.find((e) => e.action === 'macro.applied')?.after).toMatchObject({ fields: ['priority', 'tags'], messageId: null, draft: true });
    expect(events.map((e) => e.action)).not.toContain('message.reply_added');

    // A note's draft carries no status: the status applies at once.
    const note = await createMacro({ body: 'Checked by {{agent.email}}', visibility: 'internal', actions: [{ type: 'set_fields', status: 'on_hold' }] });
    const noted = (await send('POST', agent, `/api/v1/macros/${note.id}/apply`, { ticketId: ticket.id, send: false })).json();
    expect(noted).toMatchObject({ message: null, draft: { visibility: 'internal', status: null }, ticket: { status: 'on_hold' } });

    // Without a body there is no draft: a status action applies at once.
    const fieldsOnly = await createMacro({ actions: [{ type: 'set_fields', status: 'open' }] });
    const now = (await send('POST', agent, `/api/v1/macros/${fieldsOnly.id}/apply`, { ticketId: ticket.id, send: false })).json();
    expect(now).toMatchObject({ draft: null, message: null, ticket: { status: 'open' } });
    expect((await send('POST', agent, `/api/v1/macros/${fieldsOnly.id}/apply`, { ticketId: ticket.id, send: 'no' })).statusCode).toBe(400);
  });

  it('applies a note-only macro and one without a body', async () => {
    const ticket = await newTicket();
    const note = await createMacro({ body: 'Escalated by {{agent.email}}', visibility: 'internal' });
    const res = (await send('POST', agent, `/api/v1/macros/${note.id}/apply`, { ticketId: ticket.id })).json();
    expect(res.message).toMatchObject({ visibility: 'internal', body: `Escalated by ${agentUser.email}` });
    expect(res.ticket.status).toBe('new');

    const fieldsOnly = await createMacro({ actions: [{ type: 'set_fields', priority: 1 }, { type: 'remove_tags', tags: ['nothing'] }] });
    const applied = (await send('POST', agent, `/api/v1/macros/${fieldsOnly.id}/apply`, { ticketId: ticket.id })).json();
    expect(applied.message).toBeNull();
    expect(applied.ticket.priority).toBe(1);
  });

  it('refuses an inactive macro, an impossible status move, and unknown tickets', async () => {
    const macro = await createMacro({ body: 'Bye', active: false });
    const ticket = await newTicket();
    const inactive = await send('POST', agent, `/api/v1/macros/${macro.id}/apply`, { ticketId: ticket.id });
    expect(inactive.statusCode).toBe(409);
    expect(inactive.json().code).toBe('macro_inactive');
    expect((await get(agent, '/api/v1/macros?active=false')).json().items.map((m: { id: string }) => m.id)).toContain(macro.id);

    const solved = await newTicket();
    await send('PATCH', agent, `/api/v1/tickets/${solved.id}`, { status: 'solved' });
    const backToNew = await createMacro({ body: 'Again', actions: [{ type: 'set_fields', status: 'on_hold', priority: 1 }] });
    const refused = await send('POST', agent, `/api/v1/macros/${backToNew.id}/apply`, { ticketId: solved.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('invalid_status_transition');
    expect((await get(agent, `/api/v1/macros/${backToNew.id}`)).json().usageCount).toBe(0);
    expect((await get(agent, `/api/v1/tickets/${solved.id}`)).json().priority).toBe(solved.priority);

    const missing = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect((await send('POST', agent, `/api/v1/macros/${macro.id}/preview`, { ticketId: missing })).statusCode).toBe(404);
    expect((await send('POST', agent, `/api/v1/macros/${missing}/apply`, { ticketId: ticket.id })).statusCode).toBe(404);
    expect((await send('POST', agent, `/api/v1/macros/${macro.id}/apply`, { ticketId: 'nope' })).statusCode).toBe(400);
  });

  it('lets agents use macros, leads manage them, and viewers neither', async () => {
    const macro = await createMacro({ body: 'Roles' });
    expect((await send('POST', agent, '/api/v1/macros', { name: 'Mine', body: 'x' })).statusCode).toBe(403);
    expect((await send('PATCH', agent, `/api/v1/macros/${macro.id}`, { body: 'y' })).statusCode).toBe(403);
    expect((await get(viewer, '/api/v1/macros')).statusCode).toBe(403);
    expect((await get(agent, '/api/v1/macros')).statusCode).toBe(200);
    const dup = await send('POST', lead, '/api/v1/macros', { name: macro.name.toUpperCase(), body: 'x' });
    expect(dup.statusCode).toBe(409);
    expect((await send('PATCH', lead, `/api/v1/macros/${macro.id}`, { description: 'For tests' })).json().description).toBe('For tests');
    expect((await send('DELETE', lead, `/api/v1/macros/${macro.id}`)).statusCode).toBe(204);
    const audit = (await get(admin, `/api/v1/audit?entityType=macro&entityId=${macro.id}&order=asc`)).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['macro.created', 'macro.updated', 'macro.deleted']);
  });
});
