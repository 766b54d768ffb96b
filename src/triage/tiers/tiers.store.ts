/** Queries of triage_rules (settings versions) and triage_tier_models (learned tier models). */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/tables.js';
import type { TriageRulesTable, TriageModelsTable } from '../triage.tables.js';

/** The settings in force (highest version), if an admin ever saved some. */
export const latestSettingsRow = (db: Kysely<Database>) => db.selectFrom('triage_rules').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();

/** The version number in force, or 0 (the shipped defaults). Cheap: to check a cache. */
export async function latestSettingsVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('triage_rules').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}

export async function insertSettingsRow(db: Kysely<Database>, row: TriageRulesTable): Promise<void> {
  await db.insertInto('triage_rules').values(row).execute();
}

/** The active tier model's version, if any. */
export const activeTierModelVersion = (db: Kysely<Database>) => db.selectFrom('triage_tier_models').select(['version']).where('active', '=', 1).executeTakeFirst();

export const activeTierModelRow = (db: Kysely<Database>) => db.selectFrom('triage_tier_models').selectAll().where('active', '=', 1).executeTakeFirst();

export async function maxTierModelVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('triage_tier_models').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** Stores a tier model version as the only active one. */
export async function insertActiveTierModel(db: Kysely<Database>, row: TriageModelsTable): Promise<void> {
  await db.updateTable('triage_tier_models').set({ active: 0 }).where('active', '=', 1).execute();
  await db.insertInto('triage_tier_models').values(row).execute();
}

/** Tier model versions without their model files, newest first. */
export const listTierModelRows = (db: Kysely<Database>) =>
  db.selectFrom('triage_tier_models').select(['id', 'version', 'created_at', 'active', 'metrics']).orderBy('version', 'desc').execute();
