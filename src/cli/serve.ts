import type { Command } from 'commander';
import { buildApp, startBackgroundWork, startChannels } from '../app.js';
import { ConfigError, loadConfig } from '../platform/config/config.js';
import { openDatabase, parseDatabaseUrl } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { createLogger } from '../platform/logging/logger.js';
import { seedDemoIfEmpty } from '../seed/demo.js';
import { runCommand } from './runtime.js';

/** `frontline serve`: migrate, create demo data on an empty database, and listen. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve Frontline on HOST:PORT: the API (web role), background work (worker role), or both (all)')
    .option('--role <role>', 'web, worker or all (default: FRONTLINE_ROLE, else all)')
    .action((options: { role?: string }) =>
      runCommand(async () => {
        const env = options.role ? { ...process.env, FRONTLINE_ROLE: options.role } : process.env;
        const config = loadConfig(env);
        // SQLite has one writer process: splitting roles into processes needs PostgreSQL.
        if (config.role !== 'all' && parseDatabaseUrl(config.databaseUrl).dialect === 'sqlite') {
          throw new ConfigError('FRONTLINE_ROLE', `${config.role} needs PostgreSQL (DATABASE_URL=postgres://…); on SQLite run one process with the role all`);
        }
        const logger = createLogger(config.logLevel);
        const db = await openDatabase(config.databaseUrl);
        const applied = await migrateToLatest(db);
        if (applied.length > 0) logger.info({ applied }, 'migrations applied');
        const { app, deps } = await buildApp({ config, db, logger, routes: config.role === 'worker' ? 'operations' : 'all' });
        if (config.demo && config.role !== 'worker') {
          const demo = await seedDemoIfEmpty(deps);
          // Printed once, on the start that creates them, and never logged.
          if (demo) process.stdout.write(`\nDemo data created. Sign in as ${demo.adminEmail} with password ${demo.adminPassword}\n\n`);
        }
        const stopBackground = config.role === 'web' ? async () => {} : startBackgroundWork(deps);
        // Inbound mail (SMTP listener, IMAP polling) is background work: the worker role's, or all.
        const email = config.role === 'web' ? undefined : await startChannels(deps);
        const close = async (signal: string) => {
          logger.info({ signal }, 'shutting down');
          await email?.stop();
          await stopBackground();
          await app.close();
          await db.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void close('SIGINT'));
        process.once('SIGTERM', () => void close('SIGTERM'));
        await app.listen({ port: config.port, host: config.host });
        const { port } = app.server.address() as { port: number };
        logger.info({ port, host: config.host, database: db.location, role: config.role }, 'Frontline is listening');
        process.stdout.write(`Frontline (${config.role}) is listening on http://localhost:${port} (database: ${db.dialect})\n`);
      }),
    );
}
