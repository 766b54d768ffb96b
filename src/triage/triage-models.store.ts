/** Queries of the triage_models table (model versions; at most one active). */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../platform/db/tables.js';
import type { TriageModelsTable } from './triage.tables.js';

export type TriageModelRow = Selectable<TriageModelsTable>;
export type TriageModelSummaryRow = Omit<TriageModelRow, 'model'>;

/** The highest version number stored, or 0. */
export async function maxModelVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('triage_models').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** Inserts one model version. */
export async function insertModelRow(db: Kysely<Database>, row: TriageModelRow): Promise<void> {
  await db.insertInto('triage_models').values(row).execute();
}

/** Clears the active flag of every model. */
export async function deactivateModels(db: Kysely<Database>): Promise<void> {
  await db.updateTable('triage_models').set({ active: 0 }).where('active', '=', 1).execute();
}

/** Sets the active flag of one version; returns how many rows changed (0: no such version). */
export async function activateModelRow(db: Kysely<Database>, version: number): Promise<number> {
  const result = await db.updateTable('triage_models').set({ active: 1 }).where('version', '=', version).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The active model with its stored file, if any. */
export const findActiveModelRow = (db: Kysely<Database>) => db.selectFrom('triage_models').selectAll().where('active', '=', 1).executeTakeFirst();

/** The active model's id and version only (cheap: to check whether a cached model is current). */
export const findActiveModelVersion = (db: Kysely<Database>) => db.selectFrom('triage_models').select(['id', 'version']).where('active', '=', 1).executeTakeFirst();

/** Every version without the model files, newest first. */
export const listModelRows = (db: Kysely<Database>): Promise<TriageModelSummaryRow[]> =>
  db.selectFrom('triage_models').select(['id', 'version', 'created_at', 'active', 'metrics']).orderBy('version', 'desc').execute();
