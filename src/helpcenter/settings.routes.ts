import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { protectedErrors } from '../platform/http/schemas.js';
import { SettingsSchema, UpdateSettingsBody } from './helpcenter.schema.js';
import { getSettings, updateSettings } from './settings.service.js';

/** The help center's site name, logo, public origin and theme (admins change them). */
export function registerSettingsRoutes(app: App, deps: RouteDeps): void {
  const tags = ['helpcenter'];
  app.get(
    '/api/v1/helpcenter/settings',
    { schema: { tags, response: { 200: SettingsSchema, ...protectedErrors } }, preHandler: deps.guard.require('kb:read') },
    async () => getSettings(deps),
  );
  app.patch(
    '/api/v1/helpcenter/settings',
    { schema: { tags, body: UpdateSettingsBody, response: { 200: SettingsSchema, ...protectedErrors } }, preHandler: deps.guard.require('settings:manage') },
    async (request) => updateSettings(deps, actorOf(request.principal!), request.body),
  );
}
