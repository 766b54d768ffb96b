import { buildApp } from '../app.js';
import { createUser } from '../accounts/users.service.js';
import { createToken } from '../accounts/tokens.service.js';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import type { Role } from '../platform/auth/roles.js';
import { ManualClock } from '../platform/clock.js';
import { loadConfig, type Config } from '../platform/config/config.js';
import type { RouteDeps } from '../platform/context.js';
import { openDatabase, type DialectName } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { createLogger } from '../platform/logging/logger.js';
import type { App } from '../platform/http/server.js';
import { freshDatabaseUrl } from './databases.js';

export interface TestContext {
  app: App;
  deps: RouteDeps;
  clock: ManualClock;
  dialect: DialectName;
  /** Creates a user of the role and returns a bearer token for them. */
  userWithToken(role: Role, email?: string): Promise<{ token: string; userId: string; email: string }>;
  close(): Promise<void>;
}

let userCounter = 0;

/** A migrated, empty database of the dialect with the whole app built on it. */
export async function startTestApp(dialect: DialectName, overrides: Partial<Config> = {}): Promise<TestContext> {
  const { url, drop } = await freshDatabaseUrl(dialect);
  const config: Config = { ...loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', FRONTLINE_DEMO: '0' }), ...overrides };
  const db = await openDatabase(url, { poolSize: 5 });
  await migrateToLatest(db);
  const clock = new ManualClock();
  const { app, deps } = await buildApp({ config, db, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), clock });
  return {
    app,
    deps,
    clock,
    dialect,
    async userWithToken(role, email) {
      const address = email ?? `${role}${++userCounter}@example.test`;
      const user = await createUser(deps, SYSTEM_ACTOR, { email: address, name: `${role} ${userCounter}`, role, password: 'correct horse battery' });
      const { token } = await createToken(deps, SYSTEM_ACTOR, { userId: user.id, name: 'test' });
      return { token, userId: user.id, email: address };
    },
    async close() {
      await app.close();
      await db.close();
      await drop();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Catches the mail the app sends: replaces the `email.send` job's handler (the SMTP sender) with
 * one that keeps each payload, so a test drains the queue and reads what went out.
 */
export function captureMail(t: TestContext): Record<string, unknown>[] {
  const sent: Record<string, unknown>[] = [];
  t.deps.jobs.register<Record<string, unknown>>('email.send', async (payload) => void sent.push(payload));
  return sent;
}
