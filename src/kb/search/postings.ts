import type { Hit, IndexDoc, QueryClause, QueryGroup } from './engine.js';

/** The data structures under the search index: posting lists, slot lists, and top-k selection. */

/** Fields per document, in the order of engine.ts's FIELDS. */
export const FIELD_COUNT = 4;
const F = FIELD_COUNT;

/** A reusable list of document slots, each pushed at most once per use (callers check a score of 0). */
export class SlotStack {
  items: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.items = new Int32Array(capacity);
  }
  reset(): this {
    this.size = 0;
    return this;
  }
  push(slot: number): void {
    this.items[this.size++] = slot;
  }
}

/** Repeated words of a query count as one group with their weights added (BM25's query term frequency). */
export function mergeRepeats(clauses: QueryClause[]): QueryClause[] {
  const seen = new Map<string, QueryGroup>();
  const out: QueryClause[] = [];
  for (const clause of clauses) {
    if (!('variants' in clause)) {
      out.push(clause);
      continue;
    }
    const signature = clause.variants.map((v) => `${v.key}:${v.weight}`).join(' ');
    const earlier = seen.get(signature);
    if (earlier) earlier.weight += clause.weight;
    else {
      const copy = { ...clause };
      seen.set(signature, copy);
      out.push(copy);
    }
  }
  return out;
}

/** The documents containing one index key, with the key's frequency in each field. */
export class Postings {
  docs = new Int32Array(4);
  tf = new Uint16Array(4 * F);
  size = 0;
  /**
   * Each document's weighted, length-normalised term frequency (BM25F's pseudo-frequency),
   * computed on first use and again after the index changed (lengths and averages move).
   */
  pseudo = new Float32Array(0);
  pseudoEpoch = -1;

  push(slot: number, counts: Uint16Array, offset: number): void {
    if (this.size === this.docs.length) {
      const docs = new Int32Array(this.size * 2);
      docs.set(this.docs);
      this.docs = docs;
      const tf = new Uint16Array(this.size * 2 * F);
      tf.set(this.tf);
      this.tf = tf;
    }
    this.docs[this.size] = slot;
    for (let f = 0; f < F; f++) this.tf[this.size * F + f] = counts[offset + f];
    this.size++;
  }

  /** Removes a document by moving the last entry into its place (order does not matter). */
  remove(slot: number): void {
    for (let i = 0; i < this.size; i++) {
      if (this.docs[i] !== slot) continue;
      const last = --this.size;
      this.docs[i] = this.docs[last];
      for (let f = 0; f < F; f++) this.tf[i * F + f] = this.tf[last * F + f];
      return;
    }
  }
}

/** The best `limit` accepted documents, by a bounded insertion into a short sorted list. */
export function topHits(slots: SlotStack, scores: Float64Array, docs: (IndexDoc | undefined)[], limit: number, accept: (doc: IndexDoc) => boolean): Hit[] {
  const best: Hit[] = [];
  if (limit <= 0) return best;
  for (let k = 0; k < slots.size; k++) {
    const slot = slots.items[k];
    const score = scores[slot];
    if (best.length === limit && score < best[limit - 1].score) continue;
    const doc = docs[slot];
    if (!doc || !accept(doc)) continue;
    let i = best.length;
    while (i > 0 && (best[i - 1].score < score || (best[i - 1].score === score && best[i - 1].doc.id > doc.id))) i--;
    if (i >= limit) continue;
    best.splice(i, 0, { doc, score });
    if (best.length > limit) best.pop();
  }
  return best;
}
