import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import { AppError } from '../platform/errors.js';
import { DIALECTS } from '../test-support/databases.js';
import { startTestApp, type TestContext } from '../test-support/harness.js';
import { createPredictor } from './classifier/predict.js';
import { trainModel } from './classifier/train.js';
import { fixtureSplit, inScopeRows } from './test-fixtures.js';
import { activateModelVersion, listModelVersions, loadActiveModel, requireActiveModel, saveActiveModel } from './triage-models.service.js';

const first = trainModel(fixtureSplit().train);
const second = trainModel(inScopeRows(), { seed: 3 });

describe.each(DIALECTS)('triage model versions on %s', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  it('has no active model before training, and says how to train one', async () => {
    expect(await loadActiveModel(t.deps)).toBeNull();
    const error = await requireActiveModel(t.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'conflict', status: 409 });
    expect((error as AppError).detail).toContain('frontline triage train');
  });

  it('saves versions, activates the newest, keeps the older ones, and rolls back', async () => {
    const v1 = await saveActiveModel(t.deps, SYSTEM_ACTOR, first);
    const v2 = await saveActiveModel(t.deps, SYSTEM_ACTOR, second);
    expect([v1.version, v2.version]).toEqual([1, 2]);
    const active = await requireActiveModel(t.deps);
    expect(active.version).toBe(2);
    expect(active.model.info.seed).toBe(3);
    // The stored model predicts exactly as the one trained in memory.
    const probe = 'my parcel still has not arrived';
    expect(createPredictor(active.model).predict(probe)).toEqual(createPredictor(second).predict(probe));

    const versions = await listModelVersions(t.deps);
    expect(versions.map((v) => [v.version, v.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(versions[1].metrics).toMatchObject({ rows: first.info.rows, labels: 6, outOfScopeLabel: 'oos', thresholdMethod: 'oos-balanced' });
    expect(versions[1].metrics.crossValidation?.accuracy).toBeGreaterThan(0.5);

    await activateModelVersion(t.deps, SYSTEM_ACTOR, 1);
    expect((await requireActiveModel(t.deps)).version).toBe(1);
    await expect(activateModelVersion(t.deps, SYSTEM_ACTOR, 99)).rejects.toMatchObject({ code: 'not_found' });
    expect((await requireActiveModel(t.deps)).version).toBe(1);

    const audit = await t.deps.db.kysely.selectFrom('audit_events').select(['action', 'entity_type']).where('entity_type', '=', 'triage_model').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['triage.model.trained', 'triage.model.trained', 'triage.model.activated']);
  });
});
