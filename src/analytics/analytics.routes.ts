import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { protectedErrors } from '../platform/http/schemas.js';
import { volumeRows } from './analytics.store.js';
import {
  AtRiskQuery, AtRiskSchema, ForecastQuery, ForecastSchema, GrowingSchema, MetricsQuery, RebuildSchema, ReportSchema, SeasonalitySchema,
  StaffingQuery, StaffingSchema, VolumeQuery, VolumeSchema, WeeksQuery,
} from './analytics.schema.js';
import { DAY_MS, HOUR_MS } from './buckets.js';
import { forecastVolume, staffingPlan } from './forecast.service.js';
import { metricsReport, reportToCsv } from './metrics.service.js';
import { customersAtRisk, growingIssues, seasonality } from './patterns.service.js';
import { checkPeriod } from './period.js';
import { rebuildRollups } from './rebuild.service.js';

/** Dashboards, reports, patterns, forecasts and staffing (leads and admins). */
export function registerAnalyticsRoutes(app: App, deps: RouteDeps): void {
  const tags = ['analytics'];
  const read = deps.guard.require('analytics:read');

  app.get(
    '/api/v1/analytics/metrics',
    { schema: { tags, querystring: MetricsQuery, response: { 200: ReportSchema, ...protectedErrors }, description: 'Every metric over a period; `format=csv` answers text/csv' }, preHandler: read },
    async (request, reply) => {
      const q = request.query;
      const report = await metricsReport(deps, checkPeriod(new Date(q.from), new Date(q.to)), q.by);
      if (q.format === 'csv') {
        return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="frontline-metrics.csv"').send(reportToCsv(report) as never);
      }
      return report;
    },
  );

  app.get('/api/v1/analytics/volume', { schema: { tags, querystring: VolumeQuery, response: { 200: VolumeSchema, ...protectedErrors } }, preHandler: read }, async (request) => {
    const { from, to } = checkPeriod(new Date(request.query.from), new Date(request.query.to));
    const unit = request.query.grain === 'hour' ? HOUR_MS : DAY_MS;
    const start = new Date(Math.floor(from.getTime() / unit) * unit).toISOString();
    return { grain: request.query.grain, items: await volumeRows(deps.db.kysely, request.query.grain, start, to.toISOString()) };
  });

  app.get('/api/v1/analytics/patterns/seasonality', { schema: { tags, querystring: WeeksQuery, response: { 200: SeasonalitySchema, ...protectedErrors } }, preHandler: read }, async (request) =>
    seasonality(deps, request.query.weeks),
  );

  app.get('/api/v1/analytics/patterns/growing', { schema: { tags, querystring: WeeksQuery, response: { 200: GrowingSchema, ...protectedErrors } }, preHandler: read }, async (request) => ({
    items: await growingIssues(deps, request.query.weeks),
  }));

  app.get('/api/v1/analytics/patterns/at-risk', { schema: { tags, querystring: AtRiskQuery, response: { 200: AtRiskSchema, ...protectedErrors } }, preHandler: read }, async (request) => {
    const q = request.query;
    return { items: await customersAtRisk(deps, checkPeriod(new Date(q.from), new Date(q.to)), q.minContacts, q.limit) };
  });

  app.get('/api/v1/analytics/forecast', { schema: { tags, querystring: ForecastQuery, response: { 200: ForecastSchema, ...protectedErrors } }, preHandler: read }, async (request) =>
    forecastVolume(deps, request.query.hours, request.query.historyWeeks),
  );

  app.get('/api/v1/analytics/staffing', { schema: { tags, querystring: StaffingQuery, response: { 200: StaffingSchema, ...protectedErrors } }, preHandler: read }, async (request) => {
    const { hours, historyWeeks, ...input } = request.query;
    return staffingPlan(deps, hours, historyWeeks, input);
  });

  app.post(
    '/api/v1/analytics/rebuild',
    { schema: { tags, response: { 200: RebuildSchema, ...protectedErrors }, description: 'Recomputes every rollup (admin)' }, preHandler: deps.guard.require('settings:manage') },
    async () => rebuildRollups(deps),
  );
}
