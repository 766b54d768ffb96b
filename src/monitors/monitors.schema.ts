import { z } from 'zod';

const Rate = z.number().gt(0).max(1);
const Count = z.number().int().min(1).max(1_000_000);
const Emails = z.array(z.email()).max(50).default([]).describe('Who gets alert mail; empty = every active admin');

/** Thresholds of each monitor, with what makes them possible. Defaults apply to fields left out. */
export const THRESHOLDS = {
  escalations: z
    .object({ windowHours: z.number().int().min(1).max(720).default(24), minTickets: Count.default(20), maxRate: Rate.default(0.15), notify: Emails })
    .strict(),
  volume_spike: z
    .object({
      baselineWeeks: z.number().int().min(2).max(12).default(4),
      zScore: z.number().gt(0).max(50).default(4),
      minTickets: Count.default(10),
      minRatio: z.number().min(1).max(100).default(1.5),
      notify: Emails,
    })
    .strict(),
  sla_breaches: z
    .object({ windowHours: z.number().int().min(1).max(720).default(24), minTickets: Count.default(10), maxBreachRate: Rate.default(0.1), notify: Emails })
    .strict(),
  csat_decline: z
    .object({
      windowDays: z.number().int().min(1).max(90).default(7),
      trailingDays: z.number().int().min(2).max(365).default(28),
      minDrop: z.number().gt(0).max(4).default(0.3),
      zScore: z.number().gt(0).max(20).default(2),
      minResponses: Count.default(20),
      notify: Emails,
    })
    .strict()
    .refine((t) => t.trailingDays > t.windowDays, { message: 'trailingDays must be longer than windowDays', path: ['trailingDays'] }),
  kb_gaps: z
    .object({
      windowDays: z.number().int().min(1).max(90).default(7),
      minTickets: Count.default(5),
      minScore: z.number().min(0).max(1000).default(0).describe('A best article scoring at or below this is no good answer (BM25 units; 0 = no article at all)'),
      maxClusters: z.number().int().min(1).max(100).default(20),
      notify: Emails,
    })
    .strict(),
  process: z
    .object({
      windowDays: z.number().int().min(1).max(90).default(7),
      bounceMoves: z.number().int().min(2).max(50).default(2).describe('Group moves that make a ticket bounce'),
      minBouncing: Count.default(5),
      maxReopenRate: Rate.default(0.2),
      minSolved: Count.default(10),
      notify: Emails,
    })
    .strict(),
} as const;

export type MonitorName = keyof typeof THRESHOLDS;
export const MONITOR_NAMES = Object.keys(THRESHOLDS) as MonitorName[];
export type Thresholds<M extends MonitorName> = z.output<(typeof THRESHOLDS)[M]>;

export const MonitorParams = z.object({ name: z.enum(MONITOR_NAMES as [MonitorName, ...MonitorName[]]) });
export const UpdateMonitorBody = z.object({ enabled: z.boolean().optional(), thresholds: z.record(z.string(), z.unknown()).optional() }).strict();

export const MonitorSchema = z.object({ name: z.string(), description: z.string(), enabled: z.boolean(), thresholds: z.record(z.string(), z.unknown()) });
export const MonitorListSchema = z.object({ items: z.array(MonitorSchema) });

export const EvidenceSchema = z.object({
  figures: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  samples: z.array(z.object({ id: z.string(), number: z.number(), subject: z.string() })),
  link: z.string(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const AlertSchema = z.object({
  id: z.string(),
  monitor: z.string(),
  key: z.string(),
  status: z.enum(['open', 'acknowledged', 'resolved']),
  severity: z.string(),
  title: z.string(),
  evidence: EvidenceSchema,
  occurrences: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastSeenAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
});
export type Alert = z.infer<typeof AlertSchema>;

export const ListAlertsQuery = z.object({
  status: z.enum(['open', 'acknowledged', 'resolved', 'unresolved']).default('unresolved'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const AlertListSchema = z.object({ items: z.array(AlertSchema) });
export const RunResultSchema = z.object({
  ran: z.array(z.object({ monitor: z.string(), findings: z.number(), raised: z.number(), ms: z.number() })),
  alerts: z.array(AlertSchema),
});
