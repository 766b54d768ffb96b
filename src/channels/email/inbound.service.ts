import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/principal.js';
import { inTransaction, type Deps } from '../../platform/context.js';
import type { Database } from '../../platform/db/tables.js';
import { newId } from '../../platform/ids.js';
import { findOrCreateCustomer } from '../../tickets/customers.service.js';
import { addMessage } from '../../tickets/messages.service.js';
import { createTicket } from '../../tickets/tickets.service.js';
import { AppError } from '../../platform/errors.js';
import { BlobStore } from './blobs.js';
import { countRecentFrom, findInbound, findMessageIds, insertInbound, ticketById, ticketByNumber, updateInbound } from './email.store.js';
import type { InboundEmailRow } from './email.tables.js';
import { actorForInbound, AlreadyProcessed, type InboundWork } from './inbound-context.js';
import { loopReason } from './loops.js';
import { ownAddress } from './outbound.service.js';
import { parseEmail, type ParsedEmail } from './parse.js';
import { splitQuotedText } from './quoted.js';
import { findThread, SUBJECT_TOKEN, type KnownMessageId } from './threading.js';

/** The job that retries an inbound email whose processing failed. */
export const EMAIL_RECEIVE_JOB = 'email.receive';
const HOUR_MS = 3_600_000;

export const blobStore = (deps: Deps) => new BlobStore(deps.config.email.attachmentsDir);

export interface IncomingMail {
  raw: Buffer;
  /** `smtp`, or `imap:<mailbox>`. */
  source: string;
  /** Unique within the source (IMAP: `uidvalidity:uid`); defaults to a new id. */
  sourceRef?: string;
  /** SMTP envelope sender (MAIL FROM); '' for the null sender of bounces. */
  envelopeFrom?: string;
}

/**
 * Step 1 of never losing mail: the raw bytes go to disk (fsynced) and a `received` row to the
 * database before anyone is told the message was accepted. `alsoInTransaction` lets the IMAP
 * poller move its UID mark in the same commit. Returns null when the message was already stored.
 */
export async function acceptInbound(
  deps: Deps,
  mail: IncomingMail,
  alsoInTransaction?: (trx: Kysely<Database>) => Promise<void>,
): Promise<InboundEmailRow | null> {
  const sha256 = await blobStore(deps).put('raw', mail.raw);
  const id = newId();
  const row: InboundEmailRow = {
      id,
      source: mail.source,
      source_ref: mail.sourceRef ?? id,
      raw_sha256: sha256,
      raw_size: mail.raw.length,
      envelope_from: mail.envelopeFrom ?? null,
      from_address: null,
      subject: null,
      message_id: null,
      status: 'received',
      reason: null,
      attempts: 0,
      last_error: null,
      ticket_id: null,
      ticket_message_id: null,
      received_at: deps.clock.now().toISOString(),
      processed_at: null,
  };
  const inserted = await inTransaction(deps, async (trx) => {
    const fresh = await insertInbound(trx, row);
    if (alsoInTransaction) await alsoInTransaction(trx);
    return fresh;
  });
  return inserted ? row : null;
}

export type ProcessOutcome = 'processed' | 'quarantined' | 'duplicate' | 'failed' | 'skipped';

/**
 * Step 2: turns a stored message into a ticket or a reply, or quarantines it. Any failure is
 * recorded on the row and retried by a job with back-off; the message itself stays stored.
 * `release` (an admin's decision) skips the loop and rate checks.
 */
export async function processInbound(deps: Deps, target: string | InboundEmailRow, options: { release?: boolean; raw?: Buffer } = {}): Promise<ProcessOutcome> {
  // The caller that just stored the mail passes the row and bytes, saving a read of each.
  const row = typeof target === 'string' ? await findInbound(deps.db.kysely, target) : target;
  const allowed = options.release ? ['quarantined'] : ['received', 'failed'];
  if (!row || !allowed.includes(row.status)) return 'skipped';
  try {
    return await handle(deps, row, allowed, options.release === true, options.raw);
  } catch (error) {
    if (error instanceof AlreadyProcessed) return 'skipped';
    await recordFailure(deps, row, error);
    return 'failed';
  }
}

async function handle(deps: Deps, row: InboundEmailRow, allowed: string[], release: boolean, raw?: Buffer): Promise<ProcessOutcome> {
  const db = deps.db.kysely;
  const mail = await parseEmail(raw ?? (await blobStore(deps).readAll('raw', row.raw_sha256)));
  const facts = { from_address: mail.fromAddress, subject: mail.subject, message_id: mail.messageId };
  // One lookup serves de-duplication, loop detection and threading.
  const known = await findMessageIds(db, [...new Set([mail.messageId, ...mail.inReplyTo, ...mail.references].filter((id): id is string => !!id))]);
  const seen = known.find((k) => k.message_id === mail.messageId);
  if (seen?.direction === 'in' && !release) {
    // The same message again (delivered by SMTP and found by IMAP, or a mailbox re-numbered): kept, linked, not doubled.
    await updateInbound(db, row.id, { ...facts, status: 'duplicate', reason: 'message_id_seen', ticket_id: seen.ticket_id, processed_at: now(deps) }, allowed);
    return 'duplicate';
  }
  if (!release) {
    const reason = loopReason(mail, { envelopeFrom: row.envelope_from ?? undefined, ownAddress: ownAddress(deps), isOwnMessageId: seen?.direction === 'out' });
    const limited = !reason && (await overRateLimit(deps, row.id, mail.fromAddress!));
    if (reason || limited) {
      await updateInbound(db, row.id, { ...facts, status: 'quarantined', reason: reason ?? 'rate_limited', processed_at: now(deps) }, allowed);
      return 'quarantined';
    }
  }
  if (!mail.fromAddress) throw new AppError('validation_failed', 'The message has no sender address');
  await toTicket(deps, row, mail, allowed, known);
  return 'processed';
}

/** The ticket a `[#number]` subject token names, if any. */
async function tokenTicket(deps: Deps, mail: ParsedEmail) {
  const token = SUBJECT_TOKEN.exec(mail.subject);
  return token ? ticketByNumber(deps.db.kysely, Number(token[1])) : undefined;
}

async function overRateLimit(deps: Deps, id: string, address: string): Promise<boolean> {
  const since = new Date(deps.clock.now().getTime() - HOUR_MS).toISOString();
  return (await countRecentFrom(deps.db.kysely, address, since, id)) >= deps.config.email.senderRateLimitPerHour;
}

/** Creates the ticket, or adds the reply to the ticket it threads onto. */
async function toTicket(deps: Deps, row: InboundEmailRow, mail: ParsedEmail, allowed: string[], known: KnownMessageId[]): Promise<void> {
  const address = mail.fromAddress!;
  const attachments = await storeAttachments(deps, mail);
  const work: InboundWork = { inboundId: row.id, facts: { from_address: address, subject: mail.subject, message_id: mail.messageId }, messageId: mail.messageId, fromStatuses: allowed, now: now(deps), attachments };
  const body = messageBody(deps, mail, attachments);
  // The customer is only needed up front to check a subject token or to author a reply; a new ticket finds or creates them itself.
  const needsCustomer = known.some((k) => k.message_id !== mail.messageId) || SUBJECT_TOKEN.test(mail.subject);
  const customer = needsCustomer ? await inTransaction(deps, (trx) => findOrCreateCustomer(trx, deps.clock, emailActor(address), { email: address, name: mail.fromName ?? undefined })) : undefined;
  const match = customer ? findThread(mail, known, await tokenTicket(deps, mail), customer) : null;
  const ticket = match ? await ticketById(deps.db.kysely, match.ticketId) : undefined;
  if (ticket && customer && ticket.status !== 'closed') {
    try {
      await addMessage(deps, actorForInbound(address, customer.id, work), { type: 'customer', id: customer.id }, ticket.id, { body, visibility: 'public' });
      return;
    } catch (error) {
      // Closed between our read and the write: the reply opens a follow-up ticket below.
      if (!(error instanceof AppError && error.code === 'ticket_closed')) throw error;
    }
  }
  const subject = mail.subject || '(no subject)';
  await createTicket(deps, actorForInbound(address, customer?.id ?? null, work), {
    subject: ticket ? `${subject} (follow-up to #${ticket.number})` : subject,
    body,
    requester: { email: address, name: mail.fromName ?? undefined },
    channel: 'email',
  });
}

/** Keeps attachments up to the size cap (content-addressed, never decompressed); larger ones are listed as not kept. */
async function storeAttachments(deps: Deps, mail: ParsedEmail): Promise<InboundWork['attachments']> {
  const blobs = blobStore(deps);
  const cap = deps.config.email.attachmentMaxBytes;
  const stored: InboundWork['attachments'] = [];
  for (const a of mail.attachments) {
    const tooLarge = a.size > cap;
    const sha256 = tooLarge ? null : await blobs.put('attachments', a.content);
    stored.push({ filename: a.filename, contentType: a.contentType, size: a.size, sha256, status: tooLarge ? 'too_large' : 'stored', contentId: a.contentId });
  }
  return stored;
}

/** The ticket text: the new part of the mail, a note of what was trimmed or not kept, capped to the message limit. */
function messageBody(deps: Deps, mail: ParsedEmail, attachments: InboundWork['attachments']): string {
  const { text } = splitQuotedText(mail.text);
  const notes = attachments.filter((a) => a.status === 'too_large').map((a) => `[Attachment "${a.filename}" (${a.size} bytes) was not kept: over the ${deps.config.email.attachmentMaxBytes}-byte limit]`);
  let body = [text || '(no text)', ...notes].join('\n\n');
  const max = deps.config.messageMaxChars;
  if (body.length > max) body = `${body.slice(0, max - 80)}\n\n[Truncated: the full message is kept with the original email]`;
  return body;
}

async function recordFailure(deps: Deps, row: InboundEmailRow, error: unknown): Promise<void> {
  // A failure is always recorded against the stored message, which is retried from disk.
  const message = error instanceof Error ? error.message : String(error);
  deps.logger.warn({ inboundEmailId: row.id, err: message }, 'inbound email failed; will retry');
  await updateInbound(deps.db.kysely, row.id, { status: 'failed', attempts: row.attempts + 1, last_error: message.slice(0, 1000) });
  // The first retry waits a minute too: whatever failed (disk, database) rarely heals at once.
  await deps.jobs.enqueue(EMAIL_RECEIVE_JOB, { inboundEmailId: row.id }, { key: row.id, maxAttempts: 8, runAt: new Date(deps.clock.now().getTime() + 60_000) });
}

/** Job handler: processes again; throws while it still fails, so the queue backs off and retries. */
export async function retryInboundJob(deps: Deps, payload: { inboundEmailId: string }): Promise<void> {
  const row = await findInbound(deps.db.kysely, payload.inboundEmailId);
  if (!row || !['received', 'failed'].includes(row.status)) return;
  const outcome = await handleForJob(deps, row);
  if (outcome === 'failed') throw new Error(`inbound email ${row.id} still fails: ${(await findInbound(deps.db.kysely, row.id))?.last_error ?? ''}`);
}

async function handleForJob(deps: Deps, row: InboundEmailRow): Promise<ProcessOutcome> {
  try {
    return await handle(deps, row, ['received', 'failed'], false);
  } catch (error) {
    if (error instanceof AlreadyProcessed) return 'skipped';
    const message = error instanceof Error ? error.message : String(error);
    await updateInbound(deps.db.kysely, row.id, { status: 'failed', attempts: row.attempts + 1, last_error: message.slice(0, 1000) });
    return 'failed';
  }
}

const now = (deps: Deps) => deps.clock.now().toISOString();
const emailActor = (address: string): Actor => ({ type: 'customer', id: null, label: address });
