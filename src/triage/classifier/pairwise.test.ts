import { describe, expect, it } from 'vitest';
import { breakTie, closePairs, indexPairs, type PairwiseModels } from './pairwise.js';

describe('pairwise tie-breakers', () => {
  // One pair (classes 1 and 2 of 3): column 7 speaks for class 1, column 9 for class 2.
  const pairs = Int32Array.of(1, 2);
  const models: PairwiseModels = {
    gap: 0.5,
    weight: 2,
    index: indexPairs(pairs, 3),
    pairs,
    offsets: Int32Array.of(0, 2),
    columns: Int32Array.of(7, 9),
    weights: Float32Array.of(1, -1),
    bias: Float32Array.of(0),
    classCount: 3,
  };
  const row = (column: number) => [Int32Array.of(column), Float32Array.of(1), 1] as const;

  it('lets the pair model overturn a close call, in either order', () => {
    expect(breakTie(models, 1, 2, 0.2, ...row(9))).toBe(2);
    expect(breakTie(models, 2, 1, 0.2, ...row(7))).toBe(1);
    expect(breakTie(models, 1, 2, 0.2, ...row(7))).toBe(1);
  });

  it('leaves clear calls and pairs without a model alone', () => {
    expect(breakTie(models, 1, 2, 0.6, ...row(9))).toBe(1);
    expect(breakTie(models, 0, 1, 0.1, ...row(7))).toBe(0);
    // A column the pair never saw gives no evidence, so the best class stays.
    expect(breakTie(models, 1, 2, 0.2, ...row(8))).toBe(1);
  });

  it('picks the pairs that came close often enough in held-out scores', () => {
    // Rows × 3 classes: (0,1) close twice, (1,2) close once, one clear call.
    const scores = Float64Array.of(1, 0.9, -1, 0.8, 1, -1, -1, 0.5, 0.6, 2, -1, -1);
    expect(closePairs(scores, 3, -1, 0.5, 10, 2)).toEqual([[0, 1]]);
    expect(closePairs(scores, 3, -1, 0.5, 10, 1)).toEqual([[0, 1], [1, 2]]);
    // The out-of-scope class never takes part in a pair: here it wins, and 0 and 2 are close behind.
    expect(closePairs(Float64Array.of(0.5, 3, 0.4), 3, 1, 0.5, 10, 1)).toEqual([[0, 2]]);
    expect(closePairs(scores, 3, 1, 0.5, 10, 1)).toEqual([]);
  });
});
