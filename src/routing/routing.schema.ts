import { z } from 'zod';
import { Timestamp } from '../platform/http/schemas.js';
import { UUID_PATTERN } from '../platform/ids.js';
import { ASSIGNMENT_MODES } from './assign.js';

const Id = z.string().regex(UUID_PATTERN, 'must be an id');
const Skill = z.string().trim().toLowerCase().min(1).max(60);

export const RoutingRuleSchema = z
  .object({
    category: z.string().trim().min(1).max(120).describe('The triage category this rule routes'),
    groupId: Id,
    skill: Skill.nullable().optional().describe('Only agents with this skill take these tickets'),
  })
  .strict();
export type RoutingRuleInput = z.infer<typeof RoutingRuleSchema>;

export const ReplaceRulesBody = z
  .object({
    rules: z
      .array(RoutingRuleSchema)
      .max(500)
      .refine((rules) => new Set(rules.map((r) => r.category)).size === rules.length, 'must not name a category twice'),
  })
  .strict();

export const OnCallBody = z.object({ groupId: Id.nullable().describe('The group Tier 1 tickets go to; null for none') }).strict();
export const GroupRoutingBody = z.object({ mode: z.enum(ASSIGNMENT_MODES) }).strict();

export const SkillsBody = z
  .object({ skills: z.array(Skill).max(50).refine((s) => new Set(s).size === s.length, 'must not repeat a skill') })
  .strict();

export const AvailabilityBody = z
  .object({
    available: z.boolean(),
    maxOpen: z.number().int().min(1).max(10_000).nullable().optional().describe('Open tickets the agent may hold before routing passes them by'),
  })
  .strict();
export type AvailabilityInput = z.infer<typeof AvailabilityBody>;

export const RoutingConfigSchema = z.object({
  rules: z.array(z.object({ category: z.string(), groupId: z.string(), skill: z.string().nullable() })),
  onCallGroupId: z.string().nullable(),
  groups: z.array(z.object({ groupId: z.string(), mode: z.enum(ASSIGNMENT_MODES) })),
});
export type RoutingConfig = z.infer<typeof RoutingConfigSchema>;

export const AgentRoutingSchema = z.object({
  userId: z.string(),
  available: z.boolean(),
  maxOpen: z.number().nullable(),
  skills: z.array(z.string()),
  updatedAt: Timestamp.nullable(),
});
export type AgentRouting = z.infer<typeof AgentRoutingSchema>;
