import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { LiveHub } from './live.hub.js';

/** The console's live stream (WebSocket at /api/v1/stream; protocol in docs/console.md). */
export function registerLiveRoutes(app: App, deps: RouteDeps): LiveHub {
  const hub = new LiveHub(deps);
  hub.attach(app.server);
  app.addHook('onClose', async () => hub.close());
  return hub;
}
