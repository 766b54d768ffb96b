// Scratch: which OOS score separates best (validation split). Not part of the product.
import { readFileSync } from 'node:fs';
import { trainModel } from '../src/triage/classifier/train.js';
import { newRowScratch, vectorizeInto } from '../src/triage/classifier/features.js';
import { softmaxInto } from '../src/triage/classifier/calibration.js';

const data = JSON.parse(readFileSync('/work/shared/datasets/clinc150/data_full.json', 'utf8')) as Record<string, [string, string][]>;
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
const train = args.oos === '1' ? [...data.train, ...data.oos_train] : data.train;
const val = [...data.val, ...data.oos_val];
const model = trainModel(train.map(([text, label]) => ({ text, label })), { folds: 2 });
const K = model.labels.length;
const row = newRowScratch();
const s = new Float64Array(K);
const p = new Float64Array(K);
const feats: Record<string, number[]> = { prob: [], maxScore: [], margin: [], coverage: [] };
const isOos: boolean[] = [];
for (const [text, gold] of val) {
  vectorizeInto(model.vectorizer, text, row);
  for (let k = 0; k < K; k++) s[k] = model.bias[k];
  for (let i = 0; i < row.length; i++) for (let k = 0; k < K; k++) s[k] += row.values[i] * model.weights[row.columns[i] * K + k];
  softmaxInto(s, model.temperature, p);
  let b = -1, b2 = -1;
  for (let k = 0; k < K; k++) { if (k === model.oosClass) continue; if (b < 0 || s[k] > s[b]) { b2 = b; b = k; } else if (b2 < 0 || s[k] > s[b2]) b2 = k; }
  feats.prob.push(p[b]); feats.maxScore.push(s[b]); feats.margin.push(s[b] - s[b2]);
  isOos.push(gold === 'oos');
}
function auroc(x: number[]) { const pos = x.filter((_, i) => !isOos[i]); const neg = x.filter((_, i) => isOos[i]); let w = 0; for (const a of pos) for (const c of neg) w += a > c ? 1 : a === c ? 0.5 : 0; return w / (pos.length * neg.length); }
for (const [k, v] of Object.entries(feats)) if (v.length) console.log(k, auroc(v).toFixed(4));
// combination: z-scored sum
const z = (v: number[]) => { const m = v.reduce((a, b) => a + b, 0) / v.length; const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length); return v.map((x) => (x - m) / sd); };
const zp = z(feats.prob), zs = z(feats.maxScore), zm = z(feats.margin);
console.log('prob+max', auroc(zp.map((x, i) => x + zs[i])).toFixed(4), 'max+margin', auroc(zs.map((x, i) => x + zm[i])).toFixed(4));
