import { z } from 'zod';
import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { IdParams, ProblemSchema, protectedErrors } from '../platform/http/schemas.js';
import { AutomationListQuery, AutomationListResponse, ConditionFieldsResponse, AutomationSchema, CreateAutomationBody, ReorderBody, UpdateAutomationBody } from './automations.schema.js';
import { describeFields } from './conditions.js';
import { createAutomation, deleteAutomation, getAutomation, listAutomations, reorderAutomations, updateAutomation } from './automations.service.js';

/** Automation rules (admins). */
export function registerAutomationRoutes(app: App, deps: RouteDeps): void {
  const tags = ['automations'];
  const manage = deps.guard.require('automations:manage');
  const one = { 200: AutomationSchema, ...protectedErrors };

  app.get('/api/v1/automations', { schema: { tags, querystring: AutomationListQuery, response: { 200: AutomationListResponse, ...protectedErrors }, description: 'In run order' }, preHandler: manage }, async (request) =>
    listAutomations(deps, request.query.trigger),
  );

  app.post(
    '/api/v1/automations',
    {
      schema: { tags, body: CreateAutomationBody, response: { 201: AutomationSchema, 409: ProblemSchema, ...protectedErrors }, description: 'Conditions on unknown fields are refused (400, naming each)' },
      preHandler: manage,
    },
    async (request, reply) => {
      const rule = await createAutomation(deps, actorOf(request.principal!), request.body);
      return reply.status(201).header('location', `/api/v1/automations/${rule.id}`).send(rule);
    },
  );

  app.get(
    '/api/v1/automations/fields',
    { schema: { tags, response: { 200: ConditionFieldsResponse, ...protectedErrors }, description: 'The fields conditions can name, with their operators (for rule editors)' }, preHandler: manage },
    async () => ({ items: describeFields() }),
  );

  app.put(
    '/api/v1/automations/order',
    { schema: { tags, body: ReorderBody, response: { 200: AutomationListResponse, ...protectedErrors }, description: 'Sets the run order' }, preHandler: manage },
    async (request) => reorderAutomations(deps, actorOf(request.principal!), request.body.ids),
  );

  app.get('/api/v1/automations/:id', { schema: { tags, params: IdParams, response: one }, preHandler: manage }, async (request) => getAutomation(deps, request.params.id));

  app.patch('/api/v1/automations/:id', { schema: { tags, params: IdParams, body: UpdateAutomationBody, response: { ...one, 409: ProblemSchema } }, preHandler: manage }, async (request) =>
    updateAutomation(deps, actorOf(request.principal!), request.params.id, request.body),
  );

  app.delete('/api/v1/automations/:id', { schema: { tags, params: IdParams, response: { 204: z.null(), ...protectedErrors } }, preHandler: manage }, async (request, reply) => {
    await deleteAutomation(deps, actorOf(request.principal!), request.params.id);
    return reply.status(204).send(null);
  });
}
