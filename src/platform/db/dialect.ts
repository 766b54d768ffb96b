import { sql, SqliteAdapter, type Kysely } from 'kysely';

/** What a database error means, from the driver's error code (never its message text). */
export type ConstraintViolation = 'unique' | 'foreign_key' | 'not_null' | 'check';

const SQLITE_CODES: Record<string, ConstraintViolation> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key',
  SQLITE_CONSTRAINT_NOTNULL: 'not_null',
  SQLITE_CONSTRAINT_CHECK: 'check',
};

const POSTGRES_CODES: Record<string, ConstraintViolation> = {
  '23505': 'unique',
  '23503': 'foreign_key',
  '23502': 'not_null',
  '23514': 'check',
};

/** Classifies a driver error as a constraint violation, or undefined for anything else. */
export function constraintViolation(error: unknown): ConstraintViolation | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  return SQLITE_CODES[code] ?? POSTGRES_CODES[code];
}

/**
 * Takes the next `count` values of a named counter and returns the last one.
 * A row-level update serialises concurrent writers on both dialects and never leaves gaps.
 */
export async function nextCounterValue(db: Kysely<any>, name: string, count = 1): Promise<number> {
  const result = await sql<{ value: number }>`
    UPDATE counters SET value = value + ${count} WHERE name = ${name} RETURNING value`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error(`Counter ${name} does not exist`);
  return Number(row.value);
}

/**
 * Takes `count` new numbers of a named sequence (ticket numbers), ascending.
 * - SQLite: the counter row `name`, as nextCounterValue (one writer at a time anyway): numbers
 *   never skip.
 * - PostgreSQL: the SEQUENCE `<name>_seq`, which hands numbers out without a lock held to the
 *   end of the transaction; a counter row would queue every transaction that takes a number
 *   behind the one before it until that one commits. The price: a transaction that rolls back
 *   leaves its numbers unused, and transactions running side by side may commit in another
 *   order than their numbers (readers that follow numbers must allow for late ones).
 */
export async function takeSequenceNumbers(db: Kysely<any>, name: string, count: number): Promise<number[]> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    const last = await nextCounterValue(db, name, count);
    return Array.from({ length: count }, (_, i) => last - count + 1 + i);
  }
  const result = await sql<{ value: string }>`SELECT nextval(${`${name}_seq`}) AS value FROM generate_series(1, ${count})`.execute(db);
  return result.rows.map((r) => Number(r.value)).sort((a, b) => a - b);
}
