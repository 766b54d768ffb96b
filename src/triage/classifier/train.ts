/**
 * Training: features → one-vs-rest SVMs on every row → k-fold cross-validated scores (folds
 * warm-started from the full model's dual variables, so they cost a fraction of a cold start)
 * → temperature, confidence calibration and the out-of-scope threshold, all from those
 * held-out scores → pairwise tie-breakers for the category pairs that came close in them.
 * (The cross-validated figures describe the one-vs-rest stage, before tie-breaking.)
 */
import { confidenceOf, fitConfidenceModel, fitTemperature, type ConfidenceModel } from './calibration.js';
import { evidenceFor, readScores } from './evidence.js';
import { closePairs, PAIR_GAP, trainPairs, type PairwiseModels } from './pairwise.js';
import { splitFold, stratifiedFolds } from './cross-validation.js';
import { fitVectorizer, vectorizeAll } from './features.js';
import { evaluatePredictions, type ScoredRow } from './metrics.js';
import { DEFAULT_TRAIN_OPTIONS, type ClassBalance, type CrossValidation, type TrainOptions, type TriageModel } from './model.js';
import { selectRows, type SparseRows } from './sparse.js';
import { trainOneVsRest, type OvrModel } from './svm.js';
import { chooseThreshold } from './threshold.js';
import { quantizeInPlace, quantizeRaggedInPlace } from './quantize.js';

export interface TrainingExample {
  text: string;
  label: string;
}

/** Thrown for training data the classifier cannot learn from (too few rows or labels). */
export class TrainingDataError extends Error {}

// Used when there are too few rows to calibrate: a plain softmax of the scores.
const DEFAULT_TEMPERATURE = 5;
const DEFAULT_CONFIDENCE: ConfidenceModel = { bias: 0, weights: [0, 1] };
// At most this many pairwise tie-breakers (the most frequent close calls first).
const MAX_PAIRS = 3000;

/** Trains a model; `onStage` hears progress ("features", "fold 2/5", …). */
export function trainModel(
  examples: readonly TrainingExample[],
  options: Partial<TrainOptions> = {},
  onStage: (stage: string) => void = () => {},
): TriageModel {
  const started = performance.now();
  const opts: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const warnings: string[] = [];
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  if (examples.length < 2 || labels.length < 2) throw new TrainingDataError(`Training needs at least 2 labels; found ${labels.length} in ${examples.length} rows`);
  const classOf = new Map(labels.map((label, k) => [label, k]));
  const y = Int32Array.from(examples, (e) => classOf.get(e.label) as number);
  const counts = new Int32Array(labels.length);
  y.forEach((k) => counts[k]++);
  const rare = labels.filter((_, k) => counts[k] < 2);
  if (rare.length > 0) warnings.push(`${rare.length} label(s) have fewer than 2 examples and will rarely be predicted: ${rare.slice(0, 5).join(', ')}${rare.length > 5 ? ', …' : ''}`);
  const oosClass = labels.indexOf(opts.oosLabel);

  onStage('features');
  const texts = examples.map((e) => e.text.slice(0, opts.maxChars));
  const vectorizer = fitVectorizer(texts, opts.views);
  const x = vectorizeAll(vectorizer, texts);
  const svm = { c: opts.c, classWeights: classWeights(counts, opts.classBalance), tolerance: opts.tolerance, maxPasses: opts.maxPasses, seed: opts.seed };
  const folds = Math.min(opts.folds, Math.floor(examples.length / 2));

  onStage('model');
  const full = trainOneVsRest(x, y, labels.length, { ...svm, keepDuals: folds >= 2 });
  let temperature = DEFAULT_TEMPERATURE;
  let confidence: ConfidenceModel = DEFAULT_CONFIDENCE;
  let threshold = 0;
  let thresholdMethod: TriageModel['info']['thresholdMethod'] = 'default';
  let crossValidation: CrossValidation | null = null;
  let pairwise: PairwiseModels | null = null;
  let scores: Float64Array | null = null;
  if (folds >= 2) {
    scores = crossValidatedScores(x, y, labels.length, full, folds, svm, onStage);
    temperature = fitTemperature(scores, y, labels.length);
    const readings = readAll(scores, labels.length, oosClass, temperature);
    confidence = fitConfidenceModel(
      readings.map((r) => r.evidence),
      Uint8Array.from(readings, (r, row) => (r.best === y[row] ? 1 : 0)),
    );
    const verdicts = heldOutVerdicts(readings, y, oosClass, confidence);
    const choice = chooseThreshold(verdicts, opts.rejectBudget);
    threshold = choice.threshold;
    thresholdMethod = choice.method;
    crossValidation = summarise(verdicts, y, labels, threshold, folds, opts.oosLabel);
  }
  if (scores && opts.pairwise) {
    onStage('pairs');
    // Pairs that came close at least twice, within twice the gap used when predicting (near
    // misses count too); pairs seen once added size but no accuracy on validation data.
    const pairs = closePairs(scores, labels.length, oosClass, 2 * PAIR_GAP, MAX_PAIRS, 2);
    if (pairs.length > 0) {
      pairwise = trainPairs(x, y, labels.length, pairs, svm);
      quantizeRaggedInPlace(pairwise.weights, pairwise.offsets);
    }
  }
  if (folds < 2) warnings.push('Too few rows to cross-validate: confidences are uncalibrated and nothing is flagged out of scope');

  const weights = featureMajor(full);
  quantizeInPlace(weights, labels.length);
  return {
    labels,
    oosClass,
    vectorizer,
    weights,
    bias: full.bias,
    temperature,
    confidence,
    threshold,
    pairwise,
    info: {
      createdAt: new Date().toISOString(),
      rows: examples.length,
      seed: opts.seed,
      trainingMs: Math.round(performance.now() - started),
      options: opts,
      crossValidation,
      thresholdMethod,
      warnings,
    },
  };
}

/**
 * Per-class multipliers of the SVM cost. 'balanced' gives every class the same total weight;
 * 'sqrt' (the default) goes half-way, which helps rare categories without over-predicting them.
 */
function classWeights(counts: Int32Array, balance: ClassBalance): Float32Array | undefined {
  if (balance === 'none') return undefined;
  const n = counts.reduce((a, b) => a + b, 0);
  const K = counts.length;
  const raw = Array.from(counts, (c) => (c === 0 ? 0 : balance === 'balanced' ? n / (K * c) : Math.sqrt(n / (K * c))));
  const mean = raw.reduce((s, w, k) => s + w * counts[k], 0) / n;
  return Float32Array.from(raw, (w) => w / mean);
}

/** Held-out class scores of every row (rows × classes) from k-fold cross-validation (exported for the triage benchmarks). */
export function crossValidatedScores(
  x: SparseRows,
  y: Int32Array,
  K: number,
  full: OvrModel,
  folds: number,
  svm: Parameters<typeof trainOneVsRest>[3],
  onStage: (stage: string) => void,
): Float64Array {
  const fold = stratifiedFolds(y, K, folds, svm.seed);
  const scores = new Float64Array(y.length * K);
  for (let f = 0; f < folds; f++) {
    onStage(`fold ${f + 1}/${folds}`);
    const { train, heldOut } = splitFold(fold, f);
    const duals = full.duals as Float32Array[];
    const model = trainOneVsRest(selectRows(x, train), Int32Array.from(train, (r) => y[r]), K, {
      ...svm,
      seed: svm.seed + 101 * (f + 1),
      warmStart: (k, alpha) => train.forEach((row, i) => (alpha[i] = duals[k][row])),
    });
    scoreHeldOut(model, x, heldOut, scores);
  }
  return scores;
}

/** Scores held-out rows class by class, so each class's weights stay in cache. */
function scoreHeldOut(model: OvrModel, x: SparseRows, rows: Int32Array, out: Float64Array): void {
  const { classCount: K, columnCount: D, weights } = model;
  const { rowStart, columns, values } = x;
  for (let k = 0; k < K; k++) {
    const offset = k * D;
    for (const row of rows) {
      let s = model.bias[k];
      for (let i = rowStart[row]; i < rowStart[row + 1]; i++) s += weights[offset + columns[i]] * values[i];
      out[row * K + k] = s;
    }
  }
}

interface Verdicts {
  confidence: Float64Array;
  best: Int32Array;
  correct: Uint8Array;
  goldOutOfScope: Uint8Array;
  rejectedByClass: Uint8Array;
}

function readAll(scores: Float64Array, K: number, oosClass: number, temperature: number) {
  const p = new Float64Array(K);
  return Array.from({ length: scores.length / K }, (_, r) => {
    const row = scores.subarray(r * K, (r + 1) * K);
    const reading = readScores(row, oosClass, temperature, p);
    return { ...reading, evidence: evidenceFor(row, p, reading.best) };
  });
}

/** For each held-out row: its best in-scope class, the confidence in it, and whether the oos class won. */
function heldOutVerdicts(readings: ReturnType<typeof readAll>, y: Int32Array, oosClass: number, model: ConfidenceModel): Verdicts {
  const n = y.length;
  const v: Verdicts = {
    confidence: new Float64Array(n),
    best: new Int32Array(n),
    correct: new Uint8Array(n),
    goldOutOfScope: new Uint8Array(n),
    rejectedByClass: new Uint8Array(n),
  };
  readings.forEach((reading, r) => {
    v.best[r] = reading.best;
    v.confidence[r] = confidenceOf(model, reading.evidence);
    v.correct[r] = reading.best === y[r] ? 1 : 0;
    v.goldOutOfScope[r] = y[r] === oosClass ? 1 : 0;
    v.rejectedByClass[r] = reading.oosClassWins ? 1 : 0;
  });
  return v;
}

function summarise(v: Verdicts, y: Int32Array, labels: string[], threshold: number, folds: number, oosLabel: string): CrossValidation {
  const rows: ScoredRow[] = Array.from(y, (k, r) => {
    const outOfScope = v.rejectedByClass[r] === 1 || v.confidence[r] < threshold;
    const guess = labels[v.best[r]];
    return { gold: labels[k], predicted: outOfScope ? oosLabel : guess, outOfScope, guess };
  });
  const m = evaluatePredictions(rows, oosLabel);
  return {
    folds,
    accuracy: m.accuracy,
    macroF1: m.macroF1,
    inScopeAccuracy: m.inScopeAccuracy,
    closedSetAccuracy: m.closedSetAccuracy,
    outOfScopeRecall: m.outOfScope.recall,
    outOfScopePrecision: m.outOfScope.precision,
  };
}

/** Class-major SVM weights → feature-major (so predicting one text reads contiguous memory). */
function featureMajor(model: OvrModel): Float32Array {
  const { classCount: K, columnCount: D } = model;
  const out = new Float32Array(D * K);
  for (let k = 0; k < K; k++) for (let j = 0; j < D; j++) out[j * K + k] = model.weights[k * D + j];
  return out;
}
