import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test-support/databases.js';
import { bearer } from '../../test-support/harness.js';
import { BlobStore } from './blobs.js';
import { startEmailTestApp, type EmailTestContext } from './email.test-support.js';
import { deliveryMessageId } from './outbound.service.js';

describe.each(DIALECTS)('mail loops and junk on %s', (dialect) => {
  let t: EmailTestContext;
  let admin: string;
  let agent: string;
  const inbound = async (from: string) => {
    const items = (await t.app.inject({ url: '/api/v1/email/inbound?limit=200', headers: bearer(admin) })).json().items as Array<Record<string, any>>;
    return items.filter((i) => i.from === from);
  };
  const ticketCount = async (email: string) =>
    (await t.deps.db.kysely.selectFrom('tickets').innerJoin('customers', 'customers.id', 'tickets.requester_id').select('tickets.id').where('customers.email', '=', email).execute()).length;

  beforeAll(async () => {
    t = await startEmailTestApp(dialect);
    admin = (await t.userWithToken('admin')).token;
    agent = (await t.userWithToken('agent')).token;
  });
  afterAll(() => t.close());

  it.each([
    ['auto_submitted', 'ooo@example.test', { 'Auto-Submitted': 'auto-replied' }],
    ['bulk', 'news@example.test', { Precedence: 'bulk' }],
    ['bulk', 'list@example.test', { Precedence: 'list', 'List-Id': '<x.lists.example.test>' }],
    ['auto_reply', 'vacation@example.test', { 'X-Autoreply': 'yes' }],
    ['bounce', 'mailer-daemon@example.test', {}],
    ['bounce', 'postmaster@example.test', {}],
    ['own_address', 'support@acme.test', {}],
  ])('quarantines %s mail from %s instead of opening a ticket', async (reason, from, headers) => {
    await t.send({ from, subject: 'Automatic reply', text: 'I am away.', headers });
    const [row] = await inbound(from);
    expect(row).toMatchObject({ status: 'quarantined', reason });
    expect(await ticketCount(from)).toBe(0);
  });

  it('quarantines our own message coming back', async () => {
    await t.send({ from: 'loop@example.test', subject: 'Hi', text: 'first' });
    const ticket = await t.deps.db.kysely.selectFrom('inbound_emails').select('ticket_id').where('from_address', '=', 'loop@example.test').executeTakeFirstOrThrow();
    const reply = await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.ticket_id}/messages`, headers: bearer(agent), payload: { body: 'Answer', visibility: 'public' } });
    const delivery = await t.deps.db.kysely.selectFrom('email_deliveries').select('id').where('ticket_message_id', '=', reply.json().id).executeTakeFirstOrThrow();
    // A forwarding rule sends our mail straight back to us.
    await t.send({ from: 'loop@example.test', subject: 'Re: Hi', text: 'Answer', messageId: `<${deliveryMessageId(t.deps, delivery.id)}>` });
    expect((await inbound('loop@example.test')).map((r) => r.reason)).toContain('own_message');
  });

  it('rate-limits one sender, lists the excess for admins, who can release or delete it', async () => {
    t.deps.config.email.senderRateLimitPerHour = 3;
    try {
      for (let i = 1; i <= 5; i++) await t.send({ from: 'flood@example.test', subject: `Flood ${i}`, text: `message ${i}` });
    } finally {
      t.deps.config.email.senderRateLimitPerHour = 30;
    }
    expect(await ticketCount('flood@example.test')).toBe(3);
    const list = await t.app.inject({ url: '/api/v1/email/inbound?status=quarantined', headers: bearer(admin) });
    const flood = (list.json().items as Array<Record<string, any>>).filter((i) => i.from === 'flood@example.test');
    expect(flood.map((i) => i.reason)).toEqual(['rate_limited', 'rate_limited']);
    expect((await t.app.inject({ url: '/api/v1/email/inbound?status=quarantined', headers: bearer(agent) })).statusCode).toBe(403);

    const released = await t.app.inject({ method: 'POST', url: `/api/v1/email/inbound/${flood[0]!.id}/release`, headers: bearer(admin) });
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ status: 'processed' });
    expect(await ticketCount('flood@example.test')).toBe(4);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/email/inbound/${flood[0]!.id}/release`, headers: bearer(admin) });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('email_state_conflict');

    const row = await t.deps.db.kysely.selectFrom('inbound_emails').select('raw_sha256').where('id', '=', flood[1]!.id).executeTakeFirstOrThrow();
    const path = new BlobStore(t.dir).pathOf('raw', row.raw_sha256);
    expect(existsSync(path)).toBe(true);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/email/inbound/${flood[1]!.id}`, headers: bearer(admin) })).statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/v1/email/inbound/${flood[1]!.id}`, headers: bearer(admin) })).statusCode).toBe(404);
    expect(existsSync(path)).toBe(false);
    const audit = (await t.app.inject({ url: '/api/v1/audit?entityType=inbound_email', headers: bearer(admin) })).json().items as Array<{ action: string }>;
    expect(audit.map((a) => a.action).sort()).toEqual(['email.deleted', 'email.released']);
  });
});
