import { Field, grow, WEIGHT, weightOf } from './field.js';
import { MAX_COUNT } from './postings.js';
import { TopK, type SimilarMatch } from './top-k.js';
import { DEFAULT_VECTOR_PARAMS, ticketVectors, type TermCounts, type TicketText, type VectorParams } from './vector.js';

export type { SimilarMatch } from './top-k.js';

/**
 * The in-memory similar-ticket index: TF-IDF vectors of each ticket's subject and of the whole
 * ticket, cosine similarity, and inverted indexes so that a query touches only the tickets that
 * share its rarer terms, never every ticket. Tickets are keyed by number; their text is not kept.
 * The score is `subjectShare` × cosine of the subjects + the rest × cosine of the whole tickets.
 * Memory: 5 bytes per distinct term of each view plus 37 bytes per ticket (docs/similar.md).
 */

export interface QueryOptions {
  limit: number;
  /** A ticket number to leave out (the query ticket itself). */
  exclude?: number;
  /** Only solved or closed tickets. */
  solvedOnly?: boolean;
  /** Only tickets created at or after this time (ms). */
  createdFromMs?: number;
}

export interface IndexParams extends VectorParams {
  /** Weight of the subject-to-subject cosine in the score (the whole-ticket cosine has the rest). */
  subjectShare: number;
  /**
   * Tickets a query may start accumulating scores for; past that, the query's commoner terms
   * only add to tickets already found. Bounds a query's work on a large index.
   */
  maxCandidates: number;
}

/** Settings chosen on half of the GitBugs SeaMonkey duplicate pairs (docs/similar.md). */
export const DEFAULT_INDEX_PARAMS: IndexParams = { ...DEFAULT_VECTOR_PARAMS, subjectShare: 0.35, maxCandidates: 50_000 };

const ALIVE = 1;
const SOLVED = 2;
/** Norms are recomputed with fresh IDF weights when the index has grown or shrunk this much. */
const REFRESH_DRIFT = 0.1;

interface QueryTerm {
  id: number;
  field: 0 | 1;
  factor: number;
  idf: number;
}

export class SimilarIndex {
  /** Off during a bulk load, which calls refresh() once at the end. */
  autoRefresh = true;
  private readonly vocabulary = new Map<string, number>();
  private readonly fields: [Field, Field] = [new Field(), new Field()];
  private numbers = new Uint32Array(1024);
  private flags = new Uint8Array(1024);
  private createdMs = new Float64Array(1024);
  /**
   * The latest creation time among slots 0…i: never decreasing, so the first slot that can hold a
   * ticket created after a given time is found by binary search, and a query about recent
   * tickets (the burst signal, incident detection) reads only the postings from that slot on.
   */
  private createdUpTo = new Float64Array(1024);
  private fingerprints = new Uint32Array(1024);
  private docOfNumber = new Int32Array(1024).fill(-1);
  private nextDoc = 0;
  private live = 0;
  private liveAtRefresh = 0;
  private accumulators: [Float32Array, Float32Array] = [new Float32Array(1024), new Float32Array(1024)];
  private readonly isAlive = (doc: number) => (this.flags[doc] & ALIVE) !== 0;

  constructor(readonly params: IndexParams = DEFAULT_INDEX_PARAMS) {}

  /** Tickets in the index. */
  get size(): number {
    return this.live;
  }

  has(number: number): boolean {
    return number < this.docOfNumber.length && this.docOfNumber[number] >= 0;
  }

  /**
   * Adds a ticket, or replaces what the index holds for it. When its text is unchanged (a
   * status change, an agent's reply) only its status and time are updated, in place.
   */
  upsert(number: number, text: TicketText, meta: { solved: boolean; createdMs: number }): void {
    const fingerprint = fingerprintOf(text);
    if (this.has(number)) {
      const slot = this.docOfNumber[number];
      if (this.fingerprints[slot] === fingerprint) {
        this.flags[slot] = ALIVE | (meta.solved ? SOLVED : 0);
        this.createdMs[slot] = meta.createdMs;
        // Keeps createdUpTo an upper bound (a later creation time than before raises the slots after).
        for (let s = slot; s < this.nextDoc && this.createdUpTo[s] < meta.createdMs; s++) this.createdUpTo[s] = meta.createdMs;
        return;
      }
    }
    this.remove(number);
    const vectors = ticketVectors(text, this.params);
    const doc = this.nextDoc++;
    this.numbers = grow(this.numbers, doc + 1, 0);
    this.flags = grow(this.flags, doc + 1, 0);
    this.createdMs = grow(this.createdMs, doc + 1, 0);
    this.createdUpTo = grow(this.createdUpTo, doc + 1, 0);
    this.fingerprints = grow(this.fingerprints, doc + 1, 0);
    this.docOfNumber = grow(this.docOfNumber, number + 1, -1);
    this.fingerprints[doc] = fingerprint;
    this.numbers[doc] = number;
    this.flags[doc] = ALIVE | (meta.solved ? SOLVED : 0);
    this.createdMs[doc] = meta.createdMs;
    this.createdUpTo[doc] = doc > 0 ? Math.max(this.createdUpTo[doc - 1], meta.createdMs) : meta.createdMs;
    this.docOfNumber[number] = doc;
    this.live++;
    this.addToField(this.fields[0], doc, vectors.subject);
    this.addToField(this.fields[1], doc, vectors.full);
    if (this.autoRefresh && Math.abs(this.live - this.liveAtRefresh) > REFRESH_DRIFT * Math.max(this.liveAtRefresh, 1_000)) this.refresh();
  }

  /** Forgets a ticket (its postings are dropped at the next merge). */
  remove(number: number): void {
    if (!this.has(number)) return;
    this.flags[this.docOfNumber[number]] = 0;
    this.docOfNumber[number] = -1;
    this.live--;
  }

  /** Records whether a ticket is solved (for the solved-only filter). */
  setSolved(number: number, solved: boolean): void {
    if (!this.has(number)) return;
    const doc = this.docOfNumber[number];
    this.flags[doc] = (this.flags[doc] & ~SOLVED) | (solved ? SOLVED : 0);
  }

  /**
   * The indexed tickets most similar to a text, best first; equal scores go to the older
   * ticket. Rarer terms are read first, so past `maxCandidates` the common ones only refine.
   */
  query(text: TicketText, options: QueryOptions): SimilarMatch[] {
    const vectors = ticketVectors(text, this.params);
    const norms = [0, 0];
    const terms: QueryTerm[] = [];
    [vectors.subject, vectors.full].forEach((weights, f) => (norms[f] = this.queryTerms(weights, f as 0 | 1, terms)));
    if (terms.length === 0) return [];
    terms.sort((a, b) => b.idf - a.idf || a.field - b.field || a.id - b.id);
    if (this.accumulators[0].length < this.nextDoc) this.accumulators = [grow(new Float32Array(0), this.nextDoc, 0), grow(new Float32Array(0), this.nextDoc, 0)];
    const touched: number[] = [];
    const fromDoc = options.createdFromMs === undefined ? 0 : this.firstSlotFrom(options.createdFromMs);
    for (const term of terms) {
      const acc = this.accumulators[term.field];
      const other = this.accumulators[1 - term.field];
      const open = touched.length < this.params.maxCandidates;
      this.fields[term.field].postings.forEach(term.id, (doc, count) => {
        // Contributions are positive, so a ticket with nothing accumulated is new to this query.
        if (acc[doc] === 0 && other[doc] === 0) {
          if (!open) return;
          touched.push(doc);
        }
        acc[doc] += term.factor * WEIGHT[count];
      }, fromDoc);
    }
    return this.best(touched, norms, options);
  }

  /**
   * Scores of a few indexed tickets against each other, computed from their texts rather than by a
   * query each: `scores[i][j]` is what `query(texts[i])` gives ticket `numbers[j]` (the same
   * formula, IDF weights and stored norms; 0 on the diagonal and for a ticket not indexed). The
   * texts must be the ones the index holds. Incident detection compares a burst's members this
   * way: a few dozen sparse dot products instead of a few dozen walks through the postings.
   */
  scoresAmong(tickets: { number: number; text: TicketText }[]): number[][] {
    // Each ticket's known terms as `query` weighs them, per view: as a query (weight × idf², the
    // factor) and as a document (its weight alone; the query side brings the idf²).
    const views = tickets.map(({ text }) => {
      const vectors = ticketVectors(text, this.params);
      const terms: QueryTerm[] = [];
      const norms = [this.queryTerms(vectors.subject, 0, terms), this.queryTerms(vectors.full, 1, terms)];
      const factors = [new Map<number, number>(), new Map<number, number>()];
      const weights = [new Map<number, number>(), new Map<number, number>()];
      for (const t of terms) {
        factors[t.field].set(t.id, t.factor);
        weights[t.field].set(t.id, t.factor / (t.idf * t.idf));
      }
      return { norms, factors, weights };
    });
    return tickets.map((_, i) =>
      tickets.map(({ number }, j) => {
        if (i === j || !this.has(number)) return 0;
        const query = views[i];
        const [subjectDot, fullDot] = [0, 1].map((f) => {
          let dot = 0;
          for (const [id, weight] of views[j].weights[f]) dot += (query.factors[f].get(id) ?? 0) * weight;
          return dot;
        });
        return this.score(this.docOfNumber[number], subjectDot, fullDot, query.norms);
      }),
    );
  }

  /** The first slot that may hold a ticket created at or after `fromMs`. */
  private firstSlotFrom(fromMs: number): number {
    let lo = 0;
    let hi = this.nextDoc;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.createdUpTo[mid] < fromMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Scores the candidates, resets their accumulators and keeps the best. */
  private best(touched: number[], queryNorms: number[], options: QueryOptions): SimilarMatch[] {
    const [subjectAcc, fullAcc] = this.accumulators;
    const top = new TopK(options.limit);
    for (const doc of touched) {
      const subjectDot = subjectAcc[doc];
      const fullDot = fullAcc[doc];
      subjectAcc[doc] = 0;
      fullAcc[doc] = 0;
      const flags = this.flags[doc];
      if ((flags & ALIVE) === 0 || this.numbers[doc] === options.exclude) continue;
      if (options.solvedOnly && (flags & SOLVED) === 0) continue;
      if (options.createdFromMs !== undefined && this.createdMs[doc] < options.createdFromMs) continue;
      top.offer(this.numbers[doc], this.score(doc, subjectDot, fullDot, queryNorms));
    }
    return top.sorted();
  }

  /** A ticket's score from its two dot products with a query: `subjectShare` × subject cosine + the rest × whole-ticket cosine. */
  private score(doc: number, subjectDot: number, fullDot: number, queryNorms: number[]): number {
    const share = queryNorms[0] > 0 ? this.params.subjectShare : 0;
    const subject = subjectDot > 0 ? subjectDot / (queryNorms[0] * this.fields[0].norms[doc]) : 0;
    const full = fullDot > 0 ? fullDot / (queryNorms[1] * this.fields[1].norms[doc]) : 0;
    return Math.min(1, share * subject + (1 - share) * full);
  }

  /** Adds a view's known terms to `terms`; returns the view's query norm (unknown terms count). */
  private queryTerms(counts: TermCounts, f: 0 | 1, terms: QueryTerm[]): number {
    const field = this.fields[f];
    let norm = 0;
    for (const [term, count] of counts) {
      const weight = weightOf(count);
      const id = this.vocabulary.get(term);
      const df = id === undefined ? 0 : field.frequency(id);
      const idf = Field.idf(df, this.live);
      norm += (weight * idf) ** 2;
      if (id !== undefined && df > 0) terms.push({ id, field: f, factor: weight * idf * idf, idf });
    }
    return Math.sqrt(norm);
  }

  /**
   * Recounts document frequencies over live tickets and recomputes every norm with the new IDF
   * weights. Runs by itself as the index grows; call it after a bulk load.
   */
  refresh(): void {
    for (const field of this.fields) field.refresh(this.nextDoc, this.live, this.isAlive);
    this.liveAtRefresh = this.live;
  }

  /** Approximate bytes held by the typed arrays (postings and per-ticket state), and the vocabulary size. */
  memory(): { bytes: number; vocabulary: number } {
    const perTicket = this.numbers.byteLength + this.flags.byteLength + this.createdMs.byteLength + this.createdUpTo.byteLength + this.fingerprints.byteLength + this.docOfNumber.byteLength;
    return { bytes: perTicket + this.fields[0].bytes + this.fields[1].bytes, vocabulary: this.vocabulary.size };
  }

  private addToField(field: Field, doc: number, counts: TermCounts): void {
    const ids = new Uint32Array(counts.size);
    const values = new Uint8Array(counts.size);
    let i = 0;
    for (const [term, count] of counts) {
      ids[i] = this.termId(term);
      values[i++] = Math.min(MAX_COUNT, count);
    }
    field.add(doc, ids, values, this.live, this.isAlive);
  }

  private termId(term: string): number {
    let id = this.vocabulary.get(term);
    if (id === undefined) {
      id = this.vocabulary.size;
      this.vocabulary.set(term, id);
    }
    return id;
  }
}

/** A 32-bit FNV-1a hash of a ticket's text: tells an unchanged ticket from a changed one. */
function fingerprintOf(text: TicketText): number {
  let hash = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) hash = Math.imul(hash ^ s.charCodeAt(i), 0x01000193);
  };
  mix(text.subject);
  hash = Math.imul(hash ^ 0, 0x01000193);
  mix(text.body);
  return hash >>> 0;
}
