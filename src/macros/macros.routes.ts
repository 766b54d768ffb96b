import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { IdParams, ProblemSchema, protectedErrors } from '../platform/http/schemas.js';
import { ApplyMacroBody, ApplyResultSchema, CreateMacroBody, MacroListQuery, MacroListResponse, MacroSchema, MacroTicketBody, PreviewSchema, UpdateMacroBody } from './macros.schema.js';
import { applyMacro, createMacro, deleteMacro, getMacro, listMacros, previewMacro, updateMacro, type MacroApplier } from './macros.service.js';

/** The caller as the one applying a macro: their name fills {{agent.*}} and they author the reply. */
const applierOf = (request: FastifyRequest): MacroApplier => {
  const principal = request.principal!;
  return { actor: actorOf(principal), agent: { id: principal.userId, name: principal.name, email: principal.email } };
};

/** Macros: agents list, preview and apply them; leads and admins manage them. */
export function registerMacroRoutes(app: App, deps: RouteDeps): void {
  const tags = ['macros'];
  const use = deps.guard.require('macros:use');
  const manage = deps.guard.require('macros:manage');
  const one = { 200: MacroSchema, ...protectedErrors };

  app.get('/api/v1/macros', { schema: { tags, querystring: MacroListQuery, response: { 200: MacroListResponse, ...protectedErrors } }, preHandler: use }, async (request) =>
    listMacros(deps, request.query.active === undefined ? undefined : request.query.active === 'true'),
  );

  app.post(
    '/api/v1/macros',
    { schema: { tags, body: CreateMacroBody, response: { 201: MacroSchema, 409: ProblemSchema, ...protectedErrors }, description: 'Unknown placeholders are refused (400, naming each)' }, preHandler: manage },
    async (request, reply) => {
      const macro = await createMacro(deps, actorOf(request.principal!), request.body);
      return reply.status(201).header('location', `/api/v1/macros/${macro.id}`).send(macro);
    },
  );

  app.get('/api/v1/macros/:id', { schema: { tags, params: IdParams, response: one }, preHandler: use }, async (request) => getMacro(deps, request.params.id));

  app.patch('/api/v1/macros/:id', { schema: { tags, params: IdParams, body: UpdateMacroBody, response: { ...one, 409: ProblemSchema } }, preHandler: manage }, async (request) =>
    updateMacro(deps, actorOf(request.principal!), request.params.id, request.body),
  );

  app.delete('/api/v1/macros/:id', { schema: { tags, params: IdParams, response: { 204: z.null(), ...protectedErrors } }, preHandler: manage }, async (request, reply) => {
    await deleteMacro(deps, actorOf(request.principal!), request.params.id);
    return reply.status(204).send(null);
  });

  app.post(
    '/api/v1/macros/:id/preview',
    { schema: { tags, params: IdParams, body: MacroTicketBody, response: { 200: PreviewSchema, ...protectedErrors }, description: 'The rendered text and the field changes, without applying anything' }, preHandler: use },
    async (request) => previewMacro(deps, applierOf(request), request.params.id, request.body.ticketId),
  );

  app.post(
    '/api/v1/macros/:id/apply',
    {
      schema: { tags, params: IdParams, body: ApplyMacroBody, response: { 200: ApplyResultSchema, 409: ProblemSchema, ...protectedErrors }, description: 'Adds the rendered reply or note (or, with send: false, returns it as a draft) and applies the actions' },
      preHandler: use,
    },
    async (request) => applyMacro(deps, applierOf(request), request.params.id, request.body.ticketId, { send: request.body.send }),
  );
}
