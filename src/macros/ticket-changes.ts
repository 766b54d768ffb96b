import { z } from 'zod';
import type { FieldError } from '../platform/errors.js';
import { UUID_PATTERN } from '../platform/ids.js';
import { Priority, Status, type Ticket, type UpdateTicketInput } from '../tickets/tickets.schema.js';
import { normaliseTags } from '../tickets/tickets.view.js';

/**
 * Ticket changes a macro or an automation can make. Both apply them through the ticket
 * service, so status rules, assignment checks and the audit trail are the ticket's own.
 */
const Id = z.string().regex(UUID_PATTERN, 'must be an id');
const TagList = z.array(z.string().trim().min(1).max(64)).min(1).max(50);
/** `current_user`: whoever applies the macro (macros only; an automation has no user). */
export const CURRENT_USER = 'current_user';

export const SetFieldsAction = z
  .object({
    type: z.literal('set_fields'),
    status: Status.optional(),
    priority: Priority.optional(),
    category: z.string().trim().min(1).max(120).nullable().optional(),
    groupId: Id.nullable().optional(),
    assigneeId: z.union([Id, z.literal(CURRENT_USER)]).nullable().optional(),
  })
  .strict();
export const AssignAction = z
  .object({ type: z.literal('assign'), assigneeId: z.union([Id, z.literal(CURRENT_USER)]).nullable().optional(), groupId: Id.nullable().optional() })
  .strict();
export const AddTagsAction = z.object({ type: z.literal('add_tags'), tags: TagList }).strict();
export const RemoveTagsAction = z.object({ type: z.literal('remove_tags'), tags: TagList }).strict();

export const TicketChange = z.discriminatedUnion('type', [SetFieldsAction, AssignAction, AddTagsAction, RemoveTagsAction]);
export type TicketChange = z.infer<typeof TicketChange>;

export const TICKET_CHANGE_TYPES = new Set(['set_fields', 'assign', 'add_tags', 'remove_tags']);

/** Field errors for `current_user` where no user applies the change. */
export function assertNoCurrentUser(changes: TicketChange[], path: (index: number) => string): FieldError[] {
  return changes.flatMap((change, index) =>
    (change.type === 'set_fields' || change.type === 'assign') && change.assigneeId === CURRENT_USER
      ? [{ path: `${path(index)}.assigneeId`, message: 'current_user is only meaningful in a macro an agent applies' }]
      : [],
  );
}

/**
 * The update that makes the ticket look as the changes say, in order (a later change wins);
 * only fields that would differ are included. `currentUserId` resolves `current_user`.
 */
export function planTicketChanges(ticket: Ticket, changes: TicketChange[], currentUserId: string | null): UpdateTicketInput {
  const next = { status: ticket.status, priority: ticket.priority, category: ticket.category, groupId: ticket.groupId, assigneeId: ticket.assigneeId, tags: [...ticket.tags] };
  const assignee = (value: string | null) => (value === CURRENT_USER ? currentUserId : value);
  for (const change of changes) {
    if (change.type === 'set_fields' || change.type === 'assign') {
      if (change.type === 'set_fields') {
        if (change.status !== undefined) next.status = change.status;
        if (change.priority !== undefined) next.priority = change.priority;
        if (change.category !== undefined) next.category = change.category;
      }
      if (change.groupId !== undefined) next.groupId = change.groupId;
      if (change.assigneeId !== undefined) next.assigneeId = assignee(change.assigneeId);
    } else if (change.type === 'add_tags') {
      next.tags = normaliseTags([...next.tags, ...change.tags]);
    } else {
      const gone = new Set(normaliseTags(change.tags));
      next.tags = next.tags.filter((t) => !gone.has(t));
    }
  }
  const update: UpdateTicketInput = {};
  if (next.status !== ticket.status) update.status = next.status;
  if (next.priority !== ticket.priority) update.priority = next.priority;
  if (next.category !== ticket.category) update.category = next.category;
  if (next.groupId !== ticket.groupId) update.groupId = next.groupId;
  if (next.assigneeId !== ticket.assigneeId) update.assigneeId = next.assigneeId;
  if (JSON.stringify(next.tags) !== JSON.stringify(ticket.tags)) update.tags = next.tags;
  return update;
}

/** `{field: {from, to}}` for a planned update, as a preview shows it. */
export function describeUpdate(ticket: Ticket, update: UpdateTicketInput): Record<string, { from: unknown; to: unknown }> {
  const current = ticket as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.entries(update).map(([field, to]) => [field, { from: current[field] ?? null, to }]));
}
