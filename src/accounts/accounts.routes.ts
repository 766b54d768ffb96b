import { z } from 'zod';
import { actorOf } from '../platform/auth/principal.js';
import { can, roleMatrix } from '../platform/auth/roles.js';
import { SESSION_COOKIE, sessionCookie } from '../platform/auth/guard.js';
import type { RouteDeps } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import type { App } from '../platform/http/server.js';
import { IdParams, ProblemSchema, protectedErrors } from '../platform/http/schemas.js';
import {
  CreatedTokenResponse,
  CreateTokenBody,
  CreateUserBody,
  LoginBody,
  SessionResponse,
  TokenListQuery,
  TokenSchema,
  UpdateUserBody,
  UserSchema,
} from './accounts.schema.js';
import { signIn, signOut } from './sessions.service.js';
import { assertCanCreateTokenFor, createToken, revokeToken, tokensOf } from './tokens.service.js';
import { allUsers, createUser, getUser, updateUser } from './users.service.js';

/** Sign-in, users, roles and API tokens. */
export function registerAccountRoutes(app: App, deps: RouteDeps): void {
  const { guard } = deps;
  const tags = ['accounts'];

  app.post(
    '/api/v1/auth/login',
    {
      schema: { tags, security: [], body: LoginBody, response: { 200: SessionResponse, 401: ProblemSchema, 429: ProblemSchema } },
      config: { rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const result = await signIn(deps, {
        email: request.body.email,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      reply.header('set-cookie', sessionCookie(result.sessionToken, { maxAgeSeconds: deps.config.sessionTtlHours * 3600, secure: deps.config.cookieSecure }));
      return { user: result.user, csrfToken: guard.csrfTokenFor(result.sessionId), expiresAt: result.expiresAt };
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags, response: { 204: z.null(), ...protectedErrors } }, preHandler: guard.authenticated }, async (request, reply) => {
    await signOut(deps, request.principal!);
    reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
    return reply.status(204).send(null);
  });

  app.get(
    '/api/v1/auth/session',
    { schema: { tags, response: { 200: SessionResponse, ...protectedErrors } }, preHandler: guard.authenticated },
    async (request) => {
      const principal = request.principal!;
      const user = await getUser(deps, principal.userId);
      // A token has no session, hence no CSRF token: it is not sent by browsers on their own.
      return { user: { ...user, role: principal.role }, csrfToken: principal.sessionId ? guard.csrfTokenFor(principal.sessionId) : '' };
    },
  );

  app.get('/api/v1/roles', { schema: { tags, response: { 200: z.record(z.string(), z.array(z.string())) } }, preHandler: guard.authenticated }, async () => roleMatrix());

  app.get('/api/v1/users', { schema: { tags, response: { 200: z.object({ items: z.array(UserSchema) }), ...protectedErrors } }, preHandler: guard.require('tickets:read') }, async () => ({
    items: await allUsers(deps),
  }));

  app.get('/api/v1/users/:id', { schema: { tags, params: IdParams, response: { 200: UserSchema, ...protectedErrors } }, preHandler: guard.require('tickets:read') }, async (request) =>
    getUser(deps, request.params.id),
  );

  app.post(
    '/api/v1/users',
    { schema: { tags, body: CreateUserBody, response: { 201: UserSchema, 409: ProblemSchema, ...protectedErrors } }, preHandler: guard.require('users:manage') },
    async (request, reply) => reply.status(201).send(await createUser(deps, actorOf(request.principal!), request.body)),
  );

  app.patch(
    '/api/v1/users/:id',
    { schema: { tags, params: IdParams, body: UpdateUserBody, response: { 200: UserSchema, ...protectedErrors } }, preHandler: guard.require('users:manage') },
    async (request) => {
      if (request.params.id === request.principal!.userId && (request.body.role || request.body.active === false)) {
        throw new AppError('conflict', 'You cannot change your own role or deactivate yourself');
      }
      return updateUser(deps, actorOf(request.principal!), request.params.id, request.body);
    },
  );

  app.get(
    '/api/v1/tokens',
    { schema: { tags, querystring: TokenListQuery, response: { 200: z.object({ items: z.array(TokenSchema) }), ...protectedErrors } }, preHandler: guard.require('self:manage') },
    async (request) => {
      const principal = request.principal!;
      const everyone = request.query.all === 'true' && can(principal.role, 'tokens:manage');
      return { items: await tokensOf(deps, everyone ? undefined : principal.userId) };
    },
  );

  app.post(
    '/api/v1/tokens',
    { schema: { tags, body: CreateTokenBody, response: { 201: CreatedTokenResponse, ...protectedErrors } }, preHandler: guard.require('self:manage') },
    async (request, reply) => {
      const principal = request.principal!;
      const userId = request.body.userId ?? principal.userId;
      assertCanCreateTokenFor(principal, userId);
      const created = await createToken(deps, actorOf(principal), { ...request.body, userId });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/v1/tokens/:id',
    { schema: { tags, params: IdParams, response: { 200: TokenSchema, ...protectedErrors } }, preHandler: guard.require('self:manage') },
    async (request) => revokeToken(deps, actorOf(request.principal!), request.principal!, request.params.id),
  );
}
