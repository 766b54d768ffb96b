import { MAX_WORD_LENGTH } from './text.js';

/**
 * The words of the indexed documents as written (not stemmed), with how many documents use
 * each: what typo correction and search-as-you-type prefixes expand a query word into.
 */

/** A word the vocabulary suggests for a query word, with its edit distance (0 for a prefix match). */
export interface Suggestion {
  word: string;
  distance: number;
  df: number;
}

/** Letters present, as bits: an edit changes at most two, so a cheap filter before the real distance. */
function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    mask |= c >= 97 && c <= 122 ? 1 << (c - 97) : 1 << (26 + (c % 6));
  }
  return mask;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment: a swap of neighbours is one edit),
 * or max + 1 as soon as it must exceed `max`.
 */
export function boundedEditDistance(a: string, b: string, max: number, rows: Int32Array[] = [new Int32Array(0), new Int32Array(0), new Int32Array(0)]): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (rows[0].length <= m) for (let r = 0; r < 3; r++) rows[r] = new Int32Array(m + 1);
  let prev2 = rows[0];
  let prev = rows[1];
  let cur = rows[2];
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

/** Most typos allowed for a query word of this length: none below 4 letters, two from 8. */
export const typoBudget = (length: number): number => (length < 4 ? 0 : length < 8 ? 1 : 2);

/** Surface words with their document counts, for typo correction and completion. */
export class Vocabulary {
  private readonly df = new Map<string, number>();
  /** Words by length, with their letter masks; may hold removed words until the next rebuild. */
  private buckets: { words: string[]; masks: number[] }[] = [];
  private sorted: string[] = [];
  private unsorted: string[] = [];
  private stale = 0;
  private readonly rows = [new Int32Array(0), new Int32Array(0), new Int32Array(0)];

  get size(): number {
    return this.df.size;
  }

  has(word: string): boolean {
    return this.df.has(word);
  }

  /** Counts one more document using the word. */
  add(word: string): void {
    const count = this.df.get(word);
    if (count !== undefined) {
      this.df.set(word, count + 1);
      return;
    }
    this.df.set(word, 1);
    if (word.length <= MAX_WORD_LENGTH) {
      const bucket = (this.buckets[word.length] ??= { words: [], masks: [] });
      bucket.words.push(word);
      bucket.masks.push(letterMask(word));
    }
    this.unsorted.push(word);
  }

  /** Counts one document fewer using the word. */
  remove(word: string): void {
    const count = this.df.get(word);
    if (count === undefined) return;
    if (count > 1) {
      this.df.set(word, count - 1);
      return;
    }
    this.df.delete(word);
    // Removed words stay in the buckets (skipped by the df check) until they are a third of them.
    if (++this.stale > 1000 && this.stale * 3 > this.df.size) this.rebuild();
  }

  /** Words within the typo budget of `word`, nearest first, then most used; `word` itself excluded. */
  similar(word: string, maxDistance: number, limit: number): Suggestion[] {
    if (maxDistance <= 0 || word.length > MAX_WORD_LENGTH) return [];
    const mask = letterMask(word);
    const first = word.charCodeAt(0);
    const found: Suggestion[] = [];
    for (let len = Math.max(1, word.length - maxDistance); len <= word.length + maxDistance; len++) {
      const bucket = this.buckets[len];
      if (!bucket) continue;
      const { words, masks } = bucket;
      for (let i = 0; i < words.length; i++) {
        if (popcount(masks[i] ^ mask) > 2 * maxDistance) continue;
        const candidate = words[i];
        // Few typos touch the first letter, and "corrections" that change it are mostly other real
        // words (hair → air, date → rate): such an edit counts twice, as some search engines do.
        const firstChanged = candidate.charCodeAt(0) !== first ? 1 : 0;
        if (firstChanged > 0 && maxDistance < 2) continue;
        const distance = boundedEditDistance(word, candidate, maxDistance - firstChanged, this.rows) + firstChanged;
        if (distance > maxDistance || distance === 0) continue;
        const df = this.df.get(candidate);
        if (df !== undefined) found.push({ word: candidate, distance, df });
      }
    }
    found.sort((a, b) => a.distance - b.distance || b.df - a.df || (a.word < b.word ? -1 : 1));
    return found.slice(0, limit);
  }

  /** The most used words that start with `prefix` (longer than it), for search-as-you-type. */
  completions(prefix: string, limit: number): Suggestion[] {
    if (this.unsorted.length > 512) this.mergeUnsorted();
    const found: Suggestion[] = [];
    const consider = (word: string) => {
      if (word.length <= prefix.length || !word.startsWith(prefix)) return;
      const df = this.df.get(word);
      if (df !== undefined) found.push({ word, distance: 0, df });
    };
    for (let i = lowerBound(this.sorted, prefix); i < this.sorted.length && this.sorted[i].startsWith(prefix); i++) consider(this.sorted[i]);
    for (const word of this.unsorted) consider(word);
    found.sort((a, b) => b.df - a.df || a.word.length - b.word.length || (a.word < b.word ? -1 : 1));
    return found.slice(0, limit);
  }

  private mergeUnsorted(): void {
    this.sorted = [...new Set([...this.sorted, ...this.unsorted])].filter((w) => this.df.has(w)).sort();
    this.unsorted = [];
  }

  private rebuild(): void {
    const live = [...this.df.keys()];
    this.buckets = [];
    for (const word of live) {
      if (word.length > MAX_WORD_LENGTH) continue;
      const bucket = (this.buckets[word.length] ??= { words: [], masks: [] });
      bucket.words.push(word);
      bucket.masks.push(letterMask(word));
    }
    this.sorted = live.sort();
    this.unsorted = [];
    this.stale = 0;
  }
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
