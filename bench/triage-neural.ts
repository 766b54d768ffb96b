/**
 * Issue 3's neural experiments (validation splits only, never test):
 *
 *   npx tsx bench/triage-neural.ts --clinc ../shared/datasets/clinc150/data_full.json --hwu ../shared/datasets/hwu64 [--only NAME,…] [--set JSON]
 *
 * Trains the product classifier as bench/triage-tune.ts does (CLINC150 `train` + `oos_train`,
 * HWU64 `train`), then, per variant, a small neural network (bench/lib/mlp.ts: one hidden layer
 * over the same sparse TF-IDF rows) on the same training rows, and measures closed-set accuracy
 * on CLINC150 `val` and HWU64 `valid`: the network alone, and the network's log-probabilities
 * added to the SVM scores (score_k + λ · log q_k, then the product's pairwise tie-breakers on the
 * two best). λ is the best of a grid on the same split, so the ensemble figures are optimistic.
 * Prints a Markdown table, then how the product's errors and the network's overlap.
 */
import { parseArgs } from 'node:util';
import { vectorizeAll } from '../src/triage/classifier/features.js';
import type { TriageModel } from '../src/triage/classifier/model.js';
import { breakTie } from '../src/triage/classifier/pairwise.js';
import { createPredictor } from '../src/triage/classifier/predict.js';
import { seededRandom } from '../src/triage/classifier/random.js';
import type { SparseRows } from '../src/triage/classifier/sparse.js';
import { trainModel, type TrainingExample } from '../src/triage/classifier/train.js';
import { mlpLogProbabilities, trainMlp, type MlpOptions } from './lib/mlp.js';
import { clincSplits, hwuSplit } from './lib/intent-datasets.js';

interface Variant {
  mlp: Omit<MlpOptions, 'seed' | 'maxColumn'>;
  /** Inputs: the word view only (cheap) instead of both views. */
  wordsOnly?: boolean;
  /** Networks from this many seeds, their log-probabilities averaged. */
  seeds?: number;
  /** Extra copies of the training rows with tokens dropped (and a neighbour swap), re-vectorised. */
  augmentedCopies?: number;
}

const SGD = { activation: 'relu', optimizer: 'sgd', rate: 0.2, dropout: 0.5, inputDropout: 0, initScale: 0.5 } as const;
const ADAM = { activation: 'relu', optimizer: 'adam', rate: 0.001, dropout: 0.5, inputDropout: 0, initScale: 0.1 } as const;
// fastText's model: the hidden layer is the (TF-IDF weighted) sum of the n-grams' vectors.
const FASTTEXT = { ...SGD, activation: 'linear', dropout: 0, initScale: 0.1 } as const;
const VARIANTS: Record<string, Variant> = {
  'linear (fastText-style); 100 dimensions; 10 epochs': { mlp: { ...FASTTEXT, hidden: 100, epochs: 10 } },
  'linear (fastText-style); 100 dimensions; 5 epochs': { mlp: { ...FASTTEXT, hidden: 100, epochs: 5 } },
  'linear (fastText-style); 50 dimensions; 5 epochs': { mlp: { ...FASTTEXT, hidden: 50, epochs: 5 } },
  'linear (fastText-style); 100 dimensions; 5 epochs; + token-dropout copy of the rows': { mlp: { ...FASTTEXT, hidden: 100, epochs: 5 }, augmentedCopies: 1 },
  'ReLU; 64 hidden; SGD; word view only': { mlp: { ...SGD, hidden: 64, epochs: 10 }, wordsOnly: true },
  'ReLU; 128 hidden; SGD': { mlp: { ...SGD, hidden: 128, epochs: 10 } },
  'ReLU; 128 hidden; Adam': { mlp: { ...ADAM, hidden: 128, epochs: 5 } },
  'ReLU; 256 hidden; Adam; n-gram dropout 0.2': { mlp: { ...ADAM, hidden: 256, epochs: 8, inputDropout: 0.2 } },
  'ReLU; 128 hidden; Adam; n-gram dropout 0.2; 3 seeds averaged': { mlp: { ...ADAM, hidden: 128, epochs: 5, inputDropout: 0.2 }, seeds: 3 },
  'ReLU; 128 hidden; Adam; + token-dropout copy of the rows': { mlp: { ...ADAM, hidden: 128, epochs: 4 }, augmentedCopies: 1 },
};
const LAMBDAS = [0.05, 0.1, 0.2, 0.3, 0.5, 1];
// Token dropout of the augmented copies, and the chance of swapping two neighbouring tokens.
const AUGMENT_DROP = 0.15;
const AUGMENT_SWAP = 0.3;

const { values: args } = parseArgs({ options: { clinc: { type: 'string' }, hwu: { type: 'string' }, only: { type: 'string' }, set: { type: 'string' } } });
if (!args.clinc || !args.hwu) {
  process.stderr.write('usage: npx tsx bench/triage-neural.ts --clinc PATH/data_full.json --hwu PATH/hwu64 [--only NAME,…] [--set JSON]\n');
  process.exit(1);
}
const rows = clincSplits(args.clinc);
const hwu = (part: string) => hwuSplit(args.hwu as string, part);
const only = args.only?.split(',');
// --set '{"hidden": 50}' overrides network options of the variants run (for exploring).
const overrides = JSON.parse(args.set ?? '{}') as Partial<MlpOptions>;
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

interface Setup {
  model: TriageModel;
  y: Int32Array;
  x: SparseRows;
  train: TrainingExample[];
  gold: Int32Array;
  xv: SparseRows;
  /** Raw one-vs-rest scores of the validation rows (rows × classes). */
  scores: Float64Array;
}

function setUp(train: TrainingExample[], val: TrainingExample[]): Setup {
  const model = trainModel(train);
  const classOf = new Map(model.labels.map((label, k) => [label, k]));
  const y = Int32Array.from(train, (e) => classOf.get(e.label) as number);
  const vectorize = (texts: string[]) => vectorizeAll(model.vectorizer, texts.map((t) => t.slice(0, model.info.options.maxChars)));
  const xv = vectorize(val.map((e) => e.text));
  const K = model.labels.length;
  const scores = new Float64Array(val.length * K);
  for (let r = 0; r < val.length; r++) {
    for (let k = 0; k < K; k++) scores[r * K + k] = model.bias[k];
    for (let i = xv.rowStart[r]; i < xv.rowStart[r + 1]; i++) {
      const base = xv.columns[i] * K;
      for (let k = 0; k < K; k++) scores[r * K + k] += xv.values[i] * model.weights[base + k];
    }
  }
  const setup = { model, y, x: vectorize(train.map((e) => e.text)), train, gold: Int32Array.from(val, (e) => classOf.get(e.label) ?? -1), xv, scores };
  // The ensemble with λ = 0 must be the product itself.
  const predictor = createPredictor(model);
  const product = decide(setup, null, 0);
  val.forEach((row, r) => {
    if (model.labels[product[r]] !== predictor.predict(row.text).guess) throw new Error(`row ${r}: the re-implemented decision differs from the product's`);
  });
  return setup;
}

/** How often the true class is among the SVMs' best 1, 2, 3, 5 in-scope classes (raw scores, before tie-breaking). */
function coverage(s: Setup): string {
  const K = s.model.labels.length;
  const within = [1, 2, 3, 5].map(() => 0);
  let rows = 0;
  s.gold.forEach((k, r) => {
    if (k === -1 || k === s.model.oosClass) return;
    rows++;
    let rank = 1;
    for (let c = 0; c < K; c++) if (c !== k && c !== s.model.oosClass && s.scores[r * K + c] > s.scores[r * K + k]) rank++;
    [1, 2, 3, 5].forEach((top, i) => (within[i] += rank <= top ? 1 : 0));
  });
  return within.map((w) => pct(w / rows)).join(' / ');
}

/** The best in-scope class of every validation row for score + λ · log q, after the pairwise tie-breakers. */
function decide(s: Setup, logQ: Float64Array | null, lambda: number, tieBreakers = true): Int32Array {
  const { model, xv, scores } = s;
  const K = model.labels.length;
  const out = new Int32Array(s.gold.length);
  const z = new Float64Array(K);
  for (let r = 0; r < out.length; r++) {
    for (let k = 0; k < K; k++) z[k] = scores[r * K + k] + (logQ ? lambda * logQ[r * K + k] : 0);
    let best = -1;
    let second = -1;
    for (let k = 0; k < K; k++) {
      if (k === model.oosClass) continue;
      if (best === -1 || z[k] > z[best]) {
        second = best;
        best = k;
      } else if (second === -1 || z[k] > z[second]) second = k;
    }
    const from = xv.rowStart[r];
    out[r] = tieBreakers && model.pairwise && second !== -1 ? breakTie(model.pairwise, best, second, z[best] - z[second], xv.columns.subarray(from), xv.values.subarray(from), xv.rowStart[r + 1] - from) : best;
  }
  return out;
}

/** Closed-set accuracy over the in-scope validation rows. */
function accuracy(s: Setup, predicted: Int32Array): number {
  let right = 0;
  let rows = 0;
  s.gold.forEach((k, r) => {
    if (k === -1 || k === s.model.oosClass) return;
    rows++;
    if (predicted[r] === k) right++;
  });
  return right / rows;
}

function augmentedRows(s: Setup, copies: number): { x: SparseRows; y: Int32Array } {
  const random = seededRandom(77);
  const texts = s.train.map((e) => e.text);
  const labels = Array.from(s.y);
  for (let c = 0; c < copies; c++) {
    s.train.forEach((e, r) => {
      const tokens = e.text.split(/\s+/).filter(Boolean);
      const kept = tokens.filter(() => random() >= AUGMENT_DROP);
      const out = kept.length > 0 ? kept : tokens;
      if (out.length > 1 && random() < AUGMENT_SWAP) {
        const i = Math.floor(random() * (out.length - 1));
        [out[i], out[i + 1]] = [out[i + 1], out[i]];
      }
      texts.push(out.join(' '));
      labels.push(s.y[r]);
    });
  }
  return { x: vectorizeAll(s.model.vectorizer, texts.map((t) => t.slice(0, s.model.info.options.maxChars))), y: Int32Array.from(labels) };
}

interface Outcome {
  alone: number;
  product: number;
  ensemble: number;
  lambda: number;
  cpu: number;
  overlap: string;
}

function runVariant(s: Setup, v: Variant): Outcome {
  const K = s.model.labels.length;
  const { x, y } = v.augmentedCopies ? augmentedRows(s, v.augmentedCopies) : { x: s.x, y: s.y };
  const seeds = v.seeds ?? 1;
  const logQ = new Float64Array(s.gold.length * K);
  const started = cpuSeconds();
  for (let seed = 1; seed <= seeds; seed++) {
    const net = trainMlp(x, y, K, { ...v.mlp, ...overrides, seed, maxColumn: v.wordsOnly ? s.model.vectorizer.offsets[1] : undefined });
    const q = mlpLogProbabilities(net, s.xv);
    for (let i = 0; i < q.length; i++) logQ[i] += q[i] / seeds;
  }
  const cpu = cpuSeconds() - started;
  // The network alone: its best in-scope class.
  const alone = new Int32Array(s.gold.length);
  for (let r = 0; r < alone.length; r++) {
    let best = -1;
    for (let k = 0; k < K; k++) if (k !== s.model.oosClass && (best === -1 || logQ[r * K + k] > logQ[r * K + best])) best = k;
    alone[r] = best;
  }
  const product = decide(s, null, 0);
  let lambda = 0;
  let ensemble = accuracy(s, product);
  for (const l of LAMBDAS) {
    const a = accuracy(s, decide(s, logQ, l));
    if (a > ensemble) [ensemble, lambda] = [a, l];
  }
  // The same without the pairwise tie-breakers (do they and the network fix the same rows?).
  const plain = accuracy(s, decide(s, null, 0, false));
  let plainEnsemble = plain;
  let plainLambda = 0;
  for (const l of LAMBDAS) {
    const a = accuracy(s, decide(s, logQ, l, false));
    if (a > plainEnsemble) [plainEnsemble, plainLambda] = [a, l];
  }
  let productWrong = 0;
  let fixedByNet = 0;
  let netWrong = 0;
  s.gold.forEach((k, r) => {
    if (k === -1 || k === s.model.oosClass) return;
    if (alone[r] !== k) netWrong++;
    if (product[r] !== k) {
      productWrong++;
      if (alone[r] === k) fixedByNet++;
    }
  });
  const inScopeRows = s.gold.filter((k) => k !== -1 && k !== s.model.oosClass).length;
  const ensembleWrong = Math.round((1 - ensemble) * inScopeRows);
  const overlap = `product wrong on ${productWrong}, network on ${netWrong}, both added on ${ensembleWrong}; the network is right on ${fixedByNet} of the product's errors; without tie-breakers ${pct(plain)} → ${pct(plainEnsemble)} (λ ${plainLambda})`;
  return { alone: accuracy(s, alone), product: accuracy(s, product), ensemble, lambda, cpu, overlap };
}

const pct = (x: number) => (x * 100).toFixed(1);
process.stderr.write('training the product classifiers…\n');
const sets = { CLINC150: setUp([...rows('train'), ...rows('oos_train')], rows('val')), HWU64: setUp(hwu('train'), hwu('valid')) };
const notes: string[] = [`- the true class among the SVMs' best 1 / 2 / 3 / 5: CLINC150 ${coverage(sets.CLINC150)}, HWU64 ${coverage(sets.HWU64)} (%)`];
process.stdout.write(
  '| network (one hidden layer over the TF-IDF rows) | CLINC150 `val`: network alone | product | product + network (λ) | HWU64 `valid`: network alone | product | product + network (λ) | network CPU s (CLINC150 / HWU64) |\n|---|---|---|---|---|---|---|---|\n',
);
for (const [name, variant] of Object.entries(VARIANTS)) {
  if (only && !only.includes(name)) continue;
  const c = runVariant(sets.CLINC150, variant);
  const h = runVariant(sets.HWU64, variant);
  process.stdout.write(
    `| ${name} | ${pct(c.alone)} | ${pct(c.product)} | ${pct(c.ensemble)} (${c.lambda}) | ${pct(h.alone)} | ${pct(h.product)} | ${pct(h.ensemble)} (${h.lambda}) | ${c.cpu.toFixed(1)} / ${h.cpu.toFixed(1)} |\n`,
  );
  notes.push(`- ${name}: CLINC150 ${c.overlap}; HWU64 ${h.overlap}`);
}
process.stdout.write(`\n${notes.join('\n')}\n`);
