import type { Kysely } from 'kysely';
import type { Deps } from '../platform/context.js';
import type { Database } from '../platform/db/tables.js';
import { AppError } from '../platform/errors.js';
import { getOrganisation } from '../tickets/organisations.service.js';
import type { Ticket } from '../tickets/tickets.schema.js';
import { getTicket } from '../tickets/tickets.service.js';
import { executeActions } from './actions.js';
import { hasRules } from './active-rules.js';
import type { Automation, EventTrigger } from './automations.schema.js';
import { findActiveRules, hasFired, recordRun } from './automations.store.js';
import { toAutomation } from './automations.view.js';
import { matches, type EvalContext, type EventFacts } from './conditions.js';

export const RUN_JOB = 'automations.run';
/**
 * Loop protection. Changes made by rules start a follow-up `ticket.updated` pass on the same
 * ticket, in the same chain; a rule fires at most once per chain (whatever it changes), and a
 * chain has at most this many follow-up passes.
 */
export const MAX_CHAIN_DEPTH = 5;

export interface RunPayload {
  trigger: EventTrigger;
  ticketId: string;
  /** The originating event: every pass it causes shares it. */
  chainId: string;
  depth: number;
  facts: EventFacts;
}

/** Queues a rule pass for an event when any active rule listens for it; pass the open transaction from ticket hooks. */
export async function enqueueRun(deps: Deps, payload: RunPayload, trx?: Kysely<Database>): Promise<void> {
  if (!(await hasRules(deps, payload.trigger, trx))) return;
  await deps.jobs.enqueue(RUN_JOB, payload, { trx });
}

/** The ticket and its organisation as conditions see them; null when the ticket is gone. */
export async function loadContext(deps: Deps, ticketId: string, facts: EventFacts): Promise<EvalContext | null> {
  let ticket: Ticket;
  try {
    ticket = await getTicket(deps, ticketId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  }
  const org = ticket.organisationId ? await getOrganisation(deps, ticket.organisationId).catch(() => null) : null;
  const organisation = org ? { id: org.id, name: org.name, plan: org.plan, vip: org.vip } : null;
  return { ticket, organisation, event: facts, now: deps.clock.now() };
}

const TRACKED = ['status', 'priority', 'category', 'assigneeId', 'groupId', 'tags', 'subject'] as const;

export interface PassResult {
  /** How many rules fired. */
  fired: number;
  changed: string[];
  previous: Record<string, unknown>;
}

/** An automation's own failure (a rule asking for an impossible move); not worth a retry. */
const isRuleFault = (error: unknown): error is AppError => error instanceof AppError && error.code !== 'precondition_failed';

/**
 * Runs rules in order on one ticket. Each rule sees the changes of the ones before it, fires at
 * most once per `fireKey`, and records its run (with the error, when its actions were refused).
 * Returns which ticket fields the pass changed and their values before it.
 */
export async function runRules(deps: Deps, rules: Automation[], ticketId: string, fireKey: string, facts: EventFacts): Promise<PassResult> {
  const result: PassResult = { fired: 0, changed: [], previous: {} };
  let ctx = await loadContext(deps, ticketId, facts);
  for (const rule of rules) {
    // Closed is final: nothing to automate.
    if (!ctx || ctx.ticket.status === 'closed') break;
    if (!matches(rule.conditions, ctx)) continue;
    if (await hasFired(deps.db.kysely, rule.id, ticketId, fireKey)) continue;
    let failure: string | null = null;
    try {
      await executeActions(deps, rule, ctx, fireKey);
    } catch (error) {
      if (!isRuleFault(error)) throw error;
      failure = `${error.code}: ${error.detail ?? error.message}`;
      deps.logger.warn({ automation: rule.name, ticketId, err: failure }, 'automation action refused');
    }
    await recordRun(deps.db.kysely, rule.id, ticketId, fireKey, deps.clock.now().toISOString(), failure);
    result.fired += 1;
    const before = ctx.ticket;
    ctx = await loadContext(deps, ticketId, facts);
    if (!ctx) break;
    for (const field of TRACKED) {
      if (JSON.stringify(before[field]) === JSON.stringify(ctx.ticket[field])) continue;
      if (!result.changed.includes(field)) {
        result.changed.push(field);
        result.previous[field] = before[field];
      }
    }
  }
  return result;
}

/** Queues the follow-up pass for what rules changed, unless the chain is at its depth limit. */
export async function continueChain(deps: Deps, ticketId: string, chainId: string, depth: number, pass: PassResult): Promise<void> {
  if (pass.changed.length === 0) return;
  if (depth + 1 > MAX_CHAIN_DEPTH) {
    deps.logger.warn({ ticketId, chainId, depth }, 'automation chain stopped at its depth limit');
    return;
  }
  await enqueueRun(deps, { trigger: 'ticket.updated', ticketId, chainId, depth: depth + 1, facts: { changed: pass.changed, previous: pass.previous } });
}

/** The `automations.run` job: one pass of a trigger's rules over one ticket. */
export async function runJob(deps: Deps, payload: RunPayload): Promise<void> {
  const rules = (await findActiveRules(deps.db.kysely, payload.trigger)).map(toAutomation);
  if (rules.length === 0) return;
  const pass = await runRules(deps, rules, payload.ticketId, `chain:${payload.chainId}`, payload.facts);
  await continueChain(deps, payload.ticketId, payload.chainId, payload.depth, pass);
}
