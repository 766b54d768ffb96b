import type { Kysely } from 'kysely';
import type { Deps } from '../platform/context.js';
import type { Database, TicketRow } from '../platform/db/tables.js';
import type { MessageAddedContext, TicketCreateContext, TicketUpdateContext } from '../tickets/lifecycle.js';
import {
  agentReplied,
  customerReplied,
  earliestDueAt,
  METRICS,
  metricActionAt,
  nextActionAt,
  pauseSla,
  reopenedSla,
  resumeSla,
  retargetSla,
  solvedSla,
  startSla,
  type AppliedTargets,
  type SlaState,
} from './sla.engine.js';
import { clockOf, resolveTargets, type SlaSettings } from './sla.settings.js';
import { atRiskRows, writeTicketSla } from './sla.store.js';
import type { AtRiskFilter } from './sla.schema.js';

export const TIMER_JOB = 'sla.timer';

const PAUSED = new Set(['pending', 'on_hold']);
const DONE = new Set(['solved', 'closed']);
/** Changes that can select another policy or tier target. */
const MATCHED_FIELDS = new Set(['priority', 'groupId', 'channel', 'organisationId']);

export const parseSla = (text: string | null): SlaState | null => (text ? (JSON.parse(text) as SlaState) : null);

/**
 * Stores a ticket's new SLA state and keeps exactly one timer job waiting for its next moment (a
 * warning or a due time). The job is keyed by ticket and metric and replaced when that moment
 * moves; when the next moment belongs to another metric (first response met, resolution next),
 * the old metric's job is cancelled, so no timer is left to wake for nothing. Ticket creation
 * costs one job insert (no attempt to move a timer it cannot have yet). With `expectedSla`, writes only if nobody changed the state meanwhile
 * (false when someone did).
 */
export async function saveSla(deps: Deps, trx: Kysely<Database>, ticketId: string, previous: SlaState | null, next: SlaState, expectedSla?: string | null): Promise<boolean> {
  const text = JSON.stringify(next);
  const nextAt = nextActionAt(next);
  const values = { sla: text, sla_next_due_at: nextAt, sla_due_at: earliestDueAt(next) };
  if (!(await writeTicketSla(trx, ticketId, values, expectedSla))) return false;
  const previousAt = nextActionAt(previous);
  const nextMetric = nextAt ? METRICS.find((m) => metricActionAt(next.metrics[m]) === nextAt) : undefined;
  const previousMetric = previous && previousAt ? METRICS.find((m) => metricActionAt(previous.metrics[m]) === previousAt) : undefined;
  if (nextMetric && nextAt !== previousAt) {
    // A ticket without clocks before (a new one) has no timer to move: a plain insert will do.
    const fresh = previous === null;
    await deps.jobs.enqueue(TIMER_JOB, { ticketId, metric: nextMetric }, { key: `${ticketId}:${nextMetric}`, replace: !fresh, newKey: fresh, runAt: new Date(nextAt!), trx });
  }
  if (previousMetric && previousMetric !== nextMetric) await deps.jobs.cancel(TIMER_JOB, `${ticketId}:${previousMetric}`, { trx });
  return true;
}

/** Applies a status move to the state: pause, resume, solve or reopen. */
function applyStatus(state: SlaState, from: string, to: string, targets: AppliedTargets, now: number): SlaState {
  if (from === to) return state;
  if (DONE.has(to)) return to === 'closed' && DONE.has(from) ? state : solvedSla(state, targets.clock, now);
  if (DONE.has(from)) return reopenedSla(state, targets, now, PAUSED.has(to));
  if (PAUSED.has(to) && !PAUSED.has(from)) return pauseSla(state, targets.clock, now);
  if (!PAUSED.has(to) && PAUSED.has(from)) return resumeSla(state, targets.clock, now);
  return state;
}

/** Brings a state in line with the targets that now apply (policy, tier or calendar changed). */
function retargetIfNeeded(state: SlaState, settings: SlaSettings, targets: AppliedTargets, now: number, force: boolean): SlaState {
  if (!force && state.policyId === targets.policyId && state.calendarId === targets.calendarId) return state;
  return retargetSla(state, clockOf(settings, state.calendarId), targets, now);
}

/** Lifecycle hook: a new ticket starts its first-response and resolution clocks at its creation time. */
export async function onTicketCreated(deps: Deps, ctx: Omit<TicketCreateContext, 'explicit'>): Promise<void> {
  const row = ctx.row;
  if (DONE.has(row.status)) return;
  const { targets } = await resolveTargets(deps, ctx.trx, row);
  const state = startSla(targets, Date.parse(row.created_at), PAUSED.has(row.status));
  await saveSla(deps, ctx.trx, row.id, null, state);
  // The caller answers with this row: let the response show the SLA at once.
  row.sla = JSON.stringify(state);
  row.sla_next_due_at = nextActionAt(state);
}

/** Lifecycle hook: status moves pause, resume, solve or reopen; tier, group or channel changes retarget. */
export async function onTicketUpdated(deps: Deps, ctx: TicketUpdateContext): Promise<void> {
  const { before, after } = ctx;
  const now = deps.clock.now().getTime();
  const { settings, targets } = await resolveTargets(deps, ctx.trx, after);
  let state = parseSla(before.sla);
  if (!state) {
    // A ticket from before SLAs existed, or imported solved: it gets clocks when it is worked again.
    if (DONE.has(after.status)) return;
    state = startSla(targets, now, PAUSED.has(after.status));
  } else {
    const force = ctx.changed.some((f) => MATCHED_FIELDS.has(f));
    state = retargetIfNeeded(state, settings, targets, now, force);
    state = applyStatus(state, before.status, after.status, targets, now);
  }
  await saveSla(deps, ctx.trx, after.id, parseSla(before.sla), state);
}

/** Lifecycle hook: a public agent reply meets first response and next reply; a customer reply may start next reply. */
export async function onMessageAdded(deps: Deps, ctx: MessageAddedContext): Promise<void> {
  const ticket: TicketRow = ctx.ticket;
  const previous = parseSla(ticket.sla);
  if (!previous) return;
  const now = Date.parse(ctx.message.created_at);
  const { targets } = await resolveTargets(deps, ctx.trx, ticket);
  let state = applyStatus(previous, ctx.previousStatus, ticket.status, targets, now);
  if (ctx.message.visibility === 'public') {
    if (ctx.message.author_type === 'agent') state = agentReplied(state, targets.clock, now);
    else if (ctx.message.author_type === 'customer') state = customerReplied(state, targets, now);
  }
  if (state !== previous) await saveSla(deps, ctx.trx, ticket.id, previous, state);
}

/** Open tickets by their earliest running deadline (breached ones first), up to `withinMinutes` ahead. */
export async function listAtRisk(deps: Deps, filter: AtRiskFilter) {
  const now = deps.clock.now().getTime();
  const until = new Date(now + filter.withinMinutes * 60_000).toISOString();
  const rows = await atRiskRows(deps.db.kysely, until, filter);
  return {
    items: rows.map((r) => {
      const state = parseSla(r.sla);
      const metric = METRICS.find((m) => state?.metrics[m]?.status === 'active' && state.metrics[m]?.dueAt === r.sla_due_at) ?? 'resolution';
      const dueAt = r.sla_due_at!;
      return {
        id: r.id,
        number: Number(r.number),
        subject: r.subject,
        status: r.status,
        priority: r.priority,
        assigneeId: r.assignee_id,
        groupId: r.group_id,
        metric,
        dueAt,
        timeLeftMs: Date.parse(dueAt) - now,
        breached: Date.parse(dueAt) <= now,
      };
    }),
  };
}
