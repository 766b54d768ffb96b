import type { Command } from 'commander';
import { buildApp } from '../app.js';
import { loadConfig } from '../platform/config/config.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { createLogger } from '../platform/logging/logger.js';
import { seedDemoIfEmpty } from '../seed/demo.js';
import { runCommand } from './runtime.js';

/** `frontline serve`: migrate, create demo data on an empty database, and listen. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the API (and, later, the web app) on HOST:PORT')
    .option('--role <role>', 'web, worker or all', undefined)
    .action((options: { role?: string }) =>
      runCommand(async () => {
        const env = options.role ? { ...process.env, FRONTLINE_ROLE: options.role } : process.env;
        const config = loadConfig(env);
        const logger = createLogger(config.logLevel);
        const db = await openDatabase(config.databaseUrl);
        const applied = await migrateToLatest(db);
        if (applied.length > 0) logger.info({ applied }, 'migrations applied');
        const { app, deps } = await buildApp({ config, db, logger });
        if (config.demo) {
          const demo = await seedDemoIfEmpty(deps);
          // Printed once, on the start that creates them, and never logged.
          if (demo) process.stdout.write(`\nDemo data created. Sign in as ${demo.adminEmail} with password ${demo.adminPassword}\n\n`);
        }
        const close = async (signal: string) => {
          logger.info({ signal }, 'shutting down');
          await app.close();
          await db.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void close('SIGINT'));
        process.once('SIGTERM', () => void close('SIGTERM'));
        const address = await app.listen({ port: config.port, host: config.host });
        logger.info({ address, database: db.location, role: config.role }, 'Frontline is listening');
        process.stdout.write(`Frontline is listening on http://localhost:${config.port} (database: ${db.dialect})\n`);
      }),
    );
}
