import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/principal.js';
import { inTransaction, type Deps } from '../platform/context.js';
import type { Database } from '../platform/db/tables.js';
import { AppError } from '../platform/errors.js';
import { updateTicket } from '../tickets/tickets.service.js';
import { earliestDueAt, fireDue, nextActionAt, retargetSla, type SlaFiring } from './sla.engine.js';
import type { EscalationActionInput } from './sla.schema.js';
import { parseSla, saveSla, TIMER_JOB } from './sla.service.js';
import { loadSettings, RECOMPUTE_JOB, resolveTargets, clockOf, slaSettingsChanged } from './sla.settings.js';
import { dueTicketIds, findTicketSla, findTicketsSla, openTicketsWithSla, writeTicketSla, type TicketSlaRow } from './sla.store.js';

export const ESCALATE_JOB = 'sla.escalate';
export const EMAIL_JOB = 'email.send';
/** Who the audit trail names for SLA timers and escalations. */
export const SLA_ACTOR: Actor = { type: 'system', id: null, label: 'sla' };

const METRIC_LABEL = { firstResponse: 'first response', nextReply: 'next reply', resolution: 'resolution' } as const;

interface TicketChange {
  priority?: number;
  groupId?: string;
}


/** Turns a firing's escalation actions into work: email jobs now, ticket changes as one job after commit. */
async function escalate(deps: Deps, trx: Kysely<Database>, ticket: TicketSlaRow, firing: SlaFiring, actions: EscalationActionInput[]): Promise<void> {
  const change: TicketChange = {};
  for (const action of actions) {
    if (action.type === 'raise_priority') change.priority = Math.max(1, (change.priority ?? ticket.priority) - 1);
    else if (action.type === 'assign_group') change.groupId = action.groupId;
    else {
      const what = firing.kind === 'breach' ? 'breached' : 'at risk';
      const subject = `[#${Number(ticket.number)}] SLA ${what}: ${METRIC_LABEL[firing.metric]}`;
      const text = `Ticket #${Number(ticket.number)} "${ticket.subject}" — ${METRIC_LABEL[firing.metric]} is ${what}; due ${firing.dueAt}.`;
      for (const to of action.to) await deps.jobs.enqueue(EMAIL_JOB, { to, subject, text }, { trx });
    }
  }
  // A set value, not "one step up", so a job that runs twice changes nothing the second time.
  if (Object.keys(change).length > 0) await deps.jobs.enqueue(ESCALATE_JOB, { ticketId: ticket.id, change }, { trx });
}

/**
 * Fires the due warnings and breaches of one ticket (read inside `trx`). The state that records
 * them is written with a compare-and-set in the same transaction as their audit events and
 * escalation jobs, so each fires once however many timers, sweeps or nodes look at the ticket.
 */
async function fireTicket(deps: Deps, trx: Kysely<Database>, ticket: TicketSlaRow, now: number): Promise<SlaFiring[]> {
  const state = parseSla(ticket.sla);
  if (!state) return [];
  const result = fireDue(state, now);
  if (result.fired.length === 0) {
    // Nothing due: make sure the sweep's column does not keep pointing at the past.
    const next = nextActionAt(state);
    if (ticket.sla_next_due_at !== next) await writeTicketSla(trx, ticket.id, { sla: ticket.sla, sla_next_due_at: next, sla_due_at: earliestDueAt(state) }, ticket.sla);
    return [];
  }
  if (!(await saveSla(deps, trx, ticket.id, state, result.state, ticket.sla))) return [];
  const settings = await loadSettings(deps, trx);
  const policy = settings.policies.find((p) => p.id === state.policyId);
  for (const firing of result.fired) {
    const action = firing.kind === 'breach' ? 'sla.breached' : 'sla.warning';
    await recordAudit(trx, deps.clock, { actor: SLA_ACTOR, action, entityType: 'ticket', entityId: ticket.id, ticketId: ticket.id, changes: { after: { metric: firing.metric, dueAt: firing.dueAt } } });
    const actions = policy ? (firing.kind === 'breach' ? policy.escalation.onBreach : policy.escalation.onWarning) : [];
    if (actions.length > 0) await escalate(deps, trx, ticket, firing, actions);
  }
  return result.fired;
}

function publish(deps: Deps, ticketId: string, fired: SlaFiring[]): void {
  for (const f of fired) deps.events.publish(f.kind === 'breach' ? 'sla.breached' : 'sla.warning', { ticketId, metric: f.metric, dueAt: f.dueAt });
}

/** Fires what is due now on one ticket (the timer job's work); events are published after the commit. */
export async function processTicket(deps: Deps, ticketId: string): Promise<SlaFiring[]> {
  const fired = await inTransaction(deps, async (trx) => {
    const ticket = await findTicketSla(trx, ticketId);
    return ticket ? fireTicket(deps, trx, ticket, deps.clock.now().getTime()) : [];
  });
  publish(deps, ticketId, fired);
  return fired;
}

/**
 * The same for a batch of tickets in one transaction (the sweep's work): one read for the batch
 * and one commit, instead of one of each per ticket.
 */
export async function processTickets(deps: Deps, ticketIds: string[]): Promise<number> {
  if (ticketIds.length === 0) return 0;
  const fired = await inTransaction(deps, async (trx) => {
    const now = deps.clock.now().getTime();
    const out: Array<[string, SlaFiring[]]> = [];
    for (const ticket of await findTicketsSla(trx, ticketIds)) out.push([ticket.id, await fireTicket(deps, trx, ticket, now)]);
    return out;
  });
  for (const [ticketId, f] of fired) publish(deps, ticketId, f);
  return fired.reduce((n, [, f]) => n + f.length, 0);
}

/**
 * Catches every ticket whose warning or breach is due (after downtime, or a lost job). Reads
 * only due rows through the `sla_next_due_at` index, pages by key so a row that cannot advance is
 * not read twice, and works in batches of tickets per transaction.
 */
export async function sweepDueTickets(deps: Deps, options: { pageSize?: number; batchSize?: number } = {}): Promise<number> {
  const pageSize = options.pageSize ?? 1_000;
  const batchSize = options.batchSize ?? 100;
  const now = deps.clock.now().toISOString();
  let fired = 0;
  let after: { at: string; id: string } | undefined;
  for (;;) {
    const rows = await dueTicketIds(deps.db.kysely, now, pageSize, after);
    if (rows.length === 0) return fired;
    for (let i = 0; i < rows.length; i += batchSize) {
      fired += await processTickets(deps, rows.slice(i, i + batchSize).map((r) => r.id));
    }
    const last = rows[rows.length - 1]!;
    after = { at: last.sla_next_due_at!, id: last.id };
    if (rows.length < pageSize) return fired;
  }
}

/** Due tickets beyond which a timer hands over to the sweep. */
const CROWD = 8;
const sweeping = new WeakMap<Deps['db'], Promise<number>>();

/**
 * When many timers fall due together (a wave of tickets created at once, or a backlog after
 * downtime), a timer job that finds others due runs one sweep for them all: batches of tickets
 * per transaction instead of a claim, a transaction and a finish per job, and the sweep cancels
 * the timer jobs it makes pointless. One sweep at a time per process; other timers skip it.
 */
async function sweepIfCrowded(deps: Deps): Promise<void> {
  if (sweeping.has(deps.db)) return;
  const due = await dueTicketIds(deps.db.kysely, deps.clock.now().toISOString(), CROWD);
  if (due.length < CROWD) return;
  const sweep = sweepDueTickets(deps).finally(() => sweeping.delete(deps.db));
  sweeping.set(deps.db, sweep);
  const fired = await sweep;
  if (fired > 0) deps.logger.info({ fired }, 'SLA timers due together: swept');
}

/** Re-matches one open ticket against the current policies and calendars. */
async function recomputeTicket(deps: Deps, ticketId: string): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const ticket = await findTicketSla(trx, ticketId);
    const state = parseSla(ticket?.sla ?? null);
    if (!ticket || !state) return;
    const { settings, targets } = await resolveTargets(deps, trx, ticket);
    const next = retargetSla(state, clockOf(settings, state.calendarId), targets, deps.clock.now().getTime());
    await saveSla(deps, trx, ticketId, state, next, ticket.sla);
  });
}

/** Registers the SLA job handlers: timers, escalations and recomputation after a settings change. */
export function registerSlaJobs(deps: Deps): void {
  deps.jobs.register<{ ticketId: string }>(
    TIMER_JOB,
    async ({ ticketId }) => {
      await processTicket(deps, ticketId);
      await sweepIfCrowded(deps);
    },
    { concurrency: 4 },
  );
  deps.jobs.register<{ ticketId: string; change: TicketChange }>(ESCALATE_JOB, async ({ ticketId, change }) => {
    try {
      await updateTicket(deps, SLA_ACTOR, ticketId, change);
    } catch (error) {
      // Closed or deleted since: nothing left to escalate.
      if (error instanceof AppError && (error.code === 'ticket_closed' || error.code === 'not_found')) return;
      throw error;
    }
  });
  deps.jobs.register<{ afterId: string }>(RECOMPUTE_JOB, async ({ afterId }) => {
    slaSettingsChanged(deps);
    let cursor = afterId;
    for (;;) {
      const page = await openTicketsWithSla(deps.db.kysely, cursor, 200);
      for (const row of page) await recomputeTicket(deps, row.id);
      if (page.length < 200) return;
      cursor = page[page.length - 1]!.id;
    }
  });
}
