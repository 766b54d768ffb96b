import type { Principal } from '../platform/auth/principal.js';
import { isRole, type Role } from '../platform/auth/roles.js';
import type { Deps } from '../platform/context.js';
import { inTransaction } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { randomToken, tokenHash } from '../platform/secrets.js';
import { recordAudit } from '../audit/audit.service.js';
import { deleteExpiredSessions, deleteSession, findSessionWithUser, findUserByEmail, insertSession, touchSession, updateUser } from './accounts.store.js';
import { decoyPasswordHash, verifyPassword } from './passwords.js';
import { PRINCIPAL_CACHE_MS, principalCache } from './principal-cache.js';
import { toUser, type User } from './users.service.js';

/** Failures allowed before the account backs off; each further failure doubles the wait. */
const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
/** last_seen_at is refreshed at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 5 * 60_000;

export interface SignIn {
  user: User;
  sessionToken: string;
  sessionId: string;
  expiresAt: string;
}

/** Checks credentials and opens a session; failures back off per account. */
export async function signIn(
  deps: Deps,
  input: { email: string; password: string; ip?: string; userAgent?: string },
): Promise<SignIn> {
  const now = deps.clock.now();
  const user = await findUserByEmail(deps.db.kysely, input.email.trim());
  if (user?.locked_until && user.locked_until > now.toISOString()) {
    const retryAfter = Math.ceil((Date.parse(user.locked_until) - now.getTime()) / 1000);
    throw new AppError('account_locked', `Try again in ${retryAfter} seconds`, { headers: { 'retry-after': String(retryAfter) } });
  }
  // Verify even when there is no such user, so timing does not reveal which emails exist.
  const valid = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), input.password);
  if (!user || !valid || user.active !== 1 || !user.password_hash) {
    if (user) await recordFailure(deps, user.id, user.failed_logins + 1, now, input.ip);
    throw new AppError('invalid_credentials');
  }
  const sessionToken = randomToken();
  const idHash = tokenHash(sessionToken);
  const expiresAt = new Date(now.getTime() + deps.config.sessionTtlHours * 3_600_000).toISOString();
  await inTransaction(deps, async (trx) => {
    await updateUser(trx, user.id, { failed_logins: 0, locked_until: null });
    await insertSession(trx, {
      id_hash: idHash,
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      last_seen_at: now.toISOString(),
      ip: input.ip ?? null,
      user_agent: input.userAgent?.slice(0, 500) ?? null,
    });
    await recordAudit(trx, deps.clock, {
      actor: { type: 'user', id: user.id, label: user.email },
      action: 'session.created',
      entityType: 'user',
      entityId: user.id,
      changes: { after: { ip: input.ip ?? null } },
    });
  });
  return { user: toUser(user), sessionToken, sessionId: idHash, expiresAt };
}

async function recordFailure(deps: Deps, userId: string, failures: number, now: Date, ip?: string): Promise<void> {
  const over = failures - FREE_FAILURES - 1;
  const lockedUntil = over >= 0 ? new Date(now.getTime() + Math.min(FIRST_LOCK_MS * 2 ** over, MAX_LOCK_MS)).toISOString() : null;
  await inTransaction(deps, async (trx) => {
    await updateUser(trx, userId, { failed_logins: failures, locked_until: lockedUntil });
    await recordAudit(trx, deps.clock, {
      actor: { type: 'system', id: null, label: ip ? `ip ${ip}` : 'unknown' },
      action: 'session.sign_in_failed',
      entityType: 'user',
      entityId: userId,
      changes: { after: { failedLogins: failures, lockedUntil } },
    });
  });
}

/** Ends a session. */
export async function signOut(deps: Deps, principal: Principal): Promise<void> {
  if (!principal.sessionId) return;
  principalCache(deps.db).forgetUser(principal.userId);
  await inTransaction(deps, async (trx) => {
    await deleteSession(trx, principal.sessionId!);
    await recordAudit(trx, deps.clock, {
      actor: { type: 'user', id: principal.userId, label: principal.email },
      action: 'session.ended',
      entityType: 'user',
      entityId: principal.userId,
    });
  });
}

/** The principal for a session cookie's value, or null when it is unknown, expired or its user inactive. */
export async function principalFromSession(deps: Deps, cookieValue: string): Promise<Principal | null> {
  const now = deps.clock.now();
  const idHash = tokenHash(cookieValue);
  const cached = principalCache(deps.db).get(`session:${idHash}`, now.getTime());
  if (cached) return cached;
  const row = await findSessionWithUser(deps.db.kysely, idHash, now.toISOString());
  if (!row || row.active !== 1 || !isRole(row.role)) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) await touchSession(deps.db.kysely, idHash, now.toISOString());
  const principal: Principal = { kind: 'session', userId: row.user_id, email: row.email, name: row.name, role: row.role as Role, sessionId: idHash };
  if (Date.parse(row.expires_at) > now.getTime() + PRINCIPAL_CACHE_MS) principalCache(deps.db).set(`session:${idHash}`, principal, now.getTime());
  return principal;
}

/** Removes expired sessions (housekeeping; an expired session is already refused). */
export function purgeExpiredSessions(deps: Deps): Promise<number> {
  return deleteExpiredSessions(deps.db.kysely, deps.clock.now().toISOString());
}
