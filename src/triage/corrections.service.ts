/**
 * Agents' corrections: each change of a ticket's category or priority by a person is kept with
 * the ticket's text, so that retraining learns from it; enough new corrections queue a retraining.
 */
import type { Deps } from '../platform/context.js';
import { newId } from '../platform/ids.js';
import type { TicketUpdateContext } from '../tickets/lifecycle.js';
import { countUntrained, insertCorrection, recentCorrections } from './corrections.store.js';
import { firstMessageBody } from './history.store.js';
import { RETRAIN_JOB, RETRAIN_KEY } from './retrain.service.js';
import type { TriageEngine } from './triage.service.js';

/** Stores the corrections of one update (in its transaction) and queues a retraining when due. */
export async function recordCorrections(deps: Deps, engine: TriageEngine, ctx: TicketUpdateContext): Promise<void> {
  const { trx, actor, before, after } = ctx;
  const body = await firstMessageBody(trx, after.id);
  const at = deps.clock.now().toISOString();
  const fields = (['category', 'priority'] as const).filter((f) => ctx.changed.includes(f));
  for (const field of fields) {
    await insertCorrection(trx, {
      id: newId(),
      ticket_id: after.id,
      field,
      before_value: before[field] === null ? null : String(before[field]),
      after_value: after[field] === null ? null : String(after[field]),
      subject: after.subject,
      body: body.slice(0, 20_000),
      actor_type: actor.type,
      actor_id: actor.id,
      actor_label: actor.label,
      created_at: at,
      trained_at: null,
    });
  }
  const { learning } = (await engine.current(trx)).settings;
  if (learning.retrainAfterCorrections > 0 && (await countUntrained(trx)) >= learning.retrainAfterCorrections) {
    // Keyed: corrections arriving while a retraining waits join it instead of queueing another.
    await deps.jobs.enqueue(RETRAIN_JOB, { reason: 'corrections' }, { key: RETRAIN_KEY, trx });
  }
}

export interface Correction {
  id: string;
  ticketId: string;
  field: string;
  before: string | null;
  after: string | null;
  actor: string | null;
  createdAt: string;
  trainedAt: string | null;
}

/** The newest corrections. */
export async function listCorrections(deps: Deps, limit: number): Promise<Correction[]> {
  const rows = await recentCorrections(deps.db.kysely, limit);
  return rows.map((r) => ({ id: r.id, ticketId: r.ticket_id, field: r.field, before: r.before_value, after: r.after_value, actor: r.actor_label, createdAt: r.created_at, trainedAt: r.trained_at }));
}
