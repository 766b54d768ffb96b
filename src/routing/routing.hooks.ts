import { recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import type { TicketRow } from '../platform/db/tables.js';
import { routeNewTicket, type RoutingDecision } from './routing.service.js';

const ROUTING_ACTOR: Actor = { type: 'automation', id: null, label: 'routing' };

/**
 * Routes every new ticket inside its creating transaction, after triage has set its tier and
 * category (register after triage). Historic tickets imported as solved or closed are left alone.
 */
export function installRouting(deps: Deps): void {
  const decisions = new WeakMap<TicketRow, RoutingDecision>();
  deps.lifecycle.beforeCreate.push(async ({ trx, row, explicit }) => {
    if (row.status === 'solved' || row.status === 'closed') return;
    const decision = await routeNewTicket(trx, row, explicit);
    if (!decision) return;
    row.group_id = decision.groupId;
    if (decision.assigneeId) row.assignee_id = decision.assigneeId;
    decisions.set(row, decision);
  });
  deps.lifecycle.afterCreate.push(async ({ trx, row }) => {
    const decision = decisions.get(row);
    if (!decision) return;
    await recordAudit(trx, deps.clock, {
      actor: ROUTING_ACTOR,
      action: 'ticket.routed',
      entityType: 'ticket',
      entityId: row.id,
      ticketId: row.id,
      changes: { after: { groupId: decision.groupId, assigneeId: decision.assigneeId, reason: decision.reason } },
    });
  });
}
