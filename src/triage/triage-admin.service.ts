/** Model versions as the admin routes show them: the active model with its labels, versions, roll-back. */
import type { Actor } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import type { ModelSummary } from './model-summary.js';
import { listTierModelRows } from './tiers/tiers.store.js';
import * as models from './triage-models.service.js';
import type { TriageEngine } from './triage.service.js';

export const listModelVersions = models.listModelVersions;

/** The active category model: version, metrics and labels; 409 `no_triage_model` without one. */
export async function activeModelDetail(deps: Deps, engine: TriageEngine): Promise<models.ModelVersion & { labels: string[] }> {
  const state = await engine.requireModel();
  const version = (await models.listModelVersions(deps)).find((v) => v.version === state.category!.version)!;
  const { labels, oosClass } = state.category!.predictor.model;
  return { ...version, labels: labels.filter((_, k) => k !== oosClass) };
}

/** Rolls back (or forward) to a stored version; the engine uses it from the next ticket on. */
export async function activateModelVersion(deps: Deps, engine: TriageEngine, actor: Actor, version: number): Promise<models.ModelVersion> {
  await models.activateModelVersion(deps, actor, version);
  engine.invalidate();
  return (await models.listModelVersions(deps)).find((v) => v.version === version)!;
}

/** Learned tier model versions, newest first. */
export async function listTierModelVersions(deps: Deps): Promise<models.ModelVersion[]> {
  const rows = await listTierModelRows(deps.db.kysely);
  return rows.map((r) => ({ id: r.id, version: r.version, createdAt: r.created_at, active: Number(r.active) === 1, metrics: JSON.parse(r.metrics) as ModelSummary }));
}
