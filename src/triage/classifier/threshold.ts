/**
 * Chooses the out-of-scope threshold from cross-validated predictions on the training rows
 * (never from evaluation data). A text is out of scope when the calibrated probability of its
 * best in-scope label falls below the threshold.
 *
 * The threshold is capped so that at most `rejectBudget` of the correct in-scope predictions
 * are rejected: in a help desk, sending a ticket that had a good category to "no category"
 * costs more than missing an out-of-scope one. Without out-of-scope rows the cap is the
 * threshold (a low quantile of correct predictions' confidences). With out-of-scope rows, the
 * threshold is the one at or below the cap that maximises in-scope accuracy (relative to
 * keeping everything) plus out-of-scope recall, so it stops early when recall stops growing.
 */

export interface ThresholdInput {
  /** Calibrated probability of the best in-scope label, per row. */
  confidence: Float64Array;
  /** 1 when the best in-scope label is the row's label. */
  correct: Uint8Array;
  /** 1 when the row is labelled out of scope. */
  goldOutOfScope: Uint8Array;
  /** 1 when the out-of-scope class itself won (rejected whatever the threshold). */
  rejectedByClass: Uint8Array;
}

export interface ThresholdChoice {
  threshold: number;
  method: 'quantile' | 'oos-balanced';
  /** Cross-validated in-scope accuracy at this threshold (rejections count as errors). */
  inScopeAccuracy: number;
  /** Cross-validated out-of-scope recall at this threshold (null without out-of-scope rows). */
  outOfScopeRecall: number | null;
}

/**
 * The threshold never exceeds this: a category more likely right than not (with margin) is not
 * rejected for low confidence, even when a small, easy training set made every held-out
 * prediction look certain and its low quantile sits just under 1.
 */
export const MAX_THRESHOLD = 0.6;

/** Picks the threshold as described above. */
export function chooseThreshold(input: ThresholdInput, rejectBudget: number): ThresholdChoice {
  const n = input.confidence.length;
  const keptCorrect: number[] = [];
  const oosConfidences: number[] = [];
  let inScope = 0;
  let oos = 0;
  let oosByClass = 0;
  for (let r = 0; r < n; r++) {
    if (input.goldOutOfScope[r]) {
      oos++;
      if (input.rejectedByClass[r]) oosByClass++;
      else oosConfidences.push(input.confidence[r]);
    } else {
      inScope++;
      if (input.correct[r] && !input.rejectedByClass[r]) keptCorrect.push(input.confidence[r]);
    }
  }
  keptCorrect.sort((a, b) => a - b);
  const cap = keptCorrect.length === 0 ? 0 : Math.min(MAX_THRESHOLD, keptCorrect[Math.floor(rejectBudget * (keptCorrect.length - 1))]);
  const accuracyAt = (t: number) => (inScope === 0 ? 0 : (keptCorrect.length - countBelow(keptCorrect, t)) / inScope);
  oosConfidences.sort((a, b) => a - b);
  const recallAt = (t: number) => (oos === 0 ? null : (oosByClass + countBelow(oosConfidences, t)) / oos);
  if (oos === 0 || inScope === 0) return { threshold: cap, method: 'quantile', inScopeAccuracy: accuracyAt(cap), outOfScopeRecall: recallAt(cap) };
  const base = Math.max(accuracyAt(0), 1e-9);
  const candidates = [0, ...oosConfidences.map((c) => nextAbove(c)), cap].filter((t) => t <= cap);
  let best = 0;
  let bestScore = -Infinity;
  for (const t of candidates.sort((a, b) => a - b)) {
    const score = accuracyAt(t) / base + (recallAt(t) as number);
    if (score > bestScore + 1e-12) {
      bestScore = score;
      best = t;
    }
  }
  return { threshold: best, method: 'oos-balanced', inScopeAccuracy: accuracyAt(best), outOfScopeRecall: recallAt(best) };
}

/** How many sorted values are strictly below t. */
function countBelow(sorted: number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The smallest threshold that rejects a row of confidence c. */
function nextAbove(c: number): number {
  return c + Math.max(1e-9, c * 1e-9);
}
