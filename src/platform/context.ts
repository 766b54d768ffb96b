import type { Kysely } from 'kysely';
import type { Clock } from './clock.js';
import type { Config } from './config/config.js';
import type { Db } from './db/database.js';
import type { Database } from './db/tables.js';
import type { Logger } from './logging/logger.js';
import type { EventBus } from './events/bus.js';
import type { JobQueue } from './jobs/queue.js';
import type { TicketLifecycle } from '../tickets/lifecycle.js';

/** What every service needs: the database, the clock, the configuration and a logger. */
export interface Deps {
  db: Db;
  clock: Clock;
  config: Config;
  logger: Logger;
  events: EventBus;
  /** Persisted background jobs (see src/platform/jobs/queue.ts). */
  jobs: JobQueue;
  /** Features' hooks into ticket creation, updates and messages (see src/tickets/lifecycle.ts). */
  lifecycle: TicketLifecycle;
}

/** Runs work in one transaction: everything it writes commits together or not at all. */
export function inTransaction<T>(deps: Deps, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return deps.db.transaction(work);
}

/** What route modules receive: the services' dependencies plus the guard. */
export interface RouteDeps extends Deps {
  guard: import('./auth/guard.js').Guard;
}
