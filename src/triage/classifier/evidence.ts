/** What a row of class scores says about the best in-scope classes: shared by training and prediction. */
import { softmaxInto, type ConfidenceEvidence } from './calibration.js';

export interface ScoreReading {
  /** Best in-scope class, and the runner-up (-1 with a single in-scope class). */
  best: number;
  second: number;
  /** True when the out-of-scope class (if any) is more probable than the best in-scope one. */
  oosClassWins: boolean;
}

/**
 * Reads raw scores: fills `probabilities` with softmax(temperature · scores) and returns the
 * two best in-scope classes.
 */
export function readScores(scores: ArrayLike<number>, oosClass: number, temperature: number, probabilities: Float64Array): ScoreReading {
  softmaxInto(scores, temperature, probabilities);
  let best = -1;
  let second = -1;
  for (let k = 0; k < probabilities.length; k++) {
    if (k === oosClass) continue;
    if (best === -1 || scores[k] > scores[best]) {
      second = best;
      best = k;
    } else if (second === -1 || scores[k] > scores[second]) second = k;
  }
  return { best, second, oosClassWins: oosClass >= 0 && probabilities[oosClass] > probabilities[best] };
}

/** The evidence for class k's confidence. */
export function evidenceFor(scores: ArrayLike<number>, probabilities: Float64Array, k: number): ConfidenceEvidence {
  return { bestScore: scores[k], logProbability: Math.log(Math.max(probabilities[k], 1e-300)) };
}
