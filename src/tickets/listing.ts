import { sql, type Expression, type SqlBool } from 'kysely';
import { AppError } from '../platform/errors.js';

/**
 * What the directory lists (organisations, customers, groups) share: a case-insensitive
 * substring filter and keyset cursors over (sort value, id).
 */

/** A LIKE pattern matching `text` anywhere, lower-cased, with its wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * True where the column contains the pattern, ignoring case. lower() on both sides gives the
 * same answer on SQLite (whose LIKE ignores ASCII case) and PostgreSQL (whose LIKE does not).
 */
export function columnContains(column: string, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** The sort value and id of the last item of a page. */
export interface Keyset {
  v: string;
  id: string;
}

/** An opaque cursor for the next page. */
export const encodeKeyset = (keyset: Keyset): string => Buffer.from(JSON.stringify(keyset)).toString('base64url');

/** Reads a cursor this server gave out; anything else is a 400 invalid_cursor. */
export function decodeKeyset(value: string): Keyset {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString()) as Partial<Keyset>;
    if (typeof parsed.v === 'string' && typeof parsed.id === 'string') return { v: parsed.v, id: parsed.id };
  } catch {
    // fall through: not JSON
  }
  throw new AppError('invalid_cursor', 'The cursor is not one this server gave out');
}

/** Rows strictly after the keyset in (column, id) ascending order. */
export function afterKeyset(column: string, idColumn: string, keyset: Keyset): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(column)} > ${keyset.v} or (${sql.ref(column)} = ${keyset.v} and ${sql.ref(idColumn)} > ${keyset.id}))`;
}

/** Cuts a `limit + 1` fetch into a page and the cursor for the next one. */
export function toPage<R extends { id: string }, T>(rows: R[], limit: number, sortValue: (row: R) => string, present: (row: R) => T): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeKeyset({ v: sortValue(last), id: last.id }) : null;
  return { items: page.map(present), nextCursor };
}

/** Splits a list into chunks so `in (...)` stays under every driver's parameter limit. */
export function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
