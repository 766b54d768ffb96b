import type { Actor } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import type { TicketRow } from '../platform/db/tables.js';
import { newId } from '../platform/ids.js';
import { enqueueRun, RUN_JOB, runJob, type RunPayload } from './engine.js';
import { scheduleSweep, SWEEP_JOB, sweepJob } from './sweep.js';

/** A ticket row's values under the API names `changed` uses. */
const apiValues = (row: TicketRow): Record<string, unknown> => ({
  subject: row.subject,
  status: row.status,
  priority: row.priority,
  category: row.category,
  assigneeId: row.assignee_id,
  groupId: row.group_id,
  tags: JSON.parse(row.tags),
});

// Changes made by automations continue their own chain (engine.ts), so their hooks start none.
const byAutomation = (actor: Actor) => actor.type === 'automation';

/**
 * Plugs automations in: rule passes are jobs queued in the triggering transaction (ticket
 * hooks) or from the event (SLA, CSAT), so a slow or failing action never holds up a request.
 */
export function installAutomations(deps: Deps): void {
  deps.jobs.register<RunPayload>(RUN_JOB, (payload) => runJob(deps, payload));
  deps.jobs.register(SWEEP_JOB, () => sweepJob(deps));

  deps.lifecycle.afterCreate.push(async ({ trx, actor, row }) => {
    if (byAutomation(actor)) return;
    await enqueueRun(deps, { trigger: 'ticket.created', ticketId: row.id, chainId: newId(), depth: 0, facts: {} }, trx);
  });
  deps.lifecycle.afterUpdate.push(async ({ trx, actor, before, after, changed }) => {
    if (byAutomation(actor)) return;
    const old = apiValues(before);
    const previous = Object.fromEntries(changed.map((field) => [field, old[field] ?? null]));
    await enqueueRun(deps, { trigger: 'ticket.updated', ticketId: after.id, chainId: newId(), depth: 0, facts: { changed, previous } }, trx);
  });
  deps.lifecycle.afterMessage.push(async ({ trx, actor, ticket, previousStatus, message }) => {
    if (byAutomation(actor)) return;
    const chainId = newId();
    const facts = { message: { visibility: message.visibility, authorType: message.author_type, body: message.body_text } };
    await enqueueRun(deps, { trigger: 'message.created', ticketId: ticket.id, chainId, depth: 0, facts }, trx);
    if (ticket.status !== previousStatus) {
      const statusFacts = { changed: ['status'], previous: { status: previousStatus } };
      await enqueueRun(deps, { trigger: 'ticket.updated', ticketId: ticket.id, chainId, depth: 0, facts: statusFacts }, trx);
    }
  });
  deps.events.subscribe('sla.warning', (e) =>
    enqueueRun(deps, { trigger: 'sla.warning', ticketId: e.ticketId, chainId: newId(), depth: 0, facts: { sla: { metric: e.metric, dueAt: e.dueAt } } }),
  );
  deps.events.subscribe('sla.breached', (e) =>
    enqueueRun(deps, { trigger: 'sla.breached', ticketId: e.ticketId, chainId: newId(), depth: 0, facts: { sla: { metric: e.metric, dueAt: e.dueAt } } }),
  );
  deps.events.subscribe('csat.received', (e) =>
    enqueueRun(deps, { trigger: 'csat.received', ticketId: e.ticketId, chainId: newId(), depth: 0, facts: { csat: { rating: e.rating, comment: e.comment } } }),
  );
}

/** For the worker role's start: makes sure time rules are swept (after downtime too). */
export const startAutomationSweep = (deps: Deps): Promise<void> => scheduleSweep(deps);
