/**
 * A small neural classifier for the triage experiments (bench/triage-neural.ts), not used by the
 * product: one hidden layer over the classifier's own sparse TF-IDF rows,
 * h = relu(W1ᵀx + b1) (or linear, as fastText) with dropout, then softmax(W2 h + b2), trained one row at a time by SGD
 * (linearly decaying rate, as fastText does) or Adam (lazy: only the rows of W1 that a text
 * touches are updated). Float32Array weights, a seeded generator: the same seed gives the
 * same network.
 */
import { seededRandom } from '../../src/triage/classifier/random.js';
import type { SparseRows } from '../../src/triage/classifier/sparse.js';

export interface MlpOptions {
  hidden: number;
  epochs: number;
  /** SGD: starting rate (decays linearly to 0). Adam: the step size. */
  rate: number;
  optimizer: 'sgd' | 'adam';
  /** 'linear' leaves the hidden layer as the weighted sum of n-gram vectors (fastText's model). */
  activation: 'relu' | 'linear';
  /** Share of hidden units dropped per row while training. */
  dropout: number;
  /** Share of a row's n-grams dropped per visit while training (n-gram dropout). */
  inputDropout: number;
  /** Only columns below this are inputs (the word view alone, for example); default all. */
  maxColumn?: number;
  /** W1 starts uniform in ±initScale. */
  initScale: number;
  seed: number;
}

export interface Mlp {
  inputs: number;
  hidden: number;
  classes: number;
  relu: boolean;
  /** Input-major: w1[column * hidden + j]. */
  w1: Float32Array;
  b1: Float32Array;
  /** Class-major: w2[k * hidden + j]. */
  w2: Float32Array;
  b2: Float32Array;
}

// Output gradients smaller than this are skipped: most classes are certain losers after the
// first epoch, and their updates are most of the cost.
const SKIP_GRADIENT = 1e-4;
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

/** Trains the network on rows x with classes y (0 … classes-1). */
export function trainMlp(x: SparseRows, y: Int32Array, classes: number, o: MlpOptions): Mlp {
  const D = o.maxColumn ?? x.columnCount;
  const H = o.hidden;
  const K = classes;
  const n = y.length;
  const random = seededRandom(o.seed);
  const w1 = new Float32Array(D * H);
  for (let i = 0; i < w1.length; i++) w1[i] = (random() * 2 - 1) * o.initScale;
  const w2 = new Float32Array(K * H);
  const glorot = Math.sqrt(6 / (H + K));
  for (let i = 0; i < w2.length; i++) w2[i] = (random() * 2 - 1) * glorot;
  const net: Mlp = { inputs: D, hidden: H, classes: K, relu: o.activation === 'relu', w1, b1: new Float32Array(H), w2, b2: new Float32Array(K) };
  const adam = o.optimizer === 'adam' ? { w1: moments(D * H), w2: moments(K * H), b1: moments(H), b2: moments(K) } : null;

  const h = new Float32Array(H);
  const mask = new Float32Array(H);
  const dh = new Float32Array(H);
  const p = new Float64Array(K);
  let inColumns = new Int32Array(1024);
  let inValues = new Float32Array(1024);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const keepIn = 1 - o.inputDropout;
  const keepHidden = 1 - o.dropout;
  const relu = o.activation === 'relu';
  const steps = o.epochs * n;
  let step = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const r of order) {
      const rate = adam ? o.rate : o.rate * (1 - step / steps);
      step++;
      // Inputs, with n-gram dropout (inverted: survivors are scaled up).
      const width = x.rowStart[r + 1] - x.rowStart[r];
      if (width > inColumns.length) {
        inColumns = new Int32Array(width * 2);
        inValues = new Float32Array(width * 2);
      }
      let m = 0;
      for (let i = x.rowStart[r]; i < x.rowStart[r + 1]; i++) {
        if (x.columns[i] >= D || (o.inputDropout > 0 && random() >= keepIn)) continue;
        inColumns[m] = x.columns[i];
        inValues[m++] = x.values[i] / keepIn;
      }
      h.set(net.b1);
      for (let i = 0; i < m; i++) {
        const base = inColumns[i] * H;
        const v = inValues[i];
        for (let j = 0; j < H; j++) h[j] += v * w1[base + j];
      }
      for (let j = 0; j < H; j++) {
        if ((relu && h[j] <= 0) || (o.dropout > 0 && random() >= keepHidden)) {
          h[j] = 0;
          mask[j] = 0;
        } else {
          mask[j] = 1 / keepHidden;
          h[j] *= mask[j];
        }
      }
      softmaxOut(net, h, p);
      // Output layer: gradient g_k = p_k − [k = y], back-propagated into dh before W2 moves.
      dh.fill(0);
      for (let k = 0; k < K; k++) {
        const g = p[k] - (k === y[r] ? 1 : 0);
        if (Math.abs(g) < SKIP_GRADIENT) continue;
        const base = k * H;
        for (let j = 0; j < H; j++) dh[j] += g * w2[base + j];
        if (adam) {
          for (let j = 0; j < H; j++) adamStep(w2, adam.w2, base + j, g * h[j], rate);
          adamStep(net.b2, adam.b2, k, g, rate);
        } else {
          for (let j = 0; j < H; j++) w2[base + j] -= rate * g * h[j];
          net.b2[k] -= rate * g;
        }
      }
      for (let j = 0; j < H; j++) dh[j] *= mask[j];
      if (adam) {
        for (let j = 0; j < H; j++) adamStep(net.b1, adam.b1, j, dh[j], rate);
        for (let i = 0; i < m; i++) {
          const base = inColumns[i] * H;
          for (let j = 0; j < H; j++) adamStep(w1, adam.w1, base + j, inValues[i] * dh[j], rate);
        }
      } else {
        for (let j = 0; j < H; j++) net.b1[j] -= rate * dh[j];
        for (let i = 0; i < m; i++) {
          const base = inColumns[i] * H;
          const v = rate * inValues[i];
          for (let j = 0; j < H; j++) w1[base + j] -= v * dh[j];
        }
      }
    }
  }
  return net;
}

/** Log-probabilities of every class for every row (rows × classes), without dropout. */
export function mlpLogProbabilities(net: Mlp, x: SparseRows): Float64Array {
  const { inputs: D, hidden: H, classes: K } = net;
  const rows = x.rowStart.length - 1;
  const out = new Float64Array(rows * K);
  const h = new Float32Array(H);
  const p = new Float64Array(K);
  for (let r = 0; r < rows; r++) {
    h.set(net.b1);
    for (let i = x.rowStart[r]; i < x.rowStart[r + 1]; i++) {
      if (x.columns[i] >= D) continue;
      const base = x.columns[i] * H;
      const v = x.values[i];
      for (let j = 0; j < H; j++) h[j] += v * net.w1[base + j];
    }
    if (net.relu) for (let j = 0; j < H; j++) if (h[j] < 0) h[j] = 0;
    softmaxOut(net, h, p);
    for (let k = 0; k < K; k++) out[r * K + k] = Math.log(Math.max(p[k], 1e-300));
  }
  return out;
}

function softmaxOut(net: Mlp, h: Float32Array, p: Float64Array): void {
  const { hidden: H, classes: K, w2, b2 } = net;
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    let z = b2[k];
    const base = k * H;
    for (let j = 0; j < H; j++) z += w2[base + j] * h[j];
    p[k] = z;
    if (z > max) max = z;
  }
  let sum = 0;
  for (let k = 0; k < K; k++) sum += p[k] = Math.exp(p[k] - max);
  for (let k = 0; k < K; k++) p[k] /= sum;
}

interface Moments {
  m: Float32Array;
  v: Float32Array;
}

function moments(size: number): Moments {
  return { m: new Float32Array(size), v: new Float32Array(size) };
}

/** One Adam update of weights[i] (without bias correction: it matters only for the first steps). */
function adamStep(weights: Float32Array, s: Moments, i: number, gradient: number, rate: number): void {
  s.m[i] = BETA1 * s.m[i] + (1 - BETA1) * gradient;
  s.v[i] = BETA2 * s.v[i] + (1 - BETA2) * gradient * gradient;
  weights[i] -= (rate * s.m[i]) / (Math.sqrt(s.v[i]) + EPSILON);
}
