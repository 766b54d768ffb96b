import { z } from 'zod';
import { DIMENSIONS } from './contribution.js';

const Time = z.iso.datetime({ offset: true }).describe('ISO-8601 time');
export const ByDimension = z.enum(['all', ...DIMENSIONS]).default('all').describe('Break the figures down by one dimension');

export const MetricsQuery = z.object({
  from: Time,
  to: Time.describe('End of the period (exclusive)'),
  by: ByDimension,
  format: z.enum(['json', 'csv']).default('json'),
});

const Row = z.object({ value: z.string().describe("Dimension value; '' = none, '*' = total"), figures: z.record(z.string(), z.number()) });
export const ReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  by: z.string(),
  columns: z.array(z.string()),
  total: Row,
  rows: z.array(Row),
  unavailable: z.array(z.string()).describe('Metrics whose data source is not in this build (0 with count 0)'),
});

export const VolumeQuery = z.object({ from: Time, to: Time, grain: z.enum(['hour', 'day']).default('day') });
export const VolumeSchema = z.object({ grain: z.string(), items: z.array(z.object({ bucket: z.string(), created: z.number(), solved: z.number() })) });

export const WeeksQuery = z.object({ weeks: z.coerce.number().int().min(1).max(52).default(4) });
export const SeasonalitySchema = z.object({
  weeks: z.number(),
  byHourOfDay: z.array(z.number()).describe('Mean tickets per hour, 0–23 UTC'),
  byDayOfWeek: z.array(z.number()).describe('Mean tickets per day, Sunday first'),
});
export const GrowingSchema = z.object({
  items: z.array(z.object({ category: z.string(), lastWeek: z.number(), previousWeek: z.number(), growth: z.number(), trend: z.array(z.number()) })),
});

export const AtRiskQuery = z.object({ from: Time, to: Time, minContacts: z.coerce.number().int().min(1).max(1000).default(3), limit: z.coerce.number().int().min(1).max(500).default(50) });
export const AtRiskSchema = z.object({
  items: z.array(
    z.object({
      customerId: z.string(),
      organisationId: z.string().nullable(),
      contacts: z.number(),
      escalated: z.number(),
      reopened: z.number(),
      csatAvg: z.number().nullable(),
      score: z.number(),
    }),
  ),
});

export const ForecastQuery = z.object({
  hours: z.coerce.number().int().min(1).max(24 * 28).default(336),
  historyWeeks: z.coerce.number().int().min(3).max(52).default(8),
});
export const ForecastSchema = z.object({
  method: z.string(),
  params: z.object({ alpha: z.number(), beta: z.number(), gamma: z.number(), season: z.number() }),
  backtest: z.object({ heldOutHours: z.number(), mae: z.number(), mape: z.number().nullable() }),
  items: z.array(z.object({ hour: z.string(), expected: z.number() })),
});

export const StaffingQuery = ForecastQuery.extend({
  ahtSeconds: z.coerce.number().positive().max(86_400).default(600).describe('Average handle time'),
  targetSeconds: z.coerce.number().positive().max(86_400 * 7).default(3600).describe('Target answer time'),
  serviceLevel: z.coerce.number().gt(0).lt(1).default(0.8).describe('Share answered within the target'),
  maxOccupancy: z.coerce.number().gt(0).max(1).default(0.85),
});
export const StaffingSchema = z.object({
  inputs: z.object({ ahtSeconds: z.number(), targetSeconds: z.number(), serviceLevel: z.number(), maxOccupancy: z.number() }),
  items: z.array(z.object({ hour: z.string(), expected: z.number(), agents: z.number(), serviceLevel: z.number(), occupancy: z.number() })),
});

export const RebuildSchema = z.object({ tickets: z.number(), rollupRows: z.number(), histogramRows: z.number(), ms: z.number() });
