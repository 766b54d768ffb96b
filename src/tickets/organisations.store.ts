import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database, OrganisationsTable } from '../platform/db/tables.js';
import { afterKeyset, chunks, columnContains, containsPattern, type Keyset } from './listing.js';

export type OrganisationRow = Selectable<OrganisationsTable>;

export const findOrganisationRow = (db: Kysely<Database>, id: string) =>
  db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();

/** The organisation whose name equals `name` ignoring case, if any. */
export const findOrganisationByName = (db: Kysely<Database>, name: string) =>
  db.selectFrom('organisations').select(['id', 'name']).where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();

/** Organisations by name, after a keyset, optionally filtered by part of the name. */
export function findOrganisationRows(db: Kysely<Database>, filter: { q?: string; limit: number; after?: Keyset }) {
  let query = db.selectFrom('organisations').selectAll();
  if (filter.q) query = query.where(columnContains('name', containsPattern(filter.q)));
  if (filter.after) query = query.where(afterKeyset('name', 'id', filter.after));
  return query.orderBy('name').orderBy('id').limit(filter.limit).execute();
}

/** Names of the organisations with these ids (a page's worth), by id. */
export async function organisationNames(db: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function insertOrganisation(db: Kysely<Database>, row: OrganisationRow): Promise<void> {
  await db.insertInto('organisations').values(row).execute();
}

export async function updateOrganisationRow(db: Kysely<Database>, id: string, changes: Updateable<OrganisationsTable>): Promise<void> {
  await db.updateTable('organisations').set(changes).where('id', '=', id).execute();
}

/** Deletes the organisation; its domains go with it and its customers and tickets are detached (FKs). */
export async function deleteOrganisationRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('organisations').where('id', '=', id).execute();
}

/** Domains of each organisation, sorted, keyed by organisation id. */
export async function domainsOf(db: Kysely<Database>, organisationIds: string[]): Promise<Map<string, string[]>> {
  const byOrg = new Map<string, string[]>(organisationIds.map((id) => [id, []]));
  if (organisationIds.length === 0) return byOrg;
  const rows = await db.selectFrom('organisation_domains').selectAll().where('organisation_id', 'in', organisationIds).orderBy('domain').execute();
  for (const row of rows) byOrg.get(row.organisation_id)?.push(row.domain);
  return byOrg;
}

/** Which of these domains already belong to an organisation, and to which. */
export const findDomainOwners = (db: Kysely<Database>, domains: string[]) =>
  domains.length === 0 ? Promise.resolve([]) : db.selectFrom('organisation_domains').selectAll().where('domain', 'in', domains).execute();

export async function replaceDomains(db: Kysely<Database>, organisationId: string, domains: string[]): Promise<void> {
  await db.deleteFrom('organisation_domains').where('organisation_id', '=', organisationId).execute();
  if (domains.length > 0) {
    await db.insertInto('organisation_domains').values(domains.map((domain) => ({ domain, organisation_id: organisationId }))).execute();
  }
}

/**
 * Customers without an organisation whose email is at one of the domains. Emails are stored
 * lower-case and domains cannot hold LIKE wildcards, so `%@domain` matches exactly that domain.
 */
export async function unattachedCustomerIds(db: Kysely<Database>, domains: string[]): Promise<string[]> {
  if (domains.length === 0) return [];
  const rows = await db
    .selectFrom('customers')
    .select('id')
    .where('organisation_id', 'is', null)
    .where((eb) => eb.or(domains.map((domain) => eb('email', 'like', `%@${domain}`))))
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Attaches customers to the organisation, and their tickets that have no organisation.
 * Returns how many tickets it changed.
 */
export async function attachCustomers(db: Kysely<Database>, organisationId: string, customerIds: string[], now: string): Promise<number> {
  let tickets = 0;
  for (const ids of chunks(customerIds)) {
    await db.updateTable('customers').set({ organisation_id: organisationId, updated_at: now }).where('id', 'in', ids).execute();
    const result = await db
      .updateTable('tickets')
      .set({ organisation_id: organisationId })
      .where('requester_id', 'in', ids)
      .where('organisation_id', 'is', null)
      .executeTakeFirst();
    tickets += Number(result.numUpdatedRows);
  }
  return tickets;
}

/** How many customers and tickets belong to the organisation. */
export async function organisationCounts(db: Kysely<Database>, id: string): Promise<{ customerCount: number; ticketCount: number }> {
  const [customers, tickets] = await Promise.all([
    db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', id).executeTakeFirstOrThrow(),
  ]);
  return { customerCount: Number(customers.n), ticketCount: Number(tickets.n) };
}
