/**
 * The validation experiments behind the classifier's defaults (never the test splits):
 *
 *   npx tsx bench/triage-tune.ts --clinc ../shared/datasets/clinc150/data_full.json --hwu ../shared/datasets/hwu64 [--only NAME,…]
 *
 * Each variant changes one training option from the defaults, trains on CLINC150 `train` +
 * `oos_train` and on HWU64 `train`, and is measured on CLINC150 `val` + `oos_val` and HWU64
 * `valid`. Prints a Markdown table.
 */
import { parseArgs } from 'node:util';
import { evaluatePredictions } from '../src/triage/classifier/metrics.js';
import type { ViewSpec } from '../src/triage/classifier/features.js';
import { DEFAULT_TRAIN_OPTIONS, DEFAULT_VIEWS, type TrainOptions } from '../src/triage/classifier/model.js';
import { createPredictor } from '../src/triage/classifier/predict.js';
import { trainModel, type TrainingExample } from '../src/triage/classifier/train.js';
import { clincSplits, hwuSplit } from './lib/intent-datasets.js';

const word = DEFAULT_VIEWS[0] as Extract<ViewSpec, { kind: 'word' }>;
const char = DEFAULT_VIEWS[1] as Extract<ViewSpec, { kind: 'char' }>;
const VARIANTS: Record<string, Partial<TrainOptions>> = {
  defaults: {},
  'no pairwise tie-breakers': { pairwise: false },
  'C = 0.5': { c: 0.5 },
  'C = 2': { c: 2 },
  'char 2-5-grams': { views: [word, { ...char, minN: 2 }] },
  'char n-grams seen once kept': { views: [word, { ...char, minDf: 1 }] },
  'word 1-3-grams': { views: [{ ...word, maxN: 3 }, char] },
  'no stemming': { views: [{ ...word, stem: false }, char] },
  'words only': { views: [word] },
  'no class balancing': { classBalance: 'none' },
  'reject budget 0.5%': { rejectBudget: 0.005 },
  'reject budget 2%': { rejectBudget: 0.02 },
  '3 folds': { folds: 3 },
};

const { values: args } = parseArgs({ options: { clinc: { type: 'string' }, hwu: { type: 'string' }, only: { type: 'string' } } });
if (!args.clinc || !args.hwu) {
  process.stderr.write('usage: npx tsx bench/triage-tune.ts --clinc PATH/data_full.json --hwu PATH/hwu64 [--only NAME,…]\n');
  process.exit(1);
}
const rows = clincSplits(args.clinc);
const hwu = (part: string) => hwuSplit(args.hwu as string, part);
const clincTrain = [...rows('train'), ...rows('oos_train')];
const clincVal = [...rows('val'), ...rows('oos_val')];
const hwuTrain = hwu('train');
const hwuVal = hwu('valid');

const pct = (x: number | null) => (x === null ? '–' : (x * 100).toFixed(1));
const only = args.only?.split(',');
process.stdout.write('| variant | CLINC in-scope | CLINC closed-set | CLINC OOS recall | HWU64 accuracy | HWU64 closed-set | CPU s |\n|---|---|---|---|---|---|---|\n');
for (const [name, options] of Object.entries(VARIANTS)) {
  if (only && !only.includes(name)) continue;
  const cpu = process.cpuUsage();
  const c = measure(clincTrain, clincVal, options);
  const h = measure(hwuTrain, hwuVal, options);
  const seconds = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6;
  process.stdout.write(`| ${name} | ${pct(c.inScopeAccuracy)} | ${pct(c.closedSetAccuracy)} | ${pct(c.outOfScope.recall)} | ${pct(h.accuracy)} | ${pct(h.closedSetAccuracy)} | ${seconds.toFixed(1)} |\n`);
}

function measure(train: TrainingExample[], test: TrainingExample[], options: Partial<TrainOptions>) {
  const predictor = createPredictor(trainModel(train, { ...DEFAULT_TRAIN_OPTIONS, ...options }));
  return evaluatePredictions(
    test.map((row) => {
      const p = predictor.predict(row.text);
      return { gold: row.label, predicted: p.label, outOfScope: p.outOfScope, guess: p.guess };
    }),
  );
}
