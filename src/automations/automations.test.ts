import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import { addMessage } from '../tickets/messages.service.js';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, captureMail, startTestApp, type TestContext } from '../test-support/harness.js';
import { startReceiver } from '../test-support/http-receiver.js';

type AuditItem = { action: string; actor: { type: string; id: string | null; label: string }; before: Record<string, unknown> | null; after: Record<string, unknown> | null };

describe.each(DIALECTS)('automations on %s', (dialect) => {
  let t: TestContext;
  let admin: string;
  let lead: string;
  let agent: string;
  let counter = 0;
  const HOUR = 3_600_000;

  const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', token: string, url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const get = (token: string, url: string) => t.app.inject({ url, headers: bearer(token) });
  const rule = async (body: object) => {
    const res = await send('POST', admin, '/api/v1/automations', { name: `Rule ${++counter}`, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; name: string; position: number };
  };
  const newTicket = async (extra: object = {}) => {
    const res = await send('POST', agent, '/api/v1/tickets', { subject: `Help ${++counter}`, body: 'Please help', requester: { email: `c${counter}@example.test`, name: 'Cus Tomer' }, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const ticketNow = async (id: string) => (await get(agent, `/api/v1/tickets/${id}`)).json();
  const auditOf = async (ticketId: string) => (await get(admin, `/api/v1/tickets/${ticketId}/events`)).json().items as AuditItem[];
  /** Emails queued by automations (surveys queue theirs too, with a `kind`). */
  let mail: Record<string, unknown>[] = [];
  const automatedEmails = async () => mail.filter((e) => e.kind === undefined);
  // Rules' changes only: triage, routing and SLA also act as automation actors, under their own labels.
  const byAutomation = (events: AuditItem[]) => events.filter((e) => e.actor.type === 'automation' && e.actor.label.startsWith('automation:'));

  beforeAll(async () => {
    t = await startTestApp(dialect);
    mail = captureMail(t);
    admin = (await t.userWithToken('admin')).token;
    lead = (await t.userWithToken('lead')).token;
    agent = (await t.userWithToken('agent')).token;
    await send('POST', admin, '/api/v1/organisations', { name: 'Bigco', domains: ['bigco.test'], vip: true, plan: 'enterprise' });
  });
  afterEach(async () => {
    await t.deps.jobs.drain();
    for (const a of (await get(admin, '/api/v1/automations')).json().items) await send('DELETE', admin, `/api/v1/automations/${a.id}`);
  });
  afterAll(() => t.close());

  it('refuses conditions on unknown fields and other mistakes with field-level detail', async () => {
    const res = await send('POST', admin, '/api/v1/automations', {
      name: 'Broken',
      trigger: 'ticket.created',
      conditions: {
        all: [
          { field: 'ticket.colour', operator: 'is', value: 'red' },
          { field: 'ticket.status', operator: 'greater_than', value: 2 },
          { field: 'ticket.priority', operator: 'is', value: 9 },
        ],
        any: [{ field: 'ticket.status', operator: 'changed' }, { field: 'csat.rating', operator: 'less_than', value: 3 }],
      },
      actions: [
        { type: 'add_note', body: 'Hi {{requester.shoeSize}}' },
        { type: 'apply_macro', macroId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' },
        { type: 'call_webhook', webhookId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' },
        { type: 'assign', assigneeId: 'current_user' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors as { path: string; message: string }[];
    expect(errors.map((e) => e.path)).toEqual([
      'conditions.all.0.field',
      'conditions.all.1.operator',
      'conditions.all.2.value',
      'conditions.any.0.operator',
      'conditions.any.1.field',
      'actions.3.assigneeId',
      'actions.0.body',
      'actions.1.macroId',
      'actions.2.webhookId',
    ]);
    expect(errors[0].message).toMatch(/^unknown field ticket\.colour; known: ticket\.status/);
    expect(errors[3].message).toBe('changed needs the ticket.updated trigger');
    expect(errors[6].message).toMatch(/^unknown placeholder \{\{requester\.shoeSize\}\}/);

    const timeRule = await send('POST', admin, '/api/v1/automations', { name: 'Aimless', trigger: 'time', conditions: { all: [{ field: 'ticket.status', operator: 'is', value: 'pending' }] }, actions: [{ type: 'add_tags', tags: ['x'] }] });
    expect(timeRule.json().errors).toEqual([{ path: 'conditions.all', message: 'a time rule needs ticket.createdAt or ticket.updatedAt with hours_since_greater_than' }]);
    const badAction = await send('POST', admin, '/api/v1/automations', { name: 'Bad', trigger: 'ticket.created', actions: [{ type: 'launch_rocket' }] });
    expect(badAction.statusCode).toBe(400);
    expect((await send('POST', lead, '/api/v1/automations', { name: 'Lead', trigger: 'ticket.created', actions: [{ type: 'add_tags', tags: ['x'] }] })).statusCode).toBe(403);
    expect((await get(agent, '/api/v1/automations')).statusCode).toBe(403);
    expect((await get(admin, '/api/v1/automations')).json().items).toEqual([]);
  });

  it('describes the fields conditions can name, as the checks on save see them', async () => {
    const res = await get(admin, '/api/v1/automations/fields');
    expect(res.statusCode).toBe(200);
    const fields = res.json().items as { name: string; kind: string; values?: unknown[]; triggers?: string[]; operators: string[]; changeOperators: string[] }[];
    const field = (name: string) => fields.find((f) => f.name === name)!;
    expect(field('ticket.status')).toMatchObject({ kind: 'enum', values: ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'], changeOperators: ['changed', 'changed_to', 'changed_from'] });
    expect(field('ticket.tags')).toMatchObject({ kind: 'tags', changeOperators: ['changed'] });
    expect(field('csat.rating')).toMatchObject({ kind: 'number', triggers: ['csat.received'], operators: expect.arrayContaining(['greater_than']) });
    expect(field('ticket.updatedAt').operators).toEqual(['hours_since_greater_than', 'hours_since_less_than']);
    // What the description offers, the save accepts: one condition per field with its first operator.
    const sample: Record<string, unknown> = { enum: 'x', text: 'billing', number: 2, ref: null, boolean: true, tags: 'vip', time: 24 };
    const all = fields
      .filter((f) => !f.triggers)
      .map((f) => ({ field: f.name, operator: f.operators[0], value: f.kind === 'enum' || f.kind === 'number' ? f.values![0] : sample[f.kind] }));
    const created = await send('POST', admin, '/api/v1/automations', { name: 'Every field', trigger: 'ticket.created', conditions: { all }, actions: [{ type: 'add_tags', tags: ['x'] }] });
    expect(created.statusCode, created.body).toBe(201);
    expect((await get(lead, '/api/v1/automations/fields')).statusCode).toBe(403);
  });

  it('matches all and any conditions over ticket, requester and organisation fields', async () => {
    await rule({
      trigger: 'ticket.created',
      conditions: {
        all: [
          { field: 'ticket.subject', operator: 'contains', value: 'REFUND' },
          { field: 'ticket.status', operator: 'in', value: ['new', 'open'] },
        ],
        any: [
          { field: 'organisation.vip', operator: 'is', value: true },
          { field: 'requester.email', operator: 'is', value: 'boss@example.test' },
        ],
      },
      actions: [{ type: 'set_fields', priority: 1 }, { type: 'add_tags', tags: ['vip-refund'] }],
    });
    const vip = await newTicket({ subject: 'Refund for Bigco', requester: { email: 'ann@bigco.test' } });
    const boss = await newTicket({ subject: 'refund now', requester: { email: 'boss@example.test' } });
    const nobody = await newTicket({ subject: 'Refund please', requester: { email: 'joe@example.test' } });
    const notRefund = await newTicket({ subject: 'Login broken', requester: { email: 'ann@bigco.test' } });
    await t.deps.jobs.drain();
    expect((await ticketNow(vip.id)).tags).toEqual(['vip-refund']);
    expect((await ticketNow(vip.id)).priority).toBe(1);
    expect((await ticketNow(boss.id)).tags).toEqual(['vip-refund']);
    expect((await ticketNow(nobody.id)).tags).toEqual([]);
    expect((await ticketNow(notRefund.id)).tags).toEqual([]);
  });

  it('audits every automated change with actor automation:<name> and counts runs', async () => {
    const r = await rule({ name: 'Triage bigco', trigger: 'ticket.created', conditions: { all: [{ field: 'organisation.plan', operator: 'is', value: 'Enterprise' }] }, actions: [{ type: 'set_fields', category: 'enterprise' }, { type: 'add_note', body: 'Auto-triaged #{{ticket.number}} for {{organisation.name}}' }] });
    const ticket = await newTicket({ requester: { email: 'bo@bigco.test' } });
    await t.deps.jobs.drain();
    const automated = byAutomation(await auditOf(ticket.id));
    expect(automated.map((e) => e.action)).toEqual(['ticket.updated', 'message.note_added']);
    for (const e of automated) expect(e.actor).toEqual({ type: 'automation', id: r.id, label: 'automation:Triage bigco' });
    expect(automated[0]).toMatchObject({ before: { category: null }, after: { category: 'enterprise' } });
    const notes = (await get(agent, `/api/v1/tickets/${ticket.id}/messages`)).json().items.filter((m: { visibility: string }) => m.visibility === 'internal');
    expect(notes.map((m: { body: string; author: { type: string } }) => [m.body, m.author.type])).toEqual([[`Auto-triaged #${ticket.number} for Bigco`, 'system']]);
    expect((await get(admin, `/api/v1/automations/${r.id}`)).json()).toMatchObject({ runCount: 1, lastRunAt: expect.any(String), lastError: null });
  });

  it('runs rules in their explicit order, each seeing the changes of the ones before', async () => {
    const classify = await rule({ name: 'Classify', trigger: 'ticket.created', conditions: { all: [{ field: 'ticket.subject', operator: 'contains', value: 'invoice' }] }, actions: [{ type: 'set_fields', category: 'billing' }] });
    const route = await rule({ name: 'Route', trigger: 'ticket.created', conditions: { all: [{ field: 'ticket.category', operator: 'is', value: 'billing' }] }, actions: [{ type: 'add_tags', tags: ['routed'] }] });
    const last = await rule({ name: 'Last word', trigger: 'ticket.created', conditions: { all: [{ field: 'ticket.subject', operator: 'contains', value: 'invoice' }] }, actions: [{ type: 'set_fields', category: 'accounts' }] });
    expect([classify.position, route.position, last.position]).toEqual([0, 1, 2]);
    const first = await newTicket({ subject: 'Wrong invoice' });
    await t.deps.jobs.drain();
    expect(await ticketNow(first.id)).toMatchObject({ category: 'accounts', tags: ['routed'] });

    const reordered = await send('PUT', admin, '/api/v1/automations/order', { ids: [last.id, route.id, classify.id] });
    expect(reordered.json().items.map((a: { name: string }) => a.name)).toEqual(['Last word', 'Route', 'Classify']);
    const second = await newTicket({ subject: 'Another invoice' });
    await t.deps.jobs.drain();
    // Route ran before anything set the category; Classify ran last and won.
    expect(await ticketNow(second.id)).toMatchObject({ category: 'billing', tags: [] });

    const incomplete = await send('PUT', admin, '/api/v1/automations/order', { ids: [last.id] });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().errors[0].message).toMatch(/^must list every automation; missing: /);
    const inserted = await rule({ name: 'Inserted', trigger: 'ticket.created', position: 1, actions: [{ type: 'add_tags', tags: ['seen'] }] });
    expect(inserted.position).toBe(1);
    expect((await get(admin, '/api/v1/automations')).json().items.map((a: { name: string }) => a.name)).toEqual(['Last word', 'Inserted', 'Route', 'Classify']);
  });

  it('stops rules that undo each other: each fires once per event', async () => {
    const up = await rule({ name: 'Escalate', trigger: 'ticket.updated', conditions: { all: [{ field: 'ticket.tags', operator: 'contains', value: 'vip' }] }, actions: [{ type: 'set_fields', priority: 1 }] });
    const down = await rule({ name: 'De-escalate', trigger: 'ticket.updated', conditions: { all: [{ field: 'ticket.priority', operator: 'is', value: 1 }] }, actions: [{ type: 'set_fields', priority: 2 }] });
    const ticket = await newTicket();
    await send('PATCH', agent, `/api/v1/tickets/${ticket.id}`, { tags: ['vip'] });
    const ran = await t.deps.jobs.drain();
    expect(ran).toBeLessThan(5);
    const automated = byAutomation(await auditOf(ticket.id));
    expect(automated.map((e) => [e.actor.label, e.after])).toEqual([
      ['automation:Escalate', { priority: 1 }],
      ['automation:De-escalate', { priority: 2 }],
    ]);
    expect((await ticketNow(ticket.id)).priority).toBe(2);
    // A new event is a new chance for each.
    await send('PATCH', agent, `/api/v1/tickets/${ticket.id}`, { category: 'x' });
    await t.deps.jobs.drain();
    expect(byAutomation(await auditOf(ticket.id))).toHaveLength(4);
    expect((await get(admin, `/api/v1/automations/${up.id}`)).json().runCount).toBe(2);
    expect((await get(admin, `/api/v1/automations/${down.id}`)).json().runCount).toBe(2);
  });

  it('stops a chain of rules triggering one another at the depth limit', async () => {
    // Listed last-step first, so each pass fires one rule and the next needs a follow-up pass.
    for (let step = 7; step >= 0; step--) {
      await rule({ name: `Step ${step}`, trigger: 'ticket.updated', conditions: { all: [{ field: 'ticket.tags', operator: 'contains', value: `step-${step}` }] }, actions: [{ type: 'add_tags', tags: [`step-${step + 1}`] }] });
    }
    const ticket = await newTicket();
    await send('PATCH', agent, `/api/v1/tickets/${ticket.id}`, { tags: ['step-0'] });
    await t.deps.jobs.drain();
    // The first pass and five follow-ups: step-1 … step-6, then the chain stops.
    expect((await ticketNow(ticket.id)).tags).toEqual(['step-0', 'step-1', 'step-2', 'step-3', 'step-4', 'step-5', 'step-6']);
  });

  it('reacts to changes (changed_to / changed_from), replies, SLA breaches and CSAT', async () => {
    const r = await startReceiver([]);
    try {
      const hook = (await send('POST', admin, '/api/v1/webhooks', { name: 'Ops', url: r.url, events: ['csat.received'] })).json();
      const macro = (await send('POST', lead, '/api/v1/macros', { name: 'Sorry', body: 'Follow up with {{requester.name}}', visibility: 'internal' })).json();
      await rule({ name: 'Solved note', trigger: 'ticket.updated', conditions: { all: [{ field: 'ticket.status', operator: 'changed_to', value: 'solved' }, { field: 'ticket.status', operator: 'changed_from', value: 'open' }] }, actions: [{ type: 'add_tags', tags: ['was-open'] }] });
      await rule({ name: 'Customer wrote', trigger: 'message.created', conditions: { all: [{ field: 'message.authorType', operator: 'is', value: 'customer' }, { field: 'message.body', operator: 'contains', value: 'angry' }] }, actions: [{ type: 'set_fields', priority: 1 }] });
      await rule({ name: 'Breach', trigger: 'sla.breached', conditions: { all: [{ field: 'sla.metric', operator: 'is', value: 'resolution' }] }, actions: [{ type: 'add_tags', tags: ['breached'] }] });
      await rule({
        name: 'Unhappy',
        trigger: 'csat.received',
        conditions: { all: [{ field: 'csat.rating', operator: 'less_than', value: 3 }] },
        actions: [{ type: 'add_tags', tags: ['unhappy'] }, { type: 'apply_macro', macroId: macro.id }, { type: 'call_webhook', webhookId: hook.id }],
      });

      const ticket = await newTicket();
      await send('PATCH', agent, `/api/v1/tickets/${ticket.id}`, { status: 'open' });
      await send('PATCH', agent, `/api/v1/tickets/${ticket.id}`, { status: 'solved' });
      await t.deps.jobs.drain();
      expect((await ticketNow(ticket.id)).tags).toEqual(['was-open']);

      await addMessage(t.deps, SYSTEM_ACTOR, { type: 'customer', id: ticket.requester.id }, ticket.id, { body: 'I am angry', visibility: 'public' });
      await t.deps.jobs.drain();
      expect(await ticketNow(ticket.id)).toMatchObject({ priority: 1, status: 'open' });

      t.deps.events.publish('sla.breached', { ticketId: ticket.id, metric: 'first_response', dueAt: t.clock.now().toISOString() });
      t.deps.events.publish('sla.breached', { ticketId: ticket.id, metric: 'resolution', dueAt: t.clock.now().toISOString() });
      t.deps.events.publish('csat.received', { ticketId: ticket.id, rating: 1, comment: 'Slow', changed: false });
      t.deps.events.publish('csat.received', { ticketId: ticket.id, rating: 5, comment: null, changed: true });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await t.deps.jobs.drain();
      // The bus delivers the three events independently: their order is not fixed.
      expect((await ticketNow(ticket.id)).tags.sort()).toEqual(['breached', 'unhappy', 'was-open']);
      const notes = (await get(agent, `/api/v1/tickets/${ticket.id}/messages`)).json().items.filter((m: { visibility: string }) => m.visibility === 'internal');
      expect(notes.map((m: { body: string }) => m.body)).toEqual(['Follow up with Cus Tomer']);
      expect((await get(agent, `/api/v1/macros/${macro.id}`)).json().usageCount).toBe(1);
      // The webhook got the csat event (subscribed) and the automation's one-off call.
      const types = r.requests.map((q) => JSON.parse(q.body).type).sort();
      expect(types).toEqual(['automation.triggered', 'csat.received', 'csat.received']);
      const call = r.requests.map((q) => JSON.parse(q.body)).find((b) => b.type === 'automation.triggered');
      expect(call.data).toMatchObject({ automation: { name: 'Unhappy' }, ticket: { id: ticket.id } });
    } finally {
      await r.close();
    }
  });

  it('runs time rules from the periodic sweep: pending 3 days → remind, 2 more days → solve', async () => {
    const remind = await rule({
      name: 'Pending reminder',
      trigger: 'time',
      conditions: {
        all: [
          { field: 'ticket.status', operator: 'is', value: 'pending' },
          { field: 'ticket.updatedAt', operator: 'hours_since_greater_than', value: 72 },
          { field: 'ticket.tags', operator: 'not_contains', value: 'reminded' },
        ],
      },
      actions: [
        { type: 'add_tags', tags: ['reminded'] },
        { type: 'send_email', to: 'requester', subject: 'Still need help with #{{ticket.number}}?', body: 'Hi {{requester.firstName}}, we are waiting for your answer.' },
      ],
    });
    await rule({
      name: 'Auto-solve',
      trigger: 'time',
      conditions: { all: [{ field: 'ticket.status', operator: 'is', value: 'pending' }, { field: 'ticket.tags', operator: 'contains', value: 'reminded' }, { field: 'ticket.updatedAt', operator: 'hours_since_greater_than', value: 48 }] },
      actions: [{ type: 'set_fields', status: 'solved' }],
    });
    const waiting = await newTicket();
    await send('PATCH', agent, `/api/v1/tickets/${waiting.id}`, { status: 'pending' });
    const busy = await newTicket();
    await send('PATCH', agent, `/api/v1/tickets/${busy.id}`, { status: 'open' });
    await t.deps.jobs.drain();

    t.clock.advance(71 * HOUR);
    await t.deps.jobs.drain();
    expect((await ticketNow(waiting.id)).tags).toEqual([]);

    t.clock.advance(2 * HOUR);
    await t.deps.jobs.drain();
    expect(await ticketNow(waiting.id)).toMatchObject({ status: 'pending', tags: ['reminded'] });
    expect((await ticketNow(busy.id)).tags).toEqual([]);
    expect(await automatedEmails()).toEqual([
      { to: waiting.requester.email, subject: `Still need help with #${waiting.number}?`, text: 'Hi Cus, we are waiting for your answer.', ticketId: waiting.id },
    ]);

    // Another sweep a little later changes nothing; two days after the reminder the ticket is solved.
    t.clock.advance(24 * HOUR);
    await t.deps.jobs.drain();
    expect((await ticketNow(waiting.id)).status).toBe('pending');
    t.clock.advance(25 * HOUR);
    await t.deps.jobs.drain();
    expect((await ticketNow(waiting.id)).status).toBe('solved');
    expect(await automatedEmails()).toHaveLength(1);

    const automated = byAutomation(await auditOf(waiting.id));
    expect(automated.map((e) => [e.actor.label, e.after])).toEqual([
      ['automation:Pending reminder', { tags: ['reminded'] }],
      ['automation:Auto-solve', { status: 'solved' }],
    ]);
    expect((await get(admin, `/api/v1/automations/${remind.id}`)).json().runCount).toBe(1);
  });

  it('fires a time rule once per ticket for each value of the timestamps it measures from', async () => {
    await rule({
      name: 'Nudge',
      trigger: 'time',
      conditions: { all: [{ field: 'ticket.createdAt', operator: 'hours_since_greater_than', value: 24 }, { field: 'ticket.assigneeId', operator: 'is', value: null }] },
      actions: [{ type: 'send_email', to: 'nudge@example.test', subject: 'Unassigned: #{{ticket.number}}', body: '{{ticket.subject}}' }],
    });
    const ticket = await newTicket();
    await t.deps.jobs.drain();
    const nudges = async () => (await automatedEmails()).map((e) => e.subject);
    t.clock.advance(25 * HOUR);
    await t.deps.jobs.drain();
    expect(await nudges()).toContain(`Unassigned: #${ticket.number}`);
    const count = (await nudges()).length;
    // Still unassigned at the next sweeps, but the email does not change the ticket: no repeat.
    for (let i = 0; i < 3; i++) {
      t.clock.advance(10 * 60_000);
      await t.deps.jobs.drain();
    }
    expect(await nudges()).toHaveLength(count);
  });

  it('records a refused action on the rule instead of retrying forever', async () => {
    const r = await rule({ name: 'Impossible', trigger: 'ticket.updated', conditions: { all: [{ field: 'ticket.status', operator: 'changed_to', value: 'solved' }] }, actions: [{ type: 'set_fields', status: 'on_hold' }] });
    const ticket = await newTicket();
    await send('PATCH', agent, `/api/v1/tickets/${ticket.id}`, { status: 'solved' });
    await t.deps.jobs.drain();
    const after = (await get(admin, `/api/v1/automations/${r.id}`)).json();
    expect(after.runCount).toBe(1);
    expect(after.lastError).toMatch(/^invalid_status_transition: /);
    expect((await ticketNow(ticket.id)).status).toBe('solved');
    const failed = await t.deps.db.kysely.selectFrom('jobs').select('id').where('status', '=', 'failed').execute();
    expect(failed).toEqual([]);
  });

  it('edits, deactivates and deletes rules with an audit trail', async () => {
    const r = await rule({ name: 'Editable', trigger: 'ticket.created', actions: [{ type: 'add_tags', tags: ['auto'] }] });
    const bad = await send('PATCH', admin, `/api/v1/automations/${r.id}`, { conditions: { all: [{ field: 'ticket.nope', operator: 'is', value: 1 }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('conditions.all.0.field');
    expect((await send('PATCH', admin, `/api/v1/automations/${r.id}`, { active: false })).json().active).toBe(false);
    const ticket = await newTicket();
    await t.deps.jobs.drain();
    expect((await ticketNow(ticket.id)).tags).toEqual([]);
    expect((await send('POST', admin, '/api/v1/automations', { name: 'editable', trigger: 'ticket.created', actions: [{ type: 'add_tags', tags: ['x'] }] })).statusCode).toBe(409);
    expect((await send('DELETE', admin, `/api/v1/automations/${r.id}`)).statusCode).toBe(204);
    const audit = (await get(admin, `/api/v1/audit?entityType=automation&entityId=${r.id}&order=asc`)).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['automation.created', 'automation.updated', 'automation.deleted']);
  });
});
