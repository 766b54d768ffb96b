import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainingExample } from '../../src/triage/classifier/train.js';

/** CLINC150's `data_full.json`: a split by name (`train`, `val`, `test`, `oos_train` …) as labelled rows. */
export function clincSplits(path: string): (split: string) => TrainingExample[] {
  const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, [string, string][]>;
  return (split) => {
    const rows = data[split];
    if (!rows) throw new Error(`CLINC150 ${path} has no split ${split}`);
    return rows.map(([text, label]) => ({ text, label }));
  };
}

/** A split of HWU64 (`train`, `valid`, `test`): the folder's `seq.in` texts with their `label` lines. */
export function hwuSplit(dir: string, part: string): TrainingExample[] {
  const texts = readFileSync(join(dir, part, 'seq.in'), 'utf8').trimEnd().split('\n');
  const labels = readFileSync(join(dir, part, 'label'), 'utf8').trimEnd().split('\n');
  if (texts.length !== labels.length) throw new Error(`HWU64 ${part}: ${texts.length} texts but ${labels.length} labels`);
  return texts.map((text, i) => ({ text, label: labels[i]! }));
}
