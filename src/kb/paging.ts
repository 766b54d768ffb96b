import { sql, type Expression, type SqlBool } from 'kysely';
import { AppError } from '../platform/errors.js';

/** Keyset cursors over (sort value, id) for the knowledge-base lists. */
export interface Keyset {
  v: string;
  id: string;
}

/** An opaque cursor for the next page. */
export const encodeKeyset = (keyset: Keyset): string => Buffer.from(JSON.stringify(keyset)).toString('base64url');

/** Reads a cursor this server gave out; anything else is a 400 invalid_cursor. */
export function decodeKeyset(value: string | undefined): Keyset | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString()) as Partial<Keyset>;
    if (typeof parsed.v === 'string' && typeof parsed.id === 'string') return { v: parsed.v, id: parsed.id };
  } catch {
    // fall through: not JSON
  }
  throw new AppError('invalid_cursor', 'The cursor is not one this server gave out');
}

/** Rows strictly after (`>`) or before (`<`) the keyset in (column, id) order. */
export function pastKeyset(column: string, idColumn: string, keyset: Keyset, direction: '>' | '<'): Expression<SqlBool> {
  const op = sql.raw(direction);
  return sql<SqlBool>`(${sql.ref(column)} ${op} ${keyset.v} or (${sql.ref(column)} = ${keyset.v} and ${sql.ref(idColumn)} ${op} ${keyset.id}))`;
}

/** Cuts a `limit + 1` fetch into a page and the cursor for the next one. */
export function toPage<R extends { id: string }, T>(rows: R[], limit: number, sortValue: (row: R) => string, present: (row: R) => T): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeKeyset({ v: sortValue(last), id: last.id }) : null;
  return { items: page.map(present), nextCursor };
}
