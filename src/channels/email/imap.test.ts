import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapConfig } from '../../platform/config/config.js';
import { DIALECTS } from '../../test-support/databases.js';
import { startDovecot, type Dovecot } from './dovecot.test-support.js';
import { startEmailTestApp, type EmailTestContext } from './email.test-support.js';
import { ImapPoller } from './imap-poller.js';

let dovecot: Dovecot;
beforeAll(async () => {
  dovecot = await startDovecot({ sqlite: 'secret-1', postgres: 'secret-2' });
}, 30_000);
afterAll(() => dovecot?.stop());

describe.each(DIALECTS)('IMAP polling against Dovecot on %s', (dialect) => {
  let t: EmailTestContext;
  let imap: ImapConfig;

  const append = async (subjects: string[]) => {
    const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, doSTARTTLS: false, auth: { user: dialect, pass: dialect === 'sqlite' ? 'secret-1' : 'secret-2' }, logger: false });
    await client.connect();
    for (const subject of subjects) {
      const id = subject.toLowerCase().replace(/\W+/g, '-');
      await client.append('INBOX', `From: Imap Customer <imap-${dialect}@customer.test>\r\nTo: support@acme.test\r\nSubject: ${subject}\r\nMessage-ID: <${id}@customer.test>\r\n\r\nBody of ${subject}\r\n`);
    }
    await client.logout();
  };
  const subjects = async () =>
    (await t.deps.db.kysely.selectFrom('tickets').select('subject').where('channel', '=', 'email').orderBy('number').execute()).map((r) => r.subject);
  const inboundRows = () => t.deps.db.kysely.selectFrom('inbound_emails').select(['source_ref', 'status']).orderBy('received_at').execute();

  beforeAll(async () => {
    t = await startEmailTestApp(dialect);
    imap = { host: '127.0.0.1', port: dovecot.port, tls: false, user: dialect, password: dialect === 'sqlite' ? 'secret-1' : 'secret-2', folder: 'INBOX', pollSeconds: 60 };
  });
  afterAll(() => t.close());

  it('polls, restarts, polls again: every message becomes one ticket, none lost or doubled', async () => {
    await append(['First question', 'Second question', 'Third question']);
    const poller = new ImapPoller(t.deps, imap);
    expect(await poller.pollOnce()).toBe(3);
    expect(await poller.pollOnce()).toBe(0);
    await poller.stop();

    // A restart: a new poller knows only what the database says.
    const restarted = new ImapPoller(t.deps, imap);
    expect(await restarted.pollOnce()).toBe(0);
    await append(['Fourth question', 'Fifth question']);
    expect(await restarted.pollOnce()).toBe(2);
    await restarted.stop();

    expect(await subjects()).toEqual(['First question', 'Second question', 'Third question', 'Fourth question', 'Fifth question']);
    const rows = await inboundRows();
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.source_ref)).size).toBe(5);
    const state = await t.deps.db.kysely.selectFrom('imap_mailbox_state').selectAll().executeTakeFirstOrThrow();
    expect(Number(state.last_uid)).toBe(5);
  });

  it('reads the mailbox again after a UIDVALIDITY change without opening tickets twice', async () => {
    const before = await t.deps.db.kysely.selectFrom('imap_mailbox_state').select('uid_validity').executeTakeFirstOrThrow();
    await new Promise((r) => setTimeout(r, 1100));
    dovecot.renumber(dialect);
    const poller = new ImapPoller(t.deps, imap);
    expect(await poller.pollOnce()).toBe(5);
    await poller.stop();
    expect(await subjects()).toHaveLength(5);
    const after = await t.deps.db.kysely.selectFrom('imap_mailbox_state').select('uid_validity').executeTakeFirstOrThrow();
    expect(after.uid_validity).not.toBe(before.uid_validity);
    const rows = await inboundRows();
    expect(rows.filter((r) => r.status === 'duplicate')).toHaveLength(5);
  });
});
