/**
 * Retraining from the help desk's own history: solved and closed tickets (the categories and
 * priorities agents settled on) plus agents' corrections (the latest per ticket wins). Trains the
 * category classifier, and the learned tier model once there are enough labelled tickets. Runs
 * as a job (queued on demand or after enough corrections); each model is a new version, audited.
 */
import { recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/principal.js';
import { inTransaction, type Deps } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { serializeModel } from './classifier/model-file.js';
import { trainModel, type TrainingExample } from './classifier/train.js';
import { correctionsOf, markTrained } from './corrections.store.js';
import { resolvedTickets } from './history.store.js';
import { modelSummary, type ModelSummary } from './model-summary.js';
import type { LearningSettings } from './tiers/tiers.schema.js';
import { insertActiveTierModel, maxTierModelVersion } from './tiers/tiers.store.js';
import { saveActiveModel } from './triage-models.service.js';
import type { TriageEngine } from './triage.service.js';

export const RETRAIN_JOB = 'triage.retrain';
/** One waiting retraining at a time: later requests join it. */
export const RETRAIN_KEY = 'triage.retrain';
export const RETRAIN_ACTOR: Actor = { type: 'automation', id: null, label: 'triage retraining' };
/** Fewer labelled tickets than this make a model that is mostly noise. */
export const MIN_CATEGORY_ROWS = 10;

export interface TrainingData {
  category: TrainingExample[];
  tier: TrainingExample[];
  /** Rows that came from (or were relabelled by) corrections. */
  corrected: { category: number; tier: number };
}

export interface RetrainResult {
  category: { version: number; rows: number; labels: number } | { skipped: string };
  tier: { version: number; rows: number; labels: number } | { skipped: string };
  correctionsUsed: number;
}

const textOf = (subject: string, body: string) => `${subject}\n${body}`;

/** The labelled examples retraining learns from. */
export async function gatherTrainingData(deps: Deps, learning: LearningSettings): Promise<TrainingData> {
  const db = deps.db.kysely;
  const history = await resolvedTickets(db, learning.maxTrainingRows);
  const category = new Map<string, TrainingExample | null>();
  const tier = new Map<string, TrainingExample>();
  for (const t of history) {
    if (t.category) category.set(t.id, { text: textOf(t.subject, t.body), label: t.category });
    tier.set(t.id, { text: textOf(t.subject, t.body), label: String(t.priority) });
  }
  const corrected = { category: 0, tier: 0 };
  // Newest first: the first correction seen for a ticket is its latest, and wins.
  const seen = new Set<string>();
  for (const c of await correctionsOf(db, 'category', learning.maxTrainingRows)) {
    if (seen.has(c.ticket_id)) continue;
    seen.add(c.ticket_id);
    corrected.category++;
    // An agent clearing the category says none fits: the ticket teaches no category.
    category.set(c.ticket_id, c.after_value ? { text: textOf(c.subject, c.body), label: c.after_value } : null);
  }
  seen.clear();
  for (const c of await correctionsOf(db, 'priority', learning.maxTrainingRows)) {
    if (seen.has(c.ticket_id) || !c.after_value) continue;
    seen.add(c.ticket_id);
    corrected.tier++;
    tier.set(c.ticket_id, { text: textOf(c.subject, c.body), label: c.after_value });
  }
  return { category: [...category.values()].filter((e): e is TrainingExample => e !== null), tier: [...tier.values()], corrected };
}

const labelCount = (rows: TrainingExample[]) => new Set(rows.map((r) => r.label)).size;

/** Why a category model cannot be trained from this data, or null when it can. */
export function categoryShortfall(data: TrainingData): string | null {
  if (data.category.length < MIN_CATEGORY_ROWS || labelCount(data.category) < 2) {
    return `retraining needs at least ${MIN_CATEGORY_ROWS} solved tickets with a category and 2 categories; found ${data.category.length} tickets in ${labelCount(data.category)} categories`;
  }
  return null;
}

/** Queues a retraining; 422 when there is nothing to learn from yet. Returns the job id. */
export async function requestRetrain(deps: Deps, engine: TriageEngine): Promise<string> {
  const { learning } = (await engine.current()).settings;
  const shortfall = categoryShortfall(await gatherTrainingData(deps, learning));
  if (shortfall) throw new AppError('insufficient_training_data', shortfall);
  return deps.jobs.enqueue(RETRAIN_JOB, { reason: 'requested' }, { key: RETRAIN_KEY });
}

/**
 * Whether a retraining is waiting to run (queued, or waiting to retry) and since when. Once it has
 * started it is no longer waiting; its result is a new model version (GET /triage/models).
 */
export async function retrainState(deps: Deps): Promise<{ waiting: boolean; runAt: string | null }> {
  const [job] = await deps.jobs.waiting(RETRAIN_JOB);
  return { waiting: job !== undefined, runAt: job?.runAt ?? null };
}

/** Trains and stores new model versions from history and corrections (the job's work). */
export async function retrain(deps: Deps, engine: TriageEngine, actor: Actor = RETRAIN_ACTOR): Promise<RetrainResult> {
  const startedAt = deps.clock.now().toISOString();
  const { learning } = (await engine.current()).settings;
  const data = await gatherTrainingData(deps, learning);
  const shortfall = categoryShortfall(data);
  let category: RetrainResult['category'] = { skipped: shortfall ?? '' };
  if (!shortfall) {
    const saved = await saveActiveModel(deps, actor, trainModel(data.category));
    category = { version: saved.version, rows: saved.metrics.rows, labels: saved.metrics.labels };
  }
  let tier: RetrainResult['tier'] = { skipped: `a learned tier model needs ${learning.minTierTrainingRows} labelled tickets in at least 2 tiers; found ${data.tier.length} in ${labelCount(data.tier)}` };
  if (data.tier.length >= learning.minTierTrainingRows && labelCount(data.tier) >= 2) {
    const model = trainModel(data.tier);
    const version = await saveTierModel(deps, actor, serializeModel(model), modelSummary(model));
    tier = { version, rows: data.tier.length, labels: labelCount(data.tier) };
  }
  const correctionsUsed = await markTrained(deps.db.kysely, startedAt, deps.clock.now().toISOString());
  engine.invalidate();
  deps.logger.info({ category, tier, correctionsUsed }, 'triage retrained');
  return { category, tier, correctionsUsed };
}

async function saveTierModel(deps: Deps, actor: Actor, json: string, metrics: ModelSummary): Promise<number> {
  return inTransaction(deps, async (trx) => {
    const version = (await maxTierModelVersion(trx)) + 1;
    const id = newId();
    await insertActiveTierModel(trx, { id, version, created_at: deps.clock.now().toISOString(), active: 1, metrics: JSON.stringify(metrics), model: json });
    await recordAudit(trx, deps.clock, { actor, action: 'triage.tier_model.trained', entityType: 'triage_tier_model', entityId: id, changes: { after: { version, ...metrics } } });
    return version;
  });
}

/** Registers the retraining job's handler (idempotent work: a rerun trains the same data again). */
export function registerRetrainJob(deps: Deps, engine: TriageEngine): void {
  deps.jobs.register(RETRAIN_JOB, async () => {
    await retrain(deps, engine);
  });
}
