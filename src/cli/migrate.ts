import type { Command } from 'commander';
import { openRuntime, runCommand } from './runtime.js';

/** `frontline migrate`: applies pending migrations (the server also does this at start). */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(() =>
      runCommand(async () => {
        const deps = await openRuntime();
        process.stdout.write(`Database ${deps.db.location} (${deps.db.dialect}) is up to date.\n`);
        await deps.db.close();
      }),
    );
}
