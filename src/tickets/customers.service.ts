import type { Kysely } from 'kysely';
import type { Actor } from '../platform/auth/principal.js';
import type { Clock } from '../platform/clock.js';
import type { Database } from '../platform/db/tables.js';
import { newId } from '../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { findCustomerByEmail, findOrganisationIdByDomain, insertCustomer, type CustomerRow } from './customers.store.js';

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
  await insertCustomer(trx, row);
  await recordAudit(trx, clock, {
    actor,
    action: 'customer.created',
    entityType: 'customer',
    entityId: row.id,
    changes: { after: { email, name: row.name, organisationId: row.organisation_id } },
  });
  return row;
}
