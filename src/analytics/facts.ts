import type { MessageRow, TicketRow } from '../platform/db/tables.js';
import { isOpenStatus, type TicketState } from './contribution.js';

/** Counters from a ticket's history that its row does not hold. */
export interface Facts {
  agent_replies: number;
  reopens: number;
  escalations: number;
  group_moves: number;
}

export const NO_FACTS: Facts = { agent_replies: 0, reopens: 0, escalations: 0, group_moves: 0 };

/** Field values before and after one change, as the audit trail records them (API names). */
export interface FieldChange {
  status?: [unknown, unknown];
  priority?: [unknown, unknown];
  groupId?: [unknown, unknown];
}

/**
 * Adds what one change means: a solved ticket made active again is a reopen; a lower priority
 * number (a higher tier) or a move from one group to another is an escalation; a move between
 * two groups is also counted for "bouncing". The rebuild reads the same changes from the audit
 * trail, so both paths count alike.
 */
export function applyChange(facts: Facts, change: FieldChange): Facts {
  const next = { ...facts };
  if (change.status) {
    const [from, to] = change.status;
    if (from === 'solved' && typeof to === 'string' && isOpenStatus(to)) next.reopens++;
  }
  let escalated = false;
  if (change.priority) {
    const [from, to] = change.priority.map(Number);
    if (Number.isFinite(from) && Number.isFinite(to) && to < from) escalated = true;
  }
  if (change.groupId) {
    const [from, to] = change.groupId;
    if (from && to && from !== to) {
      next.group_moves++;
      escalated = true;
    }
  }
  if (escalated) next.escalations++;
  return next;
}

/** The change between two ticket rows, in audit terms. */
export function changeBetween(before: TicketRow, after: TicketRow): FieldChange {
  const change: FieldChange = {};
  if (before.status !== after.status) change.status = [before.status, after.status];
  if (Number(before.priority) !== Number(after.priority)) change.priority = [before.priority, after.priority];
  if (before.group_id !== after.group_id) change.groupId = [before.group_id, after.group_id];
  return change;
}

/** The change recorded by an audit event's `changes` JSON. */
export function changeFromAudit(changes: string | null): FieldChange {
  if (!changes) return {};
  const parsed = JSON.parse(changes) as { before?: Record<string, unknown>; after?: Record<string, unknown> };
  const before = parsed.before ?? {};
  const after = parsed.after ?? {};
  const change: FieldChange = {};
  for (const key of ['status', 'priority', 'groupId'] as const) if (key in after) change[key] = [before[key] ?? null, after[key]];
  return change;
}

/** True for a reply an agent sent to the customer (what first-contact resolution counts). */
export const isPublicAgentReply = (message: Pick<MessageRow, 'author_type' | 'visibility'>): boolean =>
  message.author_type === 'agent' && message.visibility === 'public';

/** A ticket's analytics state from its row and facts. */
export function stateOf(row: Pick<TicketRow, 'id' | 'created_at' | 'first_response_at' | 'solved_at' | 'status' | 'priority' | 'channel' | 'category' | 'group_id' | 'assignee_id' | 'organisation_id'>, facts: Facts): TicketState {
  return {
    ticket_id: row.id,
    created_at: row.created_at,
    first_response_at: row.first_response_at,
    solved_at: row.solved_at,
    open: isOpenStatus(row.status) ? 1 : 0,
    priority: Number(row.priority),
    channel: row.channel,
    category: row.category,
    group_id: row.group_id,
    assignee_id: row.assignee_id,
    organisation_id: row.organisation_id,
    ...facts,
  };
}

export const factsOf = (state: TicketState | undefined): Facts =>
  state ? { agent_replies: state.agent_replies, reopens: state.reopens, escalations: state.escalations, group_moves: state.group_moves } : { ...NO_FACTS };
