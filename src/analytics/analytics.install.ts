import type { Deps } from '../platform/context.js';
import { installAnalyticsHooks } from './analytics.hooks.js';
import { csatMetric, deflectionMetric } from './csat-metric.js';
import { kbUseMetric } from './kb-metric.js';
import { externalMetrics, pendingMetric, registerMetric } from './metrics.registry.js';

/**
 * Plugs analytics into the ticket lifecycle and registers the metrics fed by other features.
 * SLA compliance and guide runs read 0 with a count of 0 until their features land and register
 * a real source under the same key (see docs/metrics.md).
 */
export function installAnalytics(deps: Deps): void {
  installAnalyticsHooks(deps);
  registerMetric(kbUseMetric);
  registerMetric(csatMetric);
  registerMetric(deflectionMetric);
  // Not on main yet: SLA timers (src/sla) and guide runs (src/guides) register under these keys.
  for (const [key, columns] of [
    ['sla', ['sla_count', 'sla_met', 'sla_compliance']],
    ['guides', ['guide_runs']],
  ] as const) {
    if (!externalMetrics().some((m) => m.key === key)) registerMetric(pendingMetric(key, [...columns]));
  }
}
