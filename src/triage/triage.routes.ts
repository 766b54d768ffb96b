import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import { serializeAsBuilt, type App } from '../platform/http/server.js';
import { ProblemSchema, protectedErrors } from '../platform/http/schemas.js';
import { listCorrections } from './corrections.service.js';
import { evaluateTriage } from './evaluate.service.js';
import { requestRetrain, retrainState } from './retrain.service.js';
import { currentSettings, saveSettings } from './tiers/tiers.service.js';
import {
  ActiveModelResponse,
  CorrectionsQuery,
  CorrectionsResponse,
  EvaluateBody,
  EvaluateResponse,
  ModelListResponse,
  ModelVersionSchema,
  PredictBody,
  PredictResponse,
  RetrainResponse,
  RetrainStateResponse,
  RulesBody,
  RulesResponse,
  VersionParams,
} from './triage.schema.js';
import type { TriageEngine, TriageResult } from './triage.service.js';
import { activateModelVersion, activeModelDetail, listModelVersions, listTierModelVersions } from './triage-admin.service.js';

/** The API shape of a verdict (CONTRACT.md: priority, category, confidence, outOfScope, language, sentiment, reasons, plus detail). */
function present(result: TriageResult) {
  return {
    priority: result.priority,
    category: result.category,
    confidence: result.confidence ?? 0,
    outOfScope: result.outOfScope,
    language: result.language,
    sentiment: result.sentiment,
    sentimentScore: result.sentimentScore,
    frustration: result.frustration,
    urgency: result.urgency,
    tier: { source: result.tier.source, baseTier: result.tier.baseTier, rule: result.tier.rule, raisedBy: result.tier.raisedBy, reasons: result.tier.reasons },
    guess: result.categoryDetail?.guess ?? null,
    alternatives: result.categoryDetail?.alternatives ?? [],
    evidence: result.categoryDetail?.evidence ?? [],
    reasons: result.reasons,
    modelVersion: result.modelVersion,
    rulesVersion: result.rulesVersion,
  };
}

/** `POST /api/v1/triage/predict` and the triage admin routes (model versions, retraining, evaluation, rules, corrections). */
export function registerTriageRoutes(app: App, deps: RouteDeps, engine: TriageEngine): void {
  const { guard } = deps;
  const tags = ['triage'];
  const admin = guard.require('settings:manage');
  const conflict = { 409: ProblemSchema };

  app.post(
    '/api/v1/triage/predict',
    // The hot path of triage (p99 under 2 ms is the target): present() builds the documented shape.
    { schema: { tags, body: PredictBody, response: { 200: PredictResponse, ...conflict, ...protectedErrors } }, preHandler: guard.require('triage:use'), serializerCompiler: serializeAsBuilt },
    async (request) => {
      const input = { subject: request.body.subject ?? '', body: request.body.body };
      // Blank text has nothing to classify, with or without a model: out of scope, with the reason.
      if (`${input.subject}${input.body}`.trim() !== '') await engine.requireModel();
      return present(await engine.triage(deps.db.kysely, input));
    },
  );

  app.get('/api/v1/triage/model', { schema: { tags, response: { 200: ActiveModelResponse, ...conflict, ...protectedErrors } }, preHandler: admin }, async () =>
    activeModelDetail(deps, engine),
  );

  app.get('/api/v1/triage/models', { schema: { tags, response: { 200: ModelListResponse, ...protectedErrors } }, preHandler: admin }, async () => ({
    items: await listModelVersions(deps),
    tierModels: await listTierModelVersions(deps),
  }));

  app.post(
    '/api/v1/triage/models/:version/activate',
    { schema: { tags, params: VersionParams, response: { 200: ModelVersionSchema, ...protectedErrors }, description: 'Makes a stored version the active model (a roll-back)' }, preHandler: admin },
    async (request) => activateModelVersion(deps, engine, actorOf(request.principal!), request.params.version),
  );

  app.post(
    '/api/v1/triage/retrain',
    { schema: { tags, response: { 202: RetrainResponse, 422: ProblemSchema, ...protectedErrors }, description: 'Queues a retraining from solved tickets and agents\' corrections' }, preHandler: admin },
    async (_request, reply) => reply.status(202).send({ jobId: await requestRetrain(deps, engine), status: 'queued' as const }),
  );

  app.get(
    '/api/v1/triage/retrain',
    { schema: { tags, response: { 200: RetrainStateResponse, ...protectedErrors }, description: 'Whether a retraining is waiting to run; a finished one shows as a new model version' }, preHandler: admin },
    async () => retrainState(deps),
  );

  app.post(
    '/api/v1/triage/evaluate',
    { schema: { tags, body: EvaluateBody, response: { 200: EvaluateResponse, ...conflict, 422: ProblemSchema, ...protectedErrors } }, preHandler: admin },
    async (request) => evaluateTriage(deps, engine, request.body.items),
  );

  app.get('/api/v1/triage/rules', { schema: { tags, response: { 200: RulesResponse, ...protectedErrors } }, preHandler: admin }, async () => currentSettings(deps.db.kysely));

  app.put(
    '/api/v1/triage/rules',
    { schema: { tags, body: RulesBody, response: { 200: RulesResponse, ...protectedErrors }, description: 'Replaces the tier rules and signal settings (a new version, audited)' }, preHandler: admin },
    async (request) => {
      const saved = await saveSettings(deps, actorOf(request.principal!), request.body);
      engine.invalidate();
      return saved;
    },
  );

  app.get(
    '/api/v1/triage/corrections',
    { schema: { tags, querystring: CorrectionsQuery, response: { 200: CorrectionsResponse, ...protectedErrors } }, preHandler: admin },
    async (request) => ({ items: await listCorrections(deps, request.query.limit) }),
  );
}
