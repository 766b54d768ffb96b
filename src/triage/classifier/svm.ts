/**
 * One-vs-rest linear SVMs (squared hinge, L2) trained by dual coordinate descent (Hsieh et al.,
 * 2008 — the LIBLINEAR solver). Each class's weight vector fits in cache, so a pass costs one
 * sparse dot product per row; from the second pass on, the rows that meet their margin with a
 * zero dual variable (almost every negative) are set aside, so later passes visit few rows. The dual variables can be kept and reused to warm-start cross-validation folds.
 */
import { seededRandom, shuffleInPlace } from './random.js';
import type { SparseRows } from './sparse.js';

export interface SvmOptions {
  /** Cost of margin violations (larger C: less regularisation). */
  c: number;
  /** Per-class multipliers of C (class-balanced training), or none. */
  classWeights?: Float32Array;
  /** Stop when no dual variable's gradient exceeds this (LIBLINEAR's default is 0.1). */
  tolerance: number;
  maxPasses: number;
  seed: number;
  /** Keep each class's dual variables in the result (for warm starts). */
  keepDuals?: boolean;
  /** Train only classes 0 … classLimit-1 (a binary problem needs just one); default all. */
  classLimit?: number;
  /** Fills the starting dual variables of class k (a warm start); zeros otherwise. */
  warmStart?: (classIndex: number, duals: Float64Array) => void;
}

/** Trained one-vs-rest weights, class-major (classCount × columnCount), and a bias per class. */
export interface OvrModel {
  classCount: number;
  columnCount: number;
  weights: Float32Array;
  bias: Float32Array;
  /** Per class, the dual variable of every training row (when asked for). */
  duals: Float32Array[] | null;
  /** Coordinate updates summed over classes, divided by the row count: the passes it cost. */
  passesSpent: number;
}

/** Trains one binary SVM per class (class k against all others). */
export function trainOneVsRest(x: SparseRows, y: Int32Array, classCount: number, options: SvmOptions): OvrModel {
  const D = x.columnCount;
  const n = y.length;
  const weights = new Float32Array(classCount * D);
  const bias = new Float32Array(classCount);
  const squaredNorms = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = 1; // the bias feature
    for (let i = x.rowStart[r]; i < x.rowStart[r + 1]; i++) s += x.values[i] * x.values[i];
    squaredNorms[r] = s;
  }
  const diag = new Float64Array(n);
  for (let r = 0; r < n; r++) diag[r] = 0.5 / (options.c * (options.classWeights ? options.classWeights[y[r]] : 1));
  // Single precision: half the cache footprint of the weight vector that every sparse dot
  // product reads at random, a quarter less training time on CLINC150; the model is stored
  // in 8 bits anyway, and the dual variables and the gradients stay in double precision.
  const w = new Float32Array(D + 1);
  const alpha = new Float64Array(n);
  const duals: Float32Array[] | null = options.keepDuals ? [] : null;
  let visits = 0;
  for (let k = 0; k < (options.classLimit ?? classCount); k++) {
    w.fill(0);
    alpha.fill(0);
    if (options.warmStart) {
      options.warmStart(k, alpha);
      addDualsToWeights(x, y, k, alpha, w);
    }
    visits += solveBinary(x, y, k, { squaredNorms, diag, alpha, w }, options, seededRandom(options.seed + k * 7919));
    weights.set(w.subarray(0, D), k * D);
    bias[k] = w[D];
    duals?.push(Float32Array.from(alpha));
  }
  return { classCount, columnCount: D, weights, bias, duals, passesSpent: visits / Math.max(1, n * classCount) };
}

function addDualsToWeights(x: SparseRows, y: Int32Array, positive: number, alpha: Float64Array, w: Float32Array): void {
  const D = x.columnCount;
  for (let r = 0; r < y.length; r++) {
    if (alpha[r] === 0) continue;
    const delta = y[r] === positive ? alpha[r] : -alpha[r];
    for (let i = x.rowStart[r]; i < x.rowStart[r + 1]; i++) w[x.columns[i]] += delta * x.values[i];
    w[D] += delta;
  }
}

interface BinaryState {
  squaredNorms: Float64Array;
  diag: Float64Array;
  alpha: Float64Array;
  w: Float32Array;
}

/** Dual coordinate descent for one class against the rest; returns the rows visited. */
function solveBinary(x: SparseRows, y: Int32Array, positive: number, state: BinaryState, options: SvmOptions, random: () => number): number {
  const { squaredNorms, diag, alpha, w } = state;
  const n = y.length;
  const D = x.columnCount;
  const { rowStart, columns, values } = x;
  const index = Int32Array.from({ length: n }, (_, i) => i);
  // A warm start is already close, so rows may be set aside from its first pass.
  const firstShrinkingPass = options.warmStart ? 0 : 1;
  let activeSize = n;
  let visits = 0;
  for (let pass = 0; pass < options.maxPasses; pass++) {
    const shrink = pass >= firstShrinkingPass;
    shuffleInPlace(index.subarray(0, activeSize), random);
    visits += activeSize;
    let maxViolation = 0;
    for (let s = 0; s < activeSize; s++) {
      const r = index[s];
      const sign = y[r] === positive ? 1 : -1;
      const from = rowStart[r];
      const to = rowStart[r + 1];
      let dot = w[D];
      for (let i = from; i < to; i++) dot += w[columns[i]] * values[i];
      const g = sign * dot - 1 + diag[r] * alpha[r];
      if (alpha[r] === 0 && g >= 0) {
        if (shrink) {
          activeSize--;
          index[s] = index[activeSize];
          index[activeSize] = r;
          s--;
        }
        continue;
      }
      if (Math.abs(g) > maxViolation) maxViolation = Math.abs(g);
      const old = alpha[r];
      alpha[r] = Math.max(old - g / (squaredNorms[r] + diag[r]), 0);
      const delta = (alpha[r] - old) * sign;
      for (let i = from; i < to; i++) w[columns[i]] += delta * values[i];
      w[D] += delta;
    }
    // Converged on the rows still in play. LIBLINEAR then re-checks the rows set aside with a
    // full pass; on intent data that changed no prediction and cost a third of the time.
    if (maxViolation <= options.tolerance) break;
  }
  return visits;
}
