/**
 * Evaluation of the active triage on labelled tickets: the category classifier (accuracy,
 * macro-F1, per-label figures; an out-of-scope verdict counts as a miss) and the tier (accuracy,
 * confusion). On the history, the rows are the model's own training data, so the figures are
 * optimistic; the cross-validated figures from training are returned beside them.
 */
import type { Deps } from '../platform/context.js';
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

export interface LabelFigures {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  source: 'request' | 'history';
  modelVersion: number;
  category: { rows: number; accuracy: number; macroF1: number; outOfScopeRate: number; perLabel: LabelFigures[] };
  tier: { rows: number; accuracy: number | null; confusion: number[][] };
  crossValidation: CrossValidation | null;
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Per-label precision, recall and F1 over (true, predicted) pairs; labels are the true ones. */
export function labelFigures(pairs: { truth: string; predicted: string | null }[]): LabelFigures[] {
  const labels = [...new Set(pairs.map((p) => p.truth))].sort();
  return labels.map((label) => {
    const tp = pairs.filter((p) => p.truth === label && p.predicted === label).length;
    const predicted = pairs.filter((p) => p.predicted === label).length;
    const support = pairs.filter((p) => p.truth === label).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    return { label, precision: r4(precision), recall: r4(recall), f1: r4(precision + recall ? (2 * precision * recall) / (precision + recall) : 0), support };
  });
}

/** Evaluates the active model (and the tier rules) on the items given, or on the history. */
export async function evaluateTriage(deps: Deps, engine: TriageEngine, items?: EvaluationItem[]): Promise<Evaluation> {
  const state = await engine.requireModel();
  const rows: EvaluationItem[] = items ?? (await historyItems(deps, engine));
  const labelled = rows.filter((r) => r.category);
  if (labelled.length === 0 && !rows.some((r) => r.priority)) throw new AppError('insufficient_training_data', 'Nothing to evaluate: no item has a category or a priority');
  const { predictor, version } = state.category!;
  const pairs = labelled.map((r) => {
    const p = predictor.predict(r.subject ? `${r.subject}\n${r.body}` : r.body);
    return { truth: r.category!, predicted: p.outOfScope ? null : p.label };
  });
  const perLabel = labelFigures(pairs);
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
      rows: pairs.length,
      accuracy: pairs.length ? r4(pairs.filter((p) => p.truth === p.predicted).length / pairs.length) : 0,
      macroF1: perLabel.length ? r4(perLabel.reduce((s, l) => s + l.f1, 0) / perLabel.length) : 0,
      outOfScopeRate: pairs.length ? r4(pairs.filter((p) => p.predicted === null).length / pairs.length) : 0,
      perLabel,
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
