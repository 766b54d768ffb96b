import { z } from 'zod';
import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import type { App } from '../platform/http/server.js';
import { IdParams, ProblemSchema, protectedErrors } from '../platform/http/schemas.js';
import {
  ArticleDetailSchema,
  ArticleListResponse,
  CreateArticleBody,
  FeedbackBody,
  FeedbackListQuery,
  FeedbackListResponse,
  FeedbackSchema,
  ListArticlesQuery,
  RevisionDetailSchema,
  RevisionListResponse,
  RevisionParams,
  UpdateArticleBody,
} from './articles.schema.js';
import { createArticle, deleteArticle, getArticle, listArticles, updateArticle } from './articles.service.js';
import { addFeedback, listFeedback } from './feedback.service.js';
import { getRevision, listRevisions, restoreRevision } from './revisions.service.js';
import { registerKbSearchRoutes } from './search.routes.js';
import { warmSearchIndex } from './search.service.js';

/** Reads `If-Match: 3`, `"3"` or `W/"3"`; undefined when absent. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new AppError('validation_failed', 'If-Match must be the article version, for example "3"');
  return Number(match[1]);
}

const etag = (version: number) => `"${version}"`;

/** The knowledge base: articles, their revisions and feedback, search and synonyms. */
export function registerKbRoutes(app: App, deps: RouteDeps): void {
  registerArticleRoutes(app, deps);
  registerKbSearchRoutes(app, deps);
  warmAfterStart(app, deps);
}

/** How long after start the search index loads in the background, unless a search needs it sooner. */
const WARM_DELAY_MS = 1_000;

/**
 * Loads the search index shortly after the server is ready, so the first search does not wait
 * for it (10,000 articles take a few seconds). Short-lived apps (tests, commands) close first.
 */
function warmAfterStart(app: App, deps: RouteDeps): void {
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    timer = setTimeout(() => {
      if (!closed) warmSearchIndex(deps).catch((error: unknown) => deps.logger.warn({ err: error }, 'knowledge-base search index did not load'));
    }, WARM_DELAY_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    closed = true;
    clearTimeout(timer);
  });
}

function registerArticleRoutes(app: App, deps: RouteDeps): void {
  const { guard } = deps;
  const tags = ['kb'];
  const read = guard.require('kb:read');
  const manage = guard.require('kb:manage');

  app.post(
    '/api/v1/kb/articles',
    { schema: { tags, body: CreateArticleBody, response: { 201: ArticleDetailSchema, 409: ProblemSchema, ...protectedErrors } }, preHandler: manage },
    async (request, reply) => {
      const article = await createArticle(deps, actorOf(request.principal!), request.body);
      return reply.status(201).header('etag', etag(article.version)).header('location', `/api/v1/kb/articles/${article.id}`).send(article);
    },
  );

  app.get(
    '/api/v1/kb/articles',
    { schema: { tags, querystring: ListArticlesQuery, response: { 200: ArticleListResponse, ...protectedErrors } }, preHandler: read },
    async (request) => listArticles(deps, request.query),
  );

  app.get(
    '/api/v1/kb/articles/:id',
    { schema: { tags, params: IdParams, response: { 200: ArticleDetailSchema, ...protectedErrors } }, preHandler: read },
    async (request, reply) => {
      const article = await getArticle(deps, request.params.id);
      return reply.header('etag', etag(article.version)).send(article);
    },
  );

  app.patch(
    '/api/v1/kb/articles/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateArticleBody,
        headers: z.object({ 'if-match': z.string().optional() }),
        response: { 200: ArticleDetailSchema, 409: ProblemSchema, 412: ProblemSchema, ...protectedErrors },
      },
      preHandler: manage,
    },
    async (request, reply) => {
      const article = await updateArticle(deps, actorOf(request.principal!), request.params.id, request.body, parseIfMatch(request.headers['if-match']));
      return reply.header('etag', etag(article.version)).send(article);
    },
  );

  app.delete(
    '/api/v1/kb/articles/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null(), ...protectedErrors } }, preHandler: manage },
    async (request, reply) => {
      await deleteArticle(deps, actorOf(request.principal!), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/kb/articles/:id/revisions',
    { schema: { tags, params: IdParams, response: { 200: RevisionListResponse, ...protectedErrors } }, preHandler: read },
    async (request) => listRevisions(deps, request.params.id),
  );

  app.get(
    '/api/v1/kb/articles/:id/revisions/:revisionId',
    { schema: { tags, params: RevisionParams, response: { 200: RevisionDetailSchema, ...protectedErrors } }, preHandler: read },
    async (request) => getRevision(deps, request.params.id, request.params.revisionId),
  );

  app.post(
    '/api/v1/kb/articles/:id/revisions/:revisionId/restore',
    { schema: { tags, params: RevisionParams, response: { 200: ArticleDetailSchema, 409: ProblemSchema, ...protectedErrors } }, preHandler: manage },
    async (request) => restoreRevision(deps, actorOf(request.principal!), request.params.id, request.params.revisionId),
  );

  app.post(
    '/api/v1/kb/articles/:id/feedback',
    { schema: { tags, params: IdParams, body: FeedbackBody, response: { 201: FeedbackSchema, 409: ProblemSchema, ...protectedErrors } }, preHandler: read },
    async (request, reply) => reply.status(201).send(await addFeedback(deps, actorOf(request.principal!), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/kb/articles/:id/feedback',
    { schema: { tags, params: IdParams, querystring: FeedbackListQuery, response: { 200: FeedbackListResponse, ...protectedErrors } }, preHandler: read },
    async (request) => listFeedback(deps, request.params.id, request.query.limit, request.query.cursor),
  );
}
