import type { Actor } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { inTransaction } from '../platform/context.js';
import type { MessageRow, TicketUpdate } from '../platform/db/tables.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { htmlToText, sanitizeMessageHtml } from './sanitize.js';
import { assertTransition, type TicketStatus } from './status.js';
import type { Message } from './tickets.schema.js';
import { findMessages, findTicketRow, insertMessage, updateTicketIfVersion } from './tickets.store.js';
import { checkMessageSize, statusTimestamps, ticketIndex } from './tickets.service.js';
import { toMessage } from './tickets.view.js';
import { runHooks } from './lifecycle.js';

export interface NewMessage {
  body: string;
  html?: string;
  visibility: 'public' | 'internal';
  status?: TicketStatus;
}

export interface MessageAuthor {
  type: 'agent' | 'customer' | 'system';
  id: string | null;
}

/**
 * Adds a reply or an internal note. The first public agent reply records the first response;
 * an optional status moves the ticket in the same transaction; a customer reply reopens a
 * pending or solved ticket.
 */
export async function addMessage(deps: Deps, actor: Actor, author: MessageAuthor, ticketId: string, input: NewMessage): Promise<Message> {
  checkMessageSize(deps, input.body);
  if (author.type === 'customer' && input.visibility === 'internal') throw new AppError('validation_failed', 'A customer cannot write an internal note');
  const html = input.html ? sanitizeMessageHtml(input.html) : null;
  const text = input.body.trim() || (html ? htmlToText(html) : '');
  const { message, changedStatus, number } = await inTransaction(deps, async (trx) => {
    const ticket = await findTicketRow(trx, ticketId);
    if (!ticket) throw notFound('Ticket');
    if (ticket.status === 'closed') throw new AppError('ticket_closed', 'The ticket is closed; open a follow-up ticket instead');
    const now = deps.clock.now().toISOString();
    let status = ticket.status as TicketStatus;
    if (input.status) {
      assertTransition(status, input.status);
      status = input.status;
    } else if (author.type === 'customer' && (status === 'pending' || status === 'solved')) {
      status = 'open';
    } else if (author.type === 'agent' && input.visibility === 'public' && status === 'new') {
      status = 'open';
    }
    const row: MessageRow = {
      id: newId(),
      ticket_id: ticketId,
      visibility: input.visibility,
      author_type: author.type,
      author_id: author.id,
      body_text: text,
      body_html: html,
      channel: author.type === 'agent' ? 'web' : ticket.channel,
      created_at: now,
    };
    await insertMessage(trx, row);
    const update: TicketUpdate = { updated_at: now, status, ...statusTimestamps(ticket.status, status, now) };
    if (author.type === 'agent' && input.visibility === 'public' && !ticket.first_response_at) update.first_response_at = now;
    if (!(await updateTicketIfVersion(trx, ticketId, ticket.version, update))) {
      throw new AppError('precondition_failed', 'The ticket was changed by someone else at the same time; try again');
    }
    await ticketIndex(deps).append(trx, Number(ticket.number), text);
    await recordAudit(trx, deps.clock, {
      actor,
      action: input.visibility === 'internal' ? 'message.note_added' : 'message.reply_added',
      entityType: 'message',
      entityId: row.id,
      ticketId,
      changes: { after: { visibility: row.visibility, authorType: row.author_type, characters: text.length } },
    });
    if (status !== ticket.status) {
      await recordAudit(trx, deps.clock, {
        actor,
        action: 'ticket.updated',
        entityType: 'ticket',
        entityId: ticketId,
        ticketId,
        changes: { before: { status: ticket.status }, after: { status } },
      });
    }
    const after = { ...ticket, ...update, version: ticket.version + 1 };
    await runHooks(deps.lifecycle.afterMessage, { trx, actor, ticket: after, previousStatus: ticket.status, message: row });
    return { message: toMessage(row), changedStatus: status !== ticket.status, number: Number(ticket.number) };
  });
  deps.events.publish('message.created', { ticketId, messageId: message.id, visibility: message.visibility, authorType: author.type });
  if (changedStatus) deps.events.publish('ticket.updated', { ticketId, number, changed: ['status'] });
  return message;
}

/** A page of a ticket's messages, oldest first. Internal notes are included for staff only. */
export async function listMessages(deps: Deps, ticketId: string, limit: number, cursor?: string): Promise<{ items: Message[]; nextCursor: string | null }> {
  const ticket = await findTicketRow(deps.db.kysely, ticketId);
  if (!ticket) throw notFound('Ticket');
  let after: { createdAt: string; id: string } | undefined;
  if (cursor) {
    const [createdAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
    if (!createdAt || !id) throw new AppError('invalid_cursor');
    after = { createdAt, id };
  }
  const rows = await findMessages(deps.db.kysely, ticketId, limit + 1, after);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? Buffer.from(`${last.created_at}|${last.id}`).toString('base64url') : null;
  return { items: page.map(toMessage), nextCursor };
}
