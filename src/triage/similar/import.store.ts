import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/tables.js';

// Both dialects cap a statement's bound values; IN lists stay well below.
const LOOKUP_CHUNK = 500;

// SQLite allows 32,766 bound values per statement and PostgreSQL 65,535; stay below both.
const MAX_VALUES_PER_STATEMENT = 30_000;
const MAX_ROWS_PER_STATEMENT = 1_000;

type Table = 'tickets' | 'messages' | 'customers' | 'audit_events';

/** Statement text by dialect, table, columns and row count: compiling a 1,000-row insert costs more than running it. */
const statements = new Map<string, string>();

/**
 * Inserts rows (all with the same columns) with multi-row INSERT statements: a batch of
 * thousands of tickets costs a handful of statements. Statements are compiled once per row
 * count, a power of two or the full size, so a table is written with a dozen statement shapes.
 * The approach of src/seed/bulk-insert.ts, with its cache keyed by dialect as well.
 */
export async function insertRows<T extends Table>(db: Kysely<Database>, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const full = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_VALUES_PER_STATEMENT / columns.length)));
  let start = 0;
  while (start < rows.length) {
    const remaining = rows.length - start;
    let count = full;
    if (remaining < full) for (count = 1; count * 2 <= remaining; ) count *= 2;
    const values: unknown[] = [];
    for (let i = start; i < start + count; i++) for (const column of columns) values.push((rows[i] as Record<string, unknown>)[column]);
    await db.executeQuery(CompiledQuery.raw(statementFor(db, table, columns, count), values));
    start += count;
  }
}

function statementFor(db: Kysely<Database>, table: Table, columns: string[], count: number): string {
  const key = `${db.getExecutor().adapter.constructor.name} ${table} ${columns.join(',')} ${count}`;
  let text = statements.get(key);
  if (text === undefined) {
    // Placeholder values only shape the statement; every value in it is a bound parameter.
    const row = Object.fromEntries(columns.map((c) => [c, 0]));
    text = db.insertInto(table).values(Array.from({ length: count }, () => row) as never).compile().sql;
    statements.set(key, text);
  }
  return text;
}

async function inChunks<T>(values: readonly string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const found: T[] = [];
  for (let i = 0; i < values.length; i += LOOKUP_CHUNK) found.push(...(await query(values.slice(i, i + LOOKUP_CHUNK))));
  return found;
}

/** The external ids among `externalIds` that already name a ticket. */
export async function existingExternalIds(db: Kysely<Database>, externalIds: readonly string[]): Promise<Set<string>> {
  const rows = await inChunks(externalIds, (chunk) => db.selectFrom('tickets').select('external_id').where('external_id', 'in', chunk).execute());
  return new Set(rows.map((r) => r.external_id!));
}

/** Customers by email (emails already lower case). */
export async function customersByEmail(db: Kysely<Database>, emails: readonly string[]): Promise<Map<string, { id: string; organisation_id: string | null }>> {
  const rows = await inChunks(emails, (chunk) => db.selectFrom('customers').select(['id', 'email', 'organisation_id']).where('email', 'in', chunk).execute());
  return new Map(rows.map((r) => [r.email, { id: r.id, organisation_id: r.organisation_id }]));
}

/** Organisations that claim each email domain. */
export async function organisationsByDomain(db: Kysely<Database>, domains: readonly string[]): Promise<Map<string, string>> {
  const rows = await inChunks(domains, (chunk) => db.selectFrom('organisation_domains').select(['domain', 'organisation_id']).where('domain', 'in', chunk).execute());
  return new Map(rows.map((r) => [r.domain, r.organisation_id]));
}
