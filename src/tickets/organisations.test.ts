import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';

const ticketFrom = (email: string, subject = 'Invoices will not export') => ({
  subject,
  body: 'The export button spins forever since this morning.',
  requester: { email, name: 'Someone' },
});

describe.each(DIALECTS)('organisations on %s', (dialect) => {
  let t: TestContext;
  let admin: string;
  let agent: string;
  let viewer: string;

  const post = (token: string, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: bearer(token), payload });
  const patch = (token: string, url: string, payload: object) => t.app.inject({ method: 'PATCH', url, headers: bearer(token), payload });
  const get = (token: string, url: string) => t.app.inject({ url, headers: bearer(token) });
  const auditOf = async (entityId: string) =>
    (await get(admin, `/api/v1/audit?entityType=organisation&entityId=${entityId}&order=asc`)).json().items as { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = (await t.userWithToken('admin')).token;
    agent = (await t.userWithToken('agent')).token;
    viewer = (await t.userWithToken('viewer')).token;
  });
  afterAll(() => t.close());

  it('creates, reads, updates and lists organisations, auditing each write', async () => {
    const created = await post(admin, '/api/v1/organisations', { name: 'Globex', domains: ['Globex.Example', '@globex-mail.example'], plan: 'enterprise', vip: true, notes: 'Key account' });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    expect(org).toMatchObject({ name: 'Globex', domains: ['globex-mail.example', 'globex.example'], plan: 'enterprise', vip: true, notes: 'Key account', customerCount: 0, ticketCount: 0 });
    expect(created.headers.location).toBe(`/api/v1/organisations/${org.id}`);

    const updated = await patch(admin, `/api/v1/organisations/${org.id}`, { plan: null, vip: false, domains: ['globex.example'] });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ plan: null, vip: false, domains: ['globex.example'] });
    expect((await get(viewer, `/api/v1/organisations/${org.id}`)).json()).toMatchObject({ name: 'Globex', plan: null });

    const events = await auditOf(org.id);
    expect(events.map((e) => e.action)).toEqual(['organisation.created', 'organisation.updated']);
    expect(events[0].after).toMatchObject({ name: 'Globex', vip: true });
    expect(events[1].before).toEqual({ domains: ['globex-mail.example', 'globex.example'], plan: 'enterprise', vip: true });
    expect(events[1].after).toEqual({ domains: ['globex.example'], plan: null, vip: false });

    // The freed domain can go to another organisation.
    expect((await post(admin, '/api/v1/organisations', { name: 'Globex Mail', domains: ['globex-mail.example'] })).statusCode).toBe(201);
  });

  it('lists by name with a substring filter and cursor paging', async () => {
    for (const name of ['Pager Alpha', 'Pager Beta', 'Pager Gamma']) expect((await post(admin, '/api/v1/organisations', { name })).statusCode).toBe(201);
    const page1 = (await get(viewer, '/api/v1/organisations?q=PAGER&limit=2')).json();
    expect(page1.items.map((o: { name: string }) => o.name)).toEqual(['Pager Alpha', 'Pager Beta']);
    const page2 = (await get(viewer, `/api/v1/organisations?q=pager&limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((o: { name: string }) => o.name)).toEqual(['Pager Gamma']);
    expect(page2.nextCursor).toBeNull();
    expect((await get(viewer, '/api/v1/organisations?q=ger%20b')).json().items.map((o: { name: string }) => o.name)).toEqual(['Pager Beta']);
    expect((await get(viewer, '/api/v1/organisations?q=%25')).json().items).toEqual([]);
    expect((await get(viewer, '/api/v1/organisations?cursor=nonsense')).json().code).toBe('invalid_cursor');
  });

  it('attaches existing customers and their tickets when an organisation claims their domain', async () => {
    const before = (await post(agent, '/api/v1/tickets', ticketFrom('pat@initech.example'))).json();
    expect(before.organisationId).toBeNull();
    const other = (await post(agent, '/api/v1/tickets', ticketFrom('lee@not-initech.example'))).json();

    const org = (await post(admin, '/api/v1/organisations', { name: 'Initech', domains: ['initech.example'] })).json();
    expect(org).toMatchObject({ customerCount: 1, ticketCount: 1 });
    expect((await get(agent, `/api/v1/tickets/${before.id}`)).json().organisationId).toBe(org.id);
    expect((await get(agent, `/api/v1/tickets/${other.id}`)).json().organisationId).toBeNull();
    expect((await get(agent, `/api/v1/customers/${before.requester.id}`)).json().organisation).toMatchObject({ id: org.id, name: 'Initech' });

    const after = (await post(agent, '/api/v1/tickets', ticketFrom('new.person@initech.example'))).json();
    expect(after.organisationId).toBe(org.id);

    const attached = (await auditOf(org.id)).find((e) => e.action === 'organisation.customers_attached');
    expect(attached?.after).toMatchObject({ domains: ['initech.example'], customerCount: 1, customerIds: [before.requester.id], ticketCount: 1 });
  });

  it('attaches customers at a domain added later, but never steals a customer from another organisation', async () => {
    const first = (await post(admin, '/api/v1/organisations', { name: 'Hooli' })).json();
    const rival = (await post(admin, '/api/v1/organisations', { name: 'Hooli Rival' })).json();
    const loyal = (await post(agent, '/api/v1/customers', { email: 'loyal@hooli.example', organisationId: rival.id })).json();
    const free = (await post(agent, '/api/v1/tickets', ticketFrom('free@hooli.example'))).json();

    const res = await patch(admin, `/api/v1/organisations/${first.id}`, { domains: ['hooli.example'] });
    expect(res.json()).toMatchObject({ customerCount: 1, ticketCount: 1 });
    expect((await get(agent, `/api/v1/customers/${loyal.id}`)).json().organisationId).toBe(rival.id);
    expect((await get(agent, `/api/v1/tickets/${free.id}`)).json().organisationId).toBe(first.id);
  });

  it('refuses duplicate names and domains with 409 and bad input with 400', async () => {
    const org = (await post(admin, '/api/v1/organisations', { name: 'Umbrella', domains: ['umbrella.example'] })).json();
    const sameName = await post(admin, '/api/v1/organisations', { name: 'umbrella' });
    expect(sameName.statusCode).toBe(409);
    expect(sameName.json().code).toBe('already_exists');
    const sameDomain = await post(admin, '/api/v1/organisations', { name: 'Umbrella Two', domains: ['other.example', 'UMBRELLA.example'] });
    expect(sameDomain.statusCode).toBe(409);
    expect(sameDomain.json().errors).toEqual([{ path: 'domains.1', message: 'umbrella.example belongs to another organisation' }]);
    expect((await get(admin, '/api/v1/organisations?q=umbrella%20two')).json().items).toEqual([]);

    const other = (await post(admin, '/api/v1/organisations', { name: 'Umbrella Three' })).json();
    expect((await patch(admin, `/api/v1/organisations/${other.id}`, { name: 'Umbrella' })).statusCode).toBe(409);
    expect((await patch(admin, `/api/v1/organisations/${other.id}`, { domains: ['umbrella.example'] })).statusCode).toBe(409);
    // Keeping its own name and domains is no conflict.
    expect((await patch(admin, `/api/v1/organisations/${org.id}`, { name: 'Umbrella', domains: ['umbrella.example'], notes: 'x' })).statusCode).toBe(200);

    const bad = await post(admin, '/api/v1/organisations', { name: '', domains: ['not a domain', 'ok.example', 'ok.example'], vip: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.domains.0', 'body.vip']));
    expect((await patch(admin, `/api/v1/organisations/${org.id}`, { unknown: 1 })).statusCode).toBe(400);
  });

  it('deletes an organisation, detaching its customers and tickets, and audits it', async () => {
    const org = (await post(admin, '/api/v1/organisations', { name: 'Soylent', domains: ['soylent.example'] })).json();
    const ticket = (await post(agent, '/api/v1/tickets', ticketFrom('green@soylent.example'))).json();
    expect(ticket.organisationId).toBe(org.id);

    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/organisations/${org.id}`, headers: bearer(admin) });
    expect(res.statusCode).toBe(204);
    expect((await get(admin, `/api/v1/organisations/${org.id}`)).statusCode).toBe(404);
    expect((await get(agent, `/api/v1/tickets/${ticket.id}`)).json().organisationId).toBeNull();
    expect((await get(agent, `/api/v1/customers/${ticket.requester.id}`)).json().organisationId).toBeNull();
    const deleted = (await auditOf(org.id)).find((e) => e.action === 'organisation.deleted');
    expect(deleted?.before).toMatchObject({ name: 'Soylent', domains: ['soylent.example'], customersDetached: 1, ticketsDetached: 1 });
    // The domain is free again.
    expect((await post(admin, '/api/v1/organisations', { name: 'Soylent Green', domains: ['soylent.example'] })).statusCode).toBe(201);
  });

  it('answers 404 for unknown ids and enforces the role matrix', async () => {
    const missing = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect((await get(viewer, `/api/v1/organisations/${missing}`)).statusCode).toBe(404);
    expect((await patch(admin, `/api/v1/organisations/${missing}`, { vip: true })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/organisations/${missing}`, headers: bearer(admin) })).statusCode).toBe(404);

    expect((await get(viewer, '/api/v1/organisations')).statusCode).toBe(200);
    for (const token of [viewer, agent]) {
      const res = await post(token, '/api/v1/organisations', { name: `Forbidden ${token.slice(-4)}` });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('forbidden');
    }
    const lead = (await t.userWithToken('lead')).token;
    expect((await post(lead, '/api/v1/organisations', { name: 'Lead Corp' })).statusCode).toBe(403);
    expect((await get(admin, '/api/v1/organisations?q=forbidden')).json().items).toEqual([]);
  });
});
