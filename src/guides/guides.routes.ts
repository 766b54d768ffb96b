import { z } from 'zod';
import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import type { App } from '../platform/http/server.js';
import { IdParams, ProblemSchema, protectedErrors } from '../platform/http/schemas.js';
import {
  AnswerBody,
  CreateGuideBody,
  FinishBody,
  GuideListResponse,
  GuideProblemSchema,
  GuideSchema,
  GuideStatsResponse,
  ListGuidesQuery,
  ListRunsQuery,
  RunListResponse,
  RunParams,
  RunSchema,
  StartRunBody,
  UpdateGuideBody,
  ValidateGuideBody,
  ValidationResponse,
} from './guides.schema.js';
import { checkGuide, createGuide, deleteGuide, getGuide, listGuides, updateGuide } from './guides.service.js';
import { answerRun, finishRun, getRun, listRuns, startRun } from './runs.service.js';
import { guideStats } from './stats.service.js';

/** Reads `If-Match: 3`, `"3"` or `W/"3"`; undefined when absent. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new AppError('validation_failed', 'If-Match must be the guide version, for example "3"');
  return Number(match[1]);
}

// A refused tree's problem document carries the node ids at fault and what is wrong with each.
const InvalidGuideProblem = ProblemSchema.extend({ nodes: z.array(z.string()).optional(), problems: z.array(GuideProblemSchema).optional() });
const withErrors = { 409: ProblemSchema, ...protectedErrors, 400: InvalidGuideProblem };

/** Troubleshooting guides: the trees (kb:manage to change), their runs (agents) and figures. */
export function registerGuideRoutes(app: App, deps: RouteDeps): void {
  registerTreeRoutes(app, deps);
  registerRunRoutes(app, deps);
}

function registerTreeRoutes(app: App, deps: RouteDeps): void {
  const tags = ['guides'];
  const read = deps.guard.require('kb:read');
  const manage = deps.guard.require('kb:manage');

  app.post(
    '/api/v1/guides',
    { schema: { tags, body: CreateGuideBody, response: { 201: GuideSchema, ...withErrors } }, preHandler: manage },
    async (request, reply) => {
      const guide = await createGuide(deps, actorOf(request.principal!), request.body);
      return reply.status(201).header('etag', `"${guide.version}"`).header('location', `/api/v1/guides/${guide.id}`).send(guide);
    },
  );

  app.post(
    '/api/v1/guides/validate',
    { schema: { tags, description: 'Checks a tree without saving it.', body: ValidateGuideBody, response: { 200: ValidationResponse, ...protectedErrors } }, preHandler: manage },
    async (request) => {
      const problems = await checkGuide(deps, request.body.startNodeId, request.body.nodes);
      return { valid: problems.length === 0, nodes: [...new Set(problems.map((p) => p.nodeId))], problems };
    },
  );

  app.get(
    '/api/v1/guides',
    { schema: { tags, querystring: ListGuidesQuery, response: { 200: GuideListResponse, ...protectedErrors } }, preHandler: read },
    async (request) => listGuides(deps, request.query),
  );

  app.get(
    '/api/v1/guides/:id',
    { schema: { tags, params: IdParams, response: { 200: GuideSchema, ...protectedErrors } }, preHandler: read },
    async (request, reply) => {
      const guide = await getGuide(deps, request.params.id);
      return reply.header('etag', `"${guide.version}"`).send(guide);
    },
  );

  app.patch(
    '/api/v1/guides/:id',
    {
      schema: { tags, params: IdParams, body: UpdateGuideBody, headers: z.object({ 'if-match': z.string().optional() }), response: { 200: GuideSchema, 412: ProblemSchema, ...withErrors } },
      preHandler: manage,
    },
    async (request, reply) => {
      const guide = await updateGuide(deps, actorOf(request.principal!), request.params.id, request.body, parseIfMatch(request.headers['if-match']));
      return reply.header('etag', `"${guide.version}"`).send(guide);
    },
  );

  app.delete(
    '/api/v1/guides/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null(), ...protectedErrors } }, preHandler: manage },
    async (request, reply) => {
      await deleteGuide(deps, actorOf(request.principal!), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/guides/:id/stats',
    { schema: { tags, params: IdParams, response: { 200: GuideStatsResponse, ...protectedErrors } }, preHandler: read },
    async (request) => guideStats(deps, request.params.id),
  );
}

function registerRunRoutes(app: App, deps: RouteDeps): void {
  const tags = ['guides'];
  const read = deps.guard.require('kb:read');
  const work = deps.guard.require('tickets:write');

  app.post(
    '/api/v1/guides/:id/runs',
    { schema: { tags, description: 'An agent starts a run, inside a ticket when `ticketId` is given.', params: IdParams, body: StartRunBody, response: { 201: RunSchema, ...withErrors } }, preHandler: work },
    async (request, reply) => {
      const run = await startRun(deps, actorOf(request.principal!), request.params.id, { channel: 'agent', ticketId: request.body.ticketId });
      return reply.status(201).header('location', `/api/v1/guides/runs/${run.id}`).send(run);
    },
  );

  app.get(
    '/api/v1/guides/runs',
    { schema: { tags, description: 'Runs of a guide (`guideId`) or of a ticket (`ticketId`), newest first.', querystring: ListRunsQuery, response: { 200: RunListResponse, ...protectedErrors } }, preHandler: read },
    async (request) => {
      if (!request.query.guideId && !request.query.ticketId) throw new AppError('validation_failed', 'Give guideId or ticketId', { fields: [{ path: 'querystring.guideId', message: 'or ticketId is required' }] });
      return listRuns(deps, request.query);
    },
  );

  app.get(
    '/api/v1/guides/runs/:runId',
    { schema: { tags, params: RunParams, response: { 200: RunSchema, ...protectedErrors } }, preHandler: read },
    async (request) => getRun(deps, request.params.runId),
  );

  app.post(
    '/api/v1/guides/runs/:runId/answers',
    { schema: { tags, params: RunParams, body: AnswerBody, response: { 200: RunSchema, ...withErrors } }, preHandler: work },
    async (request) => answerRun(deps, actorOf(request.principal!), request.params.runId, request.body),
  );

  app.post(
    '/api/v1/guides/runs/:runId/finish',
    { schema: { tags, params: RunParams, body: FinishBody, response: { 200: RunSchema, ...withErrors } }, preHandler: work },
    async (request) => finishRun(deps, actorOf(request.principal!), request.params.runId, request.body.result),
  );
}
