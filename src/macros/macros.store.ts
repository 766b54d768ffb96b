import { sql, type Kysely, type Updateable } from 'kysely';
import type { Database } from '../platform/db/tables.js';
import type { MacroRow, MacrosTable } from './macros.tables.js';

export const findMacroRow = (db: Kysely<Database>, id: string) => db.selectFrom('macros').selectAll().where('id', '=', id).executeTakeFirst();

/** Macros by name; optionally only active or inactive ones. */
export function findMacroRows(db: Kysely<Database>, active?: boolean) {
  let query = db.selectFrom('macros').selectAll();
  if (active !== undefined) query = query.where('active', '=', active ? 1 : 0);
  return query.orderBy('name').orderBy('id').execute();
}

/** The macro whose name equals `name` ignoring case, if any. */
export const findMacroByName = (db: Kysely<Database>, name: string) =>
  db.selectFrom('macros').select(['id', 'name']).where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();

export async function insertMacro(db: Kysely<Database>, row: MacroRow): Promise<void> {
  await db.insertInto('macros').values(row).execute();
}

export async function updateMacroRow(db: Kysely<Database>, id: string, changes: Updateable<MacrosTable>): Promise<void> {
  await db.updateTable('macros').set(changes).where('id', '=', id).execute();
}

export async function deleteMacroRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('macros').where('id', '=', id).execute();
}

/** Counts one use (an increment in SQL, so concurrent uses all count). */
export async function countMacroUse(db: Kysely<Database>, id: string, at: string): Promise<void> {
  await db.updateTable('macros').set({ usage_count: sql<number>`usage_count + 1`, last_used_at: at }).where('id', '=', id).execute();
}
