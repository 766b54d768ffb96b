/**
 * The triage settings in force (tier rules and signal knobs): the shipped defaults until an admin
 * saves their own; every save is a new version, validated and audited in one transaction.
 */
import { recordAudit } from '../../audit/audit.service.js';
import type { Actor } from '../../platform/auth/principal.js';
import { inTransaction, type Deps } from '../../platform/context.js';
import type { Database } from '../../platform/db/tables.js';
import { newId } from '../../platform/ids.js';
import type { Kysely } from 'kysely';
import { DEFAULT_TRIAGE_SETTINGS } from './default-rules.js';
import { checkPatternCost, compileRules } from './tier-rules.js';
import { TriageSettingsSchema, type TriageSettings } from './tiers.schema.js';
import * as store from './tiers.store.js';

export interface VersionedSettings {
  /** 0 for the shipped defaults. */
  version: number;
  source: 'default' | 'custom';
  updatedAt: string | null;
  updatedBy: string | null;
  settings: TriageSettings;
}

/** The settings in force. */
export async function currentSettings(db: Kysely<Database>): Promise<VersionedSettings> {
  const row = await store.latestSettingsRow(db);
  if (!row) return { version: 0, source: 'default', updatedAt: null, updatedBy: null, settings: DEFAULT_TRIAGE_SETTINGS };
  // Stored documents were validated when saved; parsing again fills defaults added since.
  const settings = TriageSettingsSchema.parse(JSON.parse(row.settings));
  return { version: row.version, source: 'custom', updatedAt: row.created_at, updatedBy: row.actor_label, settings };
}

/** Saves new settings (validated: shape by the route's schema, patterns here) as the next version. */
export async function saveSettings(deps: Deps, actor: Actor, settings: TriageSettings): Promise<VersionedSettings> {
  checkPatternCost(compileRules(settings));
  return inTransaction(deps, async (trx) => {
    const before = await currentSettings(trx);
    const version = (await store.latestSettingsVersion(trx)) + 1;
    const row = { id: newId(), version, created_at: deps.clock.now().toISOString(), actor_label: actor.label, settings: JSON.stringify(settings) };
    await store.insertSettingsRow(trx, row);
    await recordAudit(trx, deps.clock, {
      actor,
      action: 'triage.rules.updated',
      entityType: 'triage_rules',
      entityId: String(version),
      changes: { before: summary(before.version, before.settings), after: summary(version, settings) },
    });
    return { version, source: 'custom', updatedAt: row.created_at, updatedBy: actor.label, settings };
  });
}

/** What the audit trail keeps of a settings version (the full document is in triage_rules). */
function summary(version: number, settings: TriageSettings): Record<string, unknown> {
  return {
    version,
    defaultTier: settings.defaultTier,
    subtypes: settings.subtypes.map((s) => `${s.id}:T${s.tier}:w${s.weight}:${s.phrases.length}p/${s.patterns.length}r`),
    signals: settings.signals,
    learning: settings.learning,
  };
}
