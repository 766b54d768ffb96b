import { z } from 'zod';
import { ArticleDetailSchema } from '../kb/articles.schema.js';
import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { IdParams, ProblemSchema, protectedErrors } from '../platform/http/schemas.js';
import { draftArticleFromTicket } from './article-draft.service.js';
import { GapsQuery, GapsResponse } from './gaps.schema.js';
import { gapReport } from './gaps.service.js';
import { ArticleDraftBody } from './knowledge.schema.js';

// A second draft of one ticket is refused with the id of the first, so a client can open it.
const DraftConflict = ProblemSchema.extend({ articleId: z.string().optional().describe('With already_exists: the draft the ticket already has') });

/** Growing the knowledge: article drafts from solved tickets and the gap report (docs/responses.md). */
export function registerKnowledgeRoutes(app: App, deps: RouteDeps): void {
  const { guard } = deps;

  app.post(
    '/api/v1/tickets/:id/article-draft',
    {
      schema: { tags: ['kb'], params: IdParams, body: ArticleDraftBody, response: { 201: ArticleDetailSchema, ...protectedErrors, 409: DraftConflict } },
      preHandler: guard.require('kb:manage'),
    },
    async (request, reply) => {
      const article = await draftArticleFromTicket(deps, actorOf(request.principal!), request.params.id, request.body);
      return reply.status(201).header('location', `/api/v1/kb/articles/${article.id}`).send(article);
    },
  );

  app.get(
    '/api/v1/kb/gaps',
    { schema: { tags: ['kb'], querystring: GapsQuery, response: { 200: GapsResponse, ...protectedErrors } }, preHandler: guard.require('kb:manage') },
    async (request) => gapReport(deps, request.query),
  );
}
