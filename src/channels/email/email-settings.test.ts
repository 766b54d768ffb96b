import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config/config.js';
import { DIALECTS } from '../../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../../test-support/harness.js';
import { emailSettings } from './email.service.js';

const SMTP_PASSWORD = 'relay-Pa55word-7f3c';
const IMAP_PASSWORD = 'imap-Pa55word-91ab';
const SECRET = 'server-secret-0123456789abcdef-0123456789abcdef';

describe.each(DIALECTS)('the e-mail settings route on %s', (dialect) => {
  let t: TestContext;
  let admin: string;
  let lead: string;

  beforeAll(async () => {
    const { email } = loadConfig({
      FRONTLINE_SMTP_PORT: '2525',
      SMTP_URL: `smtps://relay-user:${SMTP_PASSWORD}@relay.acme.test:2465`,
      FRONTLINE_MAIL_FROM: 'Help <help@acme.test>',
      FRONTLINE_IMAP_HOST: 'imap.acme.test',
      FRONTLINE_IMAP_USER: 'help@acme.test',
      FRONTLINE_IMAP_PASSWORD: IMAP_PASSWORD,
      FRONTLINE_IMAP_FOLDER: 'Support',
    });
    t = await startTestApp(dialect, { email, secret: SECRET });
    admin = (await t.userWithToken('admin')).token;
    lead = (await t.userWithToken('lead')).token;
  });
  afterAll(() => t.close());

  it('shows admins the listener, the mailbox and the relay, and no secret at all', async () => {
    const res = await t.app.inject({ url: '/api/v1/email/settings', headers: bearer(admin) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      inbound: {
        smtp: { enabled: true, host: '0.0.0.0', port: 2525, maxMessageBytes: 25 * 1024 * 1024 },
        imap: { enabled: true, host: 'imap.acme.test', port: 993, tls: true, mailbox: 'help@acme.test', folder: 'Support', pollSeconds: 60 },
        senderRateLimitPerHour: 30,
        attachmentMaxBytes: 10 * 1024 * 1024,
      },
      outbound: { configured: true, host: 'relay.acme.test', port: 2465, secure: true, authenticated: true, from: 'Help <help@acme.test>', replyTo: null },
    });
    for (const secret of [SMTP_PASSWORD, IMAP_PASSWORD, SECRET, 'relay-user', 'password']) expect(res.body).not.toContain(secret);
  });

  it('is for admins only', async () => {
    expect((await t.app.inject({ url: '/api/v1/email/settings', headers: bearer(lead) })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/email/settings' })).statusCode).toBe(401);
  });
});

describe('the e-mail settings with nothing configured', () => {
  it('says mail is off and replies are not sent', () => {
    const settings = emailSettings(loadConfig({}).email);
    expect(settings.inbound.smtp).toMatchObject({ enabled: false, port: null });
    expect(settings.inbound.imap).toMatchObject({ enabled: false, host: null, mailbox: null });
    expect(settings.outbound).toMatchObject({ configured: false, host: null, port: null, authenticated: false });
  });
});
