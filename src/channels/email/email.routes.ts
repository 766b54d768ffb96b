import { z } from 'zod';
import { actorOf } from '../../platform/auth/principal.js';
import type { RouteDeps } from '../../platform/context.js';
import type { App } from '../../platform/http/server.js';
import { IdParams, ProblemSchema, protectedErrors } from '../../platform/http/schemas.js';
import { AttachmentListResponse, DeliveryListResponse, EmailSettingsSchema, InboundEmailDetailSchema, InboundListResponse, ListInboundQuery, TicketFilterQuery } from './email.schema.js';
import {
  deleteInboundEmail,
  emailSettings,
  getInboundEmail,
  listAttachments,
  listEmailDeliveries,
  listInboundEmails,
  openAttachment,
  rawInboundEmail,
  releaseInboundEmail,
  retryInboundEmail,
} from './email.service.js';

/** Inbound mail (quarantine review), attachments, outbound delivery state and the effective configuration. */
export function registerEmailRoutes(app: App, deps: RouteDeps): void {
  const { guard } = deps;
  const tags = ['email'];
  const conflict = { 409: ProblemSchema };

  app.get(
    '/api/v1/email/settings',
    { schema: { tags, response: { 200: EmailSettingsSchema, ...protectedErrors }, description: 'The effective e-mail configuration (listener, mailbox, relay); never a password' }, preHandler: guard.require('settings:manage') },
    async () => emailSettings(deps.config.email),
  );

  app.get(
    '/api/v1/email/inbound',
    { schema: { tags, querystring: ListInboundQuery, response: { 200: InboundListResponse, ...protectedErrors } }, preHandler: guard.require('settings:manage') },
    async (request) => listInboundEmails(deps, request.query),
  );

  app.get(
    '/api/v1/email/inbound/:id',
    { schema: { tags, params: IdParams, response: { 200: InboundEmailDetailSchema, ...protectedErrors } }, preHandler: guard.require('tickets:read') },
    async (request) => getInboundEmail(deps, request.params.id),
  );

  app.get(
    '/api/v1/email/inbound/:id/raw',
    { schema: { tags, params: IdParams, description: 'The message as received (message/rfc822), as a download' }, preHandler: guard.require('tickets:read') },
    async (request, reply) => {
      const stream = await rawInboundEmail(deps, request.params.id);
      return reply.header('content-type', 'message/rfc822').header('content-disposition', `attachment; filename="${request.params.id}.eml"`).send(stream);
    },
  );

  app.post(
    '/api/v1/email/inbound/:id/release',
    { schema: { tags, params: IdParams, response: { 200: InboundEmailDetailSchema, ...conflict, ...protectedErrors } }, preHandler: guard.require('settings:manage') },
    async (request) => releaseInboundEmail(deps, actorOf(request.principal!), request.params.id),
  );

  app.post(
    '/api/v1/email/inbound/:id/retry',
    { schema: { tags, params: IdParams, response: { 200: InboundEmailDetailSchema, ...conflict, ...protectedErrors } }, preHandler: guard.require('settings:manage') },
    async (request) => retryInboundEmail(deps, actorOf(request.principal!), request.params.id),
  );

  app.delete(
    '/api/v1/email/inbound/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null(), ...conflict, ...protectedErrors } }, preHandler: guard.require('settings:manage') },
    async (request, reply) => {
      await deleteInboundEmail(deps, actorOf(request.principal!), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/email/attachments',
    { schema: { tags, querystring: z.object({ ticketId: z.string().max(100) }), response: { 200: AttachmentListResponse, ...protectedErrors } }, preHandler: guard.require('tickets:read') },
    async (request) => ({ items: await listAttachments(deps, request.query.ticketId) }),
  );

  app.get(
    '/api/v1/email/attachments/:id',
    { schema: { tags, params: IdParams, description: 'The attachment bytes, always as a download (never rendered inline: it came from outside)' }, preHandler: guard.require('tickets:read') },
    async (request, reply) => {
      const { attachment, stream } = await openAttachment(deps, request.params.id);
      const filename = attachment.filename.replace(/["\\]/g, '_');
      return reply
        .header('content-type', 'application/octet-stream')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(stream);
    },
  );

  app.get(
    '/api/v1/email/deliveries',
    { schema: { tags, querystring: TicketFilterQuery, response: { 200: DeliveryListResponse, ...protectedErrors } }, preHandler: guard.require('tickets:read') },
    async (request) => ({ items: await listEmailDeliveries(deps, request.query) }),
  );
}
