/** The trained classifier as it lives in memory (and, serialised, in a model file). */
import type { ConfidenceModel } from './calibration.js';
import type { Vectorizer, ViewSpec } from './features.js';
import type { PairwiseModels } from './pairwise.js';

export type ClassBalance = 'none' | 'sqrt' | 'balanced';

export interface TrainOptions {
  /** Seed of every random choice (fold assignment, visiting order): same seed, same model. */
  seed: number;
  /** Cross-validation folds used to calibrate confidences and choose the threshold. */
  folds: number;
  /** SVM cost: larger fits the training rows more closely. */
  c: number;
  classBalance: ClassBalance;
  /** Share of correct in-scope predictions the out-of-scope threshold may reject (see threshold.ts). */
  rejectBudget: number;
  /** The label that marks out-of-scope rows in training and evaluation data. */
  oosLabel: string;
  /** Texts are cut to this many characters (a ticket's opening says what it is about). */
  maxChars: number;
  views: ViewSpec[];
  /** Train one-vs-one tie-breakers for close pairs of categories (see pairwise.ts). */
  pairwise: boolean;
  maxPasses: number;
  tolerance: number;
}

export interface CrossValidation {
  folds: number;
  accuracy: number;
  macroF1: number;
  inScopeAccuracy: number | null;
  closedSetAccuracy: number | null;
  outOfScopeRecall: number | null;
  outOfScopePrecision: number | null;
}

export interface TrainingInfo {
  createdAt: string;
  rows: number;
  seed: number;
  trainingMs: number;
  options: TrainOptions;
  /** Null when there were too few rows to cross-validate. */
  crossValidation: CrossValidation | null;
  thresholdMethod: 'quantile' | 'oos-balanced' | 'default';
  warnings: string[];
}

export interface TriageModel {
  /** Class labels, sorted; the out-of-scope label is one of them when training had such rows. */
  labels: string[];
  /** Index of the out-of-scope class in `labels`, or -1. */
  oosClass: number;
  vectorizer: Vectorizer;
  /** Feature-major weights: weights[column * labels.length + k]. */
  weights: Float32Array;
  bias: Float32Array;
  /** Softmax temperature of the class probabilities. */
  temperature: number;
  /** Turns a prediction's evidence into the probability that it is right. */
  confidence: ConfidenceModel;
  /** Out of scope below this confidence. */
  threshold: number;
  /** One-vs-one tie-breakers for close calls between two categories (null when none). */
  pairwise: PairwiseModels | null;
  info: TrainingInfo;
}

/**
 * Word 1–2-grams (stemmed) plus character 3–5-grams inside words (from the first 1,000
 * characters). Character n-grams seen in a single text are dropped: they almost always repeat
 * their word's own feature, and dropping them shrinks the model by a fifth. See docs/triage.md
 * for how these were chosen.
 */
export const DEFAULT_VIEWS: ViewSpec[] = [
  { kind: 'word', maxN: 2, stem: true, weight: 1, minDf: 1 },
  { kind: 'char', minN: 3, maxN: 5, weight: 1, minDf: 2, maxChars: 1000 },
];

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 1,
  folds: 5,
  c: 1,
  classBalance: 'sqrt',
  rejectBudget: 0.01,
  oosLabel: 'oos',
  maxChars: 5000,
  views: DEFAULT_VIEWS,
  pairwise: true,
  maxPasses: 50,
  tolerance: 0.1,
};
