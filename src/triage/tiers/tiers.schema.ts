/**
 * The triage settings document: the tier rules (one entry per sub-type of the four-tier matrix)
 * and the knobs of the signals and of learning. Admins replace it through the API; the shipped
 * defaults are in default-rules.ts. Zod checks its shape; compileRules() checks the patterns.
 */
import { z } from 'zod';

export const TIERS = [1, 2, 3, 4] as const;
export type Tier = (typeof TIERS)[number];

const Phrase = z.string().trim().toLowerCase().min(2).max(80);
const Pattern = z.string().min(1).max(1_000);

export const SubtypeRuleSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _'),
  tier: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  title: z.string().trim().min(1).max(120),
  /** How much a match counts against other sub-types' matches. */
  weight: z.number().min(0.1).max(10),
  /** Words or phrases matched on whole words of the normalised text; `*` ends a prefix (`crash*`). */
  phrases: z.array(Phrase).max(200).default([]),
  /** Regular expressions (case-insensitive) on the normalised text. */
  patterns: z.array(Pattern).max(50).default([]),
});
export type SubtypeRule = z.infer<typeof SubtypeRuleSchema>;

export const SignalSettingsSchema = z.object({
  /** A VIP organisation's tickets go up one tier. */
  vipRaises: z.boolean().default(true),
  /** Organisation plans whose tickets go up one tier (lower case). */
  raisingPlans: z.array(z.string().trim().toLowerCase().min(1).max(60)).max(50).default(['enterprise']),
  /** Frustration score (0 … 1) from which a ticket goes up one tier. */
  frustrationThreshold: z.number().min(0).max(1).default(0.6),
  /** Urgency score (0 … 1) from which a ticket goes up one tier. */
  urgencyThreshold: z.number().min(0).max(1).default(0.5),
  /** Look-alike tickets within the window (besides the new one) that make a probable incident. */
  burstMinSimilar: z.number().int().min(1).max(1000).default(4),
  burstWindowMinutes: z.number().int().min(1).max(1440).default(60),
  burstMinScore: z.number().min(0.05).max(1).default(0.3),
  /** Earlier tickets of the same requester within this many hours count as repeat contacts. */
  repeatWindowHours: z.number().int().min(1).max(720).default(72),
  /** Signals raise a ticket by at most this many tiers in total. */
  maxRaise: z.number().int().min(0).max(3).default(2),
});
export type SignalSettings = z.infer<typeof SignalSettingsSchema>;

export const LearningSettingsSchema = z.object({
  /** Agent corrections after which retraining is queued automatically (0: never automatically). */
  retrainAfterCorrections: z.number().int().min(0).max(100_000).default(20),
  /** Labelled tickets needed before a learned tier model is trained. */
  minTierTrainingRows: z.number().int().min(10).max(10_000_000).default(200),
  /** Confidence from which the learned tier model's verdict replaces the rules' one (never below a Tier 1 rule). */
  tierModelMinConfidence: z.number().min(0).max(1).default(0.7),
  /** Most recent labelled tickets read for a retraining. */
  maxTrainingRows: z.number().int().min(100).max(1_000_000).default(50_000),
});
export type LearningSettings = z.infer<typeof LearningSettingsSchema>;

export const TriageSettingsSchema = z.object({
  /** Tier when no rule matches (3: standard support). */
  defaultTier: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).default(3),
  subtypes: z.array(SubtypeRuleSchema).min(1).max(100),
  signals: SignalSettingsSchema.default(SignalSettingsSchema.parse({})),
  learning: LearningSettingsSchema.default(LearningSettingsSchema.parse({})),
});
export type TriageSettings = z.infer<typeof TriageSettingsSchema>;
export type TriageSettingsInput = z.input<typeof TriageSettingsSchema>;
