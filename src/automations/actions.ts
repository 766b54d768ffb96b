import { getUser } from '../accounts/users.service.js';
import { applyMacro } from '../macros/macros.service.js';
import { renderTemplate } from '../macros/templates.js';
import { planTicketChanges, TICKET_CHANGE_TYPES, type TicketChange } from '../macros/ticket-changes.js';
import type { Deps } from '../platform/context.js';
import { addMessage } from '../tickets/messages.service.js';
import { getTicket, updateTicket } from '../tickets/tickets.service.js';
import { enqueueOneOffDelivery } from '../webhooks/delivery.js';
import type { Action, Automation } from './automations.schema.js';
import { automationActor } from './automations.view.js';
import type { EvalContext } from './conditions.js';

/** The job the email channel sends; until it lands, jobs wait in the queue. */
export const EMAIL_JOB = 'email.send';

const isTicketChange = (action: Action): action is TicketChange => TICKET_CHANGE_TYPES.has(action.type);

/** The address an email action goes to, or null when there is none (no assignee). */
async function recipient(deps: Deps, to: string, ctx: EvalContext): Promise<string | null> {
  if (to === 'requester') return ctx.ticket.requester.email;
  if (to === 'assignee') return ctx.ticket.assigneeId ? (await getUser(deps, ctx.ticket.assigneeId)).email : null;
  return to;
}

/**
 * Performs a rule's actions on the ticket, as `automation:<name>`. Field changes go first, as
 * one update (one audit event); then notes, emails, webhook calls and macros in the order
 * given, rendered against the ticket as the changes left it. `fireKey` makes queued emails and
 * webhook calls idempotent when a job is retried.
 */
export async function executeActions(deps: Deps, rule: Automation, ctx: EvalContext, fireKey: string): Promise<void> {
  const actor = automationActor(rule);
  const ticketId = ctx.ticket.id;
  const update = planTicketChanges(ctx.ticket, rule.actions.filter(isTicketChange), null);
  const ticket = Object.keys(update).length > 0 ? await updateTicket(deps, actor, ticketId, update) : ctx.ticket;
  const template = { ticket, organisation: ctx.organisation, agent: null };
  for (const [index, action] of rule.actions.entries()) {
    switch (action.type) {
      case 'add_note':
        await addMessage(deps, actor, { type: 'system', id: null }, ticketId, { body: renderTemplate(action.body, template), visibility: 'internal' });
        break;
      case 'send_email': {
        const to = await recipient(deps, action.to, ctx);
        if (!to) {
          deps.logger.info({ automation: rule.name, ticketId }, 'email action skipped: the ticket has no assignee');
          break;
        }
        const email = { to, subject: renderTemplate(action.subject, template), text: renderTemplate(action.body, template), ticketId };
        await deps.jobs.enqueue(EMAIL_JOB, email, { key: `${rule.id}:${ticketId}:${fireKey}:${index}` });
        break;
      }
      case 'call_webhook':
        await enqueueOneOffDelivery(deps, action.webhookId, ticketId, { automation: { id: rule.id, name: rule.name } }, `${rule.id}:${ticketId}:${fireKey}:${index}`);
        break;
      case 'apply_macro':
        await applyMacro(deps, { actor, agent: null }, action.macroId, ticketId);
        break;
      default:
        break;
    }
  }
}

/** The ticket as it is now (after the actions), for the next rule. */
export const reloadTicket = (deps: Deps, ticketId: string) => getTicket(deps, ticketId);
