/** Schemas of the triage routes: predict, model versions, retraining, evaluation, rules, corrections. */
import { z } from 'zod';
import { Limit, Timestamp } from '../platform/http/schemas.js';
import { TriageSettingsSchema } from './tiers/tiers.schema.js';

const TEXT_MAX = 100_000;

export const PredictBody = z.object({
  subject: z.string().max(1_000).optional(),
  body: z.string().max(TEXT_MAX).describe('The ticket text; empty or blank text is out of scope'),
});

const TierRule = z.object({ subtype: z.string(), title: z.string(), tier: z.number().int(), score: z.number(), cues: z.array(z.string()) });

export const PredictResponse = z.object({
  priority: z.number().int().min(1).max(4).describe('Tier: 1 critical … 4 general'),
  category: z.string().nullable().describe('Null when out of scope'),
  confidence: z.number().describe('Calibrated probability that the best category is right'),
  outOfScope: z.boolean(),
  language: z.string().describe('ISO 639-1 code, or `und` when undetermined'),
  sentiment: z.enum(['negative', 'neutral', 'positive']),
  sentimentScore: z.number().describe('-1 … 1'),
  frustration: z.object({ score: z.number(), level: z.enum(['none', 'low', 'medium', 'high']), cues: z.array(z.string()) }),
  urgency: z.object({ score: z.number(), cues: z.array(z.string()) }),
  tier: z.object({
    source: z.enum(['rules', 'default', 'learned']),
    baseTier: z.number().int(),
    rule: TierRule.nullable(),
    raisedBy: z.array(z.string()),
    reasons: z.array(z.string()),
  }),
  guess: z.string().nullable().describe('The best category also when out of scope'),
  alternatives: z.array(z.object({ label: z.string(), confidence: z.number() })),
  evidence: z.array(z.object({ word: z.string(), strength: z.number() })).describe('Words pointing to the category, strongest first'),
  reasons: z.array(z.string()).describe('Readable reasons: the tier rule, the signals that raised it, the category evidence'),
  modelVersion: z.number().int().nullable(),
  rulesVersion: z.number().int(),
});

const CrossValidation = z
  .object({ folds: z.number(), accuracy: z.number(), macroF1: z.number(), inScopeAccuracy: z.number().nullable(), closedSetAccuracy: z.number().nullable(), outOfScopeRecall: z.number().nullable(), outOfScopePrecision: z.number().nullable() })
  .nullable();

export const ModelMetrics = z.object({
  rows: z.number(),
  labels: z.number(),
  outOfScopeLabel: z.string().nullable(),
  seed: z.number(),
  trainingMs: z.number(),
  threshold: z.number(),
  thresholdMethod: z.string(),
  crossValidation: CrossValidation,
  warnings: z.array(z.string()),
});

export const ModelVersionSchema = z.object({ id: z.string(), version: z.number().int(), createdAt: Timestamp, active: z.boolean(), metrics: ModelMetrics });
export const ActiveModelResponse = ModelVersionSchema.extend({ labels: z.array(z.string()) });
export const ModelListResponse = z.object({ items: z.array(ModelVersionSchema), tierModels: z.array(ModelVersionSchema) });
export const VersionParams = z.object({ version: z.coerce.number().int().min(1) });

export const RetrainResponse = z.object({ jobId: z.string(), status: z.literal('queued') });
export const RetrainStateResponse = z.object({
  waiting: z.boolean().describe('A retraining is queued and has not started yet'),
  runAt: Timestamp.nullable().describe('When the waiting retraining may start'),
});

export const EvaluateBody = z
  .object({
    items: z
      .array(z.object({ subject: z.string().max(1_000).optional(), body: z.string().max(TEXT_MAX), category: z.string().min(1).max(120).optional(), priority: z.number().int().min(1).max(4).optional() }))
      .min(1)
      .max(10_000)
      .optional()
      .describe('Labelled texts; without them, the solved tickets (the training data: optimistic figures)'),
  })
  .default({});

const LabelFiguresSchema = z.object({ label: z.string(), precision: z.number(), recall: z.number(), f1: z.number(), support: z.number() });
export const EvaluateResponse = z.object({
  source: z.enum(['request', 'history']),
  modelVersion: z.number().int(),
  category: z.object({ rows: z.number(), accuracy: z.number(), macroF1: z.number(), outOfScopeRate: z.number(), perLabel: z.array(LabelFiguresSchema) }),
  tier: z.object({ rows: z.number(), accuracy: z.number().nullable(), confusion: z.array(z.array(z.number())).describe('[true tier − 1][rules tier − 1]') }),
  crossValidation: CrossValidation,
});

export const RulesResponse = z.object({
  version: z.number().int().describe('0: the shipped defaults'),
  source: z.enum(['default', 'custom']),
  updatedAt: Timestamp.nullable(),
  updatedBy: z.string().nullable(),
  settings: TriageSettingsSchema,
});
export const RulesBody = TriageSettingsSchema;

export const CorrectionsQuery = z.object({ limit: Limit(500, 50) });
export const CorrectionsResponse = z.object({
  items: z.array(
    z.object({ id: z.string(), ticketId: z.string(), field: z.string(), before: z.string().nullable(), after: z.string().nullable(), actor: z.string().nullable(), createdAt: Timestamp, trainedAt: Timestamp.nullable() }),
  ),
});
