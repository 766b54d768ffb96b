import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { Principal } from './principal.js';
import { can, ROLES, type Permission } from './roles.js';
import type { App } from '../http/server.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export const SESSION_COOKIE = 'frontline_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Resolves credentials to a principal; implemented by the accounts feature. */
export interface Authenticator {
  fromBearerToken(token: string): Promise<Principal | null>;
  fromSessionCookie(value: string): Promise<Principal | null>;
}

/** A route preHandler; a plain function so it fits any route's generic types. */
export type PreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface Guard {
  /** A preHandler that admits only principals whose role grants the permission. */
  require(permission: Permission): PreHandler;
  /** A preHandler that admits any signed-in principal. */
  authenticated: PreHandler;
  /** The CSRF token that belongs to a session: an HMAC, so nothing extra is stored. */
  csrfTokenFor(sessionId: string): string;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Builds the guard that every protected route uses. */
export function createGuard(authenticator: Authenticator, secret: string): Guard {
  const csrfTokenFor = (sessionId: string) => createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');

  async function authenticate(request: FastifyRequest): Promise<Principal> {
    if (request.principal) return request.principal;
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new AppError('invalid_token', 'The Authorization header must be "Bearer <token>"');
      const principal = await authenticator.fromBearerToken(match[1]);
      if (!principal) throw new AppError('invalid_token');
      request.principal = principal;
      return principal;
    }
    const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (cookie) {
      const principal = await authenticator.fromSessionCookie(cookie);
      if (!principal) throw new AppError('session_expired');
      // Cookies ride along on cross-site requests; a write must prove it came from our pages.
      if (UNSAFE_METHODS.has(request.method)) checkCsrf(request, csrfTokenFor(principal.sessionId!));
      request.principal = principal;
      return principal;
    }
    throw new AppError('unauthenticated');
  }

  return {
    require(permission) {
      const check: PreHandler & { permission?: Permission } = async (request: FastifyRequest, _reply: FastifyReply) => {
        const principal = await authenticate(request);
        if (!can(principal.role, permission)) {
          throw new AppError('forbidden', `The ${principal.role} role does not have the ${permission} permission`);
        }
      };
      check.permission = permission;
      return markGuard(check);
    },
    authenticated: markGuard(async (request: FastifyRequest) => {
      await authenticate(request);
    }),
    csrfTokenFor,
  };
}

function checkCsrf(request: FastifyRequest, expected: string): void {
  const given = request.headers[CSRF_HEADER];
  if (typeof given !== 'string' || given.length !== expected.length) throw new AppError('csrf_failed');
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) throw new AppError('csrf_failed');
}

/** Reads one cookie from a Cookie header without a dependency. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Serialises a Set-Cookie value with safe defaults (httpOnly, SameSite=Lax, path /). */
export function sessionCookie(value: string, options: { maxAgeSeconds: number; secure: boolean }): string {
  const parts = [
    `${SESSION_COOKIE}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${options.maxAgeSeconds}`,
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

type GuardHook = PreHandler & { permission?: Permission; isGuard?: true };

function markGuard(hook: GuardHook): PreHandler {
  hook.isGuard = true;
  return hook;
}

/**
 * Makes every route's guard run first, in `onRequest`, whichever hook the route named it in: a
 * caller without the right gets 401/403 before the body is parsed or validated (and learns
 * nothing from validation errors). Also writes the route's permission into its OpenAPI
 * description ("Permission: `tickets:write` (agent, lead, admin)"). Register before the routes.
 */
export function guardRoutes(app: App): void {
  app.addHook('onRoute', (route) => {
    const preHandlers = [route.preHandler ?? []].flat() as GuardHook[];
    const guards = preHandlers.filter((h) => h.isGuard);
    if (guards.length === 0) return;
    route.preHandler = preHandlers.filter((h) => !h.isGuard) as never;
    route.onRequest = [...guards, ...([route.onRequest ?? []].flat() as GuardHook[])] as never;
    const permission = guards.find((h) => h.permission)?.permission;
    if (!permission || !route.schema) return;
    const roles = ROLES.filter((role) => can(role, permission)).join(', ');
    const line = `Permission: \`${permission}\` (${roles}).`;
    const schema = route.schema as { description?: string };
    route.schema = { ...route.schema, description: schema.description ? `${schema.description}\n\n${line}` : line };
  });
}
