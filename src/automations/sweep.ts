import type { Deps } from '../platform/context.js';
import { newId } from '../platform/ids.js';
import { agingTickets } from '../tickets/aging.js';
import { TICKET_STATUSES } from '../tickets/status.js';
import type { Automation, Condition } from './automations.schema.js';
import { findActiveRules, firedKeys, purgeChainRuns } from './automations.store.js';
import { toAutomation } from './automations.view.js';
import { TIME_ANCHORS } from './conditions.js';
import { continueChain, runRules } from './engine.js';

export const SWEEP_JOB = 'automations.sweep';
/** How often time rules are evaluated; a rule fires within this long of becoming true. */
export const SWEEP_EVERY_MS = 5 * 60_000;
const PAGE = 200;
/** Tickets one rule may act on per sweep; the rest wait for the next sweep. */
const MAX_PER_RULE = 2_000;
const CHAIN_RUNS_KEPT_MS = 7 * 24 * 3_600_000;
const OPEN_STATUSES = TICKET_STATUSES.filter((s) => s !== 'closed');

/** Queues the next sweep (at most one waits at a time). */
export async function scheduleSweep(deps: Deps, delayMs = 0): Promise<void> {
  await deps.jobs.enqueue(SWEEP_JOB, {}, { key: 'sweep', runAt: new Date(deps.clock.now().getTime() + delayMs) });
}

/** The statuses a rule's conditions allow, so the index narrows the candidates. */
function statusesOf(rule: Automation): readonly string[] {
  const status = rule.conditions.all.find((c) => c.field === 'ticket.status' && (c.operator === 'is' || c.operator === 'in'));
  if (!status) return OPEN_STATUSES;
  const wanted = Array.isArray(status.value) ? status.value : [status.value];
  return OPEN_STATUSES.filter((s) => wanted.includes(s));
}

/**
 * A time rule fires once per ticket for each value of the timestamps it measures from: "pending
 * for 3 days" fires again only after the ticket changed and then sat for 3 more days.
 */
const anchorsOf = (rule: Automation): Condition[] => rule.conditions.all.filter((c) => c.field in TIME_ANCHORS && c.operator === 'hours_since_greater_than');

async function sweepRule(deps: Deps, rule: Automation): Promise<number> {
  const anchors = anchorsOf(rule);
  // The strictest anchor selects through the index; the others are checked with the rest.
  const lead = anchors.reduce((a, b) => ((a.value as number) >= (b.value as number) ? a : b));
  const column = TIME_ANCHORS[lead.field];
  const cutoff = new Date(deps.clock.now().getTime() - (lead.value as number) * 3_600_000).toISOString();
  const statuses = statusesOf(rule);
  if (statuses.length === 0) return 0;
  let fired = 0;
  let seen = 0;
  let after: { at: string; id: string } | undefined;
  while (seen < MAX_PER_RULE) {
    const page = await agingTickets(deps.db.kysely, { column, cutoff, statuses, after, limit: PAGE });
    if (page.length === 0) break;
    seen += page.length;
    const last = page[page.length - 1];
    after = { at: last[column], id: last.id };
    const done = await firedKeys(deps.db.kysely, rule.id, page.map((t) => t.id));
    for (const ticket of page) {
      const key = `time:${anchors.map((a) => ticket[TIME_ANCHORS[a.field]]).join('|')}`;
      if (done.has(`${ticket.id} ${key}`)) continue;
      const pass = await runRules(deps, [rule], ticket.id, key, {});
      fired += pass.fired;
      await continueChain(deps, ticket.id, newId(), 0, pass);
    }
    if (page.length < PAGE) break;
  }
  return fired;
}

/** The `automations.sweep` job: evaluates every active time rule, then queues the next sweep. */
export async function sweepJob(deps: Deps): Promise<void> {
  const rules = (await findActiveRules(deps.db.kysely, 'time')).map(toAutomation);
  // Scheduled first, so a failing rule does not stop later sweeps; none while no time rule is active.
  if (rules.length > 0) await scheduleSweep(deps, SWEEP_EVERY_MS);
  for (const rule of rules) {
    const fired = await sweepRule(deps, rule);
    if (fired > 0) deps.logger.info({ automation: rule.name, fired }, 'time rule fired');
  }
  await purgeChainRuns(deps.db.kysely, new Date(deps.clock.now().getTime() - CHAIN_RUNS_KEPT_MS).toISOString());
}
