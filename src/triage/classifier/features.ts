/**
 * Turns texts into sparse TF-IDF vectors. Each view (word n-grams, character n-grams inside
 * words) hashes its n-grams to 32 bits, keeps those seen in at least `minDf` training texts as
 * columns (so the model is compact and collision-free), weights them by sublinear term
 * frequency times inverse document frequency, and is L2-normalised on its own.
 */
import { combine, fnvStart, fnvStep, hashString, mix32 } from './hashing.js';
import { IntMap } from './int-map.js';
import { SparseRowsBuilder, type SparseRows } from './sparse.js';
import { normalise, stem, tokenize } from './text.js';

export type ViewSpec =
  | { kind: 'word'; maxN: number; stem: boolean; weight: number; minDf: number }
  | { kind: 'char'; minN: number; maxN: number; weight: number; minDf: number; maxChars?: number };

/** A view after fitting: its columns (hashes, sorted) and their IDF weights. */
export interface FittedView {
  spec: ViewSpec;
  keys: Int32Array;
  idf: Float32Array;
}

/** A fitted vectoriser: the views, laid side by side in one column space. */
export interface Vectorizer {
  views: FittedView[];
  columnCount: number;
  /** hash → column, per view (built from `keys`, never stored). */
  lookups: IntMap[];
  offsets: number[];
}

/** A reusable row: the columns and values of one text's vector. */
export interface RowScratch {
  columns: Int32Array;
  values: Float32Array;
  length: number;
}

const WORD_SEED = 0x3a1;
const CHAR_SEED = 0x5c7;
const EDGE = hashString('\u0002', 0x77);

/** Growable list of hashes, reused across texts. */
class HashBag {
  data = new Int32Array(1024);
  length = 0;
  push(hash: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = hash;
  }
}

interface Tokens {
  raw: string[];
  stemmed: string[] | null;
}

function tokensOf(text: string, needStems: boolean): Tokens {
  const raw = tokenize(normalise(text));
  return { raw, stemmed: needStems ? raw.map(stem) : null };
}

/** Word n-grams up to maxN, with a start and an end marker so that openings count ("how do i …"). */
function collectWords(words: string[], maxN: number, bag: HashBag): void {
  const hashes = words.map((w) => hashString(w, WORD_SEED));
  const padded = [EDGE, ...hashes, EDGE];
  for (let n = 1; n <= maxN; n++) {
    for (let i = 0; i + n <= padded.length; i++) {
      if (n === 1 && (i === 0 || i === padded.length - 1)) continue; // markers alone say nothing
      let h = mix32(padded[i] ^ Math.imul(n, 0x27d4eb2d));
      for (let j = 1; j < n; j++) h = combine(h, padded[i + j]);
      bag.push(h);
    }
  }
}

/** Character n-grams of each word padded with a space on both sides (like scikit-learn's char_wb). */
function collectChars(words: string[], minN: number, maxN: number, maxChars: number, bag: HashBag): void {
  let budget = maxChars;
  for (const word of words) {
    // Long texts stop here: their words already say what they are about, and character
    // n-grams of a whole long ticket would multiply the training time for little gain.
    if ((budget -= word.length + 1) < 0) break;
    const length = word.length + 2;
    for (let start = 0; start < length; start++) {
      let h = fnvStart(CHAR_SEED);
      for (let end = start; end < length && end - start < maxN; end++) {
        const code = end === 0 || end === length - 1 ? 32 : word.charCodeAt(end - 1);
        h = fnvStep(h, code);
        if (end - start + 1 >= minN) bag.push(mix32(h));
      }
    }
  }
}

function collectView(spec: ViewSpec, tokens: Tokens, bag: HashBag): void {
  bag.length = 0;
  if (spec.kind === 'word') collectWords(spec.stem ? (tokens.stemmed as string[]) : tokens.raw, spec.maxN, bag);
  else collectChars(tokens.raw, spec.minN, spec.maxN, spec.maxChars ?? Infinity, bag);
}

/** Learns each view's columns and IDF weights from the training texts. */
export function fitVectorizer(texts: readonly string[], specs: ViewSpec[]): Vectorizer {
  const needStems = specs.some((s) => s.kind === 'word' && s.stem);
  const counts = specs.map(() => new IntMap(1 << 16));
  const bag = new HashBag();
  for (const text of texts) {
    const tokens = tokensOf(text, needStems);
    specs.forEach((spec, v) => {
      collectView(spec, tokens, bag);
      const sorted = bag.data.subarray(0, bag.length).sort();
      for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) counts[v].increment(sorted[i]);
    });
  }
  const views = specs.map((spec, v): FittedView => {
    const kept: number[] = [];
    counts[v].forEach((key, df) => {
      if (df >= spec.minDf) kept.push(key);
    });
    const keys = Int32Array.from(kept).sort();
    const idf = new Float32Array(keys.length);
    // Smoothed IDF, as scikit-learn computes it: rare n-grams weigh more, none weighs zero.
    for (let i = 0; i < keys.length; i++) idf[i] = Math.log((1 + texts.length) / (1 + counts[v].get(keys[i]))) + 1;
    return { spec, keys, idf };
  });
  return assembleVectorizer(views);
}

/** Builds the lookups and column offsets of fitted views (after fitting or loading a model). */
export function assembleVectorizer(views: FittedView[]): Vectorizer {
  const lookups: IntMap[] = [];
  const offsets: number[] = [];
  let columnCount = 0;
  for (const view of views) {
    const lookup = new IntMap(view.keys.length);
    view.keys.forEach((key, column) => lookup.set(key, column));
    lookups.push(lookup);
    offsets.push(columnCount);
    columnCount += view.keys.length;
  }
  return { views, columnCount, lookups, offsets };
}

/** A scratch row large enough for any text (it grows when needed). */
export function newRowScratch(): RowScratch {
  return { columns: new Int32Array(2048), values: new Float32Array(2048), length: 0 };
}

const sharedBag = new HashBag();

/** Writes the vector of `text` into `row` (reused; no allocation per feature). */
export function vectorizeInto(vectorizer: Vectorizer, text: string, row: RowScratch): void {
  const needStems = vectorizer.views.some((v) => v.spec.kind === 'word' && v.spec.stem);
  const tokens = tokensOf(text, needStems);
  row.length = 0;
  vectorizer.views.forEach((view, v) => {
    collectView(view.spec, tokens, sharedBag);
    const sorted = sharedBag.data.subarray(0, sharedBag.length).sort();
    if (row.columns.length < row.length + sorted.length) growRow(row, row.length + sorted.length);
    const first = row.length;
    let norm = 0;
    for (let i = 0; i < sorted.length; ) {
      let j = i + 1;
      while (j < sorted.length && sorted[j] === sorted[i]) j++;
      const column = vectorizer.lookups[v].get(sorted[i]);
      if (column !== -1) {
        const value = (1 + Math.log(j - i)) * view.idf[column];
        row.columns[row.length] = column + vectorizer.offsets[v];
        row.values[row.length++] = value;
        norm += value * value;
      }
      i = j;
    }
    if (norm > 0) {
      const scale = view.spec.weight / Math.sqrt(norm);
      for (let i = first; i < row.length; i++) row.values[i] *= scale;
    }
  });
}

function growRow(row: RowScratch, needed: number): void {
  let size = row.columns.length;
  while (size < needed) size *= 2;
  const columns = new Int32Array(size);
  columns.set(row.columns.subarray(0, row.length));
  const values = new Float32Array(size);
  values.set(row.values.subarray(0, row.length));
  row.columns = columns;
  row.values = values;
}

/** The vectors of many texts as one sparse matrix. */
export function vectorizeAll(vectorizer: Vectorizer, texts: readonly string[]): SparseRows {
  const builder = new SparseRowsBuilder(vectorizer.columnCount);
  const row = newRowScratch();
  for (const text of texts) {
    vectorizeInto(vectorizer, text, row);
    for (let i = 0; i < row.length; i++) builder.push(row.columns[i], row.values[i]);
    builder.endRow();
  }
  return builder.build();
}
