import { z } from 'zod';
import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { IdParams, ProblemSchema, protectedErrors } from '../platform/http/schemas.js';
import { AddMemberBody, CreateGroupBody, GroupDetailSchema, GroupListResponse, ListGroupsQuery, MemberParams, ReplaceMembersBody, UpdateGroupBody } from './groups.schema.js';
import { addMember, createGroup, deleteGroup, getGroup, listGroups, removeMember, replaceMembers, updateGroup } from './groups.service.js';

/** Groups (teams) of agents, and their members. */
export function registerGroupRoutes(app: App, deps: RouteDeps): void {
  const { guard } = deps;
  const tags = ['groups'];
  const manage = guard.require('groups:manage');
  const detail = { 200: GroupDetailSchema, ...protectedErrors };

  app.get(
    '/api/v1/groups',
    { schema: { tags, querystring: ListGroupsQuery, response: { 200: GroupListResponse, ...protectedErrors } }, preHandler: guard.require('groups:read') },
    async (request) => listGroups(deps, request.query),
  );

  app.post(
    '/api/v1/groups',
    { schema: { tags, body: CreateGroupBody, response: { 201: GroupDetailSchema, 409: ProblemSchema, ...protectedErrors } }, preHandler: manage },
    async (request, reply) => {
      const group = await createGroup(deps, actorOf(request.principal!), request.body);
      return reply.status(201).header('location', `/api/v1/groups/${group.id}`).send(group);
    },
  );

  app.get('/api/v1/groups/:id', { schema: { tags, params: IdParams, response: detail }, preHandler: guard.require('groups:read') }, async (request) =>
    getGroup(deps, request.params.id),
  );

  app.patch(
    '/api/v1/groups/:id',
    { schema: { tags, params: IdParams, body: UpdateGroupBody, response: { ...detail, 409: ProblemSchema } }, preHandler: manage },
    async (request) => updateGroup(deps, actorOf(request.principal!), request.params.id, request.body),
  );

  app.delete('/api/v1/groups/:id', { schema: { tags, params: IdParams, response: { 204: z.null(), ...protectedErrors } }, preHandler: manage }, async (request, reply) => {
    await deleteGroup(deps, actorOf(request.principal!), request.params.id);
    return reply.status(204).send(null);
  });

  app.put(
    '/api/v1/groups/:id/members',
    { schema: { tags, params: IdParams, body: ReplaceMembersBody, response: detail, description: 'Replaces the members' }, preHandler: manage },
    async (request) => replaceMembers(deps, actorOf(request.principal!), request.params.id, request.body.userIds),
  );

  app.post(
    '/api/v1/groups/:id/members',
    { schema: { tags, params: IdParams, body: AddMemberBody, response: detail }, preHandler: manage },
    async (request) => addMember(deps, actorOf(request.principal!), request.params.id, request.body.userId),
  );

  app.delete(
    '/api/v1/groups/:id/members/:userId',
    { schema: { tags, params: MemberParams, response: detail }, preHandler: manage },
    async (request) => removeMember(deps, actorOf(request.principal!), request.params.id, request.params.userId),
  );
}
