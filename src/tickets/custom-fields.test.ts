import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';

const ticket = (customFields?: Record<string, unknown>) => ({
  subject: 'Order arrived damaged',
  body: 'The box was crushed and the screen is cracked.',
  requester: { email: 'buyer@example.test' },
  ...(customFields ? { customFields } : {}),
});

describe.each(DIALECTS)('custom fields on %s', (dialect) => {
  let t: TestContext;
  let admin: string;
  let lead: string;
  let agent: string;
  let viewer: string;

  const post = (token: string, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: bearer(token), payload });
  const patch = (token: string, url: string, payload: object) => t.app.inject({ method: 'PATCH', url, headers: bearer(token), payload });
  const get = (token: string, url: string) => t.app.inject({ url, headers: bearer(token) });
  const paths = (res: { json(): { errors?: { path: string }[] } }) => (res.json().errors ?? []).map((e) => e.path);

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = (await t.userWithToken('admin')).token;
    lead = (await t.userWithToken('lead')).token;
    agent = (await t.userWithToken('agent')).token;
    viewer = (await t.userWithToken('viewer')).token;
  });
  afterAll(() => t.close());

  it('lets an admin define fields, which everyone who reads tickets can list in position order', async () => {
    // A ticket first, so the definitions (none yet) are cached: the next test shows a new field applies at once.
    expect((await post(agent, '/api/v1/tickets', ticket())).statusCode).toBe(201);
    const region = await post(admin, '/api/v1/custom-fields', { key: 'region', label: 'Region', type: 'dropdown', options: ['emea', 'amer', 'apac'], position: 2 });
    expect(region.statusCode).toBe(201);
    expect(region.json()).toMatchObject({ key: 'region', type: 'dropdown', options: ['emea', 'amer', 'apac'], required: false, active: true, position: 2 });
    const order = await post(admin, '/api/v1/custom-fields', { key: 'order_number', label: 'Order number', type: 'text', required: true, position: 1 });
    expect(order.statusCode).toBe(201);

    const list = await get(viewer, '/api/v1/custom-fields');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((f: { key: string }) => f.key)).toEqual(['order_number', 'region']);

    const events = (await get(admin, `/api/v1/audit?entityType=custom_field&entityId=${region.json().id}`)).json().items;
    expect(events[0]).toMatchObject({ action: 'custom_field.created', after: { key: 'region', type: 'dropdown' } });
  });

  it('validates ticket values against the fields on create and on update', async () => {
    const missing = await post(agent, '/api/v1/tickets', ticket({ region: 'emea' }));
    expect(missing.statusCode).toBe(400);
    expect(paths(missing)).toEqual(['customFields.order_number']);

    const badChoice = await post(agent, '/api/v1/tickets', ticket({ order_number: 'A-1', region: 'mars' }));
    expect(badChoice.statusCode).toBe(400);
    expect(badChoice.json().errors).toEqual([{ path: 'customFields.region', message: 'must be one of emea, amer, apac' }]);

    const unknown = await post(agent, '/api/v1/tickets', ticket({ order_number: 'A-1', colour: 'red' }));
    expect(paths(unknown)).toEqual(['customFields.colour']);

    const ok = await post(agent, '/api/v1/tickets', ticket({ order_number: 'A-1', region: 'apac' }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().customFields).toEqual({ order_number: 'A-1', region: 'apac' });

    const id = ok.json().id;
    const badPatch = await patch(agent, `/api/v1/tickets/${id}`, { customFields: { region: 'moon' } });
    expect(badPatch.statusCode).toBe(400);
    expect(paths(badPatch)).toEqual(['customFields.region']);
    const wrongType = await patch(agent, `/api/v1/tickets/${id}`, { customFields: { order_number: 42 } });
    expect(paths(wrongType)).toEqual(['customFields.order_number']);
    const goodPatch = await patch(agent, `/api/v1/tickets/${id}`, { customFields: { region: 'emea' } });
    expect(goodPatch.json().customFields).toEqual({ order_number: 'A-1', region: 'emea' });
  });

  it('changes a definition: new options apply, a deactivated required field is no longer required', async () => {
    const fields = (await get(admin, '/api/v1/custom-fields')).json().items as { id: string; key: string }[];
    const region = fields.find((f) => f.key === 'region')!;
    const order = fields.find((f) => f.key === 'order_number')!;

    const changed = await patch(admin, `/api/v1/custom-fields/${region.id}`, { options: ['emea', 'amer', 'apac', 'mars'], label: 'Sales region' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ label: 'Sales region', options: ['emea', 'amer', 'apac', 'mars'] });
    expect((await patch(admin, `/api/v1/custom-fields/${order.id}`, { active: false })).json().active).toBe(false);

    const created = await post(agent, '/api/v1/tickets', ticket({ region: 'mars' }));
    expect(created.statusCode).toBe(201);

    const events = (await get(admin, `/api/v1/audit?entityType=custom_field&entityId=${region.id}&action=custom_field.updated`)).json().items;
    expect(events[0]).toMatchObject({ before: { label: 'Region', options: ['emea', 'amer', 'apac'] }, after: { label: 'Sales region' } });

    // Key and type are fixed once defined.
    expect((await patch(admin, `/api/v1/custom-fields/${region.id}`, { type: 'text' })).statusCode).toBe(400);
    expect((await patch(admin, `/api/v1/custom-fields/${region.id}`, { options: [] })).statusCode).toBe(400);
    expect((await patch(admin, '/api/v1/custom-fields/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', { label: 'X' })).statusCode).toBe(404);
  });

  it('refuses a duplicate key with 409 and malformed definitions with 400', async () => {
    await post(admin, '/api/v1/custom-fields', { key: 'serial', label: 'Serial', type: 'text' });
    const dup = await post(admin, '/api/v1/custom-fields', { key: 'serial', label: 'Serial again', type: 'number' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('already_exists');

    for (const key of ['Serial', '1st', 'has-dash', 'x'.repeat(65), '']) {
      const res = await post(admin, '/api/v1/custom-fields', { key, label: 'L', type: 'text' });
      expect(res.statusCode).toBe(400);
      expect(paths(res)).toContain('body.key');
    }
    const badType = await post(admin, '/api/v1/custom-fields', { key: 'colour', label: 'Colour', type: 'colour' });
    expect(paths(badType)).toEqual(['body.type']);
    const noOptions = await post(admin, '/api/v1/custom-fields', { key: 'size', label: 'Size', type: 'dropdown' });
    expect(noOptions.statusCode).toBe(400);
    expect(paths(noOptions)).toEqual(['options']);
    const repeated = await post(admin, '/api/v1/custom-fields', { key: 'size', label: 'Size', type: 'dropdown', options: ['s', 's'] });
    expect(paths(repeated)).toEqual(['body.options']);
    expect((await post(admin, '/api/v1/custom-fields', { key: 'x'.repeat(64), label: 'Longest key', type: 'boolean' })).statusCode).toBe(201);
  });

  it('lets only admins define or change fields', async () => {
    const field = (await get(agent, '/api/v1/custom-fields')).json().items[0];
    for (const token of [viewer, agent, lead]) {
      const create = await post(token, '/api/v1/custom-fields', { key: 'forbidden', label: 'No', type: 'text' });
      expect(create.statusCode).toBe(403);
      expect(create.json().code).toBe('forbidden');
      expect((await patch(token, `/api/v1/custom-fields/${field.id}`, { label: 'No' })).statusCode).toBe(403);
    }
    expect((await get(viewer, '/api/v1/custom-fields')).json().items.map((f: { key: string }) => f.key)).not.toContain('forbidden');
    expect((await t.app.inject({ url: '/api/v1/custom-fields' })).statusCode).toBe(401);
  });
});
