import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { protectedErrors } from '../platform/http/schemas.js';
import { AuditListResponse, AuditQuery } from './audit.schema.js';
import { listAuditEvents } from './audit.service.js';

/** The whole trail, for admins. It has no write routes: events are only ever appended by writes. */
export function registerAuditRoutes(app: App, deps: RouteDeps): void {
  app.get(
    '/api/v1/audit',
    { schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditListResponse, ...protectedErrors } }, preHandler: deps.guard.require('audit:read') },
    async (request) => {
      const { since, until, ...rest } = request.query;
      // Normalise to our stored form so string comparison is time comparison.
      return listAuditEvents(deps.db.kysely, {
        ...rest,
        since: since ? new Date(since).toISOString() : undefined,
        until: until ? new Date(until).toISOString() : undefined,
      });
    },
  );
}
