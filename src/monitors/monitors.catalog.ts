import { sumRollups } from '../analytics/analytics.store.js';
import { HOURLY_DIMS } from '../analytics/contribution.js';
import { createdPerHour } from '../analytics/forecast.service.js';
import { externalMetrics } from '../analytics/metrics.registry.js';
import { bucketRanges, type Period } from '../analytics/period.js';
import { searchArticles } from '../kb/search.service.js';
import type { Deps } from '../platform/context.js';
import { detectDecline, detectSpike, sameHourBefore, termClusters } from './detect.js';
import type { Evidence, MonitorName, Thresholds } from './monitors.schema.js';
import { bouncingTickets, escalatedTickets, recentSubjects, reopenedTickets, ticketsCreated } from './monitors.store.js';

/** One thing a monitor found; `key` de-duplicates it against unresolved alerts of the same monitor. */
export interface Finding {
  key: string;
  severity: 'warning' | 'critical';
  title: string;
  evidence: Evidence;
}

export interface MonitorDefinition<M extends MonitorName> {
  name: M;
  description: string;
  detect(deps: Deps, t: Thresholds<M>, now: Date): Promise<Finding[]>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SAMPLES = 5;
const iso = (ms: number) => new Date(ms).toISOString();
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const metricsLink = (p: Period, by = 'all') => `/api/v1/analytics/metrics?from=${p.from.toISOString()}&to=${p.to.toISOString()}&by=${by}`;

async function sums(deps: Deps, period: Period, dim: 'all' | 'category') {
  return sumRollups(deps.db.kysely, { dim, ranges: bucketRanges(period, HOURLY_DIMS.includes(dim)) });
}

const escalations: MonitorDefinition<'escalations'> = {
  name: 'escalations',
  description: 'Escalation rate (tier raised or moved to another group) over the window, overall and per category',
  async detect(deps, t, now) {
    const period = { from: new Date(now.getTime() - t.windowHours * HOUR), to: now };
    const findings: Finding[] = [];
    for (const dim of ['all', 'category'] as const) {
      for (const row of await sums(deps, period, dim)) {
        const rate = row.created > 0 ? row.escalated / row.created : 0;
        if (row.created < t.minTickets || rate <= t.maxRate) continue;
        const label = dim === 'all' ? 'all tickets' : `category ${row.value || '(none)'}`;
        const category = dim === 'all' ? undefined : row.value === '' ? null : row.value;
        findings.push({
          key: dim === 'all' ? 'all' : `category:${row.value}`,
          severity: rate > 2 * t.maxRate ? 'critical' : 'warning',
          title: `Escalations at ${pct(rate)} for ${label} in the last ${t.windowHours} h`,
          evidence: {
            figures: { escalated: row.escalated, created: row.created, rate, maxRate: t.maxRate, windowHours: t.windowHours },
            samples: await escalatedTickets(deps.db.kysely, period.from.toISOString(), period.to.toISOString(), category, SAMPLES),
            link: metricsLink(period, dim === 'all' ? 'all' : 'category'),
          },
        });
      }
    }
    return findings;
  },
};

const volumeSpike: MonitorDefinition<'volume_spike'> = {
  name: 'volume_spike',
  description: 'Tickets in the last whole hour against the same hour of the week in earlier weeks (median and MAD)',
  async detect(deps, t, now) {
    const series = await createdPerHour(deps, now.getTime(), t.baselineWeeks * 168 + 1);
    const last = series.length - 1;
    const verdict = detectSpike(series[last], sameHourBefore(series, last, t.baselineWeeks), t);
    if (!verdict.spike) return [];
    const hourEnd = Math.floor(now.getTime() / HOUR) * HOUR;
    const period = { from: new Date(hourEnd - HOUR), to: new Date(hourEnd) };
    return [
      {
        key: 'all',
        severity: verdict.z >= 2 * t.zScore ? 'critical' : 'warning',
        title: `Ticket volume spike: ${verdict.observed} tickets in the hour from ${period.from.toISOString().slice(11, 16)} UTC against a usual ${verdict.baseline}`,
        evidence: {
          figures: { observed: verdict.observed, baseline: verdict.baseline, sigma: verdict.sigma, z: verdict.z, hour: period.from.toISOString() },
          samples: await ticketsCreated(deps.db.kysely, period.from.toISOString(), period.to.toISOString(), SAMPLES),
          link: `/api/v1/analytics/volume?grain=hour&from=${iso(hourEnd - 7 * DAY)}&to=${iso(hourEnd)}`,
        },
      },
    ];
  },
};

/** The figures a registered external metric gives for the whole help desk, or undefined when it has no data source yet. */
async function externalTotal(deps: Deps, key: string, period: Period): Promise<Record<string, number> | undefined> {
  const metric = externalMetrics().find((m) => m.key === key);
  if (!metric?.available) return undefined;
  return (await metric.collect(deps, period, 'all')).get('*');
}

const slaBreaches: MonitorDefinition<'sla_breaches'> = {
  name: 'sla_breaches',
  description: 'Share of SLA targets missed over the window (needs the SLA module)',
  async detect(deps, t, now) {
    const period = { from: new Date(now.getTime() - t.windowHours * HOUR), to: now };
    const sla = await externalTotal(deps, 'sla', period);
    const count = sla?.sla_count ?? 0;
    if (count < t.minTickets) return [];
    const rate = 1 - (sla?.sla_met ?? 0) / count;
    if (rate <= t.maxBreachRate) return [];
    return [
      {
        key: 'all',
        severity: rate > 2 * t.maxBreachRate ? 'critical' : 'warning',
        title: `SLA targets missed for ${pct(rate)} of tickets in the last ${t.windowHours} h`,
        evidence: { figures: { breachRate: rate, measured: count, maxBreachRate: t.maxBreachRate }, samples: [], link: metricsLink(period) },
      },
    ];
  },
};

const csatDecline: MonitorDefinition<'csat_decline'> = {
  name: 'csat_decline',
  description: 'CSAT of the window against the trailing period before it (Welch z on the means; needs CSAT surveys)',
  async detect(deps, t, now) {
    const current = { from: new Date(now.getTime() - t.windowDays * DAY), to: now };
    const trailing = { from: new Date(current.from.getTime() - t.trailingDays * DAY), to: current.from };
    const [a, b] = [await externalTotal(deps, 'csat', current), await externalTotal(deps, 'csat', trailing)];
    if (!a || !b) return [];
    const sample = (f: Record<string, number>) => ({ n: f.csat_count ?? 0, mean: f.csat_avg ?? 0, sd: f.csat_sd ?? 0 });
    const verdict = detectDecline(sample(a), sample(b), t);
    if (!verdict.declining) return [];
    return [
      {
        key: 'all',
        severity: verdict.drop >= 2 * t.minDrop ? 'critical' : 'warning',
        title: `CSAT fell by ${verdict.drop.toFixed(2)} to ${(a.csat_avg ?? 0).toFixed(2)} over the last ${t.windowDays} days`,
        evidence: { figures: { current: a.csat_avg ?? 0, trailing: b.csat_avg ?? 0, drop: verdict.drop, z: verdict.z, responses: a.csat_count ?? 0 }, samples: [], link: metricsLink(current) },
      },
    ];
  },
};

const kbGaps: MonitorDefinition<'kb_gaps'> = {
  name: 'kb_gaps',
  description: 'Clusters of recent tickets (shared subject terms) for which the knowledge base has no good article',
  async detect(deps, t, now) {
    const from = new Date(now.getTime() - t.windowDays * DAY);
    const tickets = await recentSubjects(deps.db.kysely, from.toISOString(), 5000);
    const findings: Finding[] = [];
    for (const cluster of termClusters(tickets.map((x) => x.subject), t.minTickets, t.maxClusters)) {
      const q = cluster.terms.join(' ');
      const best = (await searchArticles(deps, { q, limit: 1, prefix: false })).items[0];
      if (best && best.score > t.minScore) continue;
      findings.push({
        key: `terms:${q}`,
        severity: 'warning',
        title: `${cluster.members.length} tickets about "${q}" in ${t.windowDays} days and no good article`,
        evidence: {
          figures: { tickets: cluster.members.length, bestArticle: best?.title ?? null, bestScore: best?.score ?? 0, minScore: t.minScore },
          samples: cluster.members.slice(0, SAMPLES).map((i) => tickets[i]),
          link: `/api/v1/kb/search?q=${encodeURIComponent(q)}`,
        },
      });
    }
    return findings;
  },
};

const processOptimisation: MonitorDefinition<'process'> = {
  name: 'process',
  description: 'Tickets bouncing between groups and reopen hot spots by category (macro over-use once macros land)',
  async detect(deps, t, now) {
    const period = { from: new Date(now.getTime() - t.windowDays * DAY), to: now };
    const findings: Finding[] = [];
    const bouncing = await bouncingTickets(deps.db.kysely, period.from.toISOString(), t.bounceMoves, SAMPLES);
    if (bouncing.count >= t.minBouncing) {
      findings.push({
        key: 'bouncing',
        severity: 'warning',
        title: `${bouncing.count} tickets moved between groups ${t.bounceMoves} times or more in ${t.windowDays} days`,
        evidence: { figures: { tickets: bouncing.count, bounceMoves: t.bounceMoves }, samples: bouncing.samples, link: metricsLink(period, 'group') },
      });
    }
    for (const row of await sums(deps, period, 'category')) {
      const rate = row.solved > 0 ? row.reopened / row.solved : 0;
      if (row.solved < t.minSolved || rate <= t.maxReopenRate) continue;
      findings.push({
        key: `reopens:${row.value}`,
        severity: 'warning',
        title: `Reopen hot spot: ${pct(rate)} of ${row.value || '(no category)'} tickets reopened in ${t.windowDays} days`,
        evidence: {
          figures: { reopened: row.reopened, solved: row.solved, rate, maxReopenRate: t.maxReopenRate },
          samples: await reopenedTickets(deps.db.kysely, period.from.toISOString(), period.to.toISOString(), row.value, SAMPLES),
          link: metricsLink(period, 'category'),
        },
      });
    }
    return findings;
  },
};

/** The six monitors, in the order they run. */
export const MONITORS = [escalations, volumeSpike, slaBreaches, csatDecline, kbGaps, processOptimisation] as const;
