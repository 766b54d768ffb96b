// Scratch: full pipeline on CLINC150 train → val. Not part of the product.
import { readFileSync } from 'node:fs';
import { trainModel } from '../src/triage/classifier/train.js';
import { createPredictor } from '../src/triage/classifier/predict.js';
import { evaluatePredictions } from '../src/triage/classifier/metrics.js';

const data = JSON.parse(readFileSync('/work/shared/datasets/clinc150/data_full.json', 'utf8')) as Record<string, [string, string][]>;
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
const train = args.oos === '0' ? data.train : [...data.train, ...data.oos_train];
const val = [...data.val, ...data.oos_val];
const opts: Record<string, unknown> = {};
for (const k of ['c', 'folds', 'rejectBudget', 'maxPasses', 'tolerance']) if (args[k]) opts[k] = Number(args[k]);
if (args.balance) opts.classBalance = args.balance;
const t = performance.now();
const model = trainModel(train.map(([text, label]) => ({ text, label })), opts, (s) => process.stderr.write(`${s} ${((performance.now() - t) / 1000).toFixed(1)}s cpu ${(process.cpuUsage().user / 1e6).toFixed(1)}s\n`));
console.log('train s', ((performance.now() - t) / 1000).toFixed(1), 'T', model.temperature.toFixed(2), 'threshold', model.threshold.toFixed(3), model.info.thresholdMethod, JSON.stringify(model.info.crossValidation));
const p = createPredictor(model);
const t2 = performance.now();
const rows = val.map(([text, gold]) => { const r = p.predict(text); return { gold, predicted: r.label, outOfScope: r.outOfScope }; });
const us = ((performance.now() - t2) * 1000) / val.length;
const m = evaluatePredictions(rows);
console.log(`val: inScope ${(m.inScopeAccuracy! * 100).toFixed(2)} closed ${(m.closedSetAccuracy! * 100).toFixed(2)} oosRecall ${(m.outOfScope.recall! * 100).toFixed(1)} oosPrec ${(m.outOfScope.precision! * 100).toFixed(1)} acc ${(m.accuracy * 100).toFixed(2)} macroF1 ${(m.macroF1 * 100).toFixed(2)} | ${us.toFixed(0)} us/text`);
{
  const c: number[] = []; const o: number[] = []; const w: number[] = [];
  val.forEach(([text, gold]) => { const r = p.predict(text); if (gold === 'oos') o.push(r.confidence); else if (r.outOfScope ? false : r.label === gold) c.push(r.confidence); else if (!r.outOfScope) w.push(r.confidence); });
  // confidences of correct ones regardless of flag
  const c2: number[] = []; val.forEach(([text, gold]) => { const r = p.predict(text); if (gold !== 'oos' && (r.alternatives.length >= 0) && (r.outOfScope ? false : true)) {} });
  const q = (a: number[], qs: number[]) => { a.sort((x, y) => x - y); return qs.map((z) => (a[Math.floor(z * a.length)] ?? NaN).toFixed(3)).join(' '); };
  console.log('val correct(kept) q', q(c, [0.01, 0.02, 0.05, 0.1, 0.2]), 'oos q', q(o, [0.1, 0.25, 0.5, 0.75, 0.9]), 'wrong q', q(w, [0.1, 0.25, 0.5, 0.75, 0.9]));
}
