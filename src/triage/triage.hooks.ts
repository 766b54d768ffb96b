/**
 * Triage in the ticket lifecycle: every new ticket is triaged in its creating transaction (unless
 * the caller set both priority and category), the verdict is stored on the ticket and audited;
 * agents' later changes to category or priority are stored as corrections, and enough of them
 * queue a retraining.
 */
import { recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import type { TicketCreateContext, TicketUpdateContext } from '../tickets/lifecycle.js';
import { recordCorrections } from './corrections.service.js';
import type { TriageEngine, TriageResult } from './triage.service.js';

/** The audit actor of triage's own writes. */
export const TRIAGE_ACTOR: Actor = { type: 'automation', id: null, label: 'triage' };

/** What a ticket keeps of its triage (`triage` in the ticket JSON). */
export function storedTriage(result: TriageResult, explicit: string[]): Record<string, unknown> {
  return {
    priority: result.priority,
    tierReasons: result.tier.reasons,
    tier: { source: result.tier.source, baseTier: result.tier.baseTier, rule: result.tier.rule, raisedBy: result.tier.raisedBy },
    category: result.category,
    confidence: result.confidence,
    outOfScope: result.outOfScope,
    alternatives: result.categoryDetail?.alternatives ?? [],
    language: result.language,
    sentiment: result.sentiment,
    sentimentScore: result.sentimentScore,
    frustration: result.frustration,
    urgency: result.urgency,
    reasons: result.reasons,
    modelVersion: result.modelVersion,
    tierModelVersion: result.tierModelVersion,
    rulesVersion: result.rulesVersion,
    // Fields the caller set: triage did not override them.
    explicit,
  };
}

/** Registers the hooks and returns nothing; the engine is shared with the routes. */
export function installTriageHooks(deps: Deps, engine: TriageEngine): void {
  deps.lifecycle.beforeCreate.push(async (ctx: TicketCreateContext) => {
    if (ctx.explicit.priority && ctx.explicit.category) return;
    const { row } = ctx;
    const result = await engine.triage(ctx.trx, { subject: row.subject, body: ctx.body }, { requesterId: row.requester_id, organisationId: row.organisation_id });
    if (!ctx.explicit.priority) row.priority = result.priority;
    if (!ctx.explicit.category) row.category = result.category;
    const explicit = (['priority', 'category'] as const).filter((f) => ctx.explicit[f]);
    row.triage = JSON.stringify(storedTriage(result, explicit));
  });
  // Audited once the ticket exists (the audit row refers to it).
  deps.lifecycle.afterCreate.push(async (ctx) => {
    if (!ctx.row.triage) return;
    const triage = JSON.parse(ctx.row.triage) as Record<string, unknown>;
    await recordAudit(ctx.trx, deps.clock, {
      actor: TRIAGE_ACTOR,
      action: 'ticket.triaged',
      entityType: 'ticket',
      entityId: ctx.row.id,
      ticketId: ctx.row.id,
      changes: { after: { priority: ctx.row.priority, category: ctx.row.category, confidence: triage.confidence, outOfScope: triage.outOfScope, language: triage.language, reasons: triage.reasons, modelVersion: triage.modelVersion, rulesVersion: triage.rulesVersion } },
    });
  });
  deps.lifecycle.afterUpdate.push(async (ctx: TicketUpdateContext) => {
    // People correct triage; automations and imports do not teach it.
    if (ctx.actor.type !== 'user' && ctx.actor.type !== 'token') return;
    if (!ctx.changed.includes('category') && !ctx.changed.includes('priority')) return;
    await recordCorrections(deps, engine, ctx);
  });
}
