/** What a row of class scores says about the best in-scope class: shared by training and prediction. */
import { softmaxInto, type ConfidenceEvidence } from './calibration.js';

export interface ScoreReading {
  /** Best in-scope class. */
  best: number;
  /** True when the out-of-scope class (if any) is more probable than the best in-scope one. */
  oosClassWins: boolean;
  evidence: ConfidenceEvidence;
}

/**
 * Reads raw scores: fills `probabilities` with softmax(temperature · scores) and returns the
 * best in-scope class with the evidence for its confidence.
 */
export function readScores(scores: ArrayLike<number>, oosClass: number, temperature: number, probabilities: Float64Array): ScoreReading {
  softmaxInto(scores, temperature, probabilities);
  let best = -1;
  for (let k = 0; k < probabilities.length; k++) if (k !== oosClass && (best === -1 || scores[k] > scores[best])) best = k;
  return {
    best,
    oosClassWins: oosClass >= 0 && probabilities[oosClass] > probabilities[best],
    evidence: { bestScore: scores[best], logProbability: Math.log(Math.max(probabilities[best], 1e-300)) },
  };
}
