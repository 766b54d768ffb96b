import type { IncomingMessage } from 'node:http';
import { readCookie, SESSION_COOKIE } from '../platform/auth/guard.js';
import type { Principal } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { principalFromSession } from './sessions.service.js';
import { principalFromToken } from './tokens.service.js';

/**
 * Who opens a WebSocket: a bearer token, or the console's session cookie from a page of this
 * very site. Upgrades bypass Fastify's hooks, so the guard's check is redone here; a cookie rides
 * along with cross-site requests too, hence the Origin check instead of a CSRF token.
 */
export async function principalFromUpgrade(deps: Deps, request: IncomingMessage): Promise<Principal | null> {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return principalFromToken(deps, auth.slice(7).trim());
  const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (!cookie) return null;
  const origin = request.headers.origin;
  if (!origin || new URL(origin).host !== request.headers.host) return null;
  return principalFromSession(deps, cookie);
}
