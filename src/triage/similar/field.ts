import { MAX_COUNT, Postings } from './postings.js';

/** Sublinear term frequency by count: 1 + ln(count). A word said ten times counts about three times one said once. */
export const WEIGHT: Float64Array = Float64Array.from({ length: MAX_COUNT + 1 }, (_, count) => (count === 0 ? 0 : 1 + Math.log(count)));

/** The weight of a term seen `count` times. */
export const weightOf = (count: number): number => WEIGHT[Math.min(MAX_COUNT, count)];

/**
 * One view of the tickets in the similar-ticket index (the subject alone, or subject and body):
 * document frequencies, postings and each ticket's vector norm. Term ids come from the index's
 * shared vocabulary; documents are the index's internal ticket slots.
 */
export class Field {
  df = new Uint32Array(1024);
  norms = new Float32Array(1024);
  readonly postings = new Postings();

  /** Smoothed inverse document frequency over `live` tickets; a term nobody has counts as the rarest. */
  static idf(df: number, live: number): number {
    return Math.log(1 + Math.max(live, 1) / Math.max(df, 1));
  }

  /** Adds a document's term counts, updating frequencies and its norm (with today's IDF). */
  add(doc: number, ids: Uint32Array, counts: Uint8Array, live: number, isAlive: (doc: number) => boolean): void {
    this.norms = grow(this.norms, doc + 1, 0);
    let norm = 0;
    for (let k = 0; k < ids.length; k++) {
      this.df = grow(this.df, ids[k] + 1, 0);
      this.df[ids[k]]++;
      norm += (WEIGHT[counts[k]] * Field.idf(this.df[ids[k]], live)) ** 2;
    }
    this.norms[doc] = Math.sqrt(norm);
    this.postings.add(doc, ids, counts, isAlive);
  }

  /** Document frequency of a term (0 for a term no live ticket has in this field). */
  frequency(term: number): number {
    return term < this.df.length ? this.df[term] : 0;
  }

  /** Recounts frequencies over live tickets and recomputes every norm with the new IDF weights. */
  refresh(docCount: number, live: number, isAlive: (doc: number) => boolean): void {
    this.postings.freeze(isAlive);
    this.df.fill(0);
    this.postings.forEachTerm((term, doc) => {
      if (isAlive(doc)) this.df[term]++;
    });
    const sums = new Float64Array(docCount);
    this.postings.forEachTerm((term, doc, count) => {
      if (isAlive(doc)) sums[doc] += (WEIGHT[count] * Field.idf(this.df[term], live)) ** 2;
    });
    this.norms = grow(this.norms, docCount, 0);
    for (let doc = 0; doc < docCount; doc++) this.norms[doc] = Math.sqrt(sums[doc]);
  }

  get bytes(): number {
    return this.postings.segmentBytes + this.df.byteLength + this.norms.byteLength;
  }
}

export type Growable = Uint32Array | Int32Array | Float32Array | Float64Array | Uint8Array;

const capacityFor = (count: number) => Math.max(1024, 2 ** Math.ceil(Math.log2(count)));

/** The array itself when it holds `count` items, else a copy with room to spare (new items = fill). */
export function grow<T extends Growable>(array: T, count: number, fill: number): T {
  if (array.length >= count) return array;
  const next = new (array.constructor as new (n: number) => T)(capacityFor(count));
  next.set(array as never);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}
