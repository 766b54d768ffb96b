import type { Actor } from '../platform/auth/principal.js';
import type { Role } from '../platform/auth/roles.js';
import type { Deps } from '../platform/context.js';
import { inTransaction } from '../platform/context.js';
import type { UserRow } from '../platform/db/tables.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { diff, recordAudit } from '../audit/audit.service.js';
import { deleteSessionsOfUser, findUserByEmail, findUserById, insertUser, listUsers, updateUser as updateUserRow } from './accounts.store.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import { principalCache } from './principal-cache.js';

/** A user as the API shows it: never the password hash. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role as Role,
  active: row.active === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('validation_failed', `The password must have at least ${MIN_PASSWORD_LENGTH} characters`, {
      fields: [{ path: 'password', message: `must have at least ${MIN_PASSWORD_LENGTH} characters` }],
    });
  }
}

/** Creates a user; the email must be new. */
export async function createUser(
  deps: Deps,
  actor: Actor,
  input: { email: string; name: string; role: Role; password?: string },
): Promise<User> {
  if (input.password !== undefined) checkPassword(input.password);
  const email = input.email.trim().toLowerCase();
  if (await findUserByEmail(deps.db.kysely, email)) throw new AppError('already_exists', `A user with email ${email} already exists`);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const now = deps.clock.now().toISOString();
  const row: UserRow = {
    id: newId(),
    email,
    name: input.name.trim(),
    role: input.role,
    password_hash: passwordHash,
    active: 1,
    failed_logins: 0,
    locked_until: null,
    created_at: now,
    updated_at: now,
  };
  await inTransaction(deps, async (trx) => {
    await insertUser(trx, row);
    await recordAudit(trx, deps.clock, {
      actor,
      action: 'user.created',
      entityType: 'user',
      entityId: row.id,
      changes: { after: { email, name: row.name, role: row.role } },
    });
  });
  return toUser(row);
}

/** Changes a user's name, role, active flag or password. Deactivating ends their sessions. */
export async function updateUser(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { name?: string; role?: Role; active?: boolean; password?: string },
): Promise<User> {
  if (input.password !== undefined) checkPassword(input.password);
  const current = await findUserById(deps.db.kysely, id);
  if (!current) throw notFound('User');
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  const now = deps.clock.now().toISOString();
  const next: UserRow = {
    ...current,
    name: input.name?.trim() ?? current.name,
    role: input.role ?? current.role,
    active: input.active === undefined ? current.active : input.active ? 1 : 0,
    password_hash: passwordHash ?? current.password_hash,
    updated_at: now,
  };
  const changes = diff(
    { name: current.name, role: current.role, active: current.active === 1 },
    { name: next.name, role: next.role, active: next.active === 1 },
  );
  await inTransaction(deps, async (trx) => {
    await updateUserRow(trx, id, {
      name: next.name,
      role: next.role,
      active: next.active,
      password_hash: next.password_hash,
      updated_at: now,
      ...(passwordHash ? { failed_logins: 0, locked_until: null } : {}),
    });
    if (next.active === 0 || passwordHash) await deleteSessionsOfUser(trx, id);
    await recordAudit(trx, deps.clock, {
      actor,
      action: passwordHash ? 'user.password_changed' : 'user.updated',
      entityType: 'user',
      entityId: id,
      changes,
    });
  });
  principalCache(deps.db).forgetUser(id);
  return toUser(next);
}

export async function getUser(deps: Deps, id: string): Promise<User> {
  const row = await findUserById(deps.db.kysely, id);
  if (!row) throw notFound('User');
  return toUser(row);
}

export async function getUserByEmail(deps: Deps, email: string): Promise<User | undefined> {
  const row = await findUserByEmail(deps.db.kysely, email);
  return row && toUser(row);
}

export async function allUsers(deps: Deps): Promise<User[]> {
  return (await listUsers(deps.db.kysely)).map(toUser);
}
