import type { Kysely } from 'kysely';
import { toRow } from '../audit/audit.service.js';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { inTransaction } from '../platform/context.js';
import type { AuditEventsTable, CustomersTable, OrganisationDomainsTable, OrganisationsTable } from '../platform/db/tables.js';
import { newId } from '../platform/ids.js';
import { BulkInsert } from '../platform/db/bulk-insert.js';
import { companyName, emailFor, PERSONAL_DOMAINS, personName, slug } from './people.js';
import { Random } from './random.js';
import type { TextContext } from './text.js';

/** A customer in the synthetic pool, with what its tickets' text needs. */
export interface PoolCustomer {
  id: string;
  organisationId: string | null;
  joinedMs: number;
  context: TextContext;
}

type AuditRow = Omit<AuditEventsTable, 'id'>;

const organisationsInsert = new BulkInsert<OrganisationsTable>('organisations', ['id', 'name', 'plan', 'vip', 'notes', 'created_at', 'updated_at']);
const domainsInsert = new BulkInsert<OrganisationDomainsTable>('organisation_domains', ['domain', 'organisation_id']);
const customersInsert = new BulkInsert<CustomersTable>('customers', ['id', 'email', 'name', 'organisation_id', 'created_at', 'updated_at']);
/** Columns of audit rows written in bulk, in the order their values come. */
export const AUDIT_COLUMNS = ['at', 'actor_type', 'actor_id', 'actor_label', 'action', 'entity_type', 'entity_id', 'ticket_id', 'changes'] as const;
export const auditInsert = new BulkInsert<AuditRow>('audit_events', AUDIT_COLUMNS);

const BATCH = 2_000;
const LOOKUP_CHUNK = 500;
const DAY = 24 * 3_600_000;
const PLAN_WEIGHTS = [['free', 3], ['pro', 5], ['enterprise', 2]] as const;
const PLAN_LABEL: Record<string, string> = { free: 'Free', pro: 'Pro', enterprise: 'Enterprise' };
/** Customers who were there before the synthetic history starts; the others join during it. */
const EARLY_SHARE = 0.3;

interface Company {
  id: string;
  name: string;
  domain: string;
  plan: string;
  vip: number;
}

/**
 * Creates (or, on a second run with the same seed, finds) the synthetic organisations and the
 * pool of customers that synthetic tickets come from, in batches with their audit events.
 * Customers join over time: a share before `startMs`, the rest evenly until `endMs`, with ids
 * and creation times in joining order. About a hundred customers make an organisation.
 */
export async function buildCustomerPool(deps: Deps, seed: number, size: number, startMs: number, endMs: number): Promise<PoolCustomer[]> {
  const companies = await ensureCompanies(deps, seed, Math.min(1_000, Math.max(5, Math.ceil(size / 100))), startMs - 400 * DAY);
  const r = Random.derive(seed, 'customers');
  const early = Math.floor(size * EARLY_SHARE);
  const joinedAt = (k: number) =>
    k < early ? startMs - Math.round(((early - k) / early) * 365 * DAY) : startMs + Math.round(((k - early) / Math.max(1, size - early)) * (endMs - startMs));
  const seen = new Set<string>();
  const pool: PoolCustomer[] = [];
  for (let start = 0; start < size; start += BATCH) {
    const wanted: (CustomersTable & { joinedMs: number; context: TextContext })[] = [];
    for (let k = start; k < Math.min(size, start + BATCH); k++) {
      const { first, last } = personName(r);
      const company = r.chance(0.8) ? r.pick(companies) : null;
      const domain = company?.domain ?? r.pick(PERSONAL_DOMAINS);
      let email = emailFor(first, last, domain);
      for (let n = 2; seen.has(email); n++) email = emailFor(first, last, domain, String(n));
      seen.add(email);
      const companyLabel = company?.name ?? `${last} ${r.pick(['Consulting', 'Design', 'Bookkeeping', 'Media'])}`;
      const context = { firstName: first, lastName: last, company: companyLabel, workspace: slug(companyLabel), plan: PLAN_LABEL[company?.plan ?? 'pro'], agent: 'Sam' };
      const joinedMs = joinedAt(k);
      const at = new Date(joinedMs).toISOString();
      wanted.push({ id: newId(joinedMs), email, name: `${first} ${last}`, organisation_id: company?.id ?? null, created_at: at, updated_at: at, joinedMs, context });
    }
    await inTransaction(deps, async (trx) => {
      const existing = await existingByKey(trx, 'customers', 'email', wanted.map((c) => c.email), ['id', 'organisation_id']);
      const fresh = wanted.filter((c) => !existing.has(c.email));
      await customersInsert.insert(trx, fresh);
      await auditInsert.insert(trx, fresh.map((c) => createdAudit('customer', c.id, c.created_at, { email: c.email, name: c.name, organisationId: c.organisation_id })));
      for (const c of wanted) {
        const found = existing.get(c.email);
        pool.push({ id: found?.id ?? c.id, organisationId: found ? found.organisation_id : c.organisation_id, joinedMs: c.joinedMs, context: c.context });
      }
    });
  }
  return pool;
}

/**
 * Chooses each ticket's requester among the customers who have joined by then: mostly recent
 * joiners (onboarding brings the most questions), sometimes anyone. Besides reading true, it
 * keeps the requester index's inserts near each other instead of all over a million rows.
 */
export class CustomerPicker {
  private joined = 0;
  private readonly window: number;

  constructor(private readonly pool: readonly PoolCustomer[], private readonly r: Random) {
    this.window = Math.max(1, Math.ceil(pool.length / 20));
  }

  /** A requester for a ticket created at `atMs`; call with non-decreasing times. */
  pick(atMs: number): PoolCustomer {
    while (this.joined < this.pool.length && this.pool[this.joined].joinedMs <= atMs) this.joined++;
    const n = Math.max(1, this.joined);
    const k = this.r.chance(0.85) ? n - 1 - this.r.int(0, Math.min(n, this.window) - 1) : this.r.int(0, n - 1);
    return this.pool[k];
  }
}

async function ensureCompanies(deps: Deps, seed: number, count: number, createdAtMs: number): Promise<Company[]> {
  const r = Random.derive(seed, 'organisations');
  const at = new Date(createdAtMs).toISOString();
  const companies: Company[] = [];
  for (let i = 0; i < count; i++) {
    const name = companyName(i);
    // About one organisation in fifty is a VIP, as on a real help desk.
    companies.push({ id: newId(createdAtMs), name, domain: `${slug(name)}.example`, plan: r.weighted(PLAN_WEIGHTS), vip: r.chance(0.02) ? 1 : 0 });
  }
  await inTransaction(deps, async (trx) => {
    for (let start = 0; start < companies.length; start += BATCH) {
      const chunk = companies.slice(start, start + BATCH);
      const existing = await existingByKey(trx, 'organisations', 'name', chunk.map((c) => c.name), ['id']);
      const fresh = chunk.filter((c) => !existing.has(c.name));
      for (const c of chunk) c.id = existing.get(c.name)?.id ?? c.id;
      await organisationsInsert.insert(trx, fresh.map((c) => ({ id: c.id, name: c.name, plan: c.plan, vip: c.vip, notes: null, created_at: at, updated_at: at })));
      await domainsInsert.insert(trx, fresh.map((c) => ({ domain: c.domain, organisation_id: c.id })));
      await auditInsert.insert(trx, fresh.map((c) => createdAudit('organisation', c.id, at, { name: c.name, plan: c.plan, domains: [c.domain] })));
    }
  });
  return companies;
}

/** The audit row of something the seeder created, by the system actor. */
export function createdAudit(entityType: string, id: string, at: string, after: Record<string, unknown>, ticketId: string | null = null): AuditRow {
  return toRow(at, { actor: SYSTEM_ACTOR, action: `${entityType}.created`, entityType, entityId: id, ticketId, changes: { after } });
}

/** Rows that already exist, by a unique column, looked up in chunks. */
async function existingByKey<C extends string>(
  db: Kysely<any>,
  table: 'customers' | 'organisations',
  key: 'email' | 'name',
  values: string[],
  columns: C[],
): Promise<Map<string, Record<C, string | null>>> {
  const found = new Map<string, Record<C, string | null>>();
  for (let i = 0; i < values.length; i += LOOKUP_CHUNK) {
    const rows = (await db.selectFrom(table).select([key, ...columns]).where(key, 'in', values.slice(i, i + LOOKUP_CHUNK)).execute()) as Record<string, string | null>[];
    for (const row of rows) found.set(row[key] as string, row as Record<C, string | null>);
  }
  return found;
}
