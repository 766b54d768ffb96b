import type { Deps } from '../platform/context.js';
import type { DimOrAll } from './contribution.js';
import type { Period } from './period.js';

/** Figures of one external metric for one dimension value (or the total). */
export type Figures = Record<string, number>;

/**
 * A metric whose data lives in another feature (CSAT surveys, SLA timers, the knowledge base,
 * guides, portal deflection). Each registers here with the report columns it fills; until its
 * feature lands, `collect` returns nothing and the columns read 0 with a count of 0.
 */
export interface ExternalMetric {
  key: string;
  /** Report columns, each defaulting to 0. */
  columns: string[];
  /** False while the data source is not in this build (docs/metrics.md says which). */
  available: boolean;
  /** Figures per dimension value ('' = none) plus the total under `*`. */
  collect(deps: Deps, period: Period, by: DimOrAll): Promise<Map<string, Figures>>;
}

const registry: ExternalMetric[] = [];

/** Adds a metric to every report. Called from the composition root or the feature's own install. */
export function registerMetric(metric: ExternalMetric): void {
  const existing = registry.findIndex((m) => m.key === metric.key);
  if (existing >= 0) registry[existing] = metric;
  else registry.push(metric);
}

export const externalMetrics = (): readonly ExternalMetric[] => registry;

/** A placeholder for a metric whose feature has not landed: zeros with a count of 0. */
export function pendingMetric(key: string, columns: string[]): ExternalMetric {
  return { key, columns, available: false, collect: async () => new Map() };
}
