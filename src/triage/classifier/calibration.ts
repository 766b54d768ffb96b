/**
 * Temperature scaling: class scores become probabilities through softmax(T · score), with the
 * one number T fitted to minimise the log-loss of cross-validated scores (Guo et al., 2017).
 * The negative log-likelihood is convex in T, so Newton's method converges in a few steps.
 */

/** Writes softmax(temperature · scores) into `out` (both of length classCount). */
export function softmaxInto(scores: ArrayLike<number>, temperature: number, out: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < out.length; k++) if (scores[k] > max) max = scores[k];
  let sum = 0;
  for (let k = 0; k < out.length; k++) {
    out[k] = Math.exp((scores[k] - max) * temperature);
    sum += out[k];
  }
  for (let k = 0; k < out.length; k++) out[k] /= sum;
}

/** Fits T on row-major scores (rows × classCount) and their true classes. */
export function fitTemperature(scores: Float64Array, y: Int32Array, classCount: number): number {
  const p = new Float64Array(classCount);
  let t = 1;
  for (let iteration = 0; iteration < 50; iteration++) {
    let gradient = 0;
    let curvature = 0;
    for (let r = 0; r < y.length; r++) {
      const row = scores.subarray(r * classCount, (r + 1) * classCount);
      softmaxInto(row, t, p);
      let mean = 0;
      let meanSquare = 0;
      for (let k = 0; k < classCount; k++) {
        mean += p[k] * row[k];
        meanSquare += p[k] * row[k] * row[k];
      }
      gradient += mean - row[y[r]];
      curvature += meanSquare - mean * mean;
    }
    if (curvature <= 1e-12) break;
    // Newton step, damped so that T stays positive.
    const next = Math.min(Math.max(t - gradient / curvature, t / 4), t * 4);
    if (Math.abs(next - t) < 1e-4 * t) {
      t = next;
      break;
    }
    t = next;
  }
  return t;
}

/** Evidence about one prediction, from which its confidence is computed. */
export interface ConfidenceEvidence {
  /** Raw score of the best in-scope class (one-vs-rest: below 0 means "not mine"). */
  bestScore: number;
  /** Log of the best class's temperature-scaled softmax probability. */
  logProbability: number;
}

/** Logistic weights over ConfidenceEvidence (bestScore, logProbability) and a bias. */
export interface ConfidenceModel {
  weights: [number, number];
  bias: number;
}

/** The calibrated probability that a prediction with this evidence is right. */
export function confidenceOf(model: ConfidenceModel, e: ConfidenceEvidence): number {
  const z = model.bias + model.weights[0] * e.bestScore + model.weights[1] * e.logProbability;
  return 1 / (1 + Math.exp(-z));
}

/**
 * Fits the confidence model on held-out predictions (Platt scaling with two inputs): the
 * softmax alone is relative and stays high for a text that no class claims, while the raw
 * one-vs-rest score is absolute. Newton's method on the L2-regularised log-loss with Platt's
 * smoothed targets. (The margin
 * to the runner-up was tried as a third input: it predicts mistakes between categories but
 * made out-of-scope detection worse on validation data.)
 */
export function fitConfidenceModel(evidence: ConfidenceEvidence[], correct: Uint8Array): ConfidenceModel {
  const x = evidence.map((e) => [1, e.bestScore, e.logProbability]);
  // Platt's smoothed targets: with few (or no) held-out mistakes, confidences stay below 1
  // instead of the fit running off to certainty.
  const right = correct.reduce((n, c) => n + c, 0);
  const wrong = correct.length - right;
  const target = [1 / (wrong + 2), (right + 1) / (right + 2)];
  const beta = [0, 0, 0];
  const ridge = 1e-3 * Math.max(1, evidence.length);
  for (let iteration = 0; iteration < 30; iteration++) {
    const gradient = [0, 0, 0];
    const hessian = [0, 0, 0].map(() => [0, 0, 0]);
    x.forEach((row, r) => {
      const z = row.reduce((s, v, j) => s + v * beta[j], 0);
      const p = 1 / (1 + Math.exp(-z));
      const w = Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i < 3; i++) {
        gradient[i] += (p - target[correct[r]]) * row[i];
        for (let j = 0; j < 3; j++) hessian[i][j] += w * row[i] * row[j];
      }
    });
    // The bias is not penalised; the slopes get a light ridge so separable data stays finite.
    for (let i = 1; i < 3; i++) {
      gradient[i] += ridge * beta[i];
      hessian[i][i] += ridge;
    }
    const step = solveSmall(hessian, gradient);
    let change = 0;
    for (let i = 0; i < 3; i++) {
      beta[i] -= step[i];
      change = Math.max(change, Math.abs(step[i]));
    }
    if (change < 1e-7) break;
  }
  return { bias: beta[0], weights: [beta[1], beta[2]] };
}

/** Solves a small symmetric positive-definite system by Gaussian elimination. */
function solveSmall(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const d = m[col][col] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r][col] / d;
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  return m.map((row, i) => row[n] / (row[i] || 1e-12));
}
