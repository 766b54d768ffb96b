import type { Kysely, Selectable, Updateable } from 'kysely';
import type { ApiTokensTable, Database, SessionsTable, UserRow, UsersTable } from '../platform/db/tables.js';

export type TokenRow = Selectable<ApiTokensTable>;
export type SessionRow = Selectable<SessionsTable>;

export const findUserById = (db: Kysely<Database>, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const findUserByEmail = (db: Kysely<Database>, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();

export const listUsers = (db: Kysely<Database>) => db.selectFrom('users').selectAll().orderBy('name').execute();

export async function insertUser(db: Kysely<Database>, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: Kysely<Database>, id: string, changes: Updateable<UsersTable>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

export const countUsers = async (db: Kysely<Database>) =>
  Number((await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

export async function insertSession(db: Kysely<Database>, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** A live session with its user, or undefined. */
export const findSessionWithUser = (db: Kysely<Database>, idHash: string, now: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id_hash', 'sessions.expires_at', 'sessions.last_seen_at', 'users.id as user_id', 'users.email', 'users.name', 'users.role', 'users.active'])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();

export async function touchSession(db: Kysely<Database>, idHash: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function insertToken(db: Kysely<Database>, row: TokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

/** A usable token (not revoked, not expired) with its owner. */
export const findTokenWithUser = (db: Kysely<Database>, tokenHash: string) =>
  db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.role as token_role', 'api_tokens.revoked_at', 'api_tokens.expires_at', 'api_tokens.last_used_at', 'users.id as user_id', 'users.email', 'users.name', 'users.role', 'users.active'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();

export const findToken = (db: Kysely<Database>, id: string) =>
  db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();

export const listTokens = (db: Kysely<Database>, userId?: string) => {
  let query = db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc');
  if (userId) query = query.where('user_id', '=', userId);
  return query.execute();
};

export async function updateToken(db: Kysely<Database>, id: string, changes: Updateable<ApiTokensTable>): Promise<void> {
  await db.updateTable('api_tokens').set(changes).where('id', '=', id).execute();
}

/** Deletes sessions past their expiry; returns how many. */
export async function deleteExpiredSessions(db: Kysely<Database>, now: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
