/**
 * Triage over files, for the CLI: train from a labelled file, predict a file into JSON lines,
 * evaluate on a labelled file, and read or write model files. Inputs stream row by row
 * (training keeps the rows, since it needs them all); predictions are written to a temporary
 * file that replaces the output only when every row succeeded, so bad input loses nothing.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeJsonLinesAtomically } from '../platform/files/json-lines.js';
import type { TrainOptions, TriageModel } from './classifier/model.js';
import { ModelFormatError, parseModel, serializeModel } from './classifier/model-file.js';
import { evaluatePredictions, type Metrics, type ScoredRow } from './classifier/metrics.js';
import type { Predictor } from './classifier/predict.js';
import { trainModel } from './classifier/train.js';
import { DatasetError, readAllRows, readDataset } from './dataset/read-rows.js';

export interface TrainFromFileResult {
  model: TriageModel;
  /** Rows without a label, left out of training. */
  unlabelled: number;
}

/** Trains a model on the labelled rows of a .csv or .jsonl file. */
export async function trainFromFile(
  path: string,
  columns: { text: string; label: string },
  options: Partial<TrainOptions> = {},
  onStage?: (stage: string) => void,
): Promise<TrainFromFileResult> {
  const rows = await readAllRows(path, columns);
  const labelled = rows.filter((r) => r.label !== null).map((r) => ({ text: r.text, label: r.label as string }));
  if (labelled.length === 0) throw new DatasetError(`No row of ${path} has a value in column "${columns.label}"`);
  const model = trainModel(labelled, options, onStage);
  if (labelled.length < rows.length) model.info.warnings.push(`${rows.length - labelled.length} row(s) without a label were left out`);
  return { model, unlabelled: rows.length - labelled.length };
}

export interface PredictFileResult {
  rows: number;
  outOfScope: number;
  seconds: number;
}

/** Predicts every row of a file, writing one JSON line per row, in order, to `outPath`. */
export async function predictFile(predictor: Predictor, path: string, textColumn: string, outPath: string): Promise<PredictFileResult> {
  const outDir = await stat(dirname(outPath)).catch(() => null);
  if (!outDir?.isDirectory()) throw new DatasetError(`Output directory does not exist: ${dirname(outPath)}`);
  const started = performance.now();
  let rows = 0;
  let outOfScope = 0;
  await writeJsonLinesAtomically(outPath, async (write) => {
    for await (const row of readDataset(path, { text: textColumn })) {
      const p = predictor.predict(row.text);
      rows++;
      if (p.outOfScope) outOfScope++;
      await write({ label: p.label, confidence: round(p.confidence), outOfScope: p.outOfScope });
    }
  });
  return { rows, outOfScope, seconds: (performance.now() - started) / 1000 };
}

export interface EvaluateFileResult {
  metrics: Metrics;
  seconds: number;
}

/** Predicts every labelled row of a file and compares with the labels (see metrics.ts). */
export async function evaluateFile(predictor: Predictor, path: string, columns: { text: string; label: string }, oosLabel = 'oos'): Promise<EvaluateFileResult> {
  const started = performance.now();
  const scored: ScoredRow[] = [];
  for await (const row of readDataset(path, columns)) {
    if (row.label === null) throw new DatasetError(`${path} line ${row.line}: no value in column "${columns.label}"`);
    const p = predictor.predict(row.text);
    scored.push({ gold: row.label, predicted: p.label, outOfScope: p.outOfScope, guess: p.guess });
  }
  return { metrics: evaluatePredictions(scored, oosLabel), seconds: (performance.now() - started) / 1000 };
}

/** Reads a model file written by `writeModelFile` (or `triage train --model-out`). */
export async function readModelFile(path: string): Promise<TriageModel> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new DatasetError(error.code === 'ENOENT' ? `Model file not found: ${path}` : `Cannot read model file ${path}: ${error.message}`);
  });
  try {
    return parseModel(text);
  } catch (error) {
    if (error instanceof ModelFormatError) throw new ModelFormatError(`${path}: ${error.message}`);
    throw error;
  }
}

/** Writes the model file; returns its size in bytes. */
export async function writeModelFile(path: string, model: TriageModel): Promise<number> {
  const json = serializeModel(model);
  await writeFile(path, json, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new DatasetError(`Cannot write model file ${path}: ${error.message}`);
  });
  return Buffer.byteLength(json);
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
