import type { Deps } from '../platform/context.js';
import { installAnalyticsHooks } from './analytics.hooks.js';
import { kbUseMetric } from './kb-metric.js';
import { pendingMetric, registerMetric } from './metrics.registry.js';

/**
 * Plugs analytics into the ticket lifecycle and registers the metrics fed by other features.
 * CSAT, SLA compliance and deflection read 0 with a count of 0 until their features land and
 * register a real source under the same key (see docs/metrics.md).
 */
export function installAnalytics(deps: Deps): void {
  installAnalyticsHooks(deps);
  registerMetric(kbUseMetric);
  for (const [key, columns] of [
    ['csat', ['csat_count', 'csat_avg', 'csat_share_4_5', 'csat_sd']],
    ['sla', ['sla_count', 'sla_met', 'sla_compliance']],
    ['deflection', ['deflection_sessions', 'deflected', 'deflection_rate']],
    ['guides', ['guide_runs']],
  ] as const) {
    registerMetric(pendingMetric(key, [...columns]));
  }
}
