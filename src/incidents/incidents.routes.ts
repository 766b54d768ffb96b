import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { IdParams, protectedErrors } from '../platform/http/schemas.js';
import { BurstSettingsSchema, IncidentViewSchema, LinkBody } from './incidents.schema.js';
import { getBurstSettings, getIncidentView, linkToIncident, unlinkFromIncident, updateBurstSettings } from './incidents.service.js';

/** Incident (parent) tickets: the link from both ends, manual linking, and the burst rule. */
export function registerIncidentRoutes(app: App, deps: RouteDeps): void {
  const { guard } = deps;
  const tags = ['incidents'];
  const view = { 200: IncidentViewSchema, ...protectedErrors };

  app.get(
    '/api/v1/tickets/:id/incident',
    { schema: { tags, params: IdParams, response: view, description: 'The incident this ticket belongs to, and the tickets linked to it when it is an incident' }, preHandler: guard.require('tickets:read') },
    async (request) => getIncidentView(deps, request.params.id),
  );

  app.put(
    '/api/v1/tickets/:id/incident',
    { schema: { tags, params: IdParams, body: LinkBody, response: view, description: 'Links the ticket to an incident ticket' }, preHandler: guard.require('tickets:write') },
    async (request) => linkToIncident(deps, actorOf(request.principal!), request.params.id, request.body.incidentId),
  );

  app.delete('/api/v1/tickets/:id/incident', { schema: { tags, params: IdParams, response: view }, preHandler: guard.require('tickets:write') }, async (request) =>
    unlinkFromIncident(deps, actorOf(request.principal!), request.params.id),
  );

  app.get('/api/v1/incidents/settings', { schema: { tags, response: { 200: BurstSettingsSchema, ...protectedErrors } }, preHandler: guard.require('tickets:read') }, async () =>
    getBurstSettings(deps),
  );

  app.put(
    '/api/v1/incidents/settings',
    { schema: { tags, body: BurstSettingsSchema, response: { 200: BurstSettingsSchema, ...protectedErrors }, description: 'The burst rule: N look-alikes within M minutes open an incident' }, preHandler: guard.require('settings:manage') },
    async (request) => updateBurstSettings(deps, actorOf(request.principal!), request.body),
  );
}
