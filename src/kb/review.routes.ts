import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { protectedErrors } from '../platform/http/schemas.js';
import { ReviewDueQuery, ReviewDueResponse } from './review.schema.js';
import { listReviewDue } from './review.service.js';

/** `GET /api/v1/kb/review-due`: articles whose review date has passed or is near. */
export function registerKbReviewRoutes(app: App, deps: RouteDeps): void {
  app.get(
    '/api/v1/kb/review-due',
    { schema: { tags: ['kb'], querystring: ReviewDueQuery, response: { 200: ReviewDueResponse, ...protectedErrors } }, preHandler: deps.guard.require('kb:read') },
    async (request) => listReviewDue(deps, request.query),
  );
}
