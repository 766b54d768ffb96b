import type { ReadStream } from 'node:fs';
import { recordAudit } from '../../audit/audit.service.js';
import type { Actor } from '../../platform/auth/principal.js';
import { inTransaction, type Deps } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { EmailAttachmentRow, EmailDeliveryRow, InboundEmailRow } from './email.tables.js';
import type { EmailConfig } from '../../platform/config/config.js';
import type { Attachment, Delivery, EmailSettings, InboundEmail, InboundEmailDetail } from './email.schema.js';
import { attachmentsOf, deleteAttachmentsOf, deleteInboundRow, findAttachment, findInbound, listDeliveries, listInbound, rawReferences, updateInbound } from './email.store.js';
import { blobStore, processInbound } from './inbound.service.js';
import { parseEmail } from './parse.js';
import { splitQuotedText } from './quoted.js';

/** Admin and agent views of inbound mail, attachments and deliveries; quarantine decisions. */

const toInbound = (r: InboundEmailRow): InboundEmail => ({
  id: r.id,
  source: r.source,
  status: r.status as InboundEmail['status'],
  reason: r.reason,
  from: r.from_address,
  envelopeFrom: r.envelope_from,
  subject: r.subject,
  messageId: r.message_id,
  size: Number(r.raw_size),
  attempts: Number(r.attempts),
  lastError: r.last_error,
  ticketId: r.ticket_id,
  ticketMessageId: r.ticket_message_id,
  receivedAt: r.received_at,
  processedAt: r.processed_at,
});

const toAttachment = (r: EmailAttachmentRow): Attachment => ({
  id: r.id,
  inboundEmailId: r.inbound_email_id,
  ticketId: r.ticket_id,
  messageId: r.ticket_message_id,
  filename: r.filename,
  contentType: r.content_type,
  size: Number(r.size),
  sha256: r.sha256,
  status: r.status,
  createdAt: r.created_at,
});

const toDelivery = (r: EmailDeliveryRow): Delivery => ({
  id: r.id,
  ticketId: r.ticket_id,
  messageId: r.ticket_message_id,
  to: r.to_address,
  subject: r.subject,
  smtpMessageId: r.smtp_message_id,
  status: r.status,
  attempts: Number(r.attempts),
  error: r.error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  sentAt: r.sent_at,
});

/** Inbound mail, newest first; `status=quarantined` is the admins' review list. */
export async function listInboundEmails(deps: Deps, query: { status?: string; limit: number; cursor?: string }): Promise<{ items: InboundEmail[]; nextCursor: string | null }> {
  let after: { receivedAt: string; id: string } | undefined;
  if (query.cursor) {
    const [receivedAt, id] = Buffer.from(query.cursor, 'base64url').toString().split('|');
    if (!receivedAt || !id) throw new AppError('invalid_cursor');
    after = { receivedAt, id };
  }
  const rows = await listInbound(deps.db.kysely, { status: query.status, limit: query.limit + 1, after });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map(toInbound), nextCursor: rows.length > query.limit && last ? Buffer.from(`${last.received_at}|${last.id}`).toString('base64url') : null };
}

async function requireInbound(deps: Deps, id: string): Promise<InboundEmailRow> {
  const row = await findInbound(deps.db.kysely, id);
  if (!row) throw notFound('Inbound email');
  return row;
}

/** One inbound email with its full text, the new part, sanitised HTML, headers and attachments. */
export async function getInboundEmail(deps: Deps, id: string): Promise<InboundEmailDetail> {
  const row = await requireInbound(deps, id);
  const attachments = (await attachmentsOf(deps.db.kysely, { inboundEmailId: id })).map(toAttachment);
  try {
    const mail = await parseEmail(await blobStore(deps).readAll('raw', row.raw_sha256));
    return { ...toInbound(row), text: mail.text, newText: splitQuotedText(mail.text).text, html: mail.html, headers: Object.fromEntries(mail.headers), attachments };
  } catch {
    return { ...toInbound(row), text: '', newText: '', html: null, headers: {}, attachments };
  }
}

/** The message exactly as received (download only). */
export async function rawInboundEmail(deps: Deps, id: string): Promise<ReadStream> {
  const row = await requireInbound(deps, id);
  return blobStore(deps).read('raw', row.raw_sha256);
}

/** An admin releases quarantined mail: it is processed as ordinary mail, skipping the loop and rate checks. */
export async function releaseInboundEmail(deps: Deps, actor: Actor, id: string): Promise<InboundEmailDetail> {
  const row = await requireInbound(deps, id);
  if (row.status !== 'quarantined') throw new AppError('email_state_conflict', `Only quarantined mail can be released; this one is ${row.status}`);
  await audit(deps, actor, 'email.released', row);
  await processInbound(deps, id, { release: true });
  return getInboundEmail(deps, id);
}

/** Processes failed mail again now (instead of waiting for the next retry). */
export async function retryInboundEmail(deps: Deps, actor: Actor, id: string): Promise<InboundEmailDetail> {
  const row = await requireInbound(deps, id);
  if (row.status !== 'failed' && row.status !== 'received') throw new AppError('email_state_conflict', `Only failed mail can be retried; this one is ${row.status}`);
  await audit(deps, actor, 'email.retried', row);
  await processInbound(deps, id);
  return getInboundEmail(deps, id);
}

/** Deletes quarantined, duplicate or failed mail with its raw file (unless another row shares it). */
export async function deleteInboundEmail(deps: Deps, actor: Actor, id: string): Promise<void> {
  const row = await requireInbound(deps, id);
  if (!['quarantined', 'duplicate', 'failed'].includes(row.status)) throw new AppError('email_state_conflict', `Mail that is ${row.status} cannot be deleted`);
  await inTransaction(deps, async (trx) => {
    if (!(await updateInbound(trx, id, { status: row.status }, [row.status]))) throw new AppError('email_state_conflict', 'The mail changed meanwhile; read it again');
    await deleteAttachmentsOf(trx, id);
    await deleteInboundRow(trx, id);
    await recordAudit(trx, deps.clock, { actor, action: 'email.deleted', entityType: 'inbound_email', entityId: id, changes: { before: { status: row.status, reason: row.reason, from: row.from_address, subject: row.subject } } });
  });
  if ((await rawReferences(deps.db.kysely, row.raw_sha256)) === 0) await blobStore(deps).remove('raw', row.raw_sha256);
}

async function audit(deps: Deps, actor: Actor, action: string, row: InboundEmailRow): Promise<void> {
  await inTransaction(deps, (trx) =>
    recordAudit(trx, deps.clock, { actor, action, entityType: 'inbound_email', entityId: row.id, changes: { before: { status: row.status, reason: row.reason }, after: { from: row.from_address, subject: row.subject } } }),
  );
}

export async function listAttachments(deps: Deps, ticketId: string): Promise<Attachment[]> {
  return (await attachmentsOf(deps.db.kysely, { ticketId })).map(toAttachment);
}

/** An attachment's bytes; 410 when it was over the size cap and never kept. */
export async function openAttachment(deps: Deps, id: string): Promise<{ attachment: Attachment; stream: ReadStream }> {
  const row = await findAttachment(deps.db.kysely, id);
  if (!row) throw notFound('Attachment');
  if (row.status !== 'stored' || !row.sha256) throw new AppError('attachment_not_kept', `"${row.filename}" (${row.size} bytes) was over the size limit and was not kept`);
  return { attachment: toAttachment(row), stream: blobStore(deps).read('attachments', row.sha256) };
}

export async function listEmailDeliveries(deps: Deps, query: { ticketId?: string; messageId?: string; limit: number }): Promise<Delivery[]> {
  return (await listDeliveries(deps.db.kysely, query)).map(toDelivery);
}

/**
 * The effective e-mail configuration as admins see it. Built field by field from what is safe to
 * show: the relay's host and port are parsed out of SMTP_URL (which may carry a user and password),
 * and the IMAP password is never read here.
 */
export function emailSettings(email: EmailConfig): EmailSettings {
  const relay = email.smtpUrl ? new URL(email.smtpUrl) : null;
  const secure = relay ? relay.protocol === 'smtps:' : null;
  return {
    inbound: {
      smtp: { enabled: email.smtpPort !== undefined, host: email.smtpHost, port: email.smtpPort ?? null, maxMessageBytes: email.maxMessageBytes },
      imap: email.imap
        ? { enabled: true, host: email.imap.host, port: email.imap.port, tls: email.imap.tls, mailbox: email.imap.user, folder: email.imap.folder, pollSeconds: email.imap.pollSeconds }
        : { enabled: false, host: null, port: null, tls: null, mailbox: null, folder: null, pollSeconds: null },
      senderRateLimitPerHour: email.senderRateLimitPerHour,
      attachmentMaxBytes: email.attachmentMaxBytes,
    },
    outbound: {
      configured: relay !== null,
      host: relay?.hostname ?? null,
      port: relay ? Number(relay.port || (secure ? 465 : 587)) : null,
      secure,
      authenticated: relay !== null && (relay.username !== '' || relay.password !== ''),
      from: email.mailFrom,
      replyTo: email.replyTo ?? null,
    },
  };
}
