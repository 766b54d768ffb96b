import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createLogger } from '../src/platform/logging/logger.js';
import type { RouteDeps } from '../src/platform/context.js';

/**
 * A real server on a loopback port over a fresh SQLite file, for the browser to talk to. `env`
 * adds configuration; stored mail and attachments go to the same temporary directory.
 */
export async function startServer(env: Record<string, string> = {}): Promise<{ url: string; deps: RouteDeps; stop: () => Promise<void>; dropWebSockets: (forMs: number) => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'frontline-e2e-'));
  const databaseUrl = join(dir, 'e2e.db');
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', FRONTLINE_DEMO: '0', FRONTLINE_ATTACHMENTS_DIR: join(dir, 'attachments'), ...env });
  const db = await openDatabase(databaseUrl);
  await migrateToLatest(db);
  const { app, deps } = await buildApp({ config, db, logger: createLogger('silent') });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  // For tests of a lost connection: every WebSocket is cut, and new ones are refused for a while.
  const upgraded = new Set<Duplex>();
  let refuseUntil = 0;
  app.server.prependListener('upgrade', (_request, socket: Duplex) => {
    if (Date.now() < refuseUntil) return void socket.destroy();
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
  });
  return {
    url: address,
    deps,
    dropWebSockets: (forMs) => {
      refuseUntil = Date.now() + forMs;
      for (const socket of upgraded) socket.destroy();
    },
    stop: async () => {
      await app.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
