import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { protectedErrors } from '../platform/http/schemas.js';
import { SearchQuery, SearchResponse, SynonymsBody, SynonymsResponse } from './search.schema.js';
import { flushSearchLog } from './search-log.js';
import { searchArticles } from './search.service.js';
import { getSynonyms, putSynonyms } from './synonyms.service.js';

/** Knowledge-base search and its synonyms. */
export function registerKbSearchRoutes(app: App, deps: RouteDeps): void {
  const { guard } = deps;
  const tags = ['kb'];
  app.addHook('onClose', () => flushSearchLog(deps, { all: true }));

  app.get(
    '/api/v1/kb/search',
    { schema: { tags, querystring: SearchQuery, response: { 200: SearchResponse, ...protectedErrors } }, preHandler: guard.require('kb:read') },
    async (request) => {
      const { q, limit, visibility, locale, category, prefix } = request.query;
      const search = { q, limit, visibility, locale, category, prefix: prefix === undefined ? true : prefix === '1' || prefix === 'true' };
      // Logged for the gap report; keystrokes of one caller collapse into their final query.
      return searchArticles(deps, search, { source: 'agent', caller: request.principal!.userId });
    },
  );

  app.get(
    '/api/v1/kb/synonyms',
    { schema: { tags, response: { 200: SynonymsResponse, ...protectedErrors } }, preHandler: guard.require('kb:read') },
    async () => getSynonyms(deps),
  );

  app.put(
    '/api/v1/kb/synonyms',
    { schema: { tags, body: SynonymsBody, response: { 200: SynonymsResponse, ...protectedErrors } }, preHandler: guard.require('kb:manage') },
    async (request) => putSynonyms(deps, actorOf(request.principal!), request.body.synonyms),
  );
}
