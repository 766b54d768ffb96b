import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';

describe.each(DIALECTS)('customers on %s', (dialect) => {
  let t: TestContext;
  let admin: string;
  let agent: string;
  let viewer: string;
  let acme: { id: string };

  const post = (token: string, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: bearer(token), payload });
  const patch = (token: string, url: string, payload: object) => t.app.inject({ method: 'PATCH', url, headers: bearer(token), payload });
  const get = (token: string, url: string) => t.app.inject({ url, headers: bearer(token) });
  const emails = (res: { json(): { items: { email: string }[] } }) => res.json().items.map((c) => c.email);

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = (await t.userWithToken('admin')).token;
    agent = (await t.userWithToken('agent')).token;
    viewer = (await t.userWithToken('viewer')).token;
    acme = (await post(admin, '/api/v1/organisations', { name: 'Acme', domains: ['acme.example'], plan: 'pro', vip: true })).json();
  });
  afterAll(() => t.close());

  it('creates a customer, joining the organisation that owns the email domain, and audits it', async () => {
    const res = await post(agent, '/api/v1/customers', { email: ' Road.Runner@ACME.example ', name: 'Road Runner' });
    expect(res.statusCode).toBe(201);
    const customer = res.json();
    expect(customer).toMatchObject({
      email: 'road.runner@acme.example',
      name: 'Road Runner',
      organisationId: acme.id,
      organisation: { id: acme.id, name: 'Acme', plan: 'pro', vip: true },
      ticketCounts: { total: 0, byStatus: { new: 0, open: 0, pending: 0, on_hold: 0, solved: 0, closed: 0 } },
    });
    const events = (await get(admin, `/api/v1/audit?entityType=customer&entityId=${customer.id}`)).json().items;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'customer.created', after: { email: 'road.runner@acme.example', organisationId: acme.id } });

    const detached = (await post(agent, '/api/v1/customers', { email: 'wile@acme.example', organisationId: null })).json();
    expect(detached).toMatchObject({ organisationId: null, organisation: null, name: null });
  });

  it('refuses a duplicate email with 409 and bad input with 400', async () => {
    await post(agent, '/api/v1/customers', { email: 'dup@example.test' });
    const dup = await post(agent, '/api/v1/customers', { email: 'DUP@example.test', name: 'Again' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('already_exists');

    const bad = await post(agent, '/api/v1/customers', { email: 'nope', name: '', organisationId: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.email', 'body.name', 'body.organisationId']));
    const unknownOrg = await post(agent, '/api/v1/customers', { email: 'orphan@example.test', organisationId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' });
    expect(unknownOrg.statusCode).toBe(400);
    expect(unknownOrg.json().errors).toEqual([{ path: 'organisationId', message: 'is not an organisation' }]);
    expect((await get(agent, '/api/v1/customers?q=orphan')).json().items).toEqual([]);
  });

  it('shows ticket counts by status', async () => {
    const email = 'counter@example.test';
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await post(agent, '/api/v1/tickets', { subject: `Issue ${i}`, body: 'Help please', requester: { email } })).json().id);
    }
    await patch(agent, `/api/v1/tickets/${ids[0]}`, { status: 'solved' });
    await patch(agent, `/api/v1/tickets/${ids[1]}`, { status: 'pending' });
    const customerId = (await get(agent, `/api/v1/tickets/${ids[0]}`)).json().requester.id;
    const detail = (await get(viewer, `/api/v1/customers/${customerId}`)).json();
    expect(detail.ticketCounts).toEqual({ total: 3, byStatus: { new: 1, open: 0, pending: 1, on_hold: 0, solved: 1, closed: 0 } });
  });

  it('renames and moves a customer; their tickets without an organisation follow', async () => {
    const ticket = (await post(agent, '/api/v1/tickets', { subject: 'Moving', body: 'Hello', requester: { email: 'mover@elsewhere.example' } })).json();
    expect(ticket.organisationId).toBeNull();
    const id = ticket.requester.id;
    const moved = await patch(agent, `/api/v1/customers/${id}`, { name: 'Mo Ver', organisationId: acme.id });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ name: 'Mo Ver', organisationId: acme.id, organisation: { name: 'Acme' } });
    expect((await get(agent, `/api/v1/tickets/${ticket.id}`)).json().organisationId).toBe(acme.id);

    const cleared = (await patch(agent, `/api/v1/customers/${id}`, { organisationId: null })).json();
    expect(cleared).toMatchObject({ organisationId: null, organisation: null });
    const events = (await get(admin, `/api/v1/audit?entityType=customer&entityId=${id}&order=asc&action=customer.updated`)).json().items;
    expect(events.map((e: { before: unknown; after: unknown }) => [e.before, e.after])).toEqual([
      [{ name: null, organisationId: null }, { name: 'Mo Ver', organisationId: acme.id }],
      [{ organisationId: acme.id }, { organisationId: null }],
    ]);
    expect((await patch(agent, `/api/v1/customers/${id}`, { email: 'x@y.example' })).statusCode).toBe(400);
    expect((await patch(agent, `/api/v1/customers/${id}`, { organisationId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' })).statusCode).toBe(400);
  });

  it('lists by email, searching email or name, filtering by organisation, with cursor paging', async () => {
    for (const [email, name] of [['zz-ann@list.example', 'Ann Zed'], ['zz-bob@list.example', 'Bob Zed'], ['zz-cat@acme.example', 'Cat Quux']]) {
      expect((await post(agent, '/api/v1/customers', { email, name })).statusCode).toBe(201);
    }
    expect(emails(await get(viewer, '/api/v1/customers?q=ZZ-'))).toEqual(['zz-ann@list.example', 'zz-bob@list.example', 'zz-cat@acme.example']);
    expect(emails(await get(viewer, '/api/v1/customers?q=quux'))).toEqual(['zz-cat@acme.example']);
    expect(emails(await get(viewer, `/api/v1/customers?q=zz-&organisation=${acme.id}`))).toEqual(['zz-cat@acme.example']);
    // Each row names its organisation, so a list shows it without a request per customer.
    expect((await get(viewer, '/api/v1/customers?q=zz-')).json().items.map((c: { organisationName: string | null }) => c.organisationName)).toEqual([null, null, 'Acme']);
    expect(emails(await get(viewer, '/api/v1/customers?q=zz-&organisation=none'))).toEqual(['zz-ann@list.example', 'zz-bob@list.example']);

    const page1 = (await get(viewer, '/api/v1/customers?q=zz-&limit=2')).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (await get(viewer, `/api/v1/customers?q=zz-&limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((c: { email: string }) => c.email)).toEqual(['zz-cat@acme.example']);
    expect(page2.nextCursor).toBeNull();
  });

  it("lists a customer's tickets (by id or email) and an organisation's, for their pages", async () => {
    const open = async (email: string, subject: string) => (await post(agent, '/api/v1/tickets', { subject, body: 'Help please', requester: { email } })).json();
    const mine = [await open('tix-one@acme.example', 'First of mine'), await open('tix-one@acme.example', 'Second of mine')];
    const colleague = await open('tix-two@acme.example', 'A colleague asks');
    const outsider = await open('tix-one@other.example', 'Someone else');
    const subjects = async (query: string) => (await get(viewer, `/api/v1/tickets?${query}&sort=created&order=asc&limit=100`)).json().items.map((i: { subject: string }) => i.subject);

    expect(await subjects(`requester=${mine[0].requester.id}`)).toEqual(['First of mine', 'Second of mine']);
    expect(await subjects('requester=TIX-ONE@acme.example')).toEqual(['First of mine', 'Second of mine']);
    expect(await subjects(`organisation=${acme.id}&q=colleague`)).toEqual([colleague.subject]);
    const ofAcme = await subjects(`organisation=${acme.id}`);
    expect(ofAcme).toEqual(expect.arrayContaining(['First of mine', 'Second of mine', 'A colleague asks']));
    expect(ofAcme).not.toContain(outsider.subject);
    expect(await subjects(`requester=${mine[0].requester.id}&organisation=${acme.id}&status=solved`)).toEqual([]);
  });

  it('answers 404 for unknown ids and lets a viewer read but not write', async () => {
    const missing = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect((await get(agent, `/api/v1/customers/${missing}`)).statusCode).toBe(404);
    expect((await patch(agent, `/api/v1/customers/${missing}`, { name: 'X' })).statusCode).toBe(404);
    expect((await get(viewer, '/api/v1/customers')).statusCode).toBe(200);
    const create = await post(viewer, '/api/v1/customers', { email: 'viewer-made@example.test' });
    expect(create.statusCode).toBe(403);
    expect(create.json().code).toBe('forbidden');
    const someone = (await get(viewer, '/api/v1/customers?limit=1')).json().items[0];
    expect((await patch(viewer, `/api/v1/customers/${someone.id}`, { name: 'Nope' })).statusCode).toBe(403);
  });
});
