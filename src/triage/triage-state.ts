/**
 * What triage runs with, kept in memory: the compiled tier rules, the category predictor and the
 * learned tier predictor, each for one version. Versions are checked against the database at
 * most once per `recheckMs` (three indexed one-row reads) and a model is parsed only when its
 * version changed, so a prediction never loads a model. `invalidate()` makes the next call look
 * again at once (after this process trained, rolled back or saved rules).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/tables.js';
import { createPredictor, type Predictor } from './classifier/predict.js';
import { parseModel } from './classifier/model-file.js';
import { compileRules, type CompiledRules } from './tiers/tier-rules.js';
import { currentSettings } from './tiers/tiers.service.js';
import type { TriageSettings } from './tiers/tiers.schema.js';
import { activeTierModelRow, activeTierModelVersion, latestSettingsVersion } from './tiers/tiers.store.js';
import { findActiveModelRow, findActiveModelVersion } from './triage-models.store.js';

export interface LoadedModel {
  version: number;
  predictor: Predictor;
}

export interface TriageState {
  rulesVersion: number;
  settings: TriageSettings;
  rules: CompiledRules;
  category: LoadedModel | null;
  tierModel: LoadedModel | null;
}

export class TriageStateCache {
  private state: TriageState | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly recheckMs = 1_000) {}

  /** Makes the next `current()` compare versions with the database. */
  invalidate(): void {
    this.checkedAt = Number.NEGATIVE_INFINITY;
  }

  /** The state for the versions in force; `db` may be the caller's open transaction. */
  async current(db: Kysely<Database>): Promise<TriageState> {
    if (this.state && performance.now() - this.checkedAt < this.recheckMs) return this.state;
    const [rulesVersion, category, tier] = await Promise.all([latestSettingsVersion(db), findActiveModelVersion(db), activeTierModelVersion(db)]);
    const previous = this.state;
    const next: TriageState =
      previous && previous.rulesVersion === rulesVersion ? { ...previous } : { ...(await loadRules(db)), category: previous?.category ?? null, tierModel: previous?.tierModel ?? null };
    if ((next.category?.version ?? null) !== (category?.version ?? null)) next.category = await loadCategoryModel(db);
    if ((next.tierModel?.version ?? null) !== (tier?.version ?? null)) next.tierModel = await loadTierModel(db);
    this.state = next;
    this.checkedAt = performance.now();
    return next;
  }
}

async function loadRules(db: Kysely<Database>): Promise<TriageState> {
  const { version, settings } = await currentSettings(db);
  return { rulesVersion: version, settings, rules: compileRules(settings), category: null, tierModel: null };
}

async function loadCategoryModel(db: Kysely<Database>): Promise<LoadedModel | null> {
  const row = await findActiveModelRow(db);
  return row ? { version: row.version, predictor: createPredictor(parseModel(row.model)) } : null;
}

async function loadTierModel(db: Kysely<Database>): Promise<LoadedModel | null> {
  const row = await activeTierModelRow(db);
  return row ? { version: row.version, predictor: createPredictor(parseModel(row.model)) } : null;
}
