import { describe, expect, it } from 'vitest';
import { fixtureSplit, inScopeRows } from '../test-fixtures.js';
import { ModelFormatError, parseModel, serializeModel } from './model-file.js';
import { createPredictor } from './predict.js';
import { TrainingDataError, trainModel } from './train.js';

const { train, test } = fixtureSplit();
const inScopeTest = test.filter((r) => r.label !== 'oos');
const oosTest = test.filter((r) => r.label === 'oos');
const withOos = trainModel(train);
const withoutOos = trainModel(train.filter((r) => r.label !== 'oos'));

describe('category classifier', () => {
  it('labels held-out support texts correctly', () => {
    for (const model of [withOos, withoutOos]) {
      const predictor = createPredictor(model);
      const right = inScopeTest.filter((r) => {
        const p = predictor.predict(r.text);
        return p.label === r.label && !p.outOfScope;
      }).length;
      expect(right / inScopeTest.length).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('records cross-validated figures, labels and a threshold chosen from the training rows', () => {
    expect(withOos.labels).toEqual(['cancel_subscription', 'oos', 'password_reset', 'refund_request', 'report_bug', 'shipping_status', 'update_billing']);
    expect(withOos.oosClass).toBe(1);
    expect(withOos.info.rows).toBe(train.length);
    expect(withOos.info.thresholdMethod).toBe('oos-balanced');
    expect(withOos.info.crossValidation?.folds).toBe(5);
    expect(withOos.info.crossValidation?.accuracy).toBeGreaterThan(0.6);
    expect(withOos.info.crossValidation?.outOfScopeRecall).toBeGreaterThan(0);
    expect(withoutOos.info.thresholdMethod).toBe('quantile');
    expect(withoutOos.oosClass).toBe(-1);
    expect(withoutOos.threshold).toBeGreaterThan(0);
    expect(withoutOos.threshold).toBeLessThan(1);
  });

  it('flags out-of-scope texts more often than in-scope ones', () => {
    const predictor = createPredictor(withOos);
    const rate = (rows: typeof test) => rows.filter((r) => predictor.predict(r.text).outOfScope).length / rows.length;
    expect(rate(oosTest)).toBeGreaterThanOrEqual(0.375);
    expect(rate(oosTest)).toBeGreaterThan(rate(inScopeTest) + 0.25);
    // An out-of-scope verdict carries the out-of-scope label; the best guess stays available.
    for (const r of test) {
      const p = predictor.predict(r.text);
      expect(p.label).toBe(p.outOfScope ? 'oos' : p.guess);
      expect(withOos.labels).toContain(p.guess);
      expect(p.guess).not.toBe('oos');
    }
  });

  it('is less confident on out-of-scope texts even without out-of-scope training rows', () => {
    const predictor = createPredictor(withoutOos);
    const mean = (rows: typeof test) => rows.reduce((s, r) => s + predictor.predict(r.text).confidence, 0) / rows.length;
    expect(mean(oosTest)).toBeLessThan(mean(inScopeTest) - 0.1);
    // Without an oos class, a verdict still says `oos`, and the guess is one of the trained labels.
    expect(predictor.predict('').label).toBe('oos');
    for (const r of oosTest) expect(withoutOos.labels).toContain(predictor.predict(r.text).guess);
  });

  it('answers out of scope, with a reason, for empty or unknown text', () => {
    const predictor = createPredictor(withoutOos);
    expect(predictor.predict('   ')).toMatchObject({ outOfScope: true, confidence: 0, reason: 'empty_text' });
    expect(predictor.predict('ꙮꙮ ꙮ')).toMatchObject({ outOfScope: true, confidence: 0, reason: 'unknown_words' });
    const p = predictor.predict('I need a refund for the double charge');
    expect(p).toMatchObject({ label: 'refund_request', outOfScope: false, reason: 'in_scope' });
    expect(p.confidence).toBeGreaterThan(0.5);
    expect(p.confidence).toBeLessThanOrEqual(1);
    expect(p.alternatives).toHaveLength(2);
    expect(p.alternatives.map((a) => a.label)).not.toContain('refund_request');
  });

  it('is deterministic for a seed', () => {
    const again = trainModel(train);
    expect(again.weights).toEqual(withOos.weights);
    expect(again.bias).toEqual(withOos.bias);
    expect(again.threshold).toBe(withOos.threshold);
    const a = createPredictor(withOos);
    const b = createPredictor(again);
    for (const r of test) expect(b.predict(r.text)).toEqual(a.predict(r.text));
    const otherSeed = trainModel(train, { seed: 7 });
    expect(otherSeed.info.seed).toBe(7);
  });

  it('round-trips through the model file with identical predictions', () => {
    const json = serializeModel(withOos);
    const loaded = parseModel(json);
    expect(loaded.labels).toEqual(withOos.labels);
    expect(withOos.pairwise).not.toBeNull();
    expect(loaded.pairwise?.columns).toEqual(withOos.pairwise?.columns);
    expect(loaded.pairwise?.weights).toEqual(withOos.pairwise?.weights);
    expect(loaded.threshold).toBe(withOos.threshold);
    expect(loaded.info.crossValidation).toEqual(withOos.info.crossValidation);
    const file = JSON.parse(json);
    expect(file).toMatchObject({ format: 'frontline-triage-model', version: 1, oosLabel: 'oos' });
    expect(file.training).toMatchObject({ rows: train.length, seed: 1 });
    expect(typeof file.training.trainingMs).toBe('number');
    const a = createPredictor(withOos);
    const b = createPredictor(loaded);
    for (const r of test) expect(b.predict(r.text)).toEqual(a.predict(r.text));
  });

  it('rejects files that are not models, or of another version', () => {
    expect(() => parseModel('not json')).toThrow(ModelFormatError);
    expect(() => parseModel('{"format":"something-else"}')).toThrow(/Not a Frontline triage model/);
    const file = JSON.parse(serializeModel(withoutOos));
    expect(() => parseModel(JSON.stringify({ ...file, version: 99 }))).toThrow(/version 99 is not supported/);
    expect(() => parseModel(JSON.stringify({ ...file, labels: 'x' }))).toThrow(/malformed at labels/);
    expect(() => parseModel(JSON.stringify({ ...file, weights: { ...file.weights, bias: 'AAAAAAAAAAA=' } }))).toThrow(/do not match/);
    expect(() => parseModel(JSON.stringify({ ...file, pairwise: { ...file.pairwise, columns: 'AAAA' } }))).toThrow(/tie-breakers do not match/);
  });

  it('refuses a single label, and warns about labels with one example', () => {
    expect(() => trainModel([{ text: 'a', label: 'x' }, { text: 'b', label: 'x' }])).toThrow(TrainingDataError);
    const rows = [...inScopeRows(), { text: 'my invoice shows the wrong tax rate', label: 'tax_question' }];
    const model = trainModel(rows);
    expect(model.labels).toContain('tax_question');
    expect(model.info.warnings.join(' ')).toMatch(/fewer than 2 examples.*tax_question/);
  });
});
