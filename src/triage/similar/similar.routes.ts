import type { RouteDeps } from '../../platform/context.js';
import type { App } from '../../platform/http/server.js';
import { IdParams, protectedErrors } from '../../platform/http/schemas.js';
import { SimilarQuery, SimilarResponse } from './similar.schema.js';
import type { SimilarTickets } from './similar.service.js';
import { sharedSimilarTickets } from './shared.js';

/** `GET /api/v1/tickets/:id/similar`, with the index it reads kept current by ticket events. */
export function registerSimilarRoutes(app: App, deps: RouteDeps): SimilarTickets {
  const similar = sharedSimilarTickets(deps);

  app.get(
    '/api/v1/tickets/:id/similar',
    {
      schema: { tags: ['tickets'], params: IdParams, querystring: SimilarQuery, response: { 200: SimilarResponse, ...protectedErrors } },
      preHandler: deps.guard.require('tickets:read'),
    },
    async (request) => ({
      items: await similar.similarTo(request.params.id, { limit: request.query.limit, solvedOnly: request.query.status === 'solved' }),
    }),
  );
  return similar;
}
