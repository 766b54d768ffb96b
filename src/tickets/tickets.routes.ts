import { z } from 'zod';
import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import type { App } from '../platform/http/server.js';
import { IdParams, Limit, ProblemSchema, protectedErrors } from '../platform/http/schemas.js';
import { listAuditEvents } from '../audit/audit.service.js';
import { AuditListResponse } from '../audit/audit.schema.js';
import { addMessage, listMessages } from './messages.service.js';
import {
  CreateMessageBody,
  CreateTicketBody,
  ListTicketsQuery,
  MessageListQuery,
  MessageListResponse,
  MessageSchema,
  TicketListResponse,
  TicketSchema,
  UpdateTicketBody,
} from './tickets.schema.js';
import { listTickets } from './tickets.list.js';
import { createTicket, getTicket, updateTicket } from './tickets.service.js';

/** Reads `If-Match: 3`, `"3"` or `W/"3"`; undefined when absent. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new AppError('validation_failed', 'If-Match must be the ticket version, for example "3"');
  return Number(match[1]);
}

const etag = (version: number) => `"${version}"`;

/** Tickets, their messages and their audit events. */
export function registerTicketRoutes(app: App, deps: RouteDeps): void {
  const { guard } = deps;
  const tags = ['tickets'];

  app.post(
    '/api/v1/tickets',
    { schema: { tags, body: CreateTicketBody, response: { 201: TicketSchema, 413: ProblemSchema, ...protectedErrors } }, preHandler: guard.require('tickets:write') },
    async (request, reply) => {
      const ticket = await createTicket(deps, actorOf(request.principal!), request.body);
      return reply.status(201).header('etag', etag(ticket.version)).header('location', `/api/v1/tickets/${ticket.id}`).send(ticket);
    },
  );

  app.get(
    '/api/v1/tickets',
    { schema: { tags, querystring: ListTicketsQuery, response: { 200: TicketListResponse, ...protectedErrors } }, preHandler: guard.require('tickets:read') },
    async (request) => listTickets(deps, request.principal!, request.query),
  );

  app.get(
    '/api/v1/tickets/:id',
    { schema: { tags, params: IdParams, response: { 200: TicketSchema, ...protectedErrors } }, preHandler: guard.require('tickets:read') },
    async (request, reply) => {
      const ticket = await getTicket(deps, request.params.id);
      return reply.header('etag', etag(ticket.version)).send(ticket);
    },
  );

  app.patch(
    '/api/v1/tickets/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateTicketBody,
        headers: z.object({ 'if-match': z.string().optional() }),
        response: { 200: TicketSchema, 409: ProblemSchema, 412: ProblemSchema, ...protectedErrors },
      },
      preHandler: guard.require('tickets:write'),
    },
    async (request, reply) => {
      const ticket = await updateTicket(deps, actorOf(request.principal!), request.params.id, request.body, parseIfMatch(request.headers['if-match']));
      return reply.header('etag', etag(ticket.version)).send(ticket);
    },
  );

  app.post(
    '/api/v1/tickets/:id/messages',
    { schema: { tags, params: IdParams, body: CreateMessageBody, response: { 201: MessageSchema, 409: ProblemSchema, 413: ProblemSchema, ...protectedErrors } }, preHandler: guard.require('tickets:write') },
    async (request, reply) => {
      const principal = request.principal!;
      const message = await addMessage(deps, actorOf(principal), { type: 'agent', id: principal.userId }, request.params.id, request.body);
      return reply.status(201).send(message);
    },
  );

  app.get(
    '/api/v1/tickets/:id/messages',
    { schema: { tags, params: IdParams, querystring: MessageListQuery, response: { 200: MessageListResponse, ...protectedErrors } }, preHandler: guard.require('tickets:read') },
    async (request) => listMessages(deps, request.params.id, request.query.limit, request.query.cursor),
  );

  app.get(
    '/api/v1/tickets/:id/events',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: z.object({ limit: Limit(500, 100), cursor: z.string().max(40).optional() }),
        response: { 200: AuditListResponse, ...protectedErrors },
      },
      preHandler: guard.require('tickets:read'),
    },
    async (request) => {
      await getTicket(deps, request.params.id);
      return listAuditEvents(deps.db.kysely, { ticketId: request.params.id, limit: request.query.limit, cursor: request.query.cursor, order: 'asc' });
    },
  );
}
