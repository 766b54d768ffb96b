/**
 * Evaluation figures for a set of predictions: accuracy, macro-F1, per-label precision, recall
 * and F1, out-of-scope precision and recall, and in-scope accuracy. A prediction flagged out of
 * scope counts as the label `oos`; rows whose true label is `oos` are the out-of-scope ones.
 */

export interface ScoredRow {
  gold: string;
  predicted: string;
  outOfScope: boolean;
  /** The best in-scope label even when flagged out of scope (for closed-set accuracy); default `predicted`. */
  guess?: string;
}

export interface LabelFigures {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Metrics {
  rows: number;
  /** Share of rows whose prediction (oos when flagged) equals the true label. */
  accuracy: number;
  /** Mean F1 over the labels that occur in the true labels (oos included when present). */
  macroF1: number;
  /** Over in-scope rows: right label and not flagged out of scope (CLINC150's in-scope accuracy). */
  inScopeAccuracy: number | null;
  /** Over in-scope rows: right label, ignoring the out-of-scope flag. */
  closedSetAccuracy: number | null;
  outOfScope: { precision: number | null; recall: number | null; flagged: number; support: number };
  perLabel: LabelFigures[];
}

export const OOS_LABEL = 'oos';

/** Computes every figure for the rows. */
export function evaluatePredictions(rows: readonly ScoredRow[], oosLabel = OOS_LABEL): Metrics {
  const tp = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  const support = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let correct = 0;
  let inScope = 0;
  let inScopeCorrect = 0;
  let closedCorrect = 0;
  let flaggedTrue = 0;
  let oosSupport = 0;
  for (const row of rows) {
    const goldOos = row.gold === oosLabel;
    const effective = row.outOfScope ? oosLabel : row.predicted;
    bump(support, row.gold);
    bump(predictedCount, effective);
    if (effective === row.gold) {
      correct++;
      bump(tp, row.gold);
    }
    if (goldOos) {
      oosSupport++;
      if (row.outOfScope || row.predicted === oosLabel) flaggedTrue++;
    } else {
      inScope++;
      if (effective === row.gold) inScopeCorrect++;
      if ((row.guess ?? row.predicted) === row.gold) closedCorrect++;
    }
  }
  const perLabel = [...support.keys()].sort().map((label): LabelFigures => {
    const hits = tp.get(label) ?? 0;
    const predicted = predictedCount.get(label) ?? 0;
    const actual = support.get(label) ?? 0;
    const precision = predicted === 0 ? 0 : hits / predicted;
    const recall = actual === 0 ? 0 : hits / actual;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support: actual };
  });
  const oosFlagged = rows.filter((r) => r.outOfScope || r.predicted === oosLabel).length;
  return {
    rows: rows.length,
    accuracy: rows.length === 0 ? 0 : correct / rows.length,
    macroF1: perLabel.length === 0 ? 0 : perLabel.reduce((s, l) => s + l.f1, 0) / perLabel.length,
    inScopeAccuracy: inScope === 0 ? null : inScopeCorrect / inScope,
    closedSetAccuracy: inScope === 0 ? null : closedCorrect / inScope,
    outOfScope: {
      precision: oosFlagged === 0 ? null : flaggedTrue / oosFlagged,
      recall: oosSupport === 0 ? null : flaggedTrue / oosSupport,
      flagged: oosFlagged,
      support: oosSupport,
    },
    perLabel,
  };
}
