import type { Kysely } from 'kysely';
import type { Deps } from '../platform/context.js';
import { lockTableAsWriter } from '../platform/db/locks.js';
import type { Database, TicketRow } from '../platform/db/tables.js';
import { applyDeltas, findTicketState, saveTicketState } from './analytics.store.js';
import { Deltas, type TicketState } from './contribution.js';
import { applyChange, changeBetween, factsOf, isPublicAgentReply, NO_FACTS, stateOf, type Facts } from './facts.js';

/**
 * Keeps the rollups current from the ticket lifecycle: every hook runs inside the ticket's own
 * transaction, subtracts what the ticket was counted as and adds what it is now, so a dashboard
 * read after the commit already includes the change. Each change costs one state write and one
 * multi-row upsert (two when a response or resolution time lands in a histogram), from
 * statements compiled once.
 */
export function installAnalyticsHooks(deps: Deps): void {
  // A new ticket has no state yet: skip the read (this hook runs on every ticket created).
  deps.lifecycle.afterCreate.push(mark(async ({ trx, row }) => recount(trx, row, () => ({ ...NO_FACTS }), true)));
  deps.lifecycle.afterUpdate.push(mark(async ({ trx, before, after }) => recount(trx, after, (facts) => applyChange(facts, changeBetween(before, after)))));
  deps.lifecycle.afterMessage.push(
    mark(async ({ trx, ticket, previousStatus, message }) =>
      recount(trx, ticket, (facts) => {
        const next = applyChange(facts, previousStatus !== ticket.status ? { status: [previousStatus, ticket.status] } : {});
        if (isPublicAgentReply(message)) next.agent_replies++;
        return next;
      }),
    ),
  );
}

const hooks = new WeakSet<object>();
const mark = <H extends object>(hook: H): H => (hooks.add(hook), hook);

/** True for a lifecycle hook installed by analytics (the benchmark times ticket creation with and without them). */
export const isAnalyticsHook = (hook: object): boolean => hooks.has(hook);

/**
 * The ticket state is always written before the rollups, and locked before it is read: a rebuild
 * locks the state table first too, so a hook waits for a running rebuild before it holds anything
 * the rebuild needs (see lockTableAsWriter), and the two cannot deadlock.
 */
async function recount(trx: Kysely<Database>, row: TicketRow, nextFacts: (facts: Facts) => Facts, isNew = false): Promise<void> {
  let old: TicketState | undefined;
  if (!isNew) {
    await lockTableAsWriter(trx, 'analytics_ticket_state');
    old = await findTicketState(trx, row.id);
  }
  const state = stateOf(row, nextFacts(factsOf(old)));
  await saveTicketState(trx, state);
  const deltas = new Deltas();
  if (old) deltas.add(old, -1);
  deltas.add(state, 1);
  await applyDeltas(trx, deltas);
}
