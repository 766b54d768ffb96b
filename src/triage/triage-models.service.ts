/**
 * Model versions in the database: training saves a new version and makes it active; older
 * versions are kept with their metrics so that an admin can go back to one.
 */
import { recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/principal.js';
import { inTransaction, type Deps } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import type { TriageModel } from './classifier/model.js';
import { parseModel, serializeModel } from './classifier/model-file.js';
import { modelSummary, type ModelSummary } from './model-summary.js';
import * as store from './triage-models.store.js';

export interface ModelVersion {
  id: string;
  version: number;
  createdAt: string;
  active: boolean;
  metrics: ModelSummary;
}

/** Stores the model as a new version and makes it the active one (one transaction, audited). */
export async function saveActiveModel(deps: Deps, actor: Actor, model: TriageModel): Promise<ModelVersion> {
  const json = serializeModel(model);
  const metrics = modelSummary(model);
  return inTransaction(deps, async (trx) => {
    const previous = await store.findActiveModelVersion(trx);
    const version = (await store.maxModelVersion(trx)) + 1;
    const row = { id: newId(), version, created_at: deps.clock.now().toISOString(), active: 1, metrics: JSON.stringify(metrics), model: json };
    await store.deactivateModels(trx);
    await store.insertModelRow(trx, row);
    await recordAudit(trx, deps.clock, {
      actor,
      action: 'triage.model.trained',
      entityType: 'triage_model',
      entityId: row.id,
      changes: { before: previous ? { activeVersion: previous.version } : undefined, after: { activeVersion: version, ...metrics } },
    });
    return { id: row.id, version, createdAt: row.created_at, active: true, metrics };
  });
}

/** The active model, parsed, or null when none has been trained. */
export async function loadActiveModel(deps: Deps): Promise<{ version: number; model: TriageModel } | null> {
  const row = await store.findActiveModelRow(deps.db.kysely);
  return row ? { version: row.version, model: parseModel(row.model) } : null;
}

/** The active model, or an error telling how to train one. */
export async function requireActiveModel(deps: Deps): Promise<{ version: number; model: TriageModel }> {
  const active = await loadActiveModel(deps);
  if (!active) {
    throw new AppError('conflict', 'No triage model has been trained yet: run `frontline triage train --input FILE --text-column C --label-column L`', { reason: 'no_triage_model' });
  }
  return active;
}

/** Every stored version with its metrics, newest first. */
export async function listModelVersions(deps: Deps): Promise<ModelVersion[]> {
  const rows = await store.listModelRows(deps.db.kysely);
  return rows.map((r) => ({ id: r.id, version: r.version, createdAt: r.created_at, active: r.active === 1, metrics: JSON.parse(r.metrics) as ModelSummary }));
}

/** Makes a stored version the active one again (a roll-back), audited. */
export async function activateModelVersion(deps: Deps, actor: Actor, version: number): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const previous = await store.findActiveModelVersion(trx);
    await store.deactivateModels(trx);
    if ((await store.activateModelRow(trx, version)) === 0) throw new AppError('not_found', `Triage model version ${version} was not found`);
    await recordAudit(trx, deps.clock, {
      actor,
      action: 'triage.model.activated',
      entityType: 'triage_model',
      entityId: String(version),
      changes: { before: { activeVersion: previous?.version ?? null }, after: { activeVersion: version } },
    });
  });
}
