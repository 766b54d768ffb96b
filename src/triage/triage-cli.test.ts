import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/cli.js';
import { scratchDir } from '../test-support/scratch.js';
import { writeModelFile } from './batch.service.js';
import { trainModel } from './classifier/train.js';
import { fixtureSplit } from './test-fixtures.js';

const scratch = scratchDir('triage-cli');
const at = scratch.path;
const { train, test } = fixtureSplit();
const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
scratch.file('train.csv', `id,body,category\n${train.map((r, i) => `${i},${csvCell(r.text)},${r.label}`).join('\r\n')}\r\n`);
scratch.file('test.jsonl', test.map((r) => JSON.stringify({ body: r.text, category: r.label })).join('\n'));
const env = { DATABASE_URL: at('frontline.db') };
beforeAll(() => writeModelFile(at('fixture-model.json'), trainModel(train)));
afterAll(() => scratch.remove());

describe('frontline triage', { timeout: 120_000 }, () => {
  it('trains to a model file, predicts one JSON line per row in order, and evaluates', async () => {
    const trained = await runCli(['triage', 'train', '--input', at('train.csv'), '--text-column', 'body', '--label-column', 'category', '--model-out', at('model.json')], env);
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/Trained on 98 rows, 6 labels \(plus "oos" rows as out of scope\)/);
    expect(trained.stdout).toMatch(/Cross-validation \(5 folds\): accuracy \d+\.\d%/);
    expect(JSON.parse(readFileSync(at('model.json'), 'utf8'))).toMatchObject({ format: 'frontline-triage-model', version: 1 });
    // A model file needs no database.
    expect(existsSync(at('frontline.db'))).toBe(false);

    const predicted = await runCli(['triage', 'predict', '--input', at('test.jsonl'), '--text-column', 'body', '--model', at('model.json'), '--output', at('out.jsonl')], env);
    expect(predicted.code).toBe(0);
    const lines = readFileSync(at('out.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(test.length);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['label', 'confidence', 'outOfScope']);
      expect(typeof line.label).toBe('string');
      expect(line.confidence).toBeGreaterThanOrEqual(0);
      expect(line.confidence).toBeLessThanOrEqual(1);
      expect(typeof line.outOfScope).toBe('boolean');
    }
    const inScope = test.map((r, i) => [r, lines[i]] as const).filter(([r]) => r.label !== 'oos');
    expect(inScope.filter(([r, p]) => p.label === r.label).length).toBeGreaterThanOrEqual(25);

    const evaluated = await runCli(['triage', 'eval', '--input', at('test.jsonl'), '--text-column', 'body', '--label-column', 'category', '--model', at('model.json'), '--json'], env);
    expect(evaluated.code).toBe(0);
    const figures = JSON.parse(evaluated.stdout);
    expect(figures).toMatchObject({ rows: test.length, outOfScope: { support: 8 } });
    expect(figures.accuracy).toBeGreaterThan(0.7);
    expect(figures.macroF1).toBeGreaterThan(0.6);
    expect(figures.outOfScope.recall).toBeGreaterThan(0);
    expect(figures.perLabel.map((l: { label: string }) => l.label)).toContain('refund_request');
    expect(Object.keys(figures.perLabel[0]).sort()).toEqual(['f1', 'label', 'precision', 'recall', 'support']);

    const report = await runCli(['triage', 'eval', '--input', at('test.jsonl'), '--text-column', 'body', '--label-column', 'category', '--model', at('model.json')], env);
    expect(report.stdout).toMatch(/^Accuracy: \d+\.\d%$/m);
    expect(report.stdout).toMatch(/^Macro-F1: /m);
    expect(report.stdout).toMatch(/^Out-of-scope precision: .*, recall: /m);
    expect(report.stdout).toMatch(/^refund_request +\d+\.\d%/m);
  });

  it('activates a model in the database when no --model-out is given, and predicts with it', async () => {
    const predictArgs = ['triage', 'predict', '--input', at('test.jsonl'), '--text-column', 'body', '--output', at('db-out.jsonl')];
    const before = await runCli(predictArgs, env);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/No triage model has been trained yet: run `frontline triage train/);
    expect(before.stderr.trim().split('\n')).toHaveLength(1);

    const trained = await runCli(['triage', 'train', '--input', at('train.csv'), '--text-column', 'body', '--label-column', 'category'], env);
    expect(trained.code).toBe(0);
    expect(trained.stdout).toContain('Model version 1 is now the active model');
    const after = await runCli(predictArgs, env);
    expect(after.code).toBe(0);
    expect(readFileSync(at('db-out.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(test.length);
  });

  it('answers bad input with a one-line error and exit code 1', async () => {
    scratch.file('empty.csv', '');
    scratch.file('notes.txt', 'body,category\nx,y\n');
    scratch.file('broken.jsonl', '{"body":"where is my parcel"}\n{"body":"refund please"}\n{"body": oops}\n');
    const model = ['--model', at('fixture-model.json')];
    const cases: [string[], RegExp][] = [
      [['triage', 'train', '--input', at('missing.csv'), '--text-column', 'body', '--label-column', 'category', '--model-out', at('m2.json')], /Input file not found: .*missing\.csv/],
      [['triage', 'train', '--input', at('train.csv'), '--text-column', 'text', '--label-column', 'category', '--model-out', at('m2.json')], /Column "text" not found in .*train\.csv; columns found: "id", "body", "category"/],
      [['triage', 'eval', '--input', at('empty.csv'), '--text-column', 'body', '--label-column', 'category', ...model], /Input file is empty/],
      [['triage', 'predict', '--input', at('notes.txt'), '--text-column', 'body', ...model, '--output', at('x.jsonl')], /Unsupported input file type "\.txt"/],
      [['triage', 'predict', '--input', at('test.jsonl'), '--text-column', 'body', '--model', at('nope.json'), '--output', at('x.jsonl')], /Model file not found/],
      [['triage', 'predict', '--input', at('train.csv'), '--text-column', 'body', '--model', at('train.csv'), '--output', at('x.jsonl')], /not valid JSON/],
      // Rows before the bad line were predicted, but no partial output is left behind.
      [['triage', 'predict', '--input', at('broken.jsonl'), '--text-column', 'body', ...model, '--output', at('x.jsonl')], /broken\.jsonl line 3: not valid JSON/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args, env)));
    results.forEach((result, i) => {
      expect(result.code, cases[i][0].join(' ')).toBe(1);
      expect(result.stderr).toMatch(cases[i][1]);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    });
    expect(existsSync(at('m2.json'))).toBe(false);
    expect(existsSync(at('x.jsonl'))).toBe(false);
  });
});
