/**
 * Posting lists of the similar-ticket index: for each term, the documents that hold it with the
 * term's weight in each. New documents go to a small mutable delta (plain arrays); when it fills
 * up it is frozen into an immutable segment of typed arrays (8 bytes a posting, no per-term
 * objects), and segments of similar size are merged, as in a log-structured merge tree. A
 * query reads a term's postings from the delta and from every segment (a handful at a million
 * documents). Merges drop the postings of deleted documents.
 */

/** Documents in the delta before it is frozen into a segment. */
const DELTA_DOCS = 8_192;

/** Calls `visit(doc, weight)` for each posting of a term. */
export type PostingVisitor = (doc: number, weight: number) => void;

class Segment {
  constructor(
    readonly terms: Uint32Array,
    readonly starts: Uint32Array,
    readonly docs: Uint32Array,
    readonly weights: Float32Array,
    readonly docCount: number,
  ) {}

  /** The postings range of a term, by binary search over the sorted term ids. */
  range(term: number): [number, number] | null {
    let lo = 0;
    let hi = this.terms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.terms[mid];
      if (t === term) return [this.starts[mid], this.starts[mid + 1]];
      if (t < term) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }

  get bytes(): number {
    return this.terms.byteLength + this.starts.byteLength + this.docs.byteLength + this.weights.byteLength;
  }
}

interface DeltaList {
  docs: number[];
  weights: number[];
}

/** The postings of every term, across the delta and the segments. */
export class Postings {
  private delta = new Map<number, DeltaList>();
  private deltaDocs = 0;
  private segments: Segment[] = [];

  /** Adds a document's terms (ids) with their weights; documents arrive in increasing id order. */
  add(doc: number, terms: ArrayLike<number>, weights: ArrayLike<number>, isAlive: (doc: number) => boolean): void {
    for (let i = 0; i < terms.length; i++) {
      let list = this.delta.get(terms[i]);
      if (!list) this.delta.set(terms[i], (list = { docs: [], weights: [] }));
      list.docs.push(doc);
      list.weights.push(weights[i]);
    }
    if (++this.deltaDocs >= DELTA_DOCS) this.freeze(isAlive);
  }

  /** Visits every posting of a term, oldest document first. */
  forEach(term: number, visit: PostingVisitor): void {
    for (const segment of this.segments) {
      const range = segment.range(term);
      if (!range) continue;
      const { docs, weights } = segment;
      for (let i = range[0]; i < range[1]; i++) visit(docs[i], weights[i]);
    }
    const list = this.delta.get(term);
    if (list) for (let i = 0; i < list.docs.length; i++) visit(list.docs[i], list.weights[i]);
  }

  /** Visits every posting of every term (for recounting document frequencies and norms). */
  forEachTerm(visit: (term: number, doc: number, weight: number) => void): void {
    for (const segment of this.segments) {
      for (let t = 0; t < segment.terms.length; t++) {
        const term = segment.terms[t];
        for (let i = segment.starts[t]; i < segment.starts[t + 1]; i++) visit(term, segment.docs[i], segment.weights[i]);
      }
    }
    for (const [term, list] of this.delta) for (let i = 0; i < list.docs.length; i++) visit(term, list.docs[i], list.weights[i]);
  }

  /** Bytes held by the frozen segments (the delta is small and short-lived). */
  get segmentBytes(): number {
    return this.segments.reduce((sum, s) => sum + s.bytes, 0);
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  /** Freezes the delta into a segment, then merges the newest segments while they are of similar size. */
  freeze(isAlive: (doc: number) => boolean): void {
    if (this.deltaDocs === 0) return;
    const termIds = [...this.delta.keys()].sort((a, b) => a - b);
    const lists = termIds.map((t) => this.delta.get(t)!);
    this.segments.push(buildSegment(termIds, (i, visit) => {
      const list = lists[i];
      for (let k = 0; k < list.docs.length; k++) visit(list.docs[k], list.weights[k]);
    }, this.deltaDocs, isAlive));
    this.delta = new Map();
    this.deltaDocs = 0;
    while (this.segments.length >= 2) {
      const last = this.segments[this.segments.length - 1];
      const previous = this.segments[this.segments.length - 2];
      if (previous.docCount > 2 * last.docCount) break;
      this.segments.splice(-2, 2, mergeSegments(previous, last, isAlive));
    }
  }
}

/** Builds a segment from terms in increasing id order, keeping only live documents' postings. */
function buildSegment(
  termIds: readonly number[],
  postingsOf: (termIndex: number, visit: PostingVisitor) => void,
  docCount: number,
  isAlive: (doc: number) => boolean,
): Segment {
  let total = 0;
  for (let i = 0; i < termIds.length; i++) postingsOf(i, (doc) => (total += isAlive(doc) ? 1 : 0));
  const terms: number[] = [];
  const starts: number[] = [];
  const docs = new Uint32Array(total);
  const weights = new Float32Array(total);
  let at = 0;
  for (let i = 0; i < termIds.length; i++) {
    const start = at;
    postingsOf(i, (doc, weight) => {
      if (!isAlive(doc)) return;
      docs[at] = doc;
      weights[at++] = weight;
    });
    if (at > start) {
      terms.push(termIds[i]);
      starts.push(start);
    }
  }
  starts.push(at);
  return new Segment(Uint32Array.from(terms), Uint32Array.from(starts), docs, weights, docCount);
}

/** Merges two segments (the second holds the newer documents), dropping deleted documents. */
function mergeSegments(older: Segment, newer: Segment, isAlive: (doc: number) => boolean): Segment {
  const termIds = [...new Set([...older.terms, ...newer.terms])].sort((a, b) => a - b);
  return buildSegment(
    termIds,
    (i, visit) => {
      for (const segment of [older, newer]) {
        const range = segment.range(termIds[i]);
        if (range) for (let k = range[0]; k < range[1]; k++) visit(segment.docs[k], segment.weights[k]);
      }
    },
    older.docCount + newer.docCount,
    isAlive,
  );
}
