/**
 * A multi-class linear model over sparse rows, trained by stochastic gradient descent with L2
 * regularisation: either multinomial logistic regression or a Crammer–Singer multi-class SVM
 * (squared hinge). Weights are feature-major (`weights[column * classCount + k]`) so that
 * scoring a row walks contiguous memory. Training is deterministic for a given seed.
 */
import { seededRandom, shuffleInPlace } from './random.js';
import type { SparseRows } from './sparse.js';

export type Loss = 'logistic' | 'hinge';

export interface LinearOptions {
  loss: Loss;
  /** L2 strength per example (the objective is mean loss + lambda/2 · |w|²). */
  lambda: number;
  epochs: number;
  learningRate: number;
  seed: number;
  /** Per-class weights on the loss (class-balanced training), or none. */
  classWeights?: Float32Array;
}

export interface LinearModel {
  classCount: number;
  columnCount: number;
  weights: Float32Array;
  bias: Float32Array;
}

/** Trains a linear model on rows `x` with class indices `y` (0 … classCount-1). */
export function trainLinear(x: SparseRows, y: Int32Array, classCount: number, options: LinearOptions): LinearModel {
  const K = classCount;
  const weights = new Float32Array(x.columnCount * K);
  const bias = new Float32Array(K);
  const n = y.length;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(options.seed);
  const scores = new Float64Array(K);
  const active = new Int32Array(K);
  const gradient = new Float64Array(K);
  const total = Math.max(1, options.epochs * n);
  const { rowStart, columns, values } = x;
  // The true weights are scale · weights: L2 shrinkage is one multiply per step, not per weight.
  let scale = 1;
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (let o = 0; o < n; o++) {
      const r = order[o];
      // Linear decay to a small floor: large early steps, then settling on the optimum.
      const eta = options.learningRate * Math.max(0.02, 1 - step / total);
      step++;
      scale *= 1 - eta * options.lambda;
      if (scale < 1e-4) {
        for (let i = 0; i < weights.length; i++) weights[i] *= scale;
        scale = 1;
      }
      const from = rowStart[r];
      const to = rowStart[r + 1];
      for (let k = 0; k < K; k++) scores[k] = 0;
      for (let i = from; i < to; i++) {
        const base = columns[i] * K;
        const v = values[i];
        for (let k = 0; k < K; k++) scores[k] += v * weights[base + k];
      }
      for (let k = 0; k < K; k++) scores[k] = scores[k] * scale + bias[k];
      const classWeight = options.classWeights ? options.classWeights[y[r]] : 1;
      const activeCount =
        options.loss === 'logistic'
          ? logisticGradient(scores, y[r], classWeight, active, gradient)
          : hingeGradient(scores, y[r], classWeight, active, gradient);
      if (activeCount === 0) continue;
      const factor = eta / scale;
      for (let i = from; i < to; i++) {
        const base = columns[i] * K;
        const v = values[i] * factor;
        for (let a = 0; a < activeCount; a++) weights[base + active[a]] -= v * gradient[a];
      }
      for (let a = 0; a < activeCount; a++) bias[active[a]] -= eta * gradient[a];
    }
  }
  for (let i = 0; i < weights.length; i++) weights[i] *= scale;
  return { classCount: K, columnCount: x.columnCount, weights, bias };
}

/** Softmax cross-entropy: every class whose probability is not negligible gets a gradient. */
function logisticGradient(scores: Float64Array, label: number, weight: number, active: Int32Array, gradient: Float64Array): number {
  let max = -Infinity;
  for (let k = 0; k < scores.length; k++) if (scores[k] > max) max = scores[k];
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    scores[k] = Math.exp(scores[k] - max);
    sum += scores[k];
  }
  let count = 0;
  for (let k = 0; k < scores.length; k++) {
    const g = (scores[k] / sum - (k === label ? 1 : 0)) * weight;
    // Skipping near-zero gradients keeps late epochs cheap without moving the optimum visibly.
    if (g > 1e-4 || g < -1e-4) {
      active[count] = k;
      gradient[count++] = g;
    }
  }
  return count;
}

/** Crammer–Singer squared hinge: the true class against the most offending other class. */
function hingeGradient(scores: Float64Array, label: number, weight: number, active: Int32Array, gradient: Float64Array): number {
  let rival = -1;
  let best = -Infinity;
  for (let k = 0; k < scores.length; k++) {
    if (k !== label && scores[k] > best) {
      best = scores[k];
      rival = k;
    }
  }
  const violation = 1 + best - scores[label];
  if (violation <= 0) return 0;
  active[0] = label;
  gradient[0] = -violation * weight;
  active[1] = rival;
  gradient[1] = violation * weight;
  return 2;
}

/** Writes the class scores of one sparse row into `out`. */
export function scoreInto(model: LinearModel, columns: Int32Array, values: Float32Array, length: number, out: Float64Array): void {
  const K = model.classCount;
  const { weights } = model;
  for (let k = 0; k < K; k++) out[k] = model.bias[k];
  for (let i = 0; i < length; i++) {
    const base = columns[i] * K;
    const v = values[i];
    for (let k = 0; k < K; k++) out[k] += v * weights[base + k];
  }
}

/** Class scores for every row of a matrix: row-major, rows × classCount. */
export function scoreRows(model: LinearModel, rows: SparseRows): Float64Array {
  const K = model.classCount;
  const out = new Float64Array((rows.rowStart.length - 1) * K);
  const scratch = new Float64Array(K);
  for (let r = 0; r + 1 < rows.rowStart.length; r++) {
    const from = rows.rowStart[r];
    scoreInto(model, rows.columns.subarray(from), rows.values.subarray(from), rows.rowStart[r + 1] - from, scratch);
    out.set(scratch, r * K);
  }
  return out;
}
