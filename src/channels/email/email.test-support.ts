import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { SMTPServer } from 'smtp-server';
import { loadConfig, type EmailConfig } from '../../platform/config/config.js';
import type { DialectName } from '../../platform/db/database.js';
import { startTestApp, type TestContext } from '../../test-support/harness.js';
import { startSmtpListener, type SmtpListener } from './smtp-listener.js';

/** Test helpers for the email feature: the app with a temp attachments dir, a listener, a client, a catcher. */
export interface EmailTestContext extends TestContext {
  listener: SmtpListener;
  dir: string;
  /** Sends one message into our listener over loopback with nodemailer, as a real MTA would. */
  send(message: Mail.Options, envelope?: { from: string; to: string[] }): Promise<void>;
  /** Sends a raw RFC 5322 message. */
  sendRaw(raw: string | Buffer, from?: string): Promise<void>;
}

export function testEmailConfig(dir: string, overrides: Partial<EmailConfig> = {}): EmailConfig {
  const base = loadConfig({ FRONTLINE_ATTACHMENTS_DIR: dir, FRONTLINE_MAIL_FROM: 'Acme Support <support@acme.test>' }).email;
  return { ...base, ...overrides };
}

export async function startEmailTestApp(dialect: DialectName, overrides: Partial<EmailConfig> = {}): Promise<EmailTestContext> {
  const dir = mkdtempSync(join(tmpdir(), 'frontline-email-'));
  const t = await startTestApp(dialect, { email: testEmailConfig(dir, overrides) });
  const listener = await startSmtpListener(t.deps, { port: 0, host: '127.0.0.1' });
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
  return {
    ...t,
    listener,
    dir,
    async send(message, envelope) {
      await transport.sendMail({ to: 'support@acme.test', ...message, envelope });
      await listener.idle();
    },
    async sendRaw(raw, from = 'someone@example.test') {
      await transport.sendMail({ envelope: { from, to: ['support@acme.test'] }, raw });
      await listener.idle();
    },
    async close() {
      transport.close();
      await listener.close();
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CaughtMail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it is sent; `reject` answers DATA with an error code. */
export async function startSmtpCatcher(): Promise<{ url: string; mails: CaughtMail[]; reject: { code: number } | null; close(): Promise<void> }> {
  const state = { mails: [] as CaughtMail[], reject: null as { code: number } | null };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (state.reject) return callback(Object.assign(new Error(`rejected for the test`), { responseCode: state.reject.code }));
        state.mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return Object.assign(state, {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** A header's unfolded value from a raw message. */
export function headerOf(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
