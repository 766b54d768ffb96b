import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { IdParams, protectedErrors } from '../platform/http/schemas.js';
import { z } from 'zod';
import { ASSIGNMENT_MODES } from './assign.js';
import { AgentRoutingSchema, AvailabilityBody, GroupRoutingBody, OnCallBody, ReplaceRulesBody, RoutingConfigSchema, SkillsBody } from './routing.schema.js';
import { getAgentRouting, getRoutingConfig, replaceRules, setAvailability, setGroupMode, setOnCallGroup, setSkills } from './routing.service.js';

/** Routing rules, the on-call group, group assignment modes, agents' skills and availability. */
export function registerRoutingRoutes(app: App, deps: RouteDeps): void {
  const { guard } = deps;
  const tags = ['routing'];
  const manage = guard.require('groups:manage');
  const config = { 200: RoutingConfigSchema, ...protectedErrors };
  const agent = { 200: AgentRoutingSchema, ...protectedErrors };

  app.get('/api/v1/routing', { schema: { tags, response: config }, preHandler: guard.require('groups:read') }, async () => getRoutingConfig(deps));

  app.put(
    '/api/v1/routing/rules',
    { schema: { tags, body: ReplaceRulesBody, response: config, description: 'Replaces the ordered category → group rules' }, preHandler: manage },
    async (request) => replaceRules(deps, actorOf(request.principal!), request.body.rules),
  );

  app.put(
    '/api/v1/routing/on-call',
    { schema: { tags, body: OnCallBody, response: config, description: 'The group every Tier 1 ticket goes to (null for none)' }, preHandler: manage },
    async (request) => setOnCallGroup(deps, actorOf(request.principal!), request.body.groupId),
  );

  app.put(
    '/api/v1/groups/:id/routing',
    { schema: { tags, params: IdParams, body: GroupRoutingBody, response: { 200: z.object({ groupId: z.string(), mode: z.enum(ASSIGNMENT_MODES) }), ...protectedErrors } }, preHandler: manage },
    async (request) => setGroupMode(deps, actorOf(request.principal!), request.params.id, request.body.mode),
  );

  app.get('/api/v1/users/:id/routing', { schema: { tags, params: IdParams, response: agent }, preHandler: guard.require('groups:read') }, async (request) =>
    getAgentRouting(deps, request.params.id),
  );

  app.put('/api/v1/users/:id/skills', { schema: { tags, params: IdParams, body: SkillsBody, response: agent }, preHandler: manage }, async (request) =>
    setSkills(deps, actorOf(request.principal!), request.params.id, request.body.skills),
  );

  app.put(
    '/api/v1/users/:id/availability',
    { schema: { tags, params: IdParams, body: AvailabilityBody, response: agent, description: 'Agents set their own; leads and admins anyone\'s' }, preHandler: guard.require('tickets:write') },
    async (request) => setAvailability(deps, request.principal!, actorOf(request.principal!), request.params.id, request.body),
  );
}
