import { keyOf } from './analyze.js';
import { forEachToken } from './text.js';
import { Vocabulary } from './vocabulary.js';

/**
 * The in-memory inverted index and its BM25F ranking. Each document has four fields (title,
 * tags, category with section, body); a term's frequencies in them are weighted, normalised
 * by field length and summed before BM25's saturation, so a word in the title counts more
 * than the same word in the body, and repeating a word cannot outweigh matching another.
 */

export const FIELDS = ['title', 'tags', 'category', 'body'] as const;
const F = FIELDS.length;

/** What the index stores for a document; `body` is plain text (Markdown already removed). */
export interface IndexDoc {
  id: string;
  externalId: string | null;
  title: string;
  body: string;
  category: string | null;
  section: string | null;
  tags: string[];
  visibility: string;
  locale: string;
  type: string;
  english: boolean;
}

export interface RankingParams {
  k1: number;
  /** Weight of each field, in FIELDS order. */
  weights: [number, number, number, number];
  /** Length normalisation of each field, in FIELDS order (0 none … 1 full). */
  b: [number, number, number, number];
}

export const DEFAULT_RANKING: RankingParams = {
  k1: 1.2,
  weights: [2, 1.5, 1.2, 1],
  b: [0.75, 0.3, 0.3, 0.75],
};

/** One alternative form of a query word (its stem, a corrected typo, a synonym…) and its weight. */
export interface Variant {
  key: string;
  weight: number;
}

/** A query word with its alternatives: a document scores the best of them, never their sum. */
export interface QueryGroup {
  weight: number;
  variants: Variant[];
}

/** Words of the query and their synonym phrases: a document scores the best alternative. */
export interface QueryAlternatives {
  alternatives: { weight: number; groups: QueryGroup[] }[];
}

export type QueryClause = QueryGroup | QueryAlternatives;

export interface Hit {
  doc: IndexDoc;
  score: number;
}

class Postings {
  docs = new Int32Array(4);
  tf = new Uint16Array(4 * F);
  size = 0;

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

export class SearchIndex {
  readonly vocabulary = new Vocabulary();
  private readonly postings = new Map<string, Postings>();
  private readonly slotOf = new Map<string, number>();
  private docs: (IndexDoc | undefined)[] = [];
  private docKeys: string[][] = [];
  private docWords: string[][] = [];
  private lengths = new Float32Array(64 * F);
  private readonly totalLength = new Float64Array(F);
  private readonly freeSlots: number[] = [];
  private live = 0;
  // Score buffers indexed by slot, kept zeroed between uses.
  private scores = new Float64Array(64);
  private groupScores = new Float64Array(64);
  private altScores = new Float64Array(64);
  private spanScores = new Float64Array(64);

  constructor(private readonly params: RankingParams = DEFAULT_RANKING) {}

  get size(): number {
    return this.live;
  }

  get(id: string): IndexDoc | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.docs[slot];
  }

  /** Documents containing the key, in any field. */
  documentFrequency(key: string): number {
    return this.postings.get(key)?.size ?? 0;
  }

  /** BM25's inverse document frequency of a key: high for rare keys, highest for absent ones. */
  idf(key: string): number {
    const df = this.documentFrequency(key);
    return Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
  }

  /** Adds a document, replacing any with the same id. */
  upsert(doc: IndexDoc): void {
    this.remove(doc.id);
    const slot = this.freeSlots.pop() ?? this.docs.length;
    this.ensureCapacity(slot + 1);
    const fieldTexts = [doc.title, doc.tags.join(' '), [doc.category, doc.section].filter(Boolean).join(' '), doc.body];
    const counts = new Map<string, Uint16Array>();
    const surface = new Set<string>();
    const count = (key: string, f: number) => {
      let c = counts.get(key);
      if (!c) counts.set(key, (c = new Uint16Array(F)));
      if (c[f] < 65535) c[f]++;
    };
    for (let f = 0; f < F; f++) {
      let length = 0;
      forEachToken(fieldTexts[f], (word) => {
        length++;
        surface.add(word);
        const key = keyOf(word, doc.english);
        count(key, f);
      });
      this.lengths[slot * F + f] = length;
      this.totalLength[f] += length;
    }
    for (const [key, c] of counts) {
      let list = this.postings.get(key);
      if (!list) this.postings.set(key, (list = new Postings()));
      list.push(slot, c, 0);
    }
    for (const word of surface) this.vocabulary.add(word);
    this.docs[slot] = doc;
    this.docKeys[slot] = [...counts.keys()];
    this.docWords[slot] = [...surface];
    this.slotOf.set(doc.id, slot);
    this.live++;
  }

  /** Removes a document; unknown ids are ignored. */
  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    for (const key of this.docKeys[slot]) {
      const list = this.postings.get(key)!;
      list.remove(slot);
      if (list.size === 0) this.postings.delete(key);
    }
    for (const word of this.docWords[slot]) this.vocabulary.remove(word);
    for (let f = 0; f < F; f++) {
      this.totalLength[f] -= this.lengths[slot * F + f];
      this.lengths[slot * F + f] = 0;
    }
    this.docs[slot] = undefined;
    this.docKeys[slot] = [];
    this.docWords[slot] = [];
    this.slotOf.delete(id);
    this.freeSlots.push(slot);
    this.live--;
  }

  /**
   * Ranks the documents `accept` lets through by BM25F over the query clauses and returns the
   * best `limit`, highest score first (ties by id, so results are stable).
   */
  search(clauses: QueryClause[], limit: number, accept: (doc: IndexDoc) => boolean = () => true): Hit[] {
    const n = Math.max(this.live, 1);
    const avg = new Float64Array(F);
    for (let f = 0; f < F; f++) avg[f] = this.totalLength[f] / n || 1;
    const touched: number[] = [];
    for (const clause of clauses) {
      if ('variants' in clause) {
        this.addGroup(clause, 1, avg, this.scores, touched);
        continue;
      }
      // A phrase and its synonyms: each alternative sums its words; a document keeps the best.
      const spanTouched: number[] = [];
      for (const alternative of clause.alternatives) {
        const altTouched: number[] = [];
        for (const group of alternative.groups) this.addGroup(group, alternative.weight, avg, this.altScores, altTouched);
        for (const slot of altTouched) {
          if (this.spanScores[slot] === 0) spanTouched.push(slot);
          if (this.altScores[slot] > this.spanScores[slot]) this.spanScores[slot] = this.altScores[slot];
          this.altScores[slot] = 0;
        }
      }
      for (const slot of spanTouched) {
        if (this.scores[slot] === 0) touched.push(slot);
        this.scores[slot] += this.spanScores[slot];
        this.spanScores[slot] = 0;
      }
    }
    const hits = topHits(touched, this.scores, this.docs, limit, accept);
    for (const slot of touched) this.scores[slot] = 0;
    return hits;
  }

  /** Adds factor × a group's score (the best of its variants) of each matching document into `into`. */
  private addGroup(group: QueryGroup, factor: number, avg: Float64Array, into: Float64Array, touched: number[]): void {
    const { k1, weights, b } = this.params;
    const best = this.groupScores;
    const matched: number[] = [];
    for (const variant of group.variants) {
      const list = this.postings.get(variant.key);
      if (!list) continue;
      const idf = this.idf(variant.key);
      const w = factor * group.weight * variant.weight * idf * (k1 + 1);
      const { docs, tf } = list;
      for (let i = 0; i < list.size; i++) {
        const slot = docs[i];
        let x = 0;
        for (let f = 0; f < F; f++) {
          const count = tf[i * F + f];
          if (count !== 0) x += (weights[f] * count) / (1 - b[f] + (b[f] * this.lengths[slot * F + f]) / avg[f]);
        }
        const s = (w * x) / (k1 + x);
        if (s > best[slot]) {
          if (best[slot] === 0) matched.push(slot);
          best[slot] = s;
        }
      }
    }
    for (const slot of matched) {
      if (into[slot] === 0) touched.push(slot);
      into[slot] += best[slot];
      best[slot] = 0;
    }
  }

  private ensureCapacity(slots: number): void {
    if (slots * F <= this.lengths.length) return;
    const capacity = Math.max(slots, (this.lengths.length / F) * 2);
    const lengths = new Float32Array(capacity * F);
    lengths.set(this.lengths);
    this.lengths = lengths;
    this.scores = new Float64Array(capacity);
    this.groupScores = new Float64Array(capacity);
    this.altScores = new Float64Array(capacity);
    this.spanScores = new Float64Array(capacity);
  }
}

/** The best `limit` accepted documents, by a bounded insertion into a short sorted list. */
function topHits(slots: number[], scores: Float64Array, docs: (IndexDoc | undefined)[], limit: number, accept: (doc: IndexDoc) => boolean): Hit[] {
  const best: Hit[] = [];
  for (const slot of slots) {
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
