import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';
import type { App } from './server.js';

const HealthResponse = z.object({ status: z.literal('ok') });
const ReadyResponse = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ database: z.string(), migrations: z.string() }),
});

/** `/healthz`: the process answers. `/readyz`: the database answers and its schema is current. */
export function registerHealthRoutes(app: App, db: Db): void {
  app.get('/healthz', { schema: { tags: ['operations'], response: { 200: HealthResponse } } }, async () => ({
    status: 'ok' as const,
  }));
  app.get('/readyz', { schema: { tags: ['operations'], response: { 200: ReadyResponse, 503: ReadyResponse } } }, async (_req, reply) => {
    let database = 'ok';
    let migrations = 'ok';
    try {
      await sql`SELECT 1`.execute(db.kysely);
      const pending = await pendingMigrations(db);
      if (pending.length > 0) migrations = `pending: ${pending.join(', ')}`;
    } catch (error) {
      // The reason goes to the log, not to an unauthenticated probe.
      app.log.warn({ err: error }, 'readiness check failed');
      database = 'unreachable';
      migrations = 'unknown';
    }
    const ready = database === 'ok' && migrations === 'ok';
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks: { database, migrations } });
  });
}
