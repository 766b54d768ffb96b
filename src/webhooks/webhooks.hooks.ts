import type { Deps } from '../platform/context.js';
import { enqueueWebhookEvent, registerWebhookJobs } from './delivery.js';

/**
 * Plugs webhooks into the ticket lifecycle (inside each change's transaction, so an event is
 * delivered if and only if its change commits) and into the SLA and survey events.
 */
export function installWebhooks(deps: Deps): void {
  registerWebhookJobs(deps);
  deps.lifecycle.afterCreate.push(({ trx, row }) => enqueueWebhookEvent(deps, 'ticket.created', row.id, {}, trx));
  deps.lifecycle.afterUpdate.push(({ trx, after, changed }) => enqueueWebhookEvent(deps, 'ticket.updated', after.id, { changed }, trx));
  deps.lifecycle.afterMessage.push(async ({ trx, ticket, previousStatus, message }) => {
    const data = {
      message: { id: message.id, visibility: message.visibility, authorType: message.author_type, body: message.body_text, createdAt: message.created_at },
    };
    await enqueueWebhookEvent(deps, 'message.created', ticket.id, data, trx);
    if (ticket.status !== previousStatus) await enqueueWebhookEvent(deps, 'ticket.updated', ticket.id, { changed: ['status'] }, trx);
  });
  deps.events.subscribe('sla.warning', (e) => enqueueWebhookEvent(deps, 'sla.warning', e.ticketId, { metric: e.metric, dueAt: e.dueAt }));
  deps.events.subscribe('sla.breached', (e) => enqueueWebhookEvent(deps, 'sla.breached', e.ticketId, { metric: e.metric, dueAt: e.dueAt }));
  deps.events.subscribe('csat.received', (e) =>
    enqueueWebhookEvent(deps, 'csat.received', e.ticketId, { rating: e.rating, comment: e.comment, changed: e.changed }),
  );
}
