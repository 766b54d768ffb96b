import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test-support/databases.js';
import { bearer } from '../../test-support/harness.js';
import { deliveryMessageId } from './outbound.service.js';
import { startEmailTestApp, type EmailTestContext } from './email.test-support.js';

describe.each(DIALECTS)('email threading on %s', (dialect) => {
  let t: EmailTestContext;
  let agent: string;
  const ticketsOf = (email: string) =>
    t.deps.db.kysely.selectFrom('tickets').innerJoin('customers', 'customers.id', 'tickets.requester_id').select(['tickets.id', 'tickets.number', 'tickets.subject']).where('customers.email', '=', email).orderBy('tickets.number').execute();
  const bodies = async (ticketId: string) => ((await t.app.inject({ url: `/api/v1/tickets/${ticketId}/messages`, headers: bearer(agent) })).json().items as Array<{ body: string }>).map((m) => m.body);

  beforeAll(async () => {
    t = await startEmailTestApp(dialect);
    agent = (await t.userWithToken('agent')).token;
  });
  afterAll(() => t.close());

  it('threads replies by In-Reply-To, by References, by our own Message-ID and by the [#number] token', async () => {
    const from = 'ann@customer.test';
    await t.send({ from, subject: 'Login broken', text: 'I cannot log in.', messageId: '<first@customer.test>' });
    const [ticket] = await ticketsOf(from);
    await t.send({ from, subject: 'a changed subject', text: 'Still broken.', messageId: '<second@customer.test>', inReplyTo: '<first@customer.test>' });
    await t.send({ from, subject: 'References only', text: 'Any news?', messageId: '<third@customer.test>', references: ['<unknown@elsewhere.test>', '<second@customer.test>'] });

    // The agent answers; the mail we queue has a Message-ID the customer's client will reply to.
    const reply = await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket!.id}/messages`, headers: bearer(agent), payload: { body: 'Please clear your cookies.', visibility: 'public' } });
    expect(reply.statusCode).toBe(201);
    const delivery = await t.deps.db.kysely.selectFrom('email_deliveries').select('id').where('ticket_message_id', '=', reply.json().id).executeTakeFirstOrThrow();
    await t.send({ from, subject: 'Re: Login broken', text: 'That worked, thanks!', messageId: '<fourth@customer.test>', inReplyTo: `<${deliveryMessageId(t.deps, delivery.id)}>` });
    await t.send({ from, subject: `Re: anything [#${ticket!.number}]`, text: 'One more thing.' });

    expect(await ticketsOf(from)).toHaveLength(1);
    expect(await bodies(ticket!.id)).toEqual(['I cannot log in.', 'Still broken.', 'Any news?', 'Please clear your cookies.', 'That worked, thanks!', 'One more thing.']);
  });

  it('keeps a new thread with the same subject separate, and ignores a ticket token from a stranger', async () => {
    const from = 'bea@customer.test';
    await t.send({ from, subject: 'Invoice question', text: 'Why was I charged twice?' });
    await t.send({ from, subject: 'Invoice question', text: 'A different invoice this time.' });
    const tickets = await ticketsOf(from);
    expect(tickets).toHaveLength(2);
    await t.send({ from: 'mallory@evil.test', subject: `Re: [#${tickets[0]!.number}]`, text: 'Let me into this ticket.' });
    expect(await bodies(tickets[0]!.id)).toEqual(['Why was I charged twice?']);
    expect(await ticketsOf('mallory@evil.test')).toHaveLength(1);
  });

  it('opens a follow-up ticket when the reply is to a closed ticket', async () => {
    const from = 'cy@customer.test';
    await t.send({ from, subject: 'Old issue', text: 'Help.', messageId: '<old@customer.test>' });
    const [ticket] = await ticketsOf(from);
    for (const status of ['solved', 'closed']) {
      expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket!.id}`, headers: bearer(agent), payload: { status } })).statusCode).toBe(200);
    }
    await t.send({ from, subject: 'Re: Old issue', text: 'It is back.', inReplyTo: '<old@customer.test>' });
    const tickets = await ticketsOf(from);
    expect(tickets).toHaveLength(2);
    expect(tickets[1]!.subject).toBe(`Re: Old issue (follow-up to #${ticket!.number})`);
  });
});
