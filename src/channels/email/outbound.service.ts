import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import { z } from 'zod';
import type { Deps } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import type { Database } from '../../platform/db/tables.js';
import type { JobContext } from '../../platform/jobs/queue.js';
import { findDelivery, insertMessageId, ticketById, ticketMessageIds, updateDelivery, upsertDelivery } from './email.store.js';
import { oneLine } from './parse.js';
import { renderMail } from './templates.js';
import { SUBJECT_TOKEN } from './threading.js';

/** The reusable outbound job: replies, notifications, surveys, escalations all send through it. */
export const EMAIL_SEND_JOB = 'email.send';

const Address = z.string().trim().min(3).max(320).regex(/^[^\s@<>]+@[^\s@<>]+$/, 'must be one email address');
export const EmailSendPayload = z.object({
  to: Address,
  subject: z.string().min(1).max(1000),
  text: z.string().max(5_000_000),
  html: z.string().max(10_000_000).optional(),
  /** Threads the mail onto the ticket: `[#number]` subject token, In-Reply-To and References. */
  ticketId: z.string().optional(),
  /** The ticket message this mail delivers; its delivery state is recorded against it. */
  messageId: z.string().optional(),
  inReplyTo: z.string().optional(),
  references: z.array(z.string()).max(100).optional(),
  headers: z.record(z.string(), z.string().max(1000)).optional(),
});
export type EmailSend = z.infer<typeof EmailSendPayload>;

/** Our own address (lower-case), from FRONTLINE_MAIL_FROM. */
export function ownAddress(deps: Deps): string {
  const from = deps.config.email.mailFrom;
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();
}

/** The domain our Message-IDs use. */
export const ownDomain = (deps: Deps) => ownAddress(deps).split('@')[1] ?? 'frontline.localhost';

/** The Message-ID of a delivery: stable across retries, so a resend is the same message to the recipient. */
export const deliveryMessageId = (deps: Deps, deliveryId: string) => `frontline.${deliveryId}@${ownDomain(deps)}`;

/**
 * Queues a mail as an `email.send` job and records its delivery as `queued`. With `trx`, both
 * exist only if the caller's change commits. Returns the delivery (= job) id.
 */
export async function enqueueEmail(deps: Deps, payload: EmailSend, trx?: Kysely<Database>): Promise<string> {
  const valid = EmailSendPayload.parse(payload);
  const write = async (t: Kysely<Database>) => {
    const id = await deps.jobs.enqueue(EMAIL_SEND_JOB, valid, { trx: t, maxAttempts: 8 });
    const now = deps.clock.now().toISOString();
    await upsertDelivery(t, { id, ticket_id: valid.ticketId ?? null, ticket_message_id: valid.messageId ?? null, to_address: valid.to, subject: oneLine(valid.subject), smtp_message_id: null, status: 'queued', attempts: 0, error: null, created_at: now, updated_at: now, sent_at: null });
    // Known before it is sent, so a reply racing the send still threads.
    if (valid.ticketId) await insertMessageId(t, { message_id: deliveryMessageId(deps, id), ticket_id: valid.ticketId, ticket_message_id: valid.messageId ?? null, direction: 'out', created_at: now });
    return id;
  };
  return trx ? write(trx) : inTransaction(deps, write);
}

const transports = new Map<string, Transporter>();
async function transportFor(url: string): Promise<Transporter> {
  let transport = transports.get(url);
  if (!transport) {
    // Loaded on first send, not by every process that imports the app (CLI commands).
    const nodemailer = (await import('nodemailer')).default;
    transport = nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

/** Closes cached SMTP connections (shutdown, tests). */
export function closeTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}

// Headers callers may add: extension headers and the auto-reply markers; never routing headers.
const ALLOWED_HEADER = /^(x-[a-z0-9-]{1,60}|auto-submitted|list-unsubscribe|list-unsubscribe-post)$/i;

/** The `email.send` job: builds the message with threading headers and sends it through SMTP_URL. */
export async function sendEmailJob(deps: Deps, payload: unknown, job: JobContext): Promise<void> {
  const parsed = EmailSendPayload.safeParse(payload);
  const db = deps.db.kysely;
  const now = () => deps.clock.now().toISOString();
  const base = payload as Partial<EmailSend>;
  // Jobs enqueued straight through deps.jobs (not enqueueEmail) get their delivery row here.
  await upsertDelivery(db, { id: job.id, ticket_id: base.ticketId ?? null, ticket_message_id: base.messageId ?? null, to_address: String(base.to ?? '?').slice(0, 320), subject: oneLine(String(base.subject ?? '')), smtp_message_id: null, status: 'queued', attempts: 0, error: null, created_at: now(), updated_at: now(), sent_at: null });
  const delivery = await findDelivery(db, job.id);
  if (delivery?.status === 'sent') return;
  if (!parsed.success) return fail(deps, job, `invalid payload: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  const smtpUrl = deps.config.email.smtpUrl;
  if (!smtpUrl) {
    warnOnceNotConfigured(deps);
    return fail(deps, job, NOT_CONFIGURED, 'debug');
  }
  const mail = parsed.data;
  const messageId = deliveryMessageId(deps, job.id);
  const ticket = mail.ticketId ? await ticketById(db, mail.ticketId) : undefined;
  let subject = oneLine(mail.subject);
  if (ticket && !SUBJECT_TOKEN.test(subject)) subject = `${subject} [#${ticket.number}]`;
  const thread = ticket ? await threadHeaders(deps, ticket.id, messageId) : { inReplyTo: undefined, references: [] as string[] };
  const references = mail.references ?? thread.references;
  const inReplyTo = mail.inReplyTo ?? thread.inReplyTo;
  const body = renderMail({ text: mail.text, html: mail.html, ticketNumber: ticket ? Number(ticket.number) : undefined });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(mail.headers ?? {})) if (ALLOWED_HEADER.test(name)) headers[name] = oneLine(value, 1000);
  // Mail no person wrote (notifications, surveys) says so (RFC 3834), so other systems do not auto-answer it.
  if (!mail.messageId && !headers['Auto-Submitted'] && !headers['auto-submitted']) headers['Auto-Submitted'] = 'auto-generated';
  try {
    await (await transportFor(smtpUrl)).sendMail({
      from: deps.config.email.mailFrom,
      to: mail.to,
      replyTo: deps.config.email.replyTo ?? deps.config.email.mailFrom,
      subject,
      text: body.text,
      html: body.html,
      messageId: `<${messageId}>`,
      inReplyTo: inReplyTo ? `<${inReplyTo.replace(/[<>]/g, '')}>` : undefined,
      references: references.length ? references.map((r) => `<${r.replace(/[<>]/g, '')}>`) : undefined,
      headers,
    });
  } catch (error) {
    const err = error as { responseCode?: number; message?: string };
    const reason = (err.message ?? String(error)).slice(0, 500);
    // 5xx is the server's final answer (bad address, policy): retrying cannot help.
    if (err.responseCode && err.responseCode >= 500) return fail(deps, job, reason);
    if (job.attempt >= job.maxAttempts) return fail(deps, job, reason);
    await updateDelivery(db, job.id, { attempts: job.attempt, error: reason, updated_at: now() });
    throw error;
  }
  await updateDelivery(db, job.id, { status: 'sent', attempts: job.attempt, error: null, smtp_message_id: messageId, sent_at: now(), updated_at: now() });
  if (ticket) await insertMessageId(db, { message_id: messageId, ticket_id: ticket.id, ticket_message_id: mail.messageId ?? null, direction: 'out', created_at: now() });
}

const NOT_CONFIGURED = 'SMTP_URL is not set';
const warnedNotConfigured = new WeakSet<Deps['config']>();

/**
 * Without a relay every mail fails the same way: said once per process, in words that say what
 * to do, rather than a warning per mail (a demo help desk queues hundreds on its first start).
 */
function warnOnceNotConfigured(deps: Deps): void {
  if (warnedNotConfigured.has(deps.config)) return;
  warnedNotConfigured.add(deps.config);
  deps.logger.warn('outbound email is off: SMTP_URL is not set, so replies, notifications and surveys are recorded as failed deliveries, not sent (docs/email.md)');
}

async function fail(deps: Deps, job: JobContext, reason: string, level: 'warn' | 'debug' = 'warn'): Promise<void> {
  deps.logger[level]({ jobId: job.id, reason }, 'outbound email failed');
  await updateDelivery(deps.db.kysely, job.id, { status: 'failed', attempts: job.attempt, error: reason, updated_at: deps.clock.now().toISOString() });
}

/** In-Reply-To: the newest message of the customer's (else any); References: the thread, capped as mail clients do. */
async function threadHeaders(deps: Deps, ticketId: string, own: string): Promise<{ inReplyTo: string | undefined; references: string[] }> {
  const ids = (await ticketMessageIds(deps.db.kysely, ticketId)).filter((m) => m.message_id !== own);
  const lastIn = [...ids].reverse().find((m) => m.direction === 'in') ?? ids[ids.length - 1];
  const all = ids.map((m) => m.message_id);
  const references = all.length > 20 ? [all[0]!, ...all.slice(-19)] : all;
  return { inReplyTo: lastIn?.message_id, references };
}
