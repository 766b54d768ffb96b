/**
 * Posting lists of the similar-ticket index: for each term, the documents that hold it with the
 * term's count in each (1-255). New documents go to a small mutable delta (plain arrays); when it
 * fills up it is frozen into an immutable segment of typed arrays (5 bytes a posting, no per-term
 * objects), and segments of similar size are merged, as in a log-structured merge tree. A
 * query reads a term's postings from the delta and from every segment (a handful at a million
 * documents). Merges drop the postings of deleted documents.
 */

/** Documents in the delta before it is frozen into a segment. */
const DELTA_DOCS = 8_192;

/** Calls `visit(doc, count)` for each posting of a term. */
export type PostingVisitor = (doc: number, count: number) => void;

/** The largest count a posting holds; more occurrences than that say nothing more. */
export const MAX_COUNT = 255;

class Segment {
  constructor(
    readonly terms: Uint32Array,
    readonly starts: Uint32Array,
    readonly docs: Uint32Array,
    readonly counts: Uint8Array,
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
    return this.terms.byteLength + this.starts.byteLength + this.docs.byteLength + this.counts.byteLength;
  }
}

interface DeltaList {
  docs: number[];
  counts: number[];
}

/** The postings of every term, across the delta and the segments. */
export class Postings {
  // Indexed by term id (ids are dense): no hashing on the hot path of adding a ticket.
  private delta: (DeltaList | undefined)[] = [];
  private deltaTerms: number[] = [];
  private deltaDocs = 0;
  private segments: Segment[] = [];

  /** Adds a document's terms (ids) with their counts; documents arrive in increasing id order. */
  add(doc: number, terms: ArrayLike<number>, counts: ArrayLike<number>, isAlive: (doc: number) => boolean): void {
    for (let i = 0; i < terms.length; i++) {
      let list = this.delta[terms[i]];
      if (!list) {
        this.delta[terms[i]] = list = { docs: [], counts: [] };
        this.deltaTerms.push(terms[i]);
      }
      list.docs.push(doc);
      list.counts.push(Math.min(MAX_COUNT, counts[i]));
    }
    if (++this.deltaDocs >= DELTA_DOCS) this.freeze(isAlive);
  }

  /**
   * Visits every posting of a term, oldest document first; with `fromDoc`, only documents from
   * that one on (found by binary search: a term's documents are in increasing order everywhere).
   */
  forEach(term: number, visit: PostingVisitor, fromDoc = 0): void {
    for (const segment of this.segments) {
      const range = segment.range(term);
      if (!range) continue;
      const { docs, counts } = segment;
      for (let i = fromDoc > 0 ? firstAtLeast(docs, range[0], range[1], fromDoc) : range[0]; i < range[1]; i++) visit(docs[i], counts[i]);
    }
    const list = this.delta[term];
    if (list) for (let i = fromDoc > 0 ? firstAtLeast(list.docs, 0, list.docs.length, fromDoc) : 0; i < list.docs.length; i++) visit(list.docs[i], list.counts[i]);
  }

  /** Visits every posting of every term (for recounting document frequencies and norms). */
  forEachTerm(visit: (term: number, doc: number, count: number) => void): void {
    for (const segment of this.segments) {
      for (let t = 0; t < segment.terms.length; t++) {
        const term = segment.terms[t];
        for (let i = segment.starts[t]; i < segment.starts[t + 1]; i++) visit(term, segment.docs[i], segment.counts[i]);
      }
    }
    for (const term of this.deltaTerms) {
      const list = this.delta[term]!;
      for (let i = 0; i < list.docs.length; i++) visit(term, list.docs[i], list.counts[i]);
    }
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
    const termIds = this.deltaTerms.sort((a, b) => a - b);
    const lists = termIds.map((t) => this.delta[t]!);
    this.segments.push(buildSegment(termIds, (i, visit) => {
      const list = lists[i];
      for (let k = 0; k < list.docs.length; k++) visit(list.docs[k], list.counts[k]);
    }, this.deltaDocs, isAlive));
    this.delta = [];
    this.deltaTerms = [];
    this.deltaDocs = 0;
    while (this.segments.length >= 2) {
      const last = this.segments[this.segments.length - 1];
      const previous = this.segments[this.segments.length - 2];
      if (previous.docCount > 2 * last.docCount) break;
      this.segments.splice(-2, 2, mergeSegments(previous, last, isAlive));
    }
  }
}

/** The first position in `sorted[lo, hi)` holding a value of at least `value` (`hi` when none does). */
function firstAtLeast(sorted: ArrayLike<number>, lo: number, hi: number, value: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
  const counts = new Uint8Array(total);
  let at = 0;
  for (let i = 0; i < termIds.length; i++) {
    const start = at;
    postingsOf(i, (doc, count) => {
      if (!isAlive(doc)) return;
      docs[at] = doc;
      counts[at++] = count;
    });
    if (at > start) {
      terms.push(termIds[i]);
      starts.push(start);
    }
  }
  starts.push(at);
  return new Segment(Uint32Array.from(terms), Uint32Array.from(starts), docs, counts, docCount);
}

/** Merges two segments (the second holds the newer documents), dropping deleted documents. */
function mergeSegments(older: Segment, newer: Segment, isAlive: (doc: number) => boolean): Segment {
  const termIds = unionSorted(older.terms, newer.terms);
  return buildSegment(
    termIds,
    (i, visit) => {
      for (const segment of [older, newer]) {
        const range = segment.range(termIds[i]);
        if (range) for (let k = range[0]; k < range[1]; k++) visit(segment.docs[k], segment.counts[k]);
      }
    },
    older.docCount + newer.docCount,
    isAlive,
  );
}

/** The union of two sorted id lists, sorted. */
function unionSorted(a: Uint32Array, b: Uint32Array): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
    else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
    else {
      out.push(a[i++]);
      j++;
    }
  }
  return out;
}
