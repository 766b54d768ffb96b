import { z } from 'zod';
import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { IdParams, protectedErrors } from '../platform/http/schemas.js';
import {
  CreateWebhookBody,
  DeliveryListQuery,
  DeliveryListResponse,
  UpdateWebhookBody,
  WebhookListResponse,
  WebhookSchema,
  WebhookWithSecretSchema,
} from './webhooks.schema.js';
import { createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks, rotateWebhookSecret, updateWebhook } from './webhooks.service.js';

/** Webhook subscriptions and their delivery logs (admins). */
export function registerWebhookRoutes(app: App, deps: RouteDeps): void {
  const tags = ['webhooks'];
  const manage = deps.guard.require('webhooks:manage');

  app.get('/api/v1/webhooks', { schema: { tags, response: { 200: WebhookListResponse, ...protectedErrors } }, preHandler: manage }, async () => listWebhooks(deps));

  app.post(
    '/api/v1/webhooks',
    { schema: { tags, body: CreateWebhookBody, response: { 201: WebhookWithSecretSchema, ...protectedErrors }, description: 'The signing secret is in this answer only' }, preHandler: manage },
    async (request, reply) => {
      const hook = await createWebhook(deps, actorOf(request.principal!), request.body);
      return reply.status(201).header('location', `/api/v1/webhooks/${hook.id}`).send(hook);
    },
  );

  app.get('/api/v1/webhooks/:id', { schema: { tags, params: IdParams, response: { 200: WebhookSchema, ...protectedErrors } }, preHandler: manage }, async (request) =>
    getWebhook(deps, request.params.id),
  );

  app.patch(
    '/api/v1/webhooks/:id',
    { schema: { tags, params: IdParams, body: UpdateWebhookBody, response: { 200: WebhookSchema, ...protectedErrors } }, preHandler: manage },
    async (request) => updateWebhook(deps, actorOf(request.principal!), request.params.id, request.body),
  );

  app.delete('/api/v1/webhooks/:id', { schema: { tags, params: IdParams, response: { 204: z.null(), ...protectedErrors } }, preHandler: manage }, async (request, reply) => {
    await deleteWebhook(deps, actorOf(request.principal!), request.params.id);
    return reply.status(204).send(null);
  });

  app.post(
    '/api/v1/webhooks/:id/rotate-secret',
    { schema: { tags, params: IdParams, response: { 200: WebhookWithSecretSchema, ...protectedErrors }, description: 'A new signing secret, shown once' }, preHandler: manage },
    async (request) => rotateWebhookSecret(deps, actorOf(request.principal!), request.params.id),
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    { schema: { tags, params: IdParams, querystring: DeliveryListQuery, response: { 200: DeliveryListResponse, ...protectedErrors }, description: 'Delivery attempts, newest first' }, preHandler: manage },
    async (request) => listDeliveries(deps, request.params.id, request.query.limit, request.query.cursor),
  );
}
