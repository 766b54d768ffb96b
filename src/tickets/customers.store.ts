import type { Kysely, Selectable, Updateable } from 'kysely';
import { CompiledStatements } from '../platform/db/compiled.js';
import type { CustomersTable, Database } from '../platform/db/tables.js';
import { afterKeyset, columnContains, containsPattern, type Keyset } from './listing.js';

export type CustomerRow = Selectable<CustomersTable>;

// Every new ticket looks its requester up by email: compiled once.
const statements = new CompiledStatements();

export const findCustomerByEmail = async (db: Kysely<Database>, email: string): Promise<CustomerRow | undefined> =>
  (await statements.run<CustomerRow>(db, 'customer-by-email', (k: Kysely<Database>) => k.selectFrom('customers').selectAll().where('email', '=', ''), [email]))[0];

export const findCustomerById = (db: Kysely<Database>, id: string) =>
  db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertCustomer(db: Kysely<Database>, row: CustomerRow): Promise<void> {
  await db.insertInto('customers').values(row).execute();
}

/**
 * Inserts the customer unless one with the email exists; true when this call inserted it.
 * Two requests for a new email at once (PostgreSQL) then both succeed: one inserts, the other
 * waits for it and finds the row, instead of failing on the unique index.
 */
export async function insertCustomerIfNew(db: Kysely<Database>, row: CustomerRow): Promise<boolean> {
  const inserted = await db.insertInto('customers').values(row).onConflict((oc) => oc.column('email').doNothing()).returning('id').executeTakeFirst();
  return inserted !== undefined;
}

/** The organisation that owns an email domain, if any. */
export const findOrganisationIdByDomain = async (db: Kysely<Database>, domain: string) =>
  (await db.selectFrom('organisation_domains').select('organisation_id').where('domain', '=', domain).executeTakeFirst())?.organisation_id ?? null;

/** Customers by email, after a keyset, filtered by part of email or name and by organisation. */
export function findCustomerRows(db: Kysely<Database>, filter: { q?: string; organisation?: string | null; limit: number; after?: Keyset }) {
  let query = db.selectFrom('customers').selectAll();
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) => eb.or([columnContains('email', pattern), columnContains('name', pattern)]));
  }
  if (filter.organisation === null) query = query.where('organisation_id', 'is', null);
  else if (filter.organisation) query = query.where('organisation_id', '=', filter.organisation);
  if (filter.after) query = query.where(afterKeyset('email', 'id', filter.after));
  return query.orderBy('email').orderBy('id').limit(filter.limit).execute();
}

export async function updateCustomerRow(db: Kysely<Database>, id: string, changes: Updateable<CustomersTable>): Promise<void> {
  await db.updateTable('customers').set(changes).where('id', '=', id).execute();
}

/** Gives the customer's tickets that have no organisation this one. */
export async function fillTicketOrganisation(db: Kysely<Database>, customerId: string, organisationId: string): Promise<void> {
  await db.updateTable('tickets').set({ organisation_id: organisationId }).where('requester_id', '=', customerId).where('organisation_id', 'is', null).execute();
}

/** How many tickets the customer has requested, per status. */
export const ticketCountsByStatus = (db: Kysely<Database>, customerId: string) =>
  db
    .selectFrom('tickets')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('requester_id', '=', customerId)
    .groupBy('status')
    .execute();
