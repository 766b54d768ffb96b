import type { Kysely } from 'kysely';
import type { Actor } from '../platform/auth/principal.js';
import type { Clock } from '../platform/clock.js';
import { inTransaction, type Deps } from '../platform/context.js';
import type { Database } from '../platform/db/tables.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { diff, recordAudit } from '../audit/audit.service.js';
import type { CreateCustomerInput, Customer, CustomerDetail, CustomerListItem, ListCustomersFilter, UpdateCustomerInput } from './customers.schema.js';
import {
  fillTicketOrganisation,
  findCustomerByEmail,
  findCustomerById,
  findCustomerRows,
  findOrganisationIdByDomain,
  insertCustomer,
  insertCustomerIfNew,
  ticketCountsByStatus,
  updateCustomerRow,
  type CustomerRow,
} from './customers.store.js';
import { decodeKeyset, toPage } from './listing.js';
import { findOrganisationRow, organisationNames } from './organisations.store.js';
import { TICKET_STATUSES, type TicketStatus } from './status.js';

/**
 * The customer with this email, created when new and attached to the organisation that owns
 * the email's domain. Runs inside the caller's transaction.
 */
export async function findOrCreateCustomer(
  trx: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  requester: { email: string; name?: string },
): Promise<CustomerRow> {
  const email = requester.email.trim().toLowerCase();
  const existing = await findCustomerByEmail(trx, email);
  if (existing) return existing;
  const domain = email.slice(email.lastIndexOf('@') + 1);
  const now = clock.now().toISOString();
  const row: CustomerRow = {
    id: newId(),
    email,
    name: requester.name?.trim() || null,
    organisation_id: await findOrganisationIdByDomain(trx, domain),
    created_at: now,
    updated_at: now,
  };
  if (!(await insertCustomerIfNew(trx, row))) return (await findCustomerByEmail(trx, email))!;
  await recordAudit(trx, clock, {
    actor,
    action: 'customer.created',
    entityType: 'customer',
    entityId: row.id,
    changes: { after: { email, name: row.name, organisationId: row.organisation_id } },
  });
  return row;
}

const toCustomer = (row: CustomerRow): Customer => ({
  id: row.id,
  email: row.email,
  name: row.name,
  organisationId: row.organisation_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/**
 * Lists customers by email; `q` matches part of the email or name, `organisation=none` those
 * without one. Each carries its organisation's name (one query for the page's organisations).
 */
export async function listCustomers(deps: Deps, filter: ListCustomersFilter): Promise<{ items: CustomerListItem[]; nextCursor: string | null }> {
  const after = filter.cursor ? decodeKeyset(filter.cursor) : undefined;
  const organisation = filter.organisation === 'none' ? null : filter.organisation;
  const rows = await findCustomerRows(deps.db.kysely, { q: filter.q, organisation, limit: filter.limit + 1, after });
  const page = toPage(rows, filter.limit, (r) => r.email, toCustomer);
  const names = await organisationNames(deps.db.kysely, [...new Set(page.items.flatMap((c) => (c.organisationId ? [c.organisationId] : [])))]);
  return { ...page, items: page.items.map((c) => ({ ...c, organisationName: c.organisationId ? (names.get(c.organisationId) ?? null) : null })) };
}

/** One customer with their organisation and how many tickets they have in each status. */
export async function getCustomer(deps: Deps, id: string): Promise<CustomerDetail> {
  const db = deps.db.kysely;
  const row = await findCustomerById(db, id);
  if (!row) throw notFound('Customer');
  const organisation = row.organisation_id ? await findOrganisationRow(db, row.organisation_id) : undefined;
  const byStatus = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>;
  for (const { status, n } of await ticketCountsByStatus(db, id)) byStatus[status as TicketStatus] = Number(n);
  return {
    ...toCustomer(row),
    organisation: organisation ? { id: organisation.id, name: organisation.name, plan: organisation.plan, vip: organisation.vip === 1 } : null,
    ticketCounts: { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus },
  };
}

async function assertOrganisationExists(trx: Kysely<Database>, id: string): Promise<void> {
  if (!(await findOrganisationRow(trx, id))) {
    throw new AppError('validation_failed', 'organisationId does not name an organisation', { fields: [{ path: 'organisationId', message: 'is not an organisation' }] });
  }
}

/** Adds a customer; without organisationId they join the organisation owning their email domain. */
export async function createCustomer(deps: Deps, actor: Actor, input: CreateCustomerInput): Promise<CustomerDetail> {
  const now = deps.clock.now().toISOString();
  const email = input.email.trim().toLowerCase();
  const id = await inTransaction(deps, async (trx) => {
    if (await findCustomerByEmail(trx, email)) {
      throw new AppError('already_exists', `A customer with email ${email} already exists`, { fields: [{ path: 'email', message: 'is taken' }] });
    }
    if (input.organisationId) await assertOrganisationExists(trx, input.organisationId);
    const organisationId = input.organisationId === undefined ? await findOrganisationIdByDomain(trx, email.slice(email.lastIndexOf('@') + 1)) : input.organisationId;
    const row: CustomerRow = { id: newId(), email, name: input.name ?? null, organisation_id: organisationId, created_at: now, updated_at: now };
    await insertCustomer(trx, row);
    await recordAudit(trx, deps.clock, {
      actor,
      action: 'customer.created',
      entityType: 'customer',
      entityId: row.id,
      changes: { after: { email, name: row.name, organisationId } },
    });
    return row.id;
  });
  return getCustomer(deps, id);
}

/**
 * Renames a customer or moves them to another organisation (null: none). Their tickets that
 * have no organisation take the new one; tickets that already name one keep it.
 */
export async function updateCustomer(deps: Deps, actor: Actor, id: string, input: UpdateCustomerInput): Promise<CustomerDetail> {
  await inTransaction(deps, async (trx) => {
    const current = await findCustomerById(trx, id);
    if (!current) throw notFound('Customer');
    const next = {
      name: input.name === undefined ? current.name : input.name,
      organisationId: input.organisationId === undefined ? current.organisation_id : input.organisationId,
    };
    const changes = diff({ name: current.name, organisationId: current.organisation_id }, next);
    if (!changes) return;
    if (next.organisationId && next.organisationId !== current.organisation_id) await assertOrganisationExists(trx, next.organisationId);
    await updateCustomerRow(trx, id, { name: next.name, organisation_id: next.organisationId, updated_at: deps.clock.now().toISOString() });
    if (next.organisationId) await fillTicketOrganisation(trx, id, next.organisationId);
    await recordAudit(trx, deps.clock, { actor, action: 'customer.updated', entityType: 'customer', entityId: id, changes });
  });
  return getCustomer(deps, id);
}
