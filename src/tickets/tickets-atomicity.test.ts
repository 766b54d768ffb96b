import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';

describe.each(DIALECTS)('a failure in the middle of a write on %s', (dialect) => {
  let t: TestContext;
  let agent: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    agent = (await t.userWithToken('agent')).token;
  });
  afterAll(() => t.close());

  it('leaves no half ticket: customer, ticket, message and audit event roll back together', async () => {
    const count = async (table: 'tickets' | 'customers' | 'messages' | 'audit_events') =>
      Number((await t.deps.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = { tickets: await count('tickets'), customers: await count('customers'), messages: await count('messages'), audit: await count('audit_events') };
    // The search index is written after the ticket, its message and its customer: losing it
    // mid-request is a server fault halfway through the transaction.
    await sql`DROP TABLE ticket_fts`.execute(t.deps.db.kysely);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: { subject: 'Half a ticket?', body: 'Never', requester: { email: 'new.person@example.test' } } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'internal_error', detail: 'Something went wrong on our side' });
    expect(JSON.stringify(res.json())).not.toContain('ticket_fts');
    expect({ tickets: await count('tickets'), customers: await count('customers'), messages: await count('messages'), audit: await count('audit_events') }).toEqual(before);
  });
});
