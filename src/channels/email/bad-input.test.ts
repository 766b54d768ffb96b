import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test-support/databases.js';
import { bearer } from '../../test-support/harness.js';
import { startEmailTestApp, type EmailTestContext } from './email.test-support.js';

describe.each(DIALECTS)('bad inbound mail on %s', (dialect) => {
  let t: EmailTestContext;
  let admin: string;
  const latest = async () => (await t.app.inject({ url: '/api/v1/email/inbound?limit=1', headers: bearer(admin) })).json().items[0] as Record<string, any>;
  const firstMessage = async (ticketId: string) => (await t.app.inject({ url: `/api/v1/tickets/${ticketId}/messages`, headers: bearer(admin) })).json().items[0].body as string;
  const ticket = async (id: string) => (await t.app.inject({ url: `/api/v1/tickets/${id}`, headers: bearer(admin) })).json();

  beforeAll(async () => {
    t = await startEmailTestApp(dialect);
    admin = (await t.userWithToken('admin')).token;
  });
  afterAll(() => t.close());

  it('accepts malformed MIME (no closing boundary, broken headers) and keeps its text', async () => {
    await t.sendRaw(
      'From: broken@example.test\r\nSubject: Broken\r\nContent-Type: multipart/mixed; boundary="b1"\r\nThis is: not: a header\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nThe text survives.\r\n--b1\r\nContent-Type: application/octet-stream; name="cut.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAA!!!notbase64',
    );
    const row = await latest();
    expect(row.status).toBe('processed');
    expect(await firstMessage(row.ticketId)).toContain('The text survives.');
  });

  it('accepts an unknown charset, decoding what it can', async () => {
    await t.sendRaw(Buffer.concat([Buffer.from('From: charset@example.test\r\nSubject: Charset\r\nContent-Type: text/plain; charset="x-unknown-42"\r\n\r\nPlain words '), Buffer.from([0xe4, 0xf6, 0xfc]), Buffer.from('\r\n')]));
    const row = await latest();
    expect(row.status).toBe('processed');
    expect(await firstMessage(row.ticketId)).toContain('Plain words');
  });

  it('strips CR/LF smuggled into the subject through an encoded word', async () => {
    const subject = `=?UTF-8?B?${Buffer.from('Hello\r\nBcc: victim@example.test').toString('base64')}?=`;
    await t.sendRaw(`From: inject@example.test\r\nSubject: ${subject}\r\n\r\nbody\r\n`);
    const row = await latest();
    expect((await ticket(row.ticketId)).subject).toBe('Hello Bcc: victim@example.test');
  });

  it('removes scripts, handlers and javascript: links from HTML-only mail', async () => {
    await t.send({ from: 'html@example.test', subject: 'HTML', html: '<p onclick="steal()">Click <a href="javascript:alert(1)">here</a></p><script>steal()</script><iframe src="https://evil.test"></iframe>' });
    const row = await latest();
    const detail = (await t.app.inject({ url: `/api/v1/email/inbound/${row.id}`, headers: bearer(admin) })).json();
    expect(detail.html).not.toMatch(/onclick|javascript:|<script|<iframe|steal/);
    expect(await firstMessage(row.ticketId)).toBe('Click here');
  });

  it('stores a compressed bomb as the bytes received, never decompressing it', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
    await t.send({ from: 'bomb@example.test', subject: 'Logs', text: 'see attached', attachments: [{ filename: 'logs.gz', content: bomb, contentType: 'application/gzip' }] });
    const row = await latest();
    const [attachment] = (await t.app.inject({ url: `/api/v1/email/attachments?ticketId=${row.ticketId}`, headers: bearer(admin) })).json().items;
    expect(attachment).toMatchObject({ filename: 'logs.gz', status: 'stored', size: bomb.length });
    expect(bomb.length).toBeLessThan(50 * 1024);
  });

  it('quarantines bytes that are not an email at all (no sender), keeping them', async () => {
    await t.sendRaw(Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 13, 10, 13, 10, 65, 66]), 'junk@example.test');
    const row = await latest();
    expect(row).toMatchObject({ status: 'quarantined', reason: 'no_sender' });
    const raw = await t.app.inject({ url: `/api/v1/email/inbound/${row.id}/raw`, headers: bearer(admin) });
    expect(raw.rawPayload.subarray(0, 4).equals(Buffer.from([0, 1, 2, 3]))).toBe(true);
  });

  it('opens a ticket for an empty message rather than dropping it', async () => {
    await t.sendRaw('From: empty@example.test\r\n\r\n');
    const row = await latest();
    expect(row.status).toBe('processed');
    expect((await ticket(row.ticketId)).subject).toBe('(no subject)');
    expect(await firstMessage(row.ticketId)).toBe('(no text)');
  });
});
