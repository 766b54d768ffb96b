/**
 * Prediction: one text → label, calibrated confidence and out-of-scope verdict, in memory.
 * A predictor owns its scratch buffers, so predicting allocates only the tokens of the text.
 */
import { confidenceOf } from './calibration.js';
import { evidenceFor, readScores } from './evidence.js';
import { breakTie } from './pairwise.js';
import { newRowScratch, vectorizeInto } from './features.js';
import type { TriageModel } from './model.js';

export interface Prediction {
  /**
   * The best in-scope label, or the out-of-scope label (`oos`) when the text is out of scope, so
   * that comparing labels with true labels agrees with `triage eval`. `guess` keeps the best
   * in-scope label in every case.
   */
  label: string;
  /** Calibrated probability that the best in-scope label is right (0 for an empty text). */
  confidence: number;
  outOfScope: boolean;
  /** The best in-scope label, also when the text is out of scope. */
  guess: string;
  /**
   * Why: in scope, or out of scope because the oos class won, the confidence is below the
   * threshold, the text is empty, or none of its words or n-grams occurred in training.
   */
  reason: 'in_scope' | 'oos_class' | 'below_threshold' | 'empty_text' | 'unknown_words';
  /** The next best in-scope labels with their share of the class probabilities (softmax), best first. */
  alternatives: { label: string; confidence: number }[];
}

export interface Predictor {
  model: TriageModel;
  predict(text: string): Prediction;
}

/** A predictor for the model (not safe to share between threads; cheap to create). */
export function createPredictor(model: TriageModel, alternatives = 2): Predictor {
  const K = model.labels.length;
  const row = newRowScratch();
  const scores = new Float64Array(K);
  const probabilities = new Float64Array(K);
  const maxChars = model.info.options.maxChars;
  const oosLabel = model.info.options.oosLabel;
  return {
    model,
    predict(text: string): Prediction {
      vectorizeInto(model.vectorizer, text.slice(0, maxChars), row);
      for (let k = 0; k < K; k++) scores[k] = model.bias[k];
      const { weights } = model;
      for (let i = 0; i < row.length; i++) {
        const base = row.columns[i] * K;
        const v = row.values[i];
        for (let k = 0; k < K; k++) scores[k] += v * weights[base + k];
      }
      const reading = readScores(scores, model.oosClass, model.temperature, probabilities);
      const best =
        model.pairwise && reading.second !== -1
          ? breakTie(model.pairwise, reading.best, reading.second, scores[reading.best] - scores[reading.second], row.columns, row.values, row.length)
          : reading.best;
      const ranked = rankInScope(probabilities, model.oosClass, alternatives + 1);
      const confidence = row.length === 0 ? 0 : confidenceOf(model.confidence, evidenceFor(scores, probabilities, best));
      const reason: Prediction['reason'] =
        text.trim() === ''
          ? 'empty_text'
          : row.length === 0
            ? 'unknown_words'
            : reading.oosClassWins
            ? 'oos_class'
            : confidence < model.threshold
              ? 'below_threshold'
              : 'in_scope';
      const outOfScope = reason !== 'in_scope';
      return {
        label: outOfScope ? oosLabel : model.labels[best],
        confidence,
        outOfScope,
        guess: model.labels[best],
        reason,
        alternatives: ranked.filter((k) => k !== best).slice(0, alternatives).map((k) => ({ label: model.labels[k], confidence: probabilities[k] })),
      };
    },
  };
}

/** The `count` most probable in-scope classes, best first. */
function rankInScope(p: Float64Array, oosClass: number, count: number): number[] {
  const top: number[] = [];
  for (let k = 0; k < p.length; k++) {
    if (k === oosClass) continue;
    if (top.length < count || p[k] > p[top[top.length - 1]]) {
      let at = Math.min(top.length, count - 1);
      top[at] = k;
      while (at > 0 && p[top[at]] > p[top[at - 1]]) {
        [top[at], top[at - 1]] = [top[at - 1], top[at]];
        at--;
      }
    }
  }
  return top;
}
