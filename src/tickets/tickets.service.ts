import type { Kysely } from 'kysely';
import type { Actor } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { inTransaction } from '../platform/context.js';
import { takeSequenceNumbers } from '../platform/db/dialect.js';
import { fullTextIndex, type FullTextIndex } from '../platform/db/fulltext.js';
import type { Database, TicketRow, TicketUpdate } from '../platform/db/tables.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { diff, recordAudit } from '../audit/audit.service.js';
import { findOrCreateCustomer } from './customers.service.js';
import { validateCustomFieldValues } from './custom-fields.service.js';
import { assertTransition, type TicketStatus } from './status.js';
import type { CreateTicketInput, Ticket, UpdateTicketInput } from './tickets.schema.js';
import { allMessageBodies, findTicket, findTicketRow, insertMessage, insertTicket, insertTicketTags, replaceTicketTags, updateTicketIfVersion } from './tickets.store.js';
import { normaliseTags, toTicket } from './tickets.view.js';
import { runHooks } from './lifecycle.js';

/** Ticket numbers: a counter row on SQLite, a sequence on PostgreSQL (takeSequenceNumbers). */
export const TICKET_NUMBERS = 'ticket_number';
/** Priority when neither the caller nor triage gives one: standard support. */
export const DEFAULT_PRIORITY = 3;

/** The ticket full-text index for this database. */
export const ticketIndex = (deps: Deps): FullTextIndex => fullTextIndex(deps.db.dialect, 'ticket_fts');

export function checkMessageSize(deps: Deps, body: string): void {
  if (body.length > deps.config.messageMaxChars) {
    throw new AppError('payload_too_large', `A message may have at most ${deps.config.messageMaxChars} characters`);
  }
}

/** Checks that an assignee is an active user who works tickets, and that a group exists. */
async function checkAssignment(db: Kysely<Database>, assigneeId?: string | null, groupId?: string | null): Promise<void> {
  if (assigneeId) {
    const user = await db.selectFrom('users').select(['role', 'active']).where('id', '=', assigneeId).executeTakeFirst();
    if (!user || user.active !== 1 || user.role === 'viewer') {
      throw new AppError('validation_failed', 'assigneeId must be an active agent, lead or admin', { fields: [{ path: 'assigneeId', message: 'is not an assignable user' }] });
    }
  }
  if (groupId) {
    const group = await db.selectFrom('groups').select('id').where('id', '=', groupId).executeTakeFirst();
    if (!group) throw new AppError('validation_failed', 'groupId does not name a group', { fields: [{ path: 'groupId', message: 'is not a group' }] });
  }
}

export interface CreateOptions {
  /** Keeps an imported ticket's original creation time. */
  createdAt?: string;
  status?: TicketStatus;
}

/** Opens a ticket with its first message (from the requester), all in one transaction. */
export async function createTicket(deps: Deps, actor: Actor, input: CreateTicketInput, options: CreateOptions = {}): Promise<Ticket> {
  checkMessageSize(deps, input.body);
  const id = newId();
  const createdAt = options.createdAt ?? deps.clock.now().toISOString();
  const tags = normaliseTags(input.tags ?? []);
  const committed: Array<() => void> = [];
  const onCommit = (callback: () => void) => void committed.push(callback);
  const ticket = await inTransaction(deps, async (trx) => {
    await checkAssignment(trx, input.assigneeId, input.groupId);
    const customFields = await validateCustomFieldValues(deps, trx, input.customFields ?? {}, {}, true);
    const requester = await findOrCreateCustomer(trx, deps.clock, actor, input.requester);
    const [number] = await takeSequenceNumbers(trx, TICKET_NUMBERS, 1);
    const row: TicketRow = {
      id,
      number,
      external_id: input.externalId ?? null,
      subject: input.subject,
      status: options.status ?? (input.assigneeId ? 'open' : 'new'),
      priority: input.priority ?? DEFAULT_PRIORITY,
      category: input.category ?? null,
      channel: input.channel ?? 'api',
      requester_id: requester.id,
      organisation_id: requester.organisation_id,
      assignee_id: input.assigneeId ?? null,
      group_id: input.groupId ?? null,
      tags: JSON.stringify(tags),
      custom_fields: JSON.stringify(customFields),
      triage: null,
      sla: null,
      sla_next_due_at: null,
      version: 1,
      created_at: createdAt,
      updated_at: createdAt,
      first_response_at: null,
      solved_at: options.status === 'solved' || options.status === 'closed' ? createdAt : null,
      closed_at: options.status === 'closed' ? createdAt : null,
    };
    const explicit = {
      priority: input.priority !== undefined,
      category: input.category !== undefined,
      groupId: input.groupId !== undefined,
      assigneeId: input.assigneeId !== undefined,
    };
    await runHooks(deps.lifecycle.beforeCreate, { trx, actor, row, body: input.body, explicit, onCommit });
    // A hook (routing) may have assigned the ticket: assigned work is open, unless imported with a status.
    if (!options.status && row.assignee_id && row.status === 'new') row.status = 'open';
    const finalTags = JSON.parse(row.tags) as string[];
    await insertTicket(trx, row);
    await insertTicketTags(trx, id, finalTags);
    const messageId = newId();
    await insertMessage(trx, {
      id: messageId,
      ticket_id: id,
      visibility: 'public',
      author_type: 'customer',
      author_id: requester.id,
      body_text: input.body,
      body_html: null,
      channel: row.channel,
      created_at: createdAt,
    });
    await ticketIndex(deps).insert(trx, number, { title: input.subject, body: input.body });
    await recordAudit(trx, deps.clock, {
      actor,
      action: 'ticket.created',
      entityType: 'ticket',
      entityId: id,
      ticketId: id,
      changes: { after: auditedFields(row) },
    });
    await runHooks(deps.lifecycle.afterCreate, { trx, actor, row, body: input.body, messageId, onCommit });
    return toTicket({ ...row, requester_email: requester.email, requester_name: requester.name });
  });
  deps.events.publish('ticket.created', { ticketId: ticket.id, number: ticket.number });
  for (const callback of committed) callback();
  return ticket;
}

/** The fields whose changes the audit trail records. */
function auditedFields(row: TicketRow): Record<string, unknown> {
  return {
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    category: row.category,
    channel: row.channel,
    assigneeId: row.assignee_id,
    groupId: row.group_id,
    tags: JSON.parse(row.tags),
    customFields: JSON.parse(row.custom_fields),
  };
}

export async function getTicket(deps: Deps, id: string): Promise<Ticket> {
  const row = await findTicket(deps.db.kysely, id);
  if (!row) throw notFound('Ticket');
  return toTicket(row);
}

/** Status bookkeeping for a move: solved and closed times, cleared on reopen. */
export function statusTimestamps(from: string, to: TicketStatus, now: string): TicketUpdate {
  if (from === to) return {};
  if (to === 'solved') return { solved_at: now };
  if (to === 'closed') return { closed_at: now };
  if (from === 'solved') return { solved_at: null };
  return {};
}

/**
 * Changes a ticket's fields. With `ifMatch`, refuses (412) when the ticket has moved on
 * since the caller read that version. Runs in one transaction with its audit event.
 */
export async function updateTicket(deps: Deps, actor: Actor, id: string, input: UpdateTicketInput, ifMatch?: number): Promise<Ticket> {
  const { ticket, changed } = await inTransaction(deps, async (trx) => {
    const current = await findTicketRow(trx, id);
    if (!current) throw notFound('Ticket');
    if (ifMatch !== undefined && current.version !== ifMatch) {
      throw new AppError('precondition_failed', `The ticket is at version ${current.version}, not ${ifMatch}`, { currentVersion: current.version });
    }
    if (current.status === 'closed') throw new AppError('ticket_closed', 'The ticket is closed; open a follow-up ticket instead');
    if (input.status) assertTransition(current.status as TicketStatus, input.status);
    await checkAssignment(trx, input.assigneeId, input.groupId);
    const now = deps.clock.now().toISOString();
    const customFields = input.customFields
      ? await validateCustomFieldValues(deps, trx, input.customFields, JSON.parse(current.custom_fields), false)
      : undefined;
    const tags = input.tags ? normaliseTags(input.tags) : undefined;
    const next: TicketRow = {
      ...current,
      subject: input.subject ?? current.subject,
      status: input.status ?? current.status,
      priority: input.priority ?? current.priority,
      category: input.category === undefined ? current.category : input.category,
      assignee_id: input.assigneeId === undefined ? current.assignee_id : input.assigneeId,
      group_id: input.groupId === undefined ? current.group_id : input.groupId,
      tags: tags ? JSON.stringify(tags) : current.tags,
      custom_fields: customFields ? JSON.stringify(customFields) : current.custom_fields,
    };
    // Assigning a new ticket to someone means work has started on it.
    if (next.status === 'new' && next.assignee_id && !input.status) next.status = 'open';
    const changes = diff(auditedFields(current), auditedFields(next));
    if (!changes) return { ticket: current, changed: [] as string[] };
    const update: TicketUpdate = {
      subject: next.subject,
      status: next.status,
      priority: next.priority,
      category: next.category,
      assignee_id: next.assignee_id,
      group_id: next.group_id,
      tags: next.tags,
      custom_fields: next.custom_fields,
      updated_at: now,
      ...statusTimestamps(current.status, next.status as TicketStatus, now),
    };
    if (!(await updateTicketIfVersion(trx, id, current.version, update))) {
      throw new AppError('precondition_failed', 'The ticket was changed by someone else at the same time; read it again');
    }
    if (tags) await replaceTicketTags(trx, id, tags);
    if (next.subject !== current.subject) {
      const bodies = await allMessageBodies(trx, id);
      await ticketIndex(deps).replace(trx, Number(current.number), { title: next.subject, body: bodies.join('\n') });
    }
    await recordAudit(trx, deps.clock, { actor, action: 'ticket.updated', entityType: 'ticket', entityId: id, ticketId: id, changes });
    const after = { ...current, ...update, version: current.version + 1 } as TicketRow;
    const changedFields = Object.keys(changes.after ?? {});
    await runHooks(deps.lifecycle.afterUpdate, { trx, actor, before: current, after, changed: changedFields });
    return { ticket: after, changed: changedFields };
  });
  if (changed.length > 0) deps.events.publish('ticket.updated', { ticketId: id, number: Number(ticket.number), changed });
  return getTicket(deps, id);
}
