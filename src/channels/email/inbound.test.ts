import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test-support/databases.js';
import { bearer } from '../../test-support/harness.js';
import { BlobStore } from './blobs.js';
import { startEmailTestApp, type EmailTestContext } from './email.test-support.js';

let seq = 0;
const unique = (prefix: string) => `${prefix}-${++seq}-${Date.now()}`;

describe.each(DIALECTS)('inbound email over SMTP on %s', (dialect) => {
  let t: EmailTestContext;
  let admin: string;
  const get = (url: string) => t.app.inject({ url, headers: bearer(admin) });
  const inboundList = async (status?: string) => (await get(`/api/v1/email/inbound${status ? `?status=${status}` : ''}`)).json().items as Array<Record<string, any>>;
  const ticketsOf = async (email: string) => {
    const rows = await t.deps.db.kysely.selectFrom('tickets').innerJoin('customers', 'customers.id', 'tickets.requester_id').select(['tickets.id', 'tickets.number', 'tickets.subject', 'tickets.channel', 'tickets.organisation_id']).where('customers.email', '=', email).orderBy('tickets.number').execute();
    return rows;
  };
  const messagesOf = async (ticketId: string) => (await get(`/api/v1/tickets/${ticketId}/messages`)).json().items as Array<{ id: string; body: string; authorType: string }>;

  beforeAll(async () => {
    // Small limits keep the test fast; the behaviour at the 25 MB / 10 MB defaults is the same code.
    t = await startEmailTestApp(dialect, { maxMessageBytes: 2 * 1024 * 1024, attachmentMaxBytes: 256 * 1024 });
    admin = (await t.userWithToken('admin')).token;
  });
  afterAll(() => t.close());

  it('turns a mail into an email ticket for the customer, matched to the organisation by domain, keeping the raw message', async () => {
    const org = await t.app.inject({ method: 'POST', url: '/api/v1/organisations', headers: bearer(admin), payload: { name: 'Initech', domains: ['initech.test'] } });
    expect(org.statusCode).toBe(201);
    await t.send({ from: 'Peter Gibbons <Peter@Initech.test>', subject: 'TPS report export fails', text: 'The export crashes when I click save.\n\n-- \nPeter\nInitech', messageId: '<tps-1@initech.test>' });
    const [ticket] = await ticketsOf('peter@initech.test');
    expect(ticket).toMatchObject({ subject: 'TPS report export fails', channel: 'email', organisation_id: org.json().id });
    const messages = await messagesOf(ticket!.id);
    expect(messages).toHaveLength(1);
    // The signature is trimmed from the ticket; the full original stays available.
    expect(messages[0]!.body).toBe('The export crashes when I click save.');
    // The mail, its Message-ID and the ticket's first message are tied together.
    const firstMessageId = messages[0]!.id;
    const stored = await t.deps.db.kysely.selectFrom('inbound_emails').select(['ticket_id', 'ticket_message_id']).where('message_id', '=', 'tps-1@initech.test').executeTakeFirstOrThrow();
    expect(stored).toEqual({ ticket_id: ticket!.id, ticket_message_id: firstMessageId });
    const known = await t.deps.db.kysely.selectFrom('email_message_ids').select(['ticket_id', 'ticket_message_id', 'direction']).where('message_id', '=', 'tps-1@initech.test').executeTakeFirstOrThrow();
    expect(known).toEqual({ ticket_id: ticket!.id, ticket_message_id: firstMessageId, direction: 'in' });
    const [inbound] = (await inboundList()).filter((i) => i.ticketId === ticket!.id);
    expect(inbound).toMatchObject({ status: 'processed', from: 'peter@initech.test', messageId: 'tps-1@initech.test', source: 'smtp' });
    const detail = (await get(`/api/v1/email/inbound/${inbound!.id}`)).json();
    expect(detail.text).toContain('Initech');
    expect(detail.newText).toBe('The export crashes when I click save.');
    const raw = await get(`/api/v1/email/inbound/${inbound!.id}/raw`);
    expect(raw.headers['content-type']).toBe('message/rfc822');
    expect(raw.body).toContain('Message-ID: <tps-1@initech.test>');
  });

  it('sanitises HTML, stores attachments content-addressed and lists the ones over the cap as not kept', async () => {
    const big = Buffer.alloc(300 * 1024, 7);
    const small = Buffer.from('%PDF-1.4 invoice');
    await t.send({
      from: 'milton@example.test',
      subject: 'Stapler',
      html: '<p>Have you seen my <b>stapler</b>?</p><script>alert(1)</script><img src=x onerror="alert(2)">',
      attachments: [
        { filename: 'invoice.pdf', content: small, contentType: 'application/pdf' },
        { filename: 'copy.pdf', content: small, contentType: 'application/pdf' },
        { filename: 'huge.bin', content: big, contentType: 'application/octet-stream' },
      ],
    });
    const [ticket] = await ticketsOf('milton@example.test');
    const [message] = await messagesOf(ticket!.id);
    expect(message!.body).toContain('Have you seen my stapler?');
    expect(message!.body).toContain('"huge.bin"');
    expect(message!.body).toContain('was not kept');
    const inbound = (await inboundList()).find((i) => i.ticketId === ticket!.id)!;
    const detail = (await get(`/api/v1/email/inbound/${inbound.id}`)).json();
    expect(detail.html).toContain('<b>stapler</b>');
    expect(detail.html).not.toMatch(/script|onerror/);
    const listed = (await get(`/api/v1/email/attachments?ticketId=${ticket!.id}`)).json().items as Array<Record<string, any>>;
    const order = ['invoice.pdf', 'copy.pdf', 'huge.bin'];
    const attachments = listed.sort((a, b) => order.indexOf(a.filename) - order.indexOf(b.filename));
    expect(attachments.map((a) => [a.filename, a.status])).toEqual([['invoice.pdf', 'stored'], ['copy.pdf', 'stored'], ['huge.bin', 'too_large']]);
    // Same bytes, one file.
    expect(attachments[0]!.sha256).toBe(BlobStore.sha256(small));
    expect(attachments[1]!.sha256).toBe(attachments[0]!.sha256);
    const download = await get(`/api/v1/email/attachments/${attachments[0]!.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment; filename="invoice.pdf"');
    expect(download.rawPayload.equals(small)).toBe(true);
    const gone = await get(`/api/v1/email/attachments/${attachments[2]!.id}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('attachment_not_kept');
  });

  it('refuses a message over the SIZE limit with 552 and stores nothing for it', async () => {
    const before = (await inboundList()).length;
    const huge = Buffer.alloc(3 * 1024 * 1024, 'a').toString();
    await expect(t.send({ from: 'bob@example.test', subject: 'huge', text: huge })).rejects.toMatchObject({ responseCode: 552 });
    expect((await inboundList()).length).toBe(before);
  });

  it('keeps the same message delivered twice once, and marks the second copy duplicate', async () => {
    const id = `<${unique('dup')}@example.test>`;
    await t.send({ from: 'dup@example.test', subject: 'Twice', text: 'Hello', messageId: id });
    await t.send({ from: 'dup@example.test', subject: 'Twice', text: 'Hello', messageId: id });
    expect(await ticketsOf('dup@example.test')).toHaveLength(1);
    const rows = (await inboundList()).filter((i) => i.from === 'dup@example.test');
    expect(rows.map((r) => r.status).sort()).toEqual(['duplicate', 'processed']);
  });

  it('keeps a failing message and retries it until it becomes a ticket', async () => {
    // The attachments directory becomes unwritable for a moment: the raw mail is stored first, processing fails.
    const store = new BlobStore(t.dir);
    const raw = Buffer.from('From: retry@example.test\r\nSubject: Retry me\r\nMessage-ID: <retry-1@example.test>\r\n\r\nPlease work.\r\n');
    const sha = await store.put('raw', raw);
    expect(existsSync(store.pathOf('raw', sha))).toBe(true);
    const { acceptInbound, processInbound } = await import('./inbound.service.js');
    const id = (await acceptInbound(t.deps, { raw, source: 'smtp' }))!.id;
    const { rmSync, renameSync } = await import('node:fs');
    renameSync(store.pathOf('raw', sha), `${store.pathOf('raw', sha)}.away`);
    expect(await processInbound(t.deps, id)).toBe('failed');
    const failed = (await get(`/api/v1/email/inbound/${id}`)).json();
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toMatch(/ENOENT/);
    renameSync(`${store.pathOf('raw', sha)}.away`, store.pathOf('raw', sha));
    t.clock.advance(5 * 60_000);
    await t.deps.jobs.drain();
    expect((await get(`/api/v1/email/inbound/${id}`)).json().status).toBe('processed');
    expect(await ticketsOf('retry@example.test')).toHaveLength(1);
    rmSync(`${store.pathOf('raw', sha)}.away`, { force: true });
    expect(readFileSync(store.pathOf('raw', sha)).equals(raw)).toBe(true);
  });
});
