import { InvalidArgumentError, type Command } from 'commander';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import type { Metrics } from '../triage/classifier/metrics.js';
import type { TriageModel } from '../triage/classifier/model.js';
import { createPredictor } from '../triage/classifier/predict.js';
import { evaluateFile, predictFile, readModelFile, trainFromFile, writeModelFile } from '../triage/batch.service.js';
import { modelSummary } from '../triage/model-summary.js';
import { requireActiveModel, saveActiveModel } from '../triage/triage-models.service.js';
import { openRuntime, runCommand } from './runtime.js';

interface TrainOptions {
  input: string;
  textColumn: string;
  labelColumn: string;
  modelOut?: string;
  seed: number;
}

interface PredictOptions {
  input: string;
  textColumn: string;
  model?: string;
  output: string;
}

interface EvalOptions {
  input: string;
  textColumn: string;
  labelColumn: string;
  model?: string;
  json?: boolean;
}

/** `frontline triage train | predict | eval`: the category classifier on files (docs/triage.md). */
export function registerTriage(program: Command): void {
  const triage = program.command('triage').description('Train, run and evaluate the ticket category classifier');

  triage
    .command('train')
    .description('Train a classifier on a labelled .csv or .jsonl file; it becomes the active model unless --model-out is given')
    .requiredOption('--input <file>', 'labelled texts: .csv with a header row, or .jsonl')
    .requiredOption('--text-column <name>', 'column (or JSON field) holding the text')
    .requiredOption('--label-column <name>', 'column (or JSON field) holding the label; rows labelled "oos" are out of scope')
    .option('--model-out <file>', 'write the model to this file instead of activating it in the database')
    .option('--seed <n>', 'random seed (same data and seed, same model)', parseInteger, 1)
    .action((options: TrainOptions) => runCommand(() => train(options)));

  triage
    .command('predict')
    .description('Predict the category of every row, writing one JSON line per row in order')
    .requiredOption('--input <file>', 'texts: .csv with a header row, or .jsonl')
    .requiredOption('--text-column <name>', 'column (or JSON field) holding the text')
    .option('--model <file>', 'model file (default: the active model in the database)')
    .requiredOption('--output <file>', 'where to write the predictions (.jsonl)')
    .action((options: PredictOptions) => runCommand(() => predict(options)));

  triage
    .command('eval')
    .description('Evaluate a model on a labelled file: accuracy, macro-F1, per-label figures, out-of-scope precision and recall')
    .requiredOption('--input <file>', 'labelled texts: .csv with a header row, or .jsonl')
    .requiredOption('--text-column <name>', 'column (or JSON field) holding the text')
    .requiredOption('--label-column <name>', 'column (or JSON field) holding the true label ("oos" for out of scope)')
    .option('--model <file>', 'model file (default: the active model in the database)')
    .option('--json', 'print the figures as JSON')
    .action((options: EvalOptions) => runCommand(() => evaluate(options)));
}

async function train(options: TrainOptions): Promise<void> {
  const stages = process.stderr.isTTY ? (stage: string) => process.stderr.write(`\r\x1b[Ktraining: ${stage}`) : undefined;
  const { model } = await trainFromFile(options.input, { text: options.textColumn, label: options.labelColumn }, { seed: options.seed }, stages);
  if (stages) process.stderr.write('\r\x1b[K');
  for (const warning of model.info.warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stdout.write(trainingSummary(model));
  if (options.modelOut) {
    const bytes = await writeModelFile(options.modelOut, model);
    process.stdout.write(`Model written to ${options.modelOut} (${(bytes / 1e6).toFixed(1)} MB)\n`);
    return;
  }
  const deps = await openRuntime();
  try {
    const saved = await saveActiveModel(deps, SYSTEM_ACTOR, model);
    process.stdout.write(`Model version ${saved.version} is now the active model in ${deps.db.location}\n`);
  } finally {
    await deps.db.close();
  }
}

async function predict(options: PredictOptions): Promise<void> {
  const { model, source } = await chooseModel(options.model);
  const result = await predictFile(createPredictor(model), options.input, options.textColumn, options.output);
  const rate = result.rows / Math.max(result.seconds, 1e-9);
  process.stdout.write(
    `Predicted ${result.rows} rows with ${source} in ${result.seconds.toFixed(2)} s (${Math.round(rate)} rows/s); ${result.outOfScope} out of scope. Written to ${options.output}\n`,
  );
}

async function evaluate(options: EvalOptions): Promise<void> {
  const { model, source } = await chooseModel(options.model);
  const { metrics, seconds } = await evaluateFile(createPredictor(model), options.input, { text: options.textColumn, label: options.labelColumn }, model.info.options.oosLabel);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ model: source, seconds, ...metrics }, null, 2)}\n`);
    return;
  }
  process.stdout.write(evaluationReport(metrics, source));
}

/** The model from a file, or the database's active model. */
async function chooseModel(file: string | undefined): Promise<{ model: TriageModel; source: string }> {
  if (file) return { model: await readModelFile(file), source: file };
  const deps = await openRuntime();
  try {
    const active = await requireActiveModel(deps);
    return { model: active.model, source: `active model version ${active.version}` };
  } finally {
    await deps.db.close();
  }
}

function trainingSummary(model: TriageModel): string {
  const s = modelSummary(model);
  const lines = [
    `Trained on ${s.rows} rows, ${s.labels} labels${s.outOfScopeLabel ? ` (plus "${s.outOfScopeLabel}" rows as out of scope)` : ''}, in ${(s.trainingMs / 1000).toFixed(1)} s.`,
  ];
  const cv = s.crossValidation;
  if (cv) {
    const parts = [`accuracy ${pct(cv.accuracy)}`, `macro-F1 ${pct(cv.macroF1)}`];
    if (cv.outOfScopeRecall !== null) parts.push(`in-scope accuracy ${pct(cv.inScopeAccuracy)}`, `out-of-scope recall ${pct(cv.outOfScopeRecall)}`);
    lines.push(`Cross-validation (${cv.folds} folds): ${parts.join(', ')}.`);
  }
  lines.push(`Out-of-scope threshold: confidence below ${s.threshold.toFixed(3)} (${s.thresholdMethod}).`);
  return `${lines.join('\n')}\n`;
}

function evaluationReport(m: Metrics, source: string): string {
  const lines = [
    `Model: ${source}`,
    `Rows: ${m.rows} (${m.outOfScope.support} labelled out of scope)`,
    `Accuracy: ${pct(m.accuracy)}`,
    `Macro-F1: ${pct(m.macroF1)}`,
    `In-scope accuracy: ${pct(m.inScopeAccuracy)} (out-of-scope verdicts on in-scope rows count as errors; ignoring them: ${pct(m.closedSetAccuracy)})`,
    `Out-of-scope precision: ${pct(m.outOfScope.precision)}, recall: ${pct(m.outOfScope.recall)} (${m.outOfScope.flagged} rows flagged)`,
    '',
    'label'.padEnd(32) + 'precision  recall  F1      support',
    ...m.perLabel.map((l) => `${l.label.padEnd(31).slice(0, 31)} ${pct(l.precision).padStart(9)}  ${pct(l.recall).padStart(6)}  ${pct(l.f1).padStart(6)}  ${String(l.support).padStart(7)}`),
  ];
  return `${lines.join('\n')}\n`;
}

function pct(x: number | null): string {
  return x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`;
}

function parseInteger(value: string): number {
  const n = Number.parseInt(value, 10);
  if (!Number.isInteger(n) || String(n) !== value.trim()) throw new InvalidArgumentError(`not a whole number: ${value}`);
  return n;
}
