import type { Kysely } from 'kysely';
import type { Actor } from '../platform/auth/principal.js';
import type { Clock } from '../platform/clock.js';
import { inTransaction, type Deps } from '../platform/context.js';
import type { Database } from '../platform/db/tables.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { diff, recordAudit } from '../audit/audit.service.js';
import { decodeKeyset, toPage } from './listing.js';
import type { CreateOrganisationInput, ListOrganisationsFilter, Organisation, OrganisationDetail, UpdateOrganisationInput } from './organisations.schema.js';
import {
  attachCustomers,
  deleteOrganisationRow,
  domainsOf,
  findDomainOwners,
  findOrganisationByName,
  findOrganisationRow,
  findOrganisationRows,
  insertOrganisation,
  organisationCounts,
  replaceDomains,
  unattachedCustomerIds,
  updateOrganisationRow,
  type OrganisationRow,
} from './organisations.store.js';

// The audit trail lists at most this many attached customer ids; the count is always exact.
const AUDITED_IDS = 200;

const toOrganisation = (row: OrganisationRow, domains: string[]): Organisation => ({
  id: row.id,
  name: row.name,
  domains,
  plan: row.plan,
  vip: row.vip === 1,
  notes: row.notes,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The fields the audit trail compares. */
const audited = (o: Organisation) => ({ name: o.name, domains: o.domains, plan: o.plan, vip: o.vip, notes: o.notes });

/** Lists organisations by name, optionally those whose name contains `q`. */
export async function listOrganisations(deps: Deps, filter: ListOrganisationsFilter): Promise<{ items: Organisation[]; nextCursor: string | null }> {
  const after = filter.cursor ? decodeKeyset(filter.cursor) : undefined;
  const rows = await findOrganisationRows(deps.db.kysely, { q: filter.q, limit: filter.limit + 1, after });
  const domains = await domainsOf(deps.db.kysely, rows.slice(0, filter.limit).map((r) => r.id));
  return toPage(rows, filter.limit, (r) => r.name, (r) => toOrganisation(r, domains.get(r.id) ?? []));
}

/** One organisation with how many customers and tickets it has. */
export async function getOrganisation(deps: Deps, id: string): Promise<OrganisationDetail> {
  const row = await findOrganisationRow(deps.db.kysely, id);
  if (!row) throw notFound('Organisation');
  const domains = (await domainsOf(deps.db.kysely, [id])).get(id) ?? [];
  return { ...toOrganisation(row, domains), ...(await organisationCounts(deps.db.kysely, id)) };
}

async function assertNameFree(trx: Kysely<Database>, name: string, selfId?: string): Promise<void> {
  const other = await findOrganisationByName(trx, name);
  if (other && other.id !== selfId) {
    throw new AppError('already_exists', `An organisation named ${other.name} already exists`, { fields: [{ path: 'name', message: 'is taken' }] });
  }
}

/** A domain belongs to at most one organisation: 409 naming each domain another one owns. */
async function assertDomainsFree(trx: Kysely<Database>, domains: string[], selfId?: string): Promise<void> {
  const taken = (await findDomainOwners(trx, domains)).filter((d) => d.organisation_id !== selfId);
  if (taken.length === 0) return;
  const fields = taken.map((d) => ({ path: `domains.${domains.indexOf(d.domain)}`, message: `${d.domain} belongs to another organisation` }));
  throw new AppError('already_exists', `Already owned by another organisation: ${taken.map((d) => d.domain).join(', ')}`, { fields });
}

/**
 * Gives the organisation its existing customers at newly added domains (those with no
 * organisation yet), and their tickets that have none. Runs in the caller's transaction.
 */
async function attachByDomains(trx: Kysely<Database>, clock: Clock, actor: Actor, organisationId: string, domains: string[]): Promise<void> {
  const customerIds = await unattachedCustomerIds(trx, domains);
  if (customerIds.length === 0) return;
  const ticketCount = await attachCustomers(trx, organisationId, customerIds, clock.now().toISOString());
  await recordAudit(trx, clock, {
    actor,
    action: 'organisation.customers_attached',
    entityType: 'organisation',
    entityId: organisationId,
    changes: { after: { domains, customerCount: customerIds.length, customerIds: customerIds.slice(0, AUDITED_IDS), ticketCount } },
  });
}

/** Creates an organisation, claiming its domains and the customers already at them. */
export async function createOrganisation(deps: Deps, actor: Actor, input: CreateOrganisationInput): Promise<OrganisationDetail> {
  const now = deps.clock.now().toISOString();
  const row: OrganisationRow = {
    id: newId(),
    name: input.name,
    plan: input.plan ?? null,
    vip: input.vip ? 1 : 0,
    notes: input.notes ?? null,
    created_at: now,
    updated_at: now,
  };
  const domains = [...(input.domains ?? [])].sort();
  await inTransaction(deps, async (trx) => {
    await assertNameFree(trx, row.name);
    await assertDomainsFree(trx, domains);
    await insertOrganisation(trx, row);
    await replaceDomains(trx, row.id, domains);
    await recordAudit(trx, deps.clock, {
      actor,
      action: 'organisation.created',
      entityType: 'organisation',
      entityId: row.id,
      changes: { after: audited(toOrganisation(row, domains)) },
    });
    await attachByDomains(trx, deps.clock, actor, row.id, domains);
  });
  return getOrganisation(deps, row.id);
}

/**
 * Changes an organisation. `domains` replaces the set: added domains claim their unattached
 * customers; customers at a removed domain stay attached (an admin moves them explicitly).
 */
export async function updateOrganisation(deps: Deps, actor: Actor, id: string, input: UpdateOrganisationInput): Promise<OrganisationDetail> {
  await inTransaction(deps, async (trx) => {
    const row = await findOrganisationRow(trx, id);
    if (!row) throw notFound('Organisation');
    const domains = (await domainsOf(trx, [id])).get(id) ?? [];
    const current = toOrganisation(row, domains);
    const next: Organisation = {
      ...current,
      name: input.name ?? current.name,
      domains: input.domains ? [...input.domains].sort() : current.domains,
      plan: input.plan === undefined ? current.plan : input.plan,
      vip: input.vip ?? current.vip,
      notes: input.notes === undefined ? current.notes : input.notes,
    };
    const changes = diff(audited(current), audited(next));
    if (!changes) return;
    if (next.name !== current.name) await assertNameFree(trx, next.name, id);
    const added = next.domains.filter((d) => !current.domains.includes(d));
    await assertDomainsFree(trx, added, id);
    await updateOrganisationRow(trx, id, { name: next.name, plan: next.plan, vip: next.vip ? 1 : 0, notes: next.notes, updated_at: deps.clock.now().toISOString() });
    if (input.domains) await replaceDomains(trx, id, next.domains);
    await recordAudit(trx, deps.clock, { actor, action: 'organisation.updated', entityType: 'organisation', entityId: id, changes });
    await attachByDomains(trx, deps.clock, actor, id, added);
  });
  return getOrganisation(deps, id);
}

/** Deletes an organisation; its customers and tickets stay, without an organisation. */
export async function deleteOrganisation(deps: Deps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const row = await findOrganisationRow(trx, id);
    if (!row) throw notFound('Organisation');
    const domains = (await domainsOf(trx, [id])).get(id) ?? [];
    const counts = await organisationCounts(trx, id);
    await deleteOrganisationRow(trx, id);
    await recordAudit(trx, deps.clock, {
      actor,
      action: 'organisation.deleted',
      entityType: 'organisation',
      entityId: id,
      changes: { before: { ...audited(toOrganisation(row, domains)), customersDetached: counts.customerCount, ticketsDetached: counts.ticketCount } },
    });
  });
}
