import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';

/** What the admin console needs besides plain CRUD: the matching order and the holiday pickers. */
describe.each(DIALECTS)('SLA admin on %s', (dialect) => {
  let t: TestContext;
  let admin: string;
  let agent: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = (await t.userWithToken('admin')).token;
    agent = (await t.userWithToken('agent')).token;
  });
  afterAll(() => t.close());

  const policy = async (name: string, firstResponseMinutes: number) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/sla/policies', headers: bearer(admin), payload: { name, conditions: { tiers: [3] }, targets: { '3': { firstResponseMinutes, resolutionMinutes: 600 } } } });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; name: string };
  };
  const ticket = async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: { subject: 'Question', body: 'How do I export?', requester: { email: 'sam@customer.example' }, priority: 3 } });
    expect(res.statusCode).toBe(201);
    return res.json() as { sla: { policyName: string } };
  };
  const order = (ids: string[], token = admin) => t.app.inject({ method: 'PUT', url: '/api/v1/sla/policies/order', headers: bearer(token), payload: { ids } });

  it('reorders policies, so the one moved first matches new tickets', async () => {
    const gold = await policy('Gold', 30);
    const silver = await policy('Silver', 60);
    const bronze = await policy('Bronze', 120);
    expect((await ticket()).sla.policyName).toBe('Gold');

    const res = await order([silver.id, gold.id, bronze.id]);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((p: { name: string; position: number }) => [p.name, p.position])).toEqual([
      ['Silver', 0],
      ['Gold', 1],
      ['Bronze', 2],
    ]);
    expect((await ticket()).sla.policyName).toBe('Silver');
    const audit = await t.app.inject({ url: '/api/v1/audit?entityType=sla_policy', headers: bearer(admin) });
    expect(audit.json().items.some((e: { action: string }) => e.action === 'sla_policy.reordered')).toBe(true);

    const partial = await order([gold.id, silver.id]);
    expect(partial.statusCode).toBe(400);
    expect(partial.json().errors[0]).toMatchObject({ path: 'ids', message: expect.stringContaining('Bronze') });
    const unknown = await order([gold.id, silver.id, bronze.id, '0190f0f0-0000-7000-8000-000000000000']);
    expect(unknown.json().errors.map((e: { path: string }) => e.path)).toEqual(['ids.3']);
    expect((await order([bronze.id, silver.id, gold.id], agent)).statusCode).toBe(403);
    const names = (await t.app.inject({ url: '/api/v1/sla/policies', headers: bearer(admin) })).json().items.map((p: { name: string }) => p.name);
    expect(names).toEqual(['Silver', 'Gold', 'Bronze']);
  });

  it('lists the countries, states and regions calendars can take holidays from', async () => {
    const get = (query: string, token = admin) => t.app.inject({ url: `/api/v1/sla/holiday-regions${query}`, headers: bearer(token) });
    const countries = (await get('')).json().items as Array<{ code: string; name: string }>;
    expect(countries).toContainEqual({ code: 'DE', name: 'Germany' });
    expect(countries.length).toBeGreaterThan(100);
    expect((await get('?country=de')).json().items).toContainEqual({ code: 'BY', name: 'Bayern' });
    expect((await get('?country=DE&state=BY')).json().items).toContainEqual({ code: 'A', name: 'Stadt Augsburg' });
    const unknown = await get('?country=XX');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('querystring.country');
    expect((await get('?country=DE&state=ZZ')).json().errors[0].path).toBe('querystring.state');
    expect((await get('?state=BY')).json().errors[0].path).toBe('querystring.state');
    expect((await get('', agent)).statusCode).toBe(403);
  });
});
