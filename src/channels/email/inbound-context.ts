import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/principal.js';
import type { Database } from '../../platform/db/tables.js';
import { newId } from '../../platform/ids.js';
import type { TicketLifecycle } from '../../tickets/lifecycle.js';
import { insertAttachments, insertMessageId, markInboundProcessed } from './email.store.js';

/** What the ticket hooks must write for the inbound email being turned into a ticket or reply. */
export interface InboundWork {
  inboundId: string;
  /** Sender, subject and Message-ID, recorded on the inbound row with its final status. */
  facts: { from_address: string; subject: string; message_id: string | null };
  messageId: string | null;
  /** The statuses the row may be in; the update fails (and so the ticket change) if another run already finished it. */
  fromStatuses: string[];
  now: string;
  attachments: Array<{ filename: string; contentType: string; size: number; sha256: string | null; status: 'stored' | 'too_large'; contentId: string | null }>;
}

/** Raised inside the ticket's transaction when the inbound email was finished by another run. */
export class AlreadyProcessed extends Error {}

/**
 * The inbound email an actor is working for. Ticket hooks receive the very actor object the
 * email service passed to createTicket/addMessage, so keying on it ties the hook to its email
 * without the ticket core knowing about email — and lets the email's status, Message-ID and
 * attachments commit in the same transaction as the ticket (no ticket without its email marked
 * processed, and no processed email without its ticket).
 */
const work = new WeakMap<Actor, InboundWork>();

export function actorForInbound(address: string, customerId: string | null, job: InboundWork): Actor {
  const actor: Actor = { type: 'customer', id: customerId, label: address };
  work.set(actor, job);
  return actor;
}

async function finish(trx: Kysely<Database>, job: InboundWork, ticketId: string, ticketMessageId: string): Promise<void> {
  const updated = await markInboundProcessed(trx, job.inboundId, { ...job.facts, ticket_id: ticketId, ticket_message_id: ticketMessageId, processed_at: job.now }, job.fromStatuses);
  if (!updated) throw new AlreadyProcessed(job.inboundId);
  if (job.messageId) await insertMessageId(trx, { message_id: job.messageId, ticket_id: ticketId, ticket_message_id: ticketMessageId, direction: 'in', created_at: job.now });
  await insertAttachments(
    trx,
    job.attachments.map((a) => ({
      id: newId(),
      inbound_email_id: job.inboundId,
      ticket_id: ticketId,
      ticket_message_id: ticketMessageId,
      filename: a.filename,
      content_type: a.contentType,
      size: a.size,
      sha256: a.sha256,
      status: a.status,
      content_id: a.contentId,
      created_at: job.now,
    })),
  );
}

/** Plugs the inbound bookkeeping into ticket creation and replies. */
export function installInboundHooks(lifecycle: TicketLifecycle): void {
  lifecycle.afterCreate.push(async ({ trx, actor, row, messageId }) => {
    const job = work.get(actor);
    if (job) await finish(trx, job, row.id, messageId);
  });
  lifecycle.afterMessage.push(async ({ trx, actor, ticket, message }) => {
    const job = work.get(actor);
    if (job) await finish(trx, job, ticket.id, message.id);
  });
}
