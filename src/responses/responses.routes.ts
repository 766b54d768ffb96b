import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { IdParams, protectedErrors } from '../platform/http/schemas.js';
import { CheckBody, CheckResponse } from './check.schema.js';
import { checkReply } from './check.service.js';
import { DraftBody, DraftResponse } from './draft.schema.js';
import { draftReply } from './draft.service.js';
import type { ResponseSources } from './sources.js';
import { SuggestionsQuery, SuggestionsResponse } from './suggestions.schema.js';
import { suggestForTicket } from './suggestions.service.js';

/** Suggestions, suggested replies and the reply check (docs/responses.md). */
export function registerResponseRoutes(app: App, deps: RouteDeps, sources: ResponseSources): void {
  const { guard } = deps;
  const tags = ['responses'];

  app.get(
    '/api/v1/tickets/:id/suggestions',
    { schema: { tags, params: IdParams, querystring: SuggestionsQuery, response: { 200: SuggestionsResponse, ...protectedErrors } }, preHandler: guard.require('tickets:read') },
    async (request) => suggestForTicket(deps, sources, request.params.id, request.query.limit),
  );

  app.post(
    '/api/v1/tickets/:id/draft',
    { schema: { tags, params: IdParams, body: DraftBody, response: { 200: DraftResponse, ...protectedErrors } }, preHandler: guard.require('tickets:write') },
    async (request) => draftReply(deps, sources, request.params.id, { agentName: request.principal!.name, useLlm: request.body.useLlm }),
  );

  app.post(
    '/api/v1/responses/check',
    { schema: { tags, body: CheckBody, response: { 200: CheckResponse, ...protectedErrors } }, preHandler: guard.require('tickets:write') },
    async (request) => checkReply(deps, request.body.body, request.body.ticketId),
  );
}
