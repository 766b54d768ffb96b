/** A model's training record in a small JSON shape: stored beside each version and printed by the CLI. */
import type { TriageModel } from './classifier/model.js';

export interface ModelSummary {
  rows: number;
  labels: number;
  outOfScopeLabel: string | null;
  seed: number;
  trainingMs: number;
  threshold: number;
  thresholdMethod: string;
  crossValidation: TriageModel['info']['crossValidation'];
  warnings: string[];
}

/** The summary of a trained or loaded model. */
export function modelSummary(model: TriageModel): ModelSummary {
  return {
    rows: model.info.rows,
    labels: model.labels.length - (model.oosClass >= 0 ? 1 : 0),
    outOfScopeLabel: model.oosClass >= 0 ? model.labels[model.oosClass] : null,
    seed: model.info.seed,
    trainingMs: model.info.trainingMs,
    threshold: model.threshold,
    thresholdMethod: model.info.thresholdMethod,
    crossValidation: model.info.crossValidation,
    warnings: model.info.warnings,
  };
}
