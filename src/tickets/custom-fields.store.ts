import type { Kysely, Selectable, Updateable } from 'kysely';
import type { CustomFieldsTable, Database } from '../platform/db/tables.js';

export type CustomFieldRow = Selectable<CustomFieldsTable>;

export const listCustomFieldRows = (db: Kysely<Database>) =>
  db.selectFrom('custom_fields').selectAll().orderBy('position').orderBy('key').execute();

export const findCustomFieldRow = (db: Kysely<Database>, id: string) =>
  db.selectFrom('custom_fields').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertCustomField(db: Kysely<Database>, row: CustomFieldRow): Promise<void> {
  await db.insertInto('custom_fields').values(row).execute();
}

export async function updateCustomFieldRow(db: Kysely<Database>, id: string, changes: Updateable<CustomFieldsTable>): Promise<void> {
  await db.updateTable('custom_fields').set(changes).where('id', '=', id).execute();
}
