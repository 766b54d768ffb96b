import { z } from 'zod';
import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { IdParams, ProblemSchema, protectedErrors } from '../platform/http/schemas.js';
import {
  CreateOrganisationBody,
  ListOrganisationsQuery,
  OrganisationDetailSchema,
  OrganisationListResponse,
  UpdateOrganisationBody,
} from './organisations.schema.js';
import { createOrganisation, deleteOrganisation, getOrganisation, listOrganisations, updateOrganisation } from './organisations.service.js';

/** Organisations: the companies customers belong to, matched by email domain. */
export function registerOrganisationRoutes(app: App, deps: RouteDeps): void {
  const { guard } = deps;
  const tags = ['organisations'];

  app.get(
    '/api/v1/organisations',
    { schema: { tags, querystring: ListOrganisationsQuery, response: { 200: OrganisationListResponse, ...protectedErrors } }, preHandler: guard.require('tickets:read') },
    async (request) => listOrganisations(deps, request.query),
  );

  app.post(
    '/api/v1/organisations',
    { schema: { tags, body: CreateOrganisationBody, response: { 201: OrganisationDetailSchema, 409: ProblemSchema, ...protectedErrors } }, preHandler: guard.require('organisations:manage') },
    async (request, reply) => {
      const organisation = await createOrganisation(deps, actorOf(request.principal!), request.body);
      return reply.status(201).header('location', `/api/v1/organisations/${organisation.id}`).send(organisation);
    },
  );

  app.get(
    '/api/v1/organisations/:id',
    { schema: { tags, params: IdParams, response: { 200: OrganisationDetailSchema, ...protectedErrors } }, preHandler: guard.require('tickets:read') },
    async (request) => getOrganisation(deps, request.params.id),
  );

  app.patch(
    '/api/v1/organisations/:id',
    { schema: { tags, params: IdParams, body: UpdateOrganisationBody, response: { 200: OrganisationDetailSchema, 409: ProblemSchema, ...protectedErrors } }, preHandler: guard.require('organisations:manage') },
    async (request) => updateOrganisation(deps, actorOf(request.principal!), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/organisations/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null(), ...protectedErrors } }, preHandler: guard.require('organisations:manage') },
    async (request, reply) => {
      await deleteOrganisation(deps, actorOf(request.principal!), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
