import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/tables.js';
import type { HelpCenterSettingsRow } from './helpcenter.tables.js';

type Db = Kysely<Database>;
const ROW_ID = 'default';

/** The settings row, if one was ever saved. */
export const findSettingsRow = (db: Db) => db.selectFrom('helpcenter_settings').selectAll().where('id', '=', ROW_ID).executeTakeFirst();

/** Writes the settings row, inserting it the first time. */
export async function saveSettingsRow(db: Db, row: Omit<HelpCenterSettingsRow, 'id'>, exists: boolean): Promise<void> {
  if (exists) await db.updateTable('helpcenter_settings').set(row).where('id', '=', ROW_ID).execute();
  else await db.insertInto('helpcenter_settings').values({ id: ROW_ID, ...row }).execute();
}
