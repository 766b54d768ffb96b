import { installAnalytics } from './analytics/analytics.install.js';
import { registerAnalyticsRoutes } from './analytics/analytics.routes.js';
import { installMonitors, MONITORS_EVERY_MS, scheduleMonitorsRun } from './monitors/monitors.install.js';
import { registerMonitorRoutes } from './monitors/monitors.routes.js';
import { registerAccountRoutes } from './accounts/accounts.routes.js';
import { principalFromSession, purgeExpiredSessions } from './accounts/sessions.service.js';
import { principalFromToken } from './accounts/tokens.service.js';
import { registerAuditRoutes } from './audit/audit.routes.js';
import { registerKbRoutes } from './kb/kb.routes.js';
import { registerGuideRoutes } from './guides/guides.routes.js';
import { listPublishedGuides } from './guides/guides.service.js';
import { guideSource } from './responses/guide-match.js';
import { expireIdleGuideRuns } from './guides/stats.service.js';
import { registerHelpCenterRoutes } from './helpcenter/helpcenter.routes.js';
import { registerKbReviewRoutes } from './kb/review.routes.js';
import { purgeSearchLog } from './kb/search-log.js';
import { createGuard, guardRoutes } from './platform/auth/guard.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Config } from './platform/config/config.js';
import type { Deps, RouteDeps } from './platform/context.js';
import type { Db } from './platform/db/database.js';
import { resolveServerSecret } from './platform/db/settings.js';
import { EventBus } from './platform/events/bus.js';
import { registerHealthRoutes } from './platform/http/health.js';
import { purgeExpiredIdempotencyKeys, registerIdempotency } from './platform/http/idempotency.js';
import { startPeriodicTasks } from './platform/jobs/periodic.js';
import { purgeFinishedJobs, TableJobQueue } from './platform/jobs/table-queue.js';
import { PgBossJobQueue } from './platform/jobs/pg-boss-queue.js';
import { emptyLifecycle } from './tickets/lifecycle.js';
import { registerMetrics } from './platform/http/metrics.js';
import { createHttpServer, type App } from './platform/http/server.js';
import type { Logger } from './platform/logging/logger.js';
import { VERSION } from './platform/version.js';
import { registerTicketRoutes } from './tickets/tickets.routes.js';
import { registerOrganisationRoutes } from './tickets/organisations.routes.js';
import { registerCustomerRoutes } from './tickets/customers.routes.js';
import { registerGroupRoutes } from './tickets/groups.routes.js';
import { registerCustomFieldRoutes } from './tickets/custom-fields.routes.js';
import { registerSimilarRoutes } from './triage/similar/similar.routes.js';
import { installTriage } from './triage/triage.install.js';
import { registerTriageRoutes } from './triage/triage.routes.js';
import type { TriageEngine } from './triage/triage.service.js';
import { registerKnowledgeRoutes } from './responses/knowledge.routes.js';
import { registerResponseRoutes } from './responses/responses.routes.js';
import { installRouting } from './routing/routing.hooks.js';
import { installIncidents } from './incidents/incidents.hooks.js';
import { registerIncidentRoutes } from './incidents/incidents.routes.js';
import { installSurveys } from './surveys/surveys.hooks.js';
import { registerSurveyRoutes } from './surveys/surveys.routes.js';
import { registerPortalRoutes } from './portal/portal.routes.js';
import { registerChatRoutes } from './channels/chat/chat.routes.js';
import { registerConsoleRoutes } from './console/console.routes.js';
import { endIdleChats } from './channels/chat/chat.service.js';
import { purgeExpiredPortalSessions } from './portal/portal-auth.js';
import { registerRoutingRoutes } from './routing/routing.routes.js';
import { registerLiveRoutes } from './live/live.routes.js';
import { installAutomations, startAutomationSweep } from './automations/automations.hooks.js';
import { registerAutomationRoutes } from './automations/automations.routes.js';
import { registerMacroRoutes } from './macros/macros.routes.js';
import { installWebhooks } from './webhooks/webhooks.hooks.js';
import { registerWebhookRoutes } from './webhooks/webhooks.routes.js';
import { purgeOldDeliveries } from './webhooks/delivery.js';
import { registerSlaRoutes } from './sla/sla.routes.js';
import { onMessageAdded, onTicketCreated, onTicketUpdated } from './sla/sla.service.js';
import { registerSlaJobs, sweepDueTickets } from './sla/sla.timers.js';
import { installEmail, startEmailChannels } from './channels/email/email.feature.js';
import { registerEmailRoutes } from './channels/email/email.routes.js';

export interface AppOptions {
  config: Config;
  db: Db;
  logger: Logger;
  clock?: Clock;
  /** `all` (default) serves the API; `operations` only health, readiness and metrics (the worker role). */
  routes?: 'all' | 'operations';
}

/** Builds the dependencies every service takes. */
export function createDeps(options: AppOptions): Deps {
  const events = new EventBus((error, event) => options.logger.error({ err: error, event }, 'event listener failed'));
  const clock = options.clock ?? systemClock;
  const deps: Deps = {
    db: options.db,
    clock,
    config: options.config,
    logger: options.logger,
    events,
    // PostgreSQL (several nodes): pg-boss's tables; SQLite (one process): the jobs table.
    jobs: options.db.dialect === 'postgres' ? new PgBossJobQueue(options.db, clock, options.logger) : new TableJobQueue(options.db, clock, options.logger),
    lifecycle: emptyLifecycle(),
  };
  installed.set(deps, installFeatures(deps));
  return deps;
}

/** What installFeatures() built that the routes share (kept per Deps, for buildApp). */
interface Features {
  triage: TriageEngine;
}
const installed = new WeakMap<Deps, Features>();

/** The triage engine of an app's dependencies (tests and benchmarks wait on its caches). */
export const triageEngineOf = (deps: Deps): TriageEngine | undefined => installed.get(deps)?.triage;

/**
 * Plugs each feature into the ticket lifecycle, the event bus and the job queue. Runs for every
 * process (server, worker, CLI), so a ticket imported from the CLI is treated like one from the API.
 */
function installFeatures(deps: Deps): Features {
  // Features register their lifecycle hooks, event listeners and job handlers here.
  // Order matters for ticket creation: triage sets tier and category, then routing reads them.
  const triage = installTriage(deps);
  installRouting(deps);
  installIncidents(deps);
  // SLA clocks start once routing has set the group: policies match on it.
  deps.lifecycle.afterCreate.push((ctx) => onTicketCreated(deps, ctx));
  deps.lifecycle.afterUpdate.push((ctx) => onTicketUpdated(deps, ctx));
  deps.lifecycle.afterMessage.push((ctx) => onMessageAdded(deps, ctx));
  registerSlaJobs(deps);
  installSurveys(deps);
  installEmail(deps);
  installWebhooks(deps);
  installAutomations(deps);
  // Analytics counts the ticket as the features before it left it.
  installAnalytics(deps);
  installMonitors(deps);
  return { triage };
}

/**
 * The composition root: the one place that knows every feature. Builds the HTTP server from
 * the platform shell and each feature's routes. The caller opens the database and migrates it.
 */
export async function buildApp(options: AppOptions): Promise<{ app: App; deps: RouteDeps }> {
  const deps = createDeps(options);
  // Before any request can enqueue inside a transaction (see JobQueue.prepare).
  await deps.jobs.prepare();
  const features = installed.get(deps)!;
  const secret = await resolveServerSecret(deps.db.kysely, options.config.secret);
  const guard = createGuard(
    {
      fromBearerToken: (token) => principalFromToken(deps, token),
      fromSessionCookie: (value) => principalFromSession(deps, value),
    },
    secret,
  );
  const routeDeps: RouteDeps = { ...deps, guard };
  installed.set(routeDeps, features);
  const app = await createHttpServer({
    logger: options.logger,
    bodyLimitBytes: options.config.bodyLimitBytes,
    trustProxy: options.config.trustProxy,
    version: VERSION,
  });
  guardRoutes(app);
  registerIdempotency(app, deps.db.kysely, deps.clock);
  registerMetrics(app);
  registerHealthRoutes(app, deps.db);
  if (options.routes === 'operations') {
    await app.ready();
    return { app, deps: routeDeps };
  }
  registerAccountRoutes(app, routeDeps);
  registerTicketRoutes(app, routeDeps);
  registerOrganisationRoutes(app, routeDeps);
  registerCustomerRoutes(app, routeDeps);
  registerGroupRoutes(app, routeDeps);
  registerCustomFieldRoutes(app, routeDeps);
  registerAuditRoutes(app, routeDeps);
  registerKbRoutes(app, routeDeps);
  registerGuideRoutes(app, routeDeps);
  await registerHelpCenterRoutes(app, routeDeps, secret);
  const similar = registerSimilarRoutes(app, routeDeps);
  // Triage reads the same in-memory similar-ticket index for its burst signal.
  features.triage.useSimilar(similar);
  registerTriageRoutes(app, routeDeps, features.triage);
  registerRoutingRoutes(app, routeDeps);
  registerIncidentRoutes(app, routeDeps);
  registerSlaRoutes(app, routeDeps);
  registerKbReviewRoutes(app, routeDeps);
  const guides = guideSource(() => listPublishedGuides(deps), (id) => `${options.config.publicUrl}/help/guides/${id}`);
  registerResponseRoutes(app, routeDeps, { similar, guides });
  registerKnowledgeRoutes(app, routeDeps);
  registerSurveyRoutes(app, routeDeps);
  registerEmailRoutes(app, routeDeps);
  registerPortalRoutes(app, routeDeps);
  registerAnalyticsRoutes(app, routeDeps);
  registerMonitorRoutes(app, routeDeps);
  registerChatRoutes(app, routeDeps);
  registerLiveRoutes(app, routeDeps);
  registerConsoleRoutes(app);
  registerAutomationRoutes(app, routeDeps);
  registerMacroRoutes(app, routeDeps);
  registerWebhookRoutes(app, routeDeps);
  await app.ready();
  return { app, deps: routeDeps };
}

/** Starts the worker role's background work (job runner, housekeeping); returns a function that stops it. */
export function startBackgroundWork(deps: Deps): () => Promise<void> {
  const HOUR = 3_600_000;
  deps.jobs.start();
  startAutomationSweep(deps).catch((error) => deps.logger.error({ err: error }, 'could not schedule the automation sweep'));
  const stopPeriodic = startPeriodicTasks(
    [
      { name: 'purge expired sessions', everyMs: HOUR, run: () => purgeExpiredSessions(deps) },
      { name: 'purge expired idempotency keys', everyMs: HOUR, run: () => purgeExpiredIdempotencyKeys(deps.db.kysely, deps.clock) },
      { name: 'purge expired portal sessions', everyMs: HOUR, run: () => purgeExpiredPortalSessions(deps) },
      { name: 'end idle chats', everyMs: 60_000, run: () => endIdleChats(deps, 15 * 60_000) },
      { name: 'purge finished jobs', everyMs: HOUR, run: () => purgeFinishedJobs(deps.db.kysely, deps.clock) },
      { name: 'expire idle guide runs', everyMs: 5 * 60_000, run: () => expireIdleGuideRuns(deps) },
      { name: 'run monitors', everyMs: MONITORS_EVERY_MS, run: () => scheduleMonitorsRun(deps) },
      // Runs soon after start (timers missed while down) and then every minute (a lost job).
      { name: 'sla sweep', everyMs: 60_000, run: () => sweepDueTickets(deps) },
      { name: 'purge old knowledge-base search log', everyMs: HOUR, run: () => purgeSearchLog(deps) },
      { name: 'purge old webhook deliveries', everyMs: HOUR, run: () => purgeOldDeliveries(deps) },
    ],
    deps.logger,
  );
  return async () => {
    stopPeriodic();
    await deps.jobs.stop();
  };
}

/** Starts the listeners that take work from outside (inbound SMTP, IMAP polling) in the roles that do background work. */
export async function startChannels(deps: Deps): Promise<{ stop: () => Promise<void> }> {
  return startEmailChannels(deps);
}
