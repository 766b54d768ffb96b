// Scratch experiments (validation split only). Not part of the product.
(globalThis as any).__cap = Number(process.argv.find((a) => a.startsWith("cap="))?.slice(4) ?? Infinity);
import { trainOneVsRest } from "../src/triage/classifier/svm.js";
import { readFileSync } from 'node:fs';
import { fitVectorizer, vectorizeAll, type ViewSpec } from '../src/triage/classifier/features.js';
import { trainLinear, scoreRows } from '../src/triage/classifier/linear.js';

const data = JSON.parse(readFileSync('/work/shared/datasets/clinc150/data_full.json', 'utf8')) as Record<string, [string, string][]>;
const train = data.train;
const val = data.val;
const labels = [...new Set(train.map((r) => r[1]))].sort();
const index = new Map(labels.map((l, i) => [l, i]));
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
const specs: ViewSpec[] = [];
if (args.word !== '0') specs.push({ kind: 'word', maxN: Number(args.wn ?? 2), stem: args.stem !== '0', weight: Number(args.ww ?? 1), minDf: Number(args.wdf ?? 1), skip: Number(args.skip ?? 0) });
if (args.char !== '0') specs.push({ kind: 'char', minN: Number(args.cmin ?? 2), maxN: Number(args.cmax ?? 5), weight: 1, minDf: Number(args.cdf ?? 1) });
let t = performance.now();
const vec = fitVectorizer(train.map((r) => r[0]), specs);
const X = vectorizeAll(vec, train.map((r) => r[0]));
const Xv = vectorizeAll(vec, val.map((r) => r[0]));
console.log('features', vec.columnCount, 'nnz/row', (X.columns.length / train.length).toFixed(1), 'vec ms', (performance.now() - t).toFixed(0));
const y = Int32Array.from(train.map((r) => index.get(r[1])!));

t = performance.now();
if (args.loss === "svm") {
  const m = trainOneVsRest(X, y, labels.length, { c: Number(args.c ?? 1), tolerance: Number(args.tol ?? 0.1), maxPasses: Number(args.passes ?? 1000), seed: 1 });
  console.log("visits", (globalThis as any).__visits / 15000 / 150);
  console.log("train ms", (performance.now() - t).toFixed(0));
  const D = m.columnCount; let correct = 0;
  for (let r = 0; r < val.length; r++) { let best = -1, bs = -Infinity; for (let k = 0; k < labels.length; k++) { let s = m.bias[k]; for (let i = Xv.rowStart[r]; i < Xv.rowStart[r+1]; i++) s += m.weights[k*D+Xv.columns[i]]*Xv.values[i]; if (s > bs) { bs = s; best = k; } } if (labels[best] === val[r][1]) correct++; }
  console.log("val acc", (correct/val.length*100).toFixed(2)); process.exit(0);
}
const model = trainLinear(X, y, labels.length, { loss: (args.loss ?? 'logistic') as 'logistic', lambda: Number(args.lambda ?? 1e-5), epochs: Number(args.epochs ?? 10), learningRate: Number(args.lr ?? 1), seed: 1 });
console.log('train ms', (performance.now() - t).toFixed(0));
const s = scoreRows(model, Xv);
let correct = 0;
for (let r = 0; r < val.length; r++) {
  let best = 0;
  for (let k = 1; k < labels.length; k++) if (s[r * labels.length + k] > s[r * labels.length + best]) best = k;
  if (labels[best] === val[r][1]) correct++;
}
console.log('val acc', (correct / val.length * 100).toFixed(2));
