import { z } from 'zod';
import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { IdParams, ProblemSchema, protectedErrors } from '../platform/http/schemas.js';
import { createCalendar, deleteCalendar, getCalendar, holidayRegions, listCalendars, updateCalendar } from './calendars.service.js';
import { createPolicy, deletePolicy, getPolicy, listPolicies, reorderPolicies, updatePolicy } from './policies.service.js';
import {
  AtRiskQuery,
  AtRiskResponse,
  CalendarListResponse,
  CalendarSchema,
  CreateCalendarBody,
  CreatePolicyBody,
  HolidayRegionsQuery,
  HolidayRegionsResponse,
  PolicyListResponse,
  PolicyOrderBody,
  PolicySchema,
  UpdateCalendarBody,
  UpdatePolicyBody,
} from './sla.schema.js';
import { listAtRisk } from './sla.service.js';

/** SLA calendars and policies (admins), and the at-risk queue (anyone who reads tickets). */
export function registerSlaRoutes(app: App, deps: RouteDeps): void {
  const { guard } = deps;
  const tags = ['sla'];
  const manage = guard.require('settings:manage');
  const writeErrors = { 409: ProblemSchema, ...protectedErrors };

  app.get('/api/v1/sla/calendars', { schema: { tags, response: { 200: CalendarListResponse, ...protectedErrors } }, preHandler: manage }, async () => listCalendars(deps));
  app.post('/api/v1/sla/calendars', { schema: { tags, body: CreateCalendarBody, response: { 201: CalendarSchema, ...writeErrors } }, preHandler: manage }, async (request, reply) => {
    const calendar = await createCalendar(deps, actorOf(request.principal!), request.body);
    return reply.status(201).header('location', `/api/v1/sla/calendars/${calendar.id}`).send(calendar);
  });
  app.get('/api/v1/sla/calendars/:id', { schema: { tags, params: IdParams, response: { 200: CalendarSchema, ...protectedErrors } }, preHandler: manage }, async (request) =>
    getCalendar(deps, request.params.id),
  );
  app.patch(
    '/api/v1/sla/calendars/:id',
    { schema: { tags, params: IdParams, body: UpdateCalendarBody, response: { 200: CalendarSchema, ...writeErrors } }, preHandler: manage },
    async (request) => updateCalendar(deps, actorOf(request.principal!), request.params.id, request.body),
  );
  app.delete('/api/v1/sla/calendars/:id', { schema: { tags, params: IdParams, response: { 204: z.null(), ...writeErrors } }, preHandler: manage }, async (request, reply) => {
    await deleteCalendar(deps, actorOf(request.principal!), request.params.id);
    return reply.status(204).send(null);
  });

  app.get(
    '/api/v1/sla/holiday-regions',
    {
      schema: { tags, querystring: HolidayRegionsQuery, response: { 200: HolidayRegionsResponse, ...protectedErrors }, description: 'Countries, states of a country, or regions of a state that calendars can take public holidays from' },
      preHandler: manage,
    },
    async (request) => holidayRegions(request.query.country, request.query.state),
  );

  app.get('/api/v1/sla/policies', { schema: { tags, response: { 200: PolicyListResponse, ...protectedErrors } }, preHandler: manage }, async () => listPolicies(deps));
  app.post('/api/v1/sla/policies', { schema: { tags, body: CreatePolicyBody, response: { 201: PolicySchema, ...writeErrors } }, preHandler: manage }, async (request, reply) => {
    const policy = await createPolicy(deps, actorOf(request.principal!), request.body);
    return reply.status(201).header('location', `/api/v1/sla/policies/${policy.id}`).send(policy);
  });
  app.put(
    '/api/v1/sla/policies/order',
    { schema: { tags, body: PolicyOrderBody, response: { 200: PolicyListResponse, ...protectedErrors }, description: 'Sets the matching order; names every policy' }, preHandler: manage },
    async (request) => reorderPolicies(deps, actorOf(request.principal!), request.body.ids),
  );
  app.get('/api/v1/sla/policies/:id', { schema: { tags, params: IdParams, response: { 200: PolicySchema, ...protectedErrors } }, preHandler: manage }, async (request) =>
    getPolicy(deps, request.params.id),
  );
  app.patch(
    '/api/v1/sla/policies/:id',
    { schema: { tags, params: IdParams, body: UpdatePolicyBody, response: { 200: PolicySchema, ...writeErrors } }, preHandler: manage },
    async (request) => updatePolicy(deps, actorOf(request.principal!), request.params.id, request.body),
  );
  app.delete('/api/v1/sla/policies/:id', { schema: { tags, params: IdParams, response: { 204: z.null(), ...protectedErrors } }, preHandler: manage }, async (request, reply) => {
    await deletePolicy(deps, actorOf(request.principal!), request.params.id);
    return reply.status(204).send(null);
  });

  app.get(
    '/api/v1/sla/at-risk',
    { schema: { tags, querystring: AtRiskQuery, response: { 200: AtRiskResponse, ...protectedErrors }, description: 'Open tickets by time left to their earliest SLA deadline' }, preHandler: guard.require('tickets:read') },
    async (request) => listAtRisk(deps, request.query),
  );
}
