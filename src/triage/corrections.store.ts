/** Queries of triage_corrections: agents' changes to triaged categories and priorities. */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/tables.js';
import type { TriageCorrectionRow, TriageCorrectionsTable } from './triage.tables.js';

export async function insertCorrection(db: Kysely<Database>, row: TriageCorrectionsTable): Promise<void> {
  await db.insertInto('triage_corrections').values(row).execute();
}

/** Corrections no retraining has used yet. */
export async function countUntrained(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('triage_corrections').select((eb) => eb.fn.countAll().as('n')).where('trained_at', 'is', null).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Every correction of a field, oldest first (a later one for the same ticket wins). */
export const correctionsOf = (db: Kysely<Database>, field: 'category' | 'priority', limit: number): Promise<TriageCorrectionRow[]> =>
  db.selectFrom('triage_corrections').selectAll().where('field', '=', field).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();

/** Marks the corrections made up to `until` as used by a retraining. */
export async function markTrained(db: Kysely<Database>, until: string, at: string): Promise<number> {
  const result = await db.updateTable('triage_corrections').set({ trained_at: at }).where('trained_at', 'is', null).where('created_at', '<=', until).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The newest corrections, for the admin page. */
export const recentCorrections = (db: Kysely<Database>, limit: number): Promise<TriageCorrectionRow[]> =>
  db.selectFrom('triage_corrections').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
