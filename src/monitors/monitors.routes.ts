import { z } from 'zod';
import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { IdParams, ProblemSchema, protectedErrors } from '../platform/http/schemas.js';
import { changeAlertStatus, listAlerts } from './alerts.service.js';
import { AlertListSchema, AlertSchema, ListAlertsQuery, MonitorListSchema, MonitorParams, MonitorSchema, RunResultSchema, UpdateMonitorBody } from './monitors.schema.js';
import { listMonitors, runMonitors, updateMonitor } from './monitors.service.js';

/** Monitors (thresholds set by admins) and the alerts they raise (leads and admins). */
export function registerMonitorRoutes(app: App, deps: RouteDeps): void {
  const { guard } = deps;
  const read = guard.require('analytics:read');
  const admin = guard.require('monitors:manage');
  const alerts = guard.require('alerts:manage');

  app.get('/api/v1/monitors', { schema: { tags: ['monitors'], response: { 200: MonitorListSchema, ...protectedErrors } }, preHandler: read }, async () => ({
    items: await listMonitors(deps),
  }));

  app.patch(
    '/api/v1/monitors/:name',
    { schema: { tags: ['monitors'], params: MonitorParams, body: UpdateMonitorBody, response: { 200: MonitorSchema, ...protectedErrors } }, preHandler: admin },
    async (request) => updateMonitor(deps, actorOf(request.principal!), request.params.name, request.body),
  );

  app.post(
    '/api/v1/monitors/run',
    { schema: { tags: ['monitors'], body: z.object({}).strict().optional(), response: { 200: RunResultSchema, ...protectedErrors }, description: 'Runs every enabled monitor once' }, preHandler: admin },
    async (request) => runMonitors(deps, actorOf(request.principal!)),
  );

  app.get('/api/v1/alerts', { schema: { tags: ['monitors'], querystring: ListAlertsQuery, response: { 200: AlertListSchema, ...protectedErrors } }, preHandler: read }, async (request) => ({
    items: await listAlerts(deps, request.query.status, request.query.limit),
  }));

  for (const [path, status] of [['acknowledge', 'acknowledged'], ['resolve', 'resolved']] as const) {
    app.post(
      `/api/v1/alerts/:id/${path}`,
      { schema: { tags: ['monitors'], params: IdParams, response: { 200: AlertSchema, 409: ProblemSchema, ...protectedErrors } }, preHandler: alerts },
      async (request) => changeAlertStatus(deps, actorOf(request.principal!), request.params.id, status),
    );
  }
}
