/**
 * Evaluation of the active triage on labelled tickets: the category classifier (accuracy,
 * macro-F1, per-label figures; an out-of-scope verdict counts as a miss) and the tier (accuracy,
 * confusion). On the history, the rows are the model's own training data, so the figures are
 * optimistic; the cross-validated figures from training are returned beside them.
 */
import type { Deps } from '../platform/context.js';
import { evaluatePredictions, type LabelFigures } from './classifier/metrics.js';
import type { CrossValidation } from './classifier/model.js';
import { AppError } from '../platform/errors.js';
import { gatherTrainingData } from './retrain.service.js';
import type { TriageEngine } from './triage.service.js';
import { applyRules } from './tiers/tier-rules.js';

export interface EvaluationItem {
  subject?: string;
  body: string;
  category?: string;
  priority?: number;
}

export interface Evaluation {
  source: 'request' | 'history';
  modelVersion: number;
  category: { rows: number; accuracy: number; macroF1: number; outOfScopeRate: number; perLabel: LabelFigures[] };
  tier: { rows: number; accuracy: number | null; confusion: number[][] };
  crossValidation: CrossValidation | null;
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Evaluates the active model (and the tier rules) on the items given, or on the history. */
export async function evaluateTriage(deps: Deps, engine: TriageEngine, items?: EvaluationItem[]): Promise<Evaluation> {
  const state = await engine.requireModel();
  const rows: EvaluationItem[] = items ?? (await historyItems(deps, engine));
  const labelled = rows.filter((r) => r.category);
  if (labelled.length === 0 && !rows.some((r) => r.priority)) throw new AppError('insufficient_training_data', 'Nothing to evaluate: no item has a category or a priority');
  const { predictor, version } = state.category!;
  // An out-of-scope verdict is a miss here: these rows all have a category.
  const metrics = evaluatePredictions(
    labelled.map((r) => {
      const p = predictor.predict(r.subject ? `${r.subject}\n${r.body}` : r.body);
      return { gold: r.category!, predicted: p.label, outOfScope: p.outOfScope };
    }),
  );
  const confusion = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
  const tiered = rows.filter((r) => r.priority);
  let right = 0;
  for (const r of tiered) {
    const tier = applyRules(state.rules, r.subject ?? '', r.body).tier;
    confusion[r.priority! - 1][tier - 1]++;
    if (tier === r.priority) right++;
  }
  const active = (await engine.current()).category;
  return {
    source: items ? 'request' : 'history',
    modelVersion: version,
    category: {
      rows: metrics.rows,
      accuracy: r4(metrics.accuracy),
      macroF1: r4(metrics.macroF1),
      outOfScopeRate: metrics.rows ? r4(metrics.outOfScope.flagged / metrics.rows) : 0,
      perLabel: metrics.perLabel.map((l) => ({ ...l, precision: r4(l.precision), recall: r4(l.recall), f1: r4(l.f1) })),
    },
    tier: { rows: tiered.length, accuracy: tiered.length ? r4(right / tiered.length) : null, confusion },
    crossValidation: active?.predictor.model.info.crossValidation ?? null,
  };
}

async function historyItems(deps: Deps, engine: TriageEngine): Promise<EvaluationItem[]> {
  const data = await gatherTrainingData(deps, (await engine.current()).settings.learning);
  return data.category.map((e) => {
    const [subject, ...body] = e.text.split('\n');
    return { subject, body: body.join('\n'), category: e.label };
  });
}
