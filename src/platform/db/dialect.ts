import { sql, type Kysely } from 'kysely';

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
