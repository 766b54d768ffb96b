import { describe, expect, it } from 'vitest';
import { evaluatePredictions } from './metrics.js';
import { chooseThreshold } from './threshold.js';

describe('evaluation figures', () => {
  it('computes accuracy, per-label figures, macro-F1 and out-of-scope precision and recall', () => {
    const m = evaluatePredictions([
      { gold: 'a', predicted: 'a', outOfScope: false },
      { gold: 'a', predicted: 'b', outOfScope: false },
      { gold: 'b', predicted: 'b', outOfScope: false },
      { gold: 'b', predicted: 'b', outOfScope: true }, // a right guess rejected: an in-scope error
      { gold: 'oos', predicted: 'a', outOfScope: true },
      { gold: 'oos', predicted: 'b', outOfScope: false },
    ]);
    expect(m.rows).toBe(6);
    expect(m.accuracy).toBeCloseTo(3 / 6);
    expect(m.inScopeAccuracy).toBeCloseTo(2 / 4);
    expect(m.closedSetAccuracy).toBeCloseTo(3 / 4);
    expect(m.outOfScope).toEqual({ precision: 0.5, recall: 0.5, flagged: 2, support: 2 });
    const a = m.perLabel.find((l) => l.label === 'a')!;
    expect(a).toEqual({ label: 'a', precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    const b = m.perLabel.find((l) => l.label === 'b')!;
    expect(b.precision).toBeCloseTo(1 / 3);
    expect(b.recall).toBeCloseTo(1 / 2);
    const oos = m.perLabel.find((l) => l.label === 'oos')!;
    expect(oos.f1).toBeCloseTo(0.5);
    expect(m.macroF1).toBeCloseTo((2 / 3 + 0.4 + 0.5) / 3);
  });

  it('reports no out-of-scope recall when no row is out of scope', () => {
    const m = evaluatePredictions([{ gold: 'a', predicted: 'a', outOfScope: false }]);
    expect(m.outOfScope.recall).toBeNull();
    expect(m.outOfScope.precision).toBeNull();
    expect(m.accuracy).toBe(1);
  });
});

describe('out-of-scope threshold', () => {
  const rows = (entries: [number, 0 | 1, 0 | 1][]) => ({
    confidence: Float64Array.from(entries, (e) => e[0]),
    correct: Uint8Array.from(entries, (e) => e[1]),
    goldOutOfScope: Uint8Array.from(entries, (e) => e[2]),
    rejectedByClass: new Uint8Array(entries.length),
  });

  it('without out-of-scope rows, rejects at most the budget of correct predictions', () => {
    const entries: [number, 0 | 1, 0 | 1][] = Array.from({ length: 100 }, (_, i) => [0.5 + i / 200, 1, 0]);
    const choice = chooseThreshold(rows(entries), 0.05);
    expect(choice.method).toBe('quantile');
    const rejected = entries.filter((e) => e[0] < choice.threshold).length;
    expect(rejected).toBeGreaterThan(0);
    expect(rejected).toBeLessThanOrEqual(5);
    expect(choice.outOfScopeRecall).toBeNull();
  });

  it('never rejects predictions that are more likely right than 0.6, however certain the held-out ones were', () => {
    const entries: [number, 0 | 1, 0 | 1][] = Array.from({ length: 50 }, (_, i) => [0.999 + i / 1e6, 1, 0]);
    expect(chooseThreshold(rows(entries), 0.01).threshold).toBe(0.6);
  });

  it('with out-of-scope rows, stops below the cap once they are all caught', () => {
    const inScope: [number, 0 | 1, 0 | 1][] = Array.from({ length: 100 }, (_, i) => [0.5 + i / 200, 1, 0]);
    const oos: [number, 0 | 1, 0 | 1][] = [[0.1, 0, 1], [0.2, 0, 1], [0.3, 0, 1]];
    const choice = chooseThreshold(rows([...inScope, ...oos]), 0.1);
    expect(choice.method).toBe('oos-balanced');
    expect(choice.outOfScopeRecall).toBe(1);
    expect(choice.inScopeAccuracy).toBe(1);
    expect(choice.threshold).toBeGreaterThan(0.3);
    expect(choice.threshold).toBeLessThanOrEqual(0.5);
  });
});
