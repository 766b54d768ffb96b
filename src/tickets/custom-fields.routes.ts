import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { IdParams, ProblemSchema, protectedErrors } from '../platform/http/schemas.js';
import { CreateCustomFieldBody, CustomFieldListResponse, CustomFieldSchema, UpdateCustomFieldBody } from './custom-fields.schema.js';
import { createCustomField, listCustomFields, updateCustomField } from './custom-fields.service.js';

/** Definitions of the custom fields tickets carry (values live on each ticket). */
export function registerCustomFieldRoutes(app: App, deps: RouteDeps): void {
  const { guard } = deps;
  const tags = ['custom fields'];

  app.get(
    '/api/v1/custom-fields',
    { schema: { tags, response: { 200: CustomFieldListResponse, ...protectedErrors } }, preHandler: guard.require('tickets:read') },
    async () => ({ items: await listCustomFields(deps.db.kysely) }),
  );

  app.post(
    '/api/v1/custom-fields',
    { schema: { tags, body: CreateCustomFieldBody, response: { 201: CustomFieldSchema, 409: ProblemSchema, ...protectedErrors } }, preHandler: guard.require('fields:manage') },
    async (request, reply) => reply.status(201).send(await createCustomField(deps, actorOf(request.principal!), request.body)),
  );

  app.patch(
    '/api/v1/custom-fields/:id',
    { schema: { tags, params: IdParams, body: UpdateCustomFieldBody, response: { 200: CustomFieldSchema, ...protectedErrors } }, preHandler: guard.require('fields:manage') },
    async (request) => updateCustomField(deps, actorOf(request.principal!), request.params.id, request.body),
  );
}
