import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config/config.js';

describe('email configuration', () => {
  it('is off by default: no listener, no poller, no relay', () => {
    const { email } = loadConfig({});
    expect(email).toMatchObject({ smtpPort: undefined, smtpUrl: undefined, imap: undefined, maxMessageBytes: 25 * 1024 * 1024, attachmentMaxBytes: 10 * 1024 * 1024 });
  });

  it('reads the listener, relay and one IMAP mailbox, with secrets from files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'frontline-config-'));
    writeFileSync(join(dir, 'imap'), 'hunter2\n');
    writeFileSync(join(dir, 'smtp'), 'smtp://user:pass@relay.example.test:587\n');
    const { email } = loadConfig({
      FRONTLINE_SMTP_PORT: '2525',
      SMTP_URL_FILE: join(dir, 'smtp'),
      FRONTLINE_MAIL_FROM: 'Help <help@acme.test>',
      FRONTLINE_IMAP_HOST: 'imap.acme.test',
      FRONTLINE_IMAP_USER: 'help@acme.test',
      FRONTLINE_IMAP_PASSWORD_FILE: join(dir, 'imap'),
      FRONTLINE_IMAP_TLS: 'true',
    });
    expect(email).toMatchObject({ smtpPort: 2525, smtpUrl: 'smtp://user:pass@relay.example.test:587', mailFrom: 'Help <help@acme.test>' });
    expect(email.imap).toEqual({ host: 'imap.acme.test', port: 993, tls: true, user: 'help@acme.test', password: 'hunter2', folder: 'INBOX', pollSeconds: 60 });
  });

  it('refuses bad values, naming the variable', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://relay' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ FRONTLINE_SMTP_PORT: '70000' })).toThrow(/FRONTLINE_SMTP_PORT/);
    expect(() => loadConfig({ FRONTLINE_IMAP_HOST: 'imap.acme.test', FRONTLINE_IMAP_USER: 'u' })).toThrow(ConfigError);
    expect(() => loadConfig({ FRONTLINE_MAIL_FROM: 'nobody' })).toThrow(/FRONTLINE_MAIL_FROM/);
  });
});
