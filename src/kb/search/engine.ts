import { keyOf } from './analyze.js';
import { forEachToken } from './text.js';
import { FIELD_COUNT, mergeRepeats, Postings, SlotStack, topHits } from './postings.js';
import { Vocabulary } from './vocabulary.js';

/**
 * The in-memory inverted index and its BM25F ranking. Each document has four fields (title,
 * tags, category with section, body); a term's frequencies in them are weighted, normalised
 * by field length and summed before BM25's saturation, so a word in the title counts more
 * than the same word in the body, and repeating a word cannot outweigh matching another.
 */

export const FIELDS = ['title', 'tags', 'category', 'body'] as const;
const F = FIELD_COUNT;

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

/** Field weights and BM25 parameters, chosen on the COVID-Q training split (docs/kb.md). */
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

/** The inverted index of the searchable articles, with BM25F ranking. */
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
  /** Bumped by every change, so cached pseudo-frequencies know they are stale. */
  private epoch = 0;
  // Score buffers indexed by slot, kept zeroed between uses.
  private scores = new Float64Array(64);
  private groupScores = new Float64Array(64);
  private altScores = new Float64Array(64);
  private spanScores = new Float64Array(64);
  private stacks = [new SlotStack(64), new SlotStack(64), new SlotStack(64), new SlotStack(64)];

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
    // Count words as written first, then fold them into index keys: one stem per distinct word.
    const byWord = new Map<string, Uint16Array>();
    for (let f = 0; f < F; f++) {
      let length = 0;
      forEachToken(fieldTexts[f], (word) => {
        length++;
        let c = byWord.get(word);
        if (!c) byWord.set(word, (c = new Uint16Array(F)));
        if (c[f] < 65535) c[f]++;
      });
      this.lengths[slot * F + f] = length;
      this.totalLength[f] += length;
    }
    const counts = new Map<string, Uint16Array>();
    for (const [word, c] of byWord) {
      const key = keyOf(word, doc.english);
      const existing = counts.get(key);
      if (!existing) counts.set(key, c);
      else for (let f = 0; f < F; f++) existing[f] = Math.min(65535, existing[f] + c[f]);
    }
    const surface = byWord.keys();
    for (const [key, c] of counts) {
      let list = this.postings.get(key);
      if (!list) this.postings.set(key, (list = new Postings()));
      list.push(slot, c, 0);
    }
    const words = [...surface];
    for (const word of words) this.vocabulary.add(word);
    this.docs[slot] = doc;
    this.docKeys[slot] = [...counts.keys()];
    this.docWords[slot] = words;
    this.slotOf.set(doc.id, slot);
    this.live++;
    this.epoch++;
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
    this.epoch++;
  }

  /**
   * Ranks the documents `accept` lets through by BM25F over the query clauses and returns the
   * best `limit`, highest score first (ties by id, so results are stable).
   */
  search(clauses: QueryClause[], limit: number, accept: (doc: IndexDoc) => boolean = () => true): Hit[] {
    const n = Math.max(this.live, 1);
    const avg = new Float64Array(F);
    for (let f = 0; f < F; f++) avg[f] = this.totalLength[f] / n || 1;
    const { scores, altScores, spanScores } = this;
    const touched = this.stacks[0].reset();
    for (const clause of mergeRepeats(clauses)) {
      if ('variants' in clause) {
        this.addGroup(clause, 1, avg, scores, touched);
        continue;
      }
      // A phrase and its synonyms: each alternative sums its words; a document keeps the best.
      const spanTouched = this.stacks[1].reset();
      for (const alternative of clause.alternatives) {
        const altTouched = this.stacks[2].reset();
        for (const group of alternative.groups) this.addGroup(group, alternative.weight, avg, altScores, altTouched);
        for (let i = 0; i < altTouched.size; i++) {
          const slot = altTouched.items[i];
          if (spanScores[slot] === 0) spanTouched.push(slot);
          if (altScores[slot] > spanScores[slot]) spanScores[slot] = altScores[slot];
          altScores[slot] = 0;
        }
      }
      for (let i = 0; i < spanTouched.size; i++) {
        const slot = spanTouched.items[i];
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] += spanScores[slot];
        spanScores[slot] = 0;
      }
    }
    const hits = topHits(touched, scores, this.docs, limit, accept);
    for (let i = 0; i < touched.size; i++) scores[touched.items[i]] = 0;
    return hits;
  }

  /** Adds factor × a group's score (the best of its variants) of each matching document into `into`. */
  private addGroup(group: QueryGroup, factor: number, avg: Float64Array, into: Float64Array, touched: SlotStack): void {
    const k1 = this.params.k1;
    const lists: { list: Postings; w: number }[] = [];
    for (const variant of group.variants) {
      const list = this.postings.get(variant.key);
      if (!list) continue;
      if (list.pseudoEpoch !== this.epoch) this.computePseudo(list, avg);
      const w = factor * group.weight * variant.weight * this.idf(variant.key) * (k1 + 1);
      if (w > 0) lists.push({ list, w });
    }
    // One form (the usual case) adds straight in; several keep each document's best form.
    const single = lists.length === 1;
    const best = single ? into : this.groupScores;
    const matched = single ? touched : this.stacks[3].reset();
    for (const { list, w } of lists) {
      const { docs, pseudo } = list;
      for (let i = 0; i < list.size; i++) {
        const slot = docs[i];
        const x = pseudo[i];
        const s = (w * x) / (k1 + x);
        if (single) {
          if (best[slot] === 0) matched.push(slot);
          best[slot] += s;
        } else if (s > best[slot]) {
          if (best[slot] === 0) matched.push(slot);
          best[slot] = s;
        }
      }
    }
    if (single) return;
    for (let i = 0; i < matched.size; i++) {
      const slot = matched.items[i];
      if (into[slot] === 0) touched.push(slot);
      into[slot] += best[slot];
      best[slot] = 0;
    }
  }

  /** BM25F: Σ over fields of weight × tf / (1 − b + b × length / average length). */
  private computePseudo(list: Postings, avg: Float64Array): void {
    const { weights, b } = this.params;
    if (list.pseudo.length < list.size) list.pseudo = new Float32Array(list.docs.length);
    for (let i = 0; i < list.size; i++) {
      const slot = list.docs[i];
      let x = 0;
      for (let f = 0; f < F; f++) {
        const count = list.tf[i * F + f];
        if (count !== 0) x += (weights[f] * count) / (1 - b[f] + (b[f] * this.lengths[slot * F + f]) / avg[f]);
      }
      list.pseudo[i] = x;
    }
    list.pseudoEpoch = this.epoch;
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
    this.stacks = this.stacks.map(() => new SlotStack(capacity));
  }
}
