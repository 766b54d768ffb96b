import type { Actor, Principal } from '../platform/auth/principal.js';
import { can, isRole, lowerRole, type Role } from '../platform/auth/roles.js';
import type { Deps } from '../platform/context.js';
import { inTransaction } from '../platform/context.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { randomToken, tokenHash } from '../platform/secrets.js';
import { recordAudit } from '../audit/audit.service.js';
import { PRINCIPAL_CACHE_MS, principalCache } from './principal-cache.js';
import { findToken, findTokenWithUser, findUserById, insertToken, listTokens, updateToken, type TokenRow } from './accounts.store.js';

const TOKEN_PREFIX = 'flt_';
/** last_used_at is written at most this often per token, so API traffic does not become writes. */
const TOUCH_EVERY_MS = 60_000;

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  role: Role | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const toApiToken = (row: TokenRow): ApiToken => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  prefix: row.prefix,
  role: row.role as Role | null,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

/** Creates a token for a user. The secret is returned here once and stored only as a hash. */
export async function createToken(
  deps: Deps,
  actor: Actor,
  input: { userId: string; name: string; role?: Role; expiresAt?: string },
): Promise<{ token: string; record: ApiToken }> {
  const user = await findUserById(deps.db.kysely, input.userId);
  if (!user) throw notFound('User');
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  const row: TokenRow = {
    id: newId(),
    user_id: user.id,
    name: input.name.trim(),
    token_hash: tokenHash(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    role: input.role ?? null,
    created_at: deps.clock.now().toISOString(),
    last_used_at: null,
    expires_at: input.expiresAt ?? null,
    revoked_at: null,
  };
  await inTransaction(deps, async (trx) => {
    await insertToken(trx, row);
    await recordAudit(trx, deps.clock, {
      actor,
      action: 'token.created',
      entityType: 'api_token',
      entityId: row.id,
      changes: { after: { userId: row.user_id, name: row.name, role: row.role, expiresAt: row.expires_at } },
    });
  });
  return { token, record: toApiToken(row) };
}

/** Revokes a token; later requests with it get 401. Only its owner or an admin may. */
export async function revokeToken(deps: Deps, actor: Actor, principal: Principal, id: string): Promise<ApiToken> {
  const row = await findToken(deps.db.kysely, id);
  if (!row || (row.user_id !== principal.userId && !can(principal.role, 'tokens:manage'))) throw notFound('Token');
  if (row.revoked_at) return toApiToken(row);
  const revokedAt = deps.clock.now().toISOString();
  await inTransaction(deps, async (trx) => {
    await updateToken(trx, id, { revoked_at: revokedAt });
    await recordAudit(trx, deps.clock, {
      actor,
      action: 'token.revoked',
      entityType: 'api_token',
      entityId: id,
      changes: { before: { revokedAt: null }, after: { revokedAt } },
    });
  });
  principalCache(deps.db).forgetUser(row.user_id);
  return toApiToken({ ...row, revoked_at: revokedAt });
}

/** Tokens of one user, or of everyone when userId is undefined. */
export async function tokensOf(deps: Deps, userId?: string): Promise<ApiToken[]> {
  return (await listTokens(deps.db.kysely, userId)).map(toApiToken);
}

/** The principal for a bearer token, or null when it is unknown, revoked, expired or its user inactive. */
export async function principalFromToken(deps: Deps, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const hash = tokenHash(token);
  const now = deps.clock.now();
  const cached = principalCache(deps.db).get(`token:${hash}`, now.getTime());
  if (cached) return cached;
  const row = await findTokenWithUser(deps.db.kysely, hash);
  if (!row || row.revoked_at || row.active !== 1 || !isRole(row.role)) return null;
  if (row.expires_at && row.expires_at <= now.toISOString()) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > TOUCH_EVERY_MS) {
    await updateToken(deps.db.kysely, row.id, { last_used_at: now.toISOString() });
  }
  const userRole = row.role as Role;
  const role = row.token_role && isRole(row.token_role) ? lowerRole(row.token_role, userRole) : userRole;
  const principal: Principal = { kind: 'token', userId: row.user_id, email: row.email, name: row.name, role, tokenId: row.id };
  // An expiring token is never trusted from the cache past its expiry.
  if (!row.expires_at || Date.parse(row.expires_at) > now.getTime() + PRINCIPAL_CACHE_MS) principalCache(deps.db).set(`token:${hash}`, principal, now.getTime());
  return principal;
}

export function assertCanCreateTokenFor(principal: Principal, userId: string): void {
  if (userId !== principal.userId && !can(principal.role, 'tokens:manage')) {
    throw new AppError('forbidden', 'Only an admin may create tokens for another user');
  }
}
