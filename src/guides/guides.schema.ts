import { z } from 'zod';
import { Limit, Timestamp } from '../platform/http/schemas.js';
import { UUID_PATTERN } from '../platform/ids.js';
import { isKnownLocale } from '../kb/locale.js';

export const GUIDE_STATUSES = ['draft', 'published'] as const;
export const GUIDE_VISIBILITIES = ['public', 'internal'] as const;
export const OUTCOMES = ['solved', 'ticket'] as const;
export const RUN_STATUSES = ['active', 'solved', 'escalated', 'abandoned'] as const;
export const RUN_CHANNELS = ['helpcenter', 'agent'] as const;
/** Most nodes a guide may have: a tree a customer can follow stays far below this. */
export const MAX_NODES = 200;

export type RunStatus = (typeof RUN_STATUSES)[number];
export type RunChannel = (typeof RUN_CHANNELS)[number];

const NodeId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'may hold letters, digits, "_", "-" and "." only');
const NodeTitle = z.string().trim().min(1).max(300);
const NodeBody = z.string().max(10_000).optional().describe('Markdown shown under the title');

const StepNode = z.object({
  id: NodeId,
  type: z.literal('step'),
  title: NodeTitle,
  body: NodeBody,
  next: NodeId.optional().describe('The node after "Continue"; a step without one is a dead end and is refused'),
});
const QuestionNode = z.object({
  id: NodeId,
  type: z.literal('question'),
  title: NodeTitle,
  body: NodeBody,
  options: z.array(z.object({ label: z.string().trim().min(1).max(200), next: NodeId })).max(20),
});
const OutcomeNode = z.object({
  id: NodeId,
  type: z.literal('outcome'),
  title: NodeTitle,
  body: NodeBody,
  outcome: z.enum(OUTCOMES).describe('solved: the problem is fixed; ticket: open a ticket'),
  articleId: z.string().regex(UUID_PATTERN, 'must be an id').optional().describe('A knowledge-base article with the solution'),
});
export const GuideNodeSchema = z.discriminatedUnion('type', [StepNode, QuestionNode, OutcomeNode]);
export type GuideNode = z.infer<typeof GuideNodeSchema>;

const Nodes = z.array(GuideNodeSchema).min(1).max(MAX_NODES);
const Title = z.string().trim().min(1).max(300);
const Description = z.string().trim().max(2_000);
const Category = z.string().trim().min(1).max(120);
const Locale = z.string().trim().min(2).max(35).refine(isKnownLocale, 'is not a known locale (use a language tag such as en, fr or pt-BR)');

export const CreateGuideBody = z.object({
  title: Title,
  description: Description.optional(),
  category: Category.optional(),
  locale: Locale.optional().describe('Default en'),
  visibility: z.enum(GUIDE_VISIBILITIES).describe('public guides appear in the help center once published'),
  status: z.enum(GUIDE_STATUSES),
  startNodeId: NodeId,
  nodes: Nodes,
});
export type CreateGuideInput = z.infer<typeof CreateGuideBody>;

export const UpdateGuideBody = z
  .object({
    title: Title.optional(),
    description: Description.optional(),
    category: Category.nullable().optional(),
    visibility: z.enum(GUIDE_VISIBILITIES).optional(),
    status: z.enum(GUIDE_STATUSES).optional(),
    startNodeId: NodeId.optional(),
    nodes: Nodes.optional(),
  })
  .strict();
export type UpdateGuideInput = z.infer<typeof UpdateGuideBody>;

export const ValidateGuideBody = z.object({ startNodeId: NodeId, nodes: Nodes });

export const ListGuidesQuery = z.object({
  status: z.enum(GUIDE_STATUSES).optional(),
  visibility: z.enum(GUIDE_VISIBILITIES).optional(),
  locale: z.string().max(35).optional(),
  limit: Limit(100, 25),
  cursor: z.string().max(500).optional(),
});
export type ListGuidesFilter = z.infer<typeof ListGuidesQuery>;

const Author = z.object({ type: z.string(), id: z.string().nullable() });

export const GuideSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string().nullable(),
  locale: z.string(),
  visibility: z.enum(GUIDE_VISIBILITIES),
  status: z.enum(GUIDE_STATUSES),
  nodeCount: z.number(),
  version: z.number(),
  author: Author,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  publishedAt: Timestamp.nullable(),
});
export type GuideSummary = z.infer<typeof GuideSummarySchema>;
export const GuideSchema = GuideSummarySchema.extend({ startNodeId: z.string(), nodes: z.array(GuideNodeSchema) });
export type Guide = z.infer<typeof GuideSchema>;
export const GuideListResponse = z.object({ items: z.array(GuideSummarySchema), nextCursor: z.string().nullable() });

export const GuideProblemSchema = z.object({
  nodeId: z.string(),
  problem: z.enum(['duplicate_id', 'unknown_start', 'unknown_target', 'unreachable', 'dead_end', 'cycle_without_exit', 'no_outcome', 'unknown_article']),
  detail: z.string(),
});
export type GuideProblem = z.infer<typeof GuideProblemSchema>;
export const ValidationResponse = z.object({ valid: z.boolean(), nodes: z.array(z.string()), problems: z.array(GuideProblemSchema) });

// Runs

export const StartRunBody = z.object({
  ticketId: z.string().regex(UUID_PATTERN, 'must be an id').optional().describe('The ticket the agent runs the guide in'),
});
export const AnswerBody = z.object({
  nodeId: NodeId.describe('The node being answered (a stale one is refused with 409)'),
  option: z.number().int().min(0).max(19).optional().describe("A question's option index; omitted for a step's Continue"),
});
export type AnswerInput = z.infer<typeof AnswerBody>;
export const FinishBody = z.object({
  result: z.enum(['solved', 'gave_up']).describe('solved: fixed before an outcome was reached; gave_up: the run is abandoned here'),
});
export const RunParams = z.object({ runId: z.string().regex(UUID_PATTERN, 'must be an id') });
export const ListRunsQuery = z.object({
  guideId: z.string().regex(UUID_PATTERN, 'must be an id').optional(),
  ticketId: z.string().regex(UUID_PATTERN, 'must be an id').optional(),
  limit: Limit(100, 25),
});

export const PathStepSchema = z.object({
  position: z.number(),
  nodeId: z.string(),
  type: z.string(),
  title: z.string(),
  answer: z.string().nullable().describe('The option chosen, "Continue" for a step, null for the node the run stopped at'),
  at: Timestamp,
});
export type PathStep = z.infer<typeof PathStepSchema>;

export const RunSchema = z.object({
  id: z.string(),
  guideId: z.string(),
  guideTitle: z.string(),
  guideVersion: z.number(),
  channel: z.enum(RUN_CHANNELS),
  ticketId: z.string().nullable(),
  status: z.enum(RUN_STATUSES),
  endReason: z.string().nullable().describe('For abandoned runs: gave_up, timeout or ticket_opened'),
  currentNode: GuideNodeSchema.describe('The node the run is at (its outcome once finished)'),
  outcome: z.object({ outcome: z.enum(OUTCOMES), nodeId: z.string().nullable(), articleId: z.string().nullable() }).nullable(),
  path: z.array(PathStepSchema),
  startedAt: Timestamp,
  updatedAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export type Run = z.infer<typeof RunSchema>;
export const RunListResponse = z.object({ items: z.array(RunSchema.omit({ path: true, currentNode: true, outcome: true }).extend({ currentNodeId: z.string(), outcomeNodeId: z.string().nullable() })) });

export const NodeStatsSchema = z.object({
  nodeId: z.string(),
  type: z.string(),
  title: z.string(),
  reached: z.number().describe('Runs that reached the node'),
  solved: z.number().describe('Of those, runs that ended solved'),
  escalated: z.number().describe('Of those, runs that ended in "open a ticket"'),
  dropped: z.number().describe('Runs abandoned (or idle past the timeout) at this node'),
});
export const GuideStatsResponse = z.object({
  guideId: z.string(),
  runs: z.object({ total: z.number(), active: z.number(), solved: z.number(), escalated: z.number(), abandoned: z.number(), withTicket: z.number() }),
  nodes: z.array(NodeStatsSchema),
});
export type GuideStats = z.infer<typeof GuideStatsResponse>;
