// Scratch: ensembles and OOS on the validation split. Not part of the product.
import { readFileSync } from 'node:fs';
import { fitVectorizer, vectorizeAll, type ViewSpec } from '../src/triage/classifier/features.js';
import { trainOneVsRest } from '../src/triage/classifier/svm.js';
import { trainLinear, scoreRows } from '../src/triage/classifier/linear.js';
import type { SparseRows } from '../src/triage/classifier/sparse.js';

const data = JSON.parse(readFileSync('/work/shared/datasets/clinc150/data_full.json', 'utf8')) as Record<string, [string, string][]>;
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
const withOos = args.oos === '1';
const train = withOos ? [...data.train, ...data.oos_train] : data.train;
const val = [...data.val, ...data.oos_val];
const labels = [...new Set(train.map((r) => r[1]))].sort();
const K = labels.length;
const oosIndex = labels.indexOf('oos');
const index = new Map(labels.map((l, i) => [l, i]));
const y = Int32Array.from(train.map((r) => index.get(r[1])!));
const W: ViewSpec = { kind: 'word', maxN: 2, stem: true, weight: 1, minDf: 1 };
const C: ViewSpec = { kind: 'char', minN: 2, maxN: 5, weight: 1, minDf: 1 };

function svmScores(specs: ViewSpec[], c: number): Float64Array {
  const vec = fitVectorizer(train.map((r) => r[0]), specs);
  const X = vectorizeAll(vec, train.map((r) => r[0]));
  const Xv = vectorizeAll(vec, val.map((r) => r[0]));
  const t = performance.now();
  const m = trainOneVsRest(X, y, K, { c, tolerance: 0.1, maxPasses: 6, seed: 1 });
  console.error('svm', specs.map((s) => s.kind).join('+'), c, 'ms', (performance.now() - t).toFixed(0));
  return ovrScore(m, Xv);
}
function ovrScore(m: { weights: Float32Array; bias: Float32Array; columnCount: number }, Xv: SparseRows): Float64Array {
  const D = m.columnCount;
  const out = new Float64Array(val.length * K);
  for (let r = 0; r < val.length; r++) for (let k = 0; k < K; k++) { let s = m.bias[k]; for (let i = Xv.rowStart[r]; i < Xv.rowStart[r + 1]; i++) s += m.weights[k * D + Xv.columns[i]] * Xv.values[i]; out[r * K + k] = s; }
  return out;
}
function lrScores(specs: ViewSpec[], lambda: number, epochs: number): Float64Array {
  const vec = fitVectorizer(train.map((r) => r[0]), specs);
  const X = vectorizeAll(vec, train.map((r) => r[0]));
  const Xv = vectorizeAll(vec, val.map((r) => r[0]));
  const t = performance.now();
  const m = trainLinear(X, y, K, { loss: 'logistic', lambda, epochs, learningRate: 1, seed: 1 });
  console.error('lr', lambda, 'ms', (performance.now() - t).toFixed(0));
  return scoreRows(m, Xv);
}
function probs(s: Float64Array, temp: number): Float64Array {
  const p = new Float64Array(s.length);
  for (let r = 0; r < val.length; r++) { let mx = -Infinity; for (let k = 0; k < K; k++) mx = Math.max(mx, s[r * K + k]); let z = 0; for (let k = 0; k < K; k++) { p[r * K + k] = Math.exp((s[r * K + k] - mx) * temp); z += p[r * K + k]; } for (let k = 0; k < K; k++) p[r * K + k] /= z; }
  return p;
}
function fitTemp(s: Float64Array): number {
  let best = 1, bestNll = Infinity;
  for (let t = 0.5; t <= 60; t *= 1.1) { const p = probs(s, t); let nll = 0; for (let r = 0; r < val.length; r++) { const g = index.get(val[r][1]); if (g === undefined) continue; nll -= Math.log(p[r * K + g] + 1e-12); } if (nll < bestNll) { bestNll = nll; best = t; } }
  return best;
}
function report(name: string, p: Float64Array) {
  const conf: number[] = []; const pred: number[] = [];
  for (let r = 0; r < val.length; r++) { let b = -1, bv = -1; for (let k = 0; k < K; k++) if (k !== oosIndex && p[r * K + k] > bv) { bv = p[r * K + k]; b = k; } const isOosClass = oosIndex >= 0 && p[r * K + oosIndex] > bv; conf.push(isOosClass ? -1 : bv); pred.push(b); }
  const inIdx = val.map((r, i) => (r[1] !== 'oos' ? i : -1)).filter((i) => i >= 0);
  const oosIdx = val.map((r, i) => (r[1] === 'oos' ? i : -1)).filter((i) => i >= 0);
  const closed = inIdx.filter((i) => labels[pred[i]] === val[i][1]).length / inIdx.length;
  const line = [name, 'closed', (closed * 100).toFixed(2)];
  for (const th of [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]) {
    const acc = inIdx.filter((i) => conf[i] >= th && labels[pred[i]] === val[i][1]).length / inIdx.length;
    const rec = oosIdx.filter((i) => conf[i] < th).length / oosIdx.length;
    line.push(`t${th}:${(acc * 100).toFixed(1)}/${(rec * 100).toFixed(0)}`);
  }
  console.log(line.join(' '));
}
const cs = Number(args.c ?? 1);
const members: Record<string, Float64Array> = {};
members.svmU = svmScores([W, C], cs);
members.svmW = svmScores([W], cs);
members.svmC = svmScores([C], cs);
if (args.lr === '1') members.lrU = lrScores([W, C], Number(args.lambda ?? 1e-5), 8);
const P: Record<string, Float64Array> = {};
for (const [k, s] of Object.entries(members)) { const t = fitTemp(s); console.error(k, 'temp', t.toFixed(2)); P[k] = probs(s, t); report(k, P[k]); }
function avg(names: string[]) { const out = new Float64Array(val.length * K); for (const n of names) P[n].forEach((v, i) => (out[i] += v / names.length)); return out; }
report('U+W+C', avg(['svmU', 'svmW', 'svmC']));
report('W+C', avg(['svmW', 'svmC']));
if (P.lrU) { report('U+lr', avg(['svmU', 'lrU'])); report('all', avg(Object.keys(P))); }
if (args.errors === '1') { const p = P.svmU; let n = 0; for (let r = 0; r < val.length && n < 60; r++) { if (val[r][1] === 'oos') continue; let b = 0; for (let k = 1; k < K; k++) if (p[r * K + k] > p[r * K + b]) b = k; if (labels[b] !== val[r][1]) { n++; console.log(`${val[r][1]} -> ${labels[b]} (${p[r * K + b].toFixed(2)}): ${val[r][0]}`); } } }
