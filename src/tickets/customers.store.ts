import type { Kysely, Selectable } from 'kysely';
import type { CustomersTable, Database } from '../platform/db/tables.js';

export type CustomerRow = Selectable<CustomersTable>;

export const findCustomerByEmail = (db: Kysely<Database>, email: string) =>
  db.selectFrom('customers').selectAll().where('email', '=', email).executeTakeFirst();

export const findCustomerById = (db: Kysely<Database>, id: string) =>
  db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertCustomer(db: Kysely<Database>, row: CustomerRow): Promise<void> {
  await db.insertInto('customers').values(row).execute();
}

/** The organisation that owns an email domain, if any. */
export const findOrganisationIdByDomain = async (db: Kysely<Database>, domain: string) =>
  (await db.selectFrom('organisation_domains').select('organisation_id').where('domain', '=', domain).executeTakeFirst())?.organisation_id ?? null;
