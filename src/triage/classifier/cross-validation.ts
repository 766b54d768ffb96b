/** Stratified k-fold splits: every class is spread evenly over the folds, in a seeded order. */
import { seededRandom, shuffleInPlace } from './random.js';

/** The fold (0 … folds-1) of every row; each class's rows are dealt round-robin after a shuffle. */
export function stratifiedFolds(y: Int32Array, classCount: number, folds: number, seed: number): Int32Array {
  const random = seededRandom(seed ^ 0x5eed);
  const fold = new Int32Array(y.length);
  const byClass: number[][] = Array.from({ length: classCount }, () => []);
  y.forEach((k, row) => byClass[k].push(row));
  // Start each class at a different fold so small classes do not all crowd fold 0.
  let offset = 0;
  for (const rows of byClass) {
    const order = shuffleInPlace(Int32Array.from(rows), random);
    order.forEach((row, i) => (fold[row] = (offset + i) % folds));
    offset = (offset + order.length) % folds;
  }
  return fold;
}

/** Row indices of the fold and of the rest. */
export function splitFold(fold: Int32Array, which: number): { train: Int32Array; heldOut: Int32Array } {
  const train: number[] = [];
  const heldOut: number[] = [];
  fold.forEach((f, row) => (f === which ? heldOut : train).push(row));
  return { train: Int32Array.from(train), heldOut: Int32Array.from(heldOut) };
}
