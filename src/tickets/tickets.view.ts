import type { MessageRow } from '../platform/db/tables.js';
import type { Message, Ticket } from './tickets.schema.js';
import type { TicketStatus } from './status.js';
import type { TicketWithRequester } from './tickets.store.js';

/** The API shape of a ticket row. */
export function toTicket(row: TicketWithRequester): Ticket {
  const sla = row.sla ? (JSON.parse(row.sla) as Record<string, unknown>) : {};
  return {
    id: row.id,
    number: Number(row.number),
    externalId: row.external_id,
    subject: row.subject,
    status: row.status as TicketStatus,
    priority: row.priority,
    category: row.category,
    channel: row.channel,
    requester: { id: row.requester_id, email: row.requester_email, name: row.requester_name },
    organisationId: row.organisation_id,
    assigneeId: row.assignee_id,
    groupId: row.group_id,
    tags: JSON.parse(row.tags) as string[],
    customFields: JSON.parse(row.custom_fields) as Record<string, unknown>,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    firstResponseAt: row.first_response_at,
    solvedAt: row.solved_at,
    closedAt: row.closed_at,
    sla: {
      firstResponseDueAt: null,
      resolutionDueAt: null,
      ...sla,
      nextDueAt: row.sla_next_due_at,
    },
    triage: row.triage ? (JSON.parse(row.triage) as Record<string, unknown>) : null,
  };
}

/** The API shape of a message row. */
export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    visibility: row.visibility as Message['visibility'],
    author: { type: row.author_type as Message['author']['type'], id: row.author_id },
    body: row.body_text,
    html: row.body_html,
    channel: row.channel,
    createdAt: row.created_at,
  };
}

/** Tags as we store them: trimmed, lower case, inner spaces as dashes, no duplicates, in order given. */
export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase().replace(/\s+/g, '-')).filter(Boolean))];
}
