import type { Command } from 'commander';
import { seedDemo } from '../seed/demo.js';
import { seedSyntheticTickets } from '../seed/synthetic.js';
import { openRuntime, runCommand } from './runtime.js';

/** `frontline seed`: demo data for newcomers, or many synthetic tickets for benchmarks. */
export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description('Create demo data (--demo) or N synthetic tickets in bulk (--tickets N)')
    .option('--demo', 'create the demo help desk (admin, agents, groups, organisations, ~200 tickets)')
    .option('--tickets <n>', 'create N realistic synthetic tickets in bulk', (v) => Number.parseInt(v, 10))
    .option('--seed <n>', 'random seed for reproducible data', (v) => Number.parseInt(v, 10), 1)
    .action((options: { demo?: boolean; tickets?: number; seed: number }) =>
      runCommand(async () => {
        if (!options.demo && options.tickets === undefined) throw new Error('Say what to seed: --demo and/or --tickets N');
        if (options.tickets !== undefined && (!Number.isInteger(options.tickets) || options.tickets < 1)) throw new Error('--tickets must be a positive whole number');
        const deps = await openRuntime();
        try {
          if (options.demo) {
            const demo = await seedDemo(deps);
            process.stdout.write(`Demo data created. Sign in as ${demo.adminEmail} with password ${demo.adminPassword}\n`);
          }
          if (options.tickets !== undefined) {
            const started = performance.now();
            const created = await seedSyntheticTickets(deps, options.tickets, { seed: options.seed, onProgress: (n) => process.stderr.write(`\r${n} tickets`) });
            const seconds = (performance.now() - started) / 1000;
            process.stderr.write('\n');
            process.stdout.write(`Created ${created} tickets in ${seconds.toFixed(1)} s (${Math.round(created / seconds)} tickets/s)\n`);
          }
        } finally {
          await deps.db.close();
        }
      }),
    );
}
